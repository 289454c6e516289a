"""The command line: show, convert (files, folders, stdin, --out), validate, schema, errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from agendaparse import cli
from agendaparse.cli import FAILED, OK, PARTIAL, USAGE, app

from .conftest import ROOT, SAMPLES

SEED = ROOT / "samples" / "000_4e3058176b58efe6.txt"
runner = CliRunner()


def test_show_draws_the_tree() -> None:
    result = runner.invoke(app, ["show", str(SEED), "--width", "100"])
    assert result.exit_code == OK
    assert "Organizational matters:" in result.stdout
    assert "Documentation" in result.stdout
    assert "2009-03-05" in result.stdout
    assert "paragraph-rejoined" in result.stdout


def test_show_escapes_square_brackets(tmp_path: Path) -> None:
    src = tmp_path / "brackets.txt"
    src.write_text("Provisional agenda\n\n[1]   Opening [of] the session.\n", encoding="utf-8")
    result = runner.invoke(app, ["show", str(src)])
    assert result.exit_code == OK
    assert "Opening [of] the session." in result.stdout


def test_convert_single_file_to_stdout() -> None:
    result = runner.invoke(app, ["convert", str(SEED), "--to", "akn"])
    assert result.exit_code == OK
    assert result.stdout.startswith("<?xml")
    assert 'name="agendaAnnotated"' in result.stdout


def test_convert_to_json_reads_back() -> None:
    from agendaparse import from_json, parse_file

    result = runner.invoke(app, ["convert", str(SEED), "--to", "json"])
    assert result.exit_code == OK
    assert json.loads(result.stdout)["format"] == "agendaparse"
    assert from_json(result.stdout) == parse_file(SEED)


def test_convert_stdin() -> None:
    result = runner.invoke(app, ["convert", "-", "--to", "json"], input=SEED.read_bytes())
    assert result.exit_code == OK
    assert json.loads(result.stdout)["source"] == "<stdin>"


def test_convert_folder_mirrors_the_tree(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "a").mkdir(parents=True)
    (src / "b").mkdir()
    (src / "a" / "same.txt").write_bytes(SEED.read_bytes())
    (src / "b" / "same.txt").write_bytes(SAMPLES[1].read_bytes())
    (src / "b" / "dots.in.name.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    result = runner.invoke(app, ["convert", str(src), "--out", str(out)])
    assert result.exit_code == OK, result.stderr
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.xml"))
    assert written == ["a/same.xml", "b/dots.in.name.xml", "b/same.xml"]
    assert not list(out.rglob("*.tmp"))


def test_convert_named_file_goes_to_out_stem(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(SEED), "--out", str(tmp_path), "--to", "json"])
    assert result.exit_code == OK
    assert (tmp_path / f"{SEED.stem}.json").exists()


def test_several_inputs_need_out() -> None:
    result = runner.invoke(app, ["convert", str(SEED), str(SAMPLES[1])])
    assert result.exit_code == USAGE
    assert "--out" in result.stderr


def test_missing_input_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(tmp_path / "nope.txt")])
    assert result.exit_code == USAGE
    assert "nope.txt" in result.stderr
    assert "Traceback" not in result.output


def test_strict_failure_names_file_line_and_column(tmp_path: Path) -> None:
    src = tmp_path / "odd.txt"
    src.write_text(
        "Provisional agenda\n\n1. Opening of the session.\n\nAnnotations\n\nAnnex\n\n"
        "(a) A lettered line where no item can be\n",
        encoding="utf-8",
    )
    lenient = runner.invoke(app, ["convert", str(src)])
    assert lenient.exit_code == OK
    result = runner.invoke(app, ["convert", str(src), "--strict", "--out", str(tmp_path / "o")])
    assert result.exit_code == FAILED
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{src}:")
    line, column = first.split(":")[1:3]
    assert int(line) > 0 and int(column) > 0
    assert "Traceback" not in result.output
    # only the manifest (which records the failure): no output, no temporary file
    left = sorted(p.name for p in (tmp_path / "o").iterdir())
    assert left == ["agendaparse-manifest.jsonl"]


def test_batch_goes_on_after_a_failure(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_bytes(SEED.read_bytes())
    (src / "bad.txt").write_text("Annotations\n\nAnnex\n\n(a) stray\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(app, ["convert", str(src), "--out", str(out), "--strict"])
    assert result.exit_code == PARTIAL
    assert (out / "good.xml").exists()
    assert not (out / "bad.xml").exists()


def test_validate_and_schema(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(app, ["convert", str(SEED), "--out", str(out)]).exit_code == OK
    xml = out / f"{SEED.stem}.xml"
    result = runner.invoke(app, ["validate", str(xml)])
    assert result.exit_code == OK
    broken = tmp_path / "broken.xml"
    broken.write_text(xml.read_text(encoding="utf-8").replace('eId="agenda"', 'eId="agenda x"'))
    result = runner.invoke(app, ["validate", str(broken)])
    assert result.exit_code == PARTIAL
    assert "eid-syntax" in result.stderr
    schema = runner.invoke(app, ["schema"])
    assert schema.exit_code == OK
    assert json.loads(schema.stdout)["$schema"].startswith("https://json-schema.org/")


def test_atomic_write_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x" / "doc.xml"

    class Boom(Exception):
        pass

    def explode(*_args: object) -> None:
        raise Boom

    monkeypatch.setattr("agendaparse.batch.os.replace", explode)
    with pytest.raises(Boom):
        cli.write_atomic(target, b"<data/>")
    assert list(target.parent.iterdir()) == []


def test_python_dash_m_works() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "agendaparse", "convert", str(SEED), "--to", "json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == OK, proc.stderr
    assert json.loads(proc.stdout)["language"] == "eng"
