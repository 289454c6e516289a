"""Converting whole archives: mirror tree, resume, manifest, report, exit codes, kill -9,
Ctrl-C, memory, and the Dask executor (issue 4)."""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import importlib
import io
import json
import os
import pickle
import signal
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from rich.console import Console
from typer.testing import CliRunner

import agendaparse
from agendaparse import batch, cli
from agendaparse.batch import MANIFEST_NAME, TMP_DIR_NAME, Result, Status, convert_many
from agendaparse.cli import FAILED, INTERRUPTED, OK, PARTIAL, USAGE, app

from .conftest import ROOT, SAMPLES

SEED = ROOT / "samples" / "000_4e3058176b58efe6.txt"
BAD = "Annotations\n\nAnnex\n\n(a) stray\n"
"""Converts leniently, fails with --strict."""
runner = CliRunner()


def tiny(i: int) -> str:
    return f"Provisional agenda\n\n1. Opening of the session {i}.\n2. Adoption of the agenda.\n"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def records(out: Path) -> list[dict[str, Any]]:
    lines = (out / MANIFEST_NAME).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def by_input(out: Path) -> dict[str, dict[str, Any]]:
    return {str(r["input"]): r for r in records(out)}


def statuses(out: Path) -> dict[str, str]:
    return {k: str(r["status"]) for k, r in by_input(out).items()}


def tree(out: Path) -> list[str]:
    """Output files (not the manifest), relative, sorted."""
    return sorted(
        p.relative_to(out).as_posix()
        for p in out.rglob("*")
        if p.is_file() and p.name != MANIFEST_NAME
    )


def leftovers(out: Path) -> list[Path]:
    return [p for p in out.rglob("*") if p.name.endswith(".tmp") or p.name == TMP_DIR_NAME]


def archive(root: Path) -> Path:
    """in/a/same.txt, in/b/same.txt, in/b/c/001_TD_TIMBER.3_1.txt (a dotted stem)."""
    src = root / "in"
    (src / "a").mkdir(parents=True)
    (src / "b" / "c").mkdir(parents=True)
    (src / "a" / "same.txt").write_bytes(SEED.read_bytes())
    (src / "b" / "same.txt").write_bytes(SAMPLES[1].read_bytes())
    (src / "b" / "c" / "001_TD_TIMBER.3_1.txt").write_bytes(SAMPLES[2].read_bytes())
    (src / "b" / "notes.md").write_text("not an agenda", encoding="utf-8")
    return src


def invoke(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["convert", *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stderr


# ---------------------------------------------------------------- tree, manifest, API


def test_convert_many_mirrors_the_tree_and_records_each_input(tmp_path: Path) -> None:
    src = archive(tmp_path)
    named = tmp_path / "named.v2.txt"
    named.write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    results = list(convert_many([src, named], out=out, jobs=1))
    assert all(isinstance(r, Result) for r in results)
    assert tree(out) == [
        "a/same.xml",
        "b/c/001_TD_TIMBER.3_1.xml",
        "b/same.xml",
        "named.v2.xml",
    ]
    assert leftovers(out) == []
    manifest = by_input(out)
    assert len(manifest) == len(results) == 4
    for result in results:
        record = manifest[result.input]
        assert Result.from_record(record) == result  # the manifest holds the result's fields
        source = Path(result.input)
        expected = agendaparse.parse_file(source)
        assert record["status"] == "converted"
        assert record["input_sha256"] == sha(source.read_bytes())
        assert record["warnings"] == len(expected.diagnostics)
        assert record["warning_kinds"] == sorted({d.kind for d in expected.diagnostics})
        assert record["version"] == agendaparse.__version__
        assert (record["to"], record["strict"], record["lang"]) == ("akn", False, None)
        assert isinstance(record["seconds"], float) and record["seconds"] > 0
        assert record["error"] is None
        [output] = record["outputs"]
        data = (out / output["path"]).read_bytes()
        assert output["sha256"] == sha(data)
        assert data == agendaparse.to_akn(expected)  # the same bytes as the API
    assert manifest[str(src / "a" / "same.txt")]["warning_kinds"] == ["paragraph-rejoined"]
    assert len(result.messages) == result.warnings
    assert (out / "a" / "same.xml").stat().st_mode & 0o777 == 0o666 & ~batch._UMASK


def test_to_both_writes_xml_and_json(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _ = invoke(str(SEED), "--to", "both", "--out", str(out), "-j1")
    assert code == OK
    assert tree(out) == [f"{SEED.stem}.json", f"{SEED.stem}.xml"]
    assert agendaparse.from_json((out / f"{SEED.stem}.json").read_text()) == (
        agendaparse.parse_file(str(SEED))
    )
    [record] = records(out)
    assert [o["path"] for o in record["outputs"]] == [
        f"{SEED.stem}.xml",
        f"{SEED.stem}.json",
    ]


def test_results_are_frozen_and_picklable(tmp_path: Path) -> None:
    [result] = convert_many(SEED, out=tmp_path, jobs=1)
    assert pickle.loads(pickle.dumps(result)) == result
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.status = Status.failed  # type: ignore[misc]


def test_convert_many_checks_its_arguments_at_once(tmp_path: Path) -> None:
    for bad in (
        {"to": "pdf"},
        {"executor": "spark"},
        {"jobs": 0},
        {"lang": "xx"},
        {"scheduler": "tcp://127.0.0.1:1"},
    ):
        with pytest.raises(ValueError):
            convert_many([SEED], out=tmp_path, **bad)
    assert not (tmp_path / MANIFEST_NAME).exists()


def test_stopping_early_records_what_finished(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"{i:02d}.txt").write_text(tiny(i), encoding="utf-8")
    out = tmp_path / "out"
    results = convert_many([src], out=out, jobs=2)
    first = next(results)
    results.close()
    done = statuses(out)
    assert first.input in done
    assert 1 <= len(done) < 40
    assert leftovers(out) == []
    for record in records(out):  # every recorded output is complete
        for output in record["outputs"]:
            assert sha((out / output["path"]).read_bytes()) == output["sha256"]
    again = list(convert_many([src], out=out, jobs=2))
    assert sum(r.status is Status.skipped for r in again) == len(done)
    assert sum(r.status is Status.converted for r in again) == 40 - len(done)


# ---------------------------------------------------------------- resume


def test_rerun_skips_up_to_date_inputs_by_content_not_time(tmp_path: Path) -> None:
    src = archive(tmp_path)
    out = tmp_path / "out"
    assert invoke(str(src), "--out", str(out), "-j2")[0] == OK
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*.xml")}
    future = time.time() + 3600
    for path in src.rglob("*.txt"):
        os.utime(path, (future, future))  # newer inputs, same content: still up to date
    code, stderr = invoke(str(src), "--out", str(out), "-j2")
    assert code == OK
    assert set(statuses(out).values()) == {"skipped"}
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*.xml")} == stamps  # not rewritten
    assert len(records(out)) == 3  # compacted: one record per input
    assert "skipped" in stderr  # the summary

    changed = src / "b" / "same.txt"
    changed.write_bytes(changed.read_bytes().replace(b"agenda", b"Agenda", 1))
    assert invoke(str(src), "--out", str(out), "-j1")[0] == OK
    assert statuses(out) == {
        str(src / "a" / "same.txt"): "skipped",
        str(src / "b" / "same.txt"): "converted",
        str(src / "b" / "c" / "001_TD_TIMBER.3_1.txt"): "skipped",
    }
    assert by_input(out)[str(changed)]["input_sha256"] == sha(changed.read_bytes())


def test_force_version_and_options_make_it_convert_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = archive(tmp_path)
    out = tmp_path / "out"

    def run(*extra: str) -> set[str]:
        assert invoke(str(src), "--out", str(out), "-j1", *extra)[0] == OK
        return set(statuses(out).values())

    assert run() == {"converted"}
    assert run() == {"skipped"}
    assert run("--force") == {"converted"}
    assert run("--strict") == {"converted"}  # strict changes what is written
    assert run("--strict") == {"skipped"}
    assert run("--strict", "--lang", "eng") == {"converted"}
    monkeypatch.setattr(agendaparse, "__version__", "99.0.0")
    assert run("--strict", "--lang", "eng") == {"converted"}  # another tool version
    assert {r["version"] for r in records(out)} == {"99.0.0"}
    assert run("--strict", "--lang", "eng") == {"skipped"}


def test_missing_or_changed_outputs_are_written_again(tmp_path: Path) -> None:
    src = archive(tmp_path)
    out = tmp_path / "out"
    assert invoke(str(src), "--out", str(out), "-j1")[0] == OK
    (out / "a" / "same.xml").unlink()
    with (out / "b" / "same.xml").open("r+b") as handle:
        handle.truncate(100)
    assert invoke(str(src), "--out", str(out), "-j1")[0] == OK
    assert statuses(out) == {
        str(src / "a" / "same.txt"): "converted",
        str(src / "b" / "same.txt"): "converted",
        str(src / "b" / "c" / "001_TD_TIMBER.3_1.txt"): "skipped",
    }
    for record in records(out):
        for output in record["outputs"]:
            assert sha((out / output["path"]).read_bytes()) == output["sha256"]


def test_formats_are_resumed_separately(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert invoke(str(SEED), "--out", str(out), "--to", "akn")[0] == OK
    assert invoke(str(SEED), "--out", str(out), "--to", "json")[0] == OK
    assert invoke(str(SEED), "--out", str(out), "--to", "akn")[0] == OK
    assert [(r["to"], r["status"]) for r in records(out)] == [
        ("json", "converted"),
        ("akn", "skipped"),
    ]


def test_a_record_cut_by_a_crash_is_ignored(tmp_path: Path) -> None:
    src = archive(tmp_path)
    out = tmp_path / "out"
    assert invoke(str(src), "--out", str(out), "-j1")[0] == OK
    with (out / MANIFEST_NAME).open("a", encoding="utf-8") as handle:
        handle.write('{"input": "in/x.txt", "target": "x", "st')  # no newline: cut off
    assert invoke(str(src), "--out", str(out), "-j1")[0] == OK
    assert set(statuses(out).values()) == {"skipped"}
    assert len(records(out)) == 3  # every line parses again


def test_output_folder_inside_the_input_folder_is_not_read(tmp_path: Path) -> None:
    src = archive(tmp_path)
    out = src / "converted"
    for _ in range(2):
        assert invoke(str(src), "--out", str(out), "--glob", "*", "-j1")[0] == OK
    inputs = sorted(Path(i).relative_to(src).as_posix() for i in by_input(out))
    assert inputs == ["a/same.txt", "b/c/001_TD_TIMBER.3_1.txt", "b/notes.md", "b/same.txt"]


def test_glob_chooses_the_files(tmp_path: Path) -> None:
    src = tmp_path / "in"
    (src / "x").mkdir(parents=True)
    (src / "x" / "one.TXT").write_text(tiny(1), encoding="utf-8")
    (src / "x" / "two.txt").write_text(tiny(2), encoding="utf-8")
    out = tmp_path / "out"
    assert invoke(str(src), "--out", str(out), "--glob", "*.TXT")[0] == OK
    assert tree(out) == ["x/one.xml"]


def test_stdin_with_out(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["convert", "-", "--out", str(tmp_path), "--to", "json"], input=SEED.read_bytes()
    )
    assert result.exit_code == OK, result.stderr
    assert json.loads((tmp_path / "stdin.json").read_text())["source"] == "<stdin>"
    [record] = records(tmp_path)
    assert record["input_sha256"] == sha(SEED.read_bytes())


# ---------------------------------------------------------------- report, exit codes


def test_csv_report_and_summary(tmp_path: Path) -> None:
    src = archive(tmp_path)
    (src / "bad.txt").write_text(BAD, encoding="utf-8")
    out = tmp_path / "out"
    report = tmp_path / "report.csv"
    code, stderr = invoke(str(src), "--out", str(out), "--strict", "--report", str(report))
    assert code == PARTIAL
    rows = list(csv.DictReader(report.open(newline="")))
    assert list(rows[0]) == list(cli.REPORT_COLUMNS)
    assert len(rows) == 4
    manifest = by_input(out)
    for row in rows:
        record = manifest[row["input"]]
        assert row["status"] == record["status"]
        assert row["input_sha256"] == record["input_sha256"]
        assert row["outputs"] == ";".join(o["path"] for o in record["outputs"])
        assert row["output_sha256"] == ";".join(o["sha256"] for o in record["outputs"])
        assert int(row["warnings"]) == record["warnings"]
    bad = next(row for row in rows if row["input"].endswith("bad.txt"))
    assert bad["status"] == "failed"
    assert bad["error"].startswith(f"{src / 'bad.txt'}:5:1:")
    assert bad["outputs"] == ""
    # the summary table on stderr
    assert "converted" in stderr and "failed" in stderr and MANIFEST_NAME in stderr
    assert f"{src / 'bad.txt'}:5:1:" in stderr  # the error itself


def make_mixed(root: Path, names: list[str]) -> Path:
    src = root / "in"
    src.mkdir(parents=True)
    for name in names:
        text = BAD if "bad" in name else tiny(len(name))
        (src / name).write_text(text, encoding="utf-8")
    return src


def test_fail_fast_stops_at_the_first_failure(tmp_path: Path) -> None:
    src = make_mixed(tmp_path, ["a_good.txt", "b_bad.txt", "c_good.txt", "d_good.txt"])
    out = tmp_path / "out"
    code, stderr = invoke(str(src), "--out", str(out), "--strict", "--fail-fast", "-j1")
    assert code == PARTIAL
    assert statuses(out) == {str(src / "a_good.txt"): "converted", str(src / "b_bad.txt"): "failed"}
    assert tree(out) == ["a_good.xml"]
    assert "--fail-fast" in stderr

    code, _ = invoke(str(src), "--out", str(out), "--strict", "-j1")  # not fail-fast: all
    assert code == PARTIAL
    assert tree(out) == ["a_good.xml", "c_good.xml", "d_good.xml"]

    first_bad = make_mixed(tmp_path / "2", ["a_bad.txt", "b_good.txt"])
    out2 = tmp_path / "out2"
    code, _ = invoke(str(first_bad), "--out", str(out2), "--strict", "--fail-fast", "-j1")
    assert code == FAILED
    assert tree(out2) == []


def test_exit_codes(tmp_path: Path) -> None:
    good = make_mixed(tmp_path / "g", ["a.txt", "b.txt"])
    bad = make_mixed(tmp_path / "b", ["a_bad.txt", "b_bad.txt"])
    out = tmp_path / "out"
    assert invoke(str(good), "--out", str(out / "1"))[0] == OK
    assert invoke(str(good), str(bad), "--out", str(out / "2"), "--strict")[0] == PARTIAL
    assert invoke(str(bad), "--out", str(out / "3"), "--strict", "-j2")[0] == FAILED
    (tmp_path / "empty").mkdir()
    a_file = tmp_path / "file"
    a_file.write_text("x", encoding="utf-8")
    usage = [
        [str(tmp_path / "empty"), "--out", str(out / "4")],  # no inputs found
        [str(tmp_path / "nope"), "--out", str(out / "4")],  # missing
        [str(good)],  # several inputs without --out
        [str(SEED), "--to", "both"],  # two outputs without --out
        [str(good), "--out", str(out / "4"), "--jobs", "0"],
        [str(good), "--out", str(out / "4"), "--scheduler", "tcp://127.0.0.1:1"],
        [str(good), "--out", str(out / "4"), "--lang", "xx"],
        [str(good), "--out", str(a_file)],  # --out is a file
        [str(good), "--out", str(out / "4"), "--to", "pdf"],
    ]
    for args in usage:
        code, stderr = invoke(*args)
        assert code == USAGE, (args, stderr)
    assert not (out / "4").exists()


def test_a_second_run_on_the_same_folder_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    holder = batch._Manifest(out / MANIFEST_NAME)
    try:
        code, stderr = invoke(str(SEED), "--out", str(out))
    finally:
        holder.close()
    assert code == FAILED
    assert "another agendaparse run" in stderr
    assert invoke(str(SEED), "--out", str(out))[0] == OK


def test_write_atomic_keeps_the_old_file_on_failure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "doc.xml"
    target.write_bytes(b"<old/>")
    tmp_dir = tmp_path / TMP_DIR_NAME
    tmp_dir.mkdir()

    def interrupted(*_args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("agendaparse.batch.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        batch.write_atomic(target, b"<new/>", tmp_dir=tmp_dir)
    assert target.read_bytes() == b"<old/>"
    assert list(tmp_dir.iterdir()) == []
    assert cli.write_atomic is batch.write_atomic


# ---------------------------------------------------------------- progress bar


def test_progress_bar_only_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = make_mixed(tmp_path, [f"{i:02d}.txt" for i in range(30)] + ["z_bad.txt"])

    def run(terminal: bool, *extra: str) -> str:
        screen = io.StringIO()
        monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=terminal, width=150))
        invoke(str(src), "--out", str(tmp_path / "out"), "-j1", "--force", *extra)
        return screen.getvalue()

    shown = run(True, "--strict")
    assert "Converting" in shown and "files/s" in shown and "ETA" in shown
    assert "1 failed" in shown  # failures so far
    assert "/31" in shown  # the total, counted while converting
    assert "Converting" not in run(False, "--strict")  # stderr is not a terminal
    assert run(True, "--quiet") == ""  # nothing at all: no bar, no summary, no warnings


# ---------------------------------------------------------------- kill -9, Ctrl-C


def seed_archive(root: Path, count: int) -> Path:
    """``count`` seed-sized agendas (about 15 ms each to convert)."""
    src = root / "in"
    text = SEED.read_text(encoding="utf-8")
    for i in range(count):
        path = src / f"p{i % 4}" / f"{i:04d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("5 March 2009", f"{1 + i % 28} March 2009"), "utf-8")
    return src


def start(src: Path, out: Path, *extra: str) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "agendaparse", "convert", str(src), "--out", str(out), *extra]
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True
    )


def wait_for_records(out: Path, proc: subprocess.Popen[str], count: int) -> None:
    deadline = time.monotonic() + 60
    manifest = out / MANIFEST_NAME
    while time.monotonic() < deadline and proc.poll() is None:
        if manifest.exists() and manifest.read_bytes().count(b"\n") >= count:
            return
        time.sleep(0.02)
    pytest.fail(f"no {count} records before the end: {proc.poll()}")


def group_alive(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    alive = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[2]) == pgid and fields[0] != "Z":
            alive.append(int(entry.name))
    return alive


def check_outputs_complete(src: Path, out: Path) -> int:
    """Every output file is a whole document, and the recorded ones match their sha256."""
    outputs = list(out.rglob("*.xml"))
    for path in outputs:
        etree.parse(str(path))  # a cut file does not parse
    for record in records(out):
        for output in record["outputs"]:
            assert sha((out / output["path"]).read_bytes()) == output["sha256"]
    tmps = [p for p in out.rglob("*.tmp") if p.parent.name != TMP_DIR_NAME]
    assert tmps == []  # temporary files only ever live in OUT/.agendaparse-tmp
    return len(outputs)


def rerun_completes(src: Path, out: Path, total: int, before: int) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "agendaparse", "convert", str(src), "--out", str(out), "-j2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == OK, proc.stderr
    assert "Traceback" not in proc.stderr
    done = statuses(out)
    assert len(done) == total
    assert sum(s == "skipped" for s in done.values()) >= before
    assert leftovers(out) == []
    assert len(list(out.rglob("*.xml"))) == total
    check_outputs_complete(src, out)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_kill_9_leaves_no_partial_output_and_a_rerun_completes(tmp_path: Path) -> None:
    src = seed_archive(tmp_path, 300)
    out = tmp_path / "out"
    proc = start(src, out, "-j2")
    wait_for_records(out, proc, 40)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole command: parent and workers
    proc.wait()
    recorded = len(records(out))
    assert 40 <= recorded < 300
    check_outputs_complete(src, out)
    rerun_completes(src, out, 300, recorded)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_workers_of_a_killed_parent_exit(tmp_path: Path) -> None:
    src = seed_archive(tmp_path, 300)
    out = tmp_path / "out"
    proc = start(src, out, "-j2")
    wait_for_records(out, proc, 20)
    os.kill(proc.pid, signal.SIGKILL)  # the parent only
    proc.wait()
    deadline = time.monotonic() + 15
    while group_alive(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert group_alive(proc.pid) == []  # no worker lingers
    recorded = len(records(out))
    check_outputs_complete(src, out)
    rerun_completes(src, out, 300, recorded)


def test_a_killed_worker_fails_its_files_and_the_batch_goes_on(tmp_path: Path) -> None:
    psutil = pytest.importorskip("psutil")
    src = seed_archive(tmp_path, 200)
    out = tmp_path / "out"
    proc = start(src, out, "-j2")
    wait_for_records(out, proc, 20)
    parent = psutil.Process(proc.pid)
    servers = [p for p in parent.children() if "forkserver" in " ".join(p.cmdline())]
    workers = [w for s in servers for w in s.children()]
    assert workers, parent.children(recursive=True)
    workers[0].kill()
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == PARTIAL, stderr
    assert "worker process died" in stderr
    assert "Traceback" not in stderr
    done = statuses(out)
    assert len(done) == 200  # the batch went on after the broken pool
    failed = [k for k, s in done.items() if s == "failed"]
    # at most the inputs in flight: 2 workers, their groups, twice (the pool is replaced)
    assert 1 <= len(failed) <= 2 * batch.WINDOW_PER_JOB * batch.GROUP_FILES * 2
    check_outputs_complete(src, out)
    rerun_completes(src, out, 200, 200 - len(failed))


def test_ctrl_c_and_sigterm_stop_cleanly(tmp_path: Path) -> None:
    src = seed_archive(tmp_path, 300)
    for how, target in (("SIGINT", "group"), ("SIGTERM", "parent")):
        out = tmp_path / f"out-{how}"
        proc = start(src, out, "-j2")
        wait_for_records(out, proc, 20)
        sig = getattr(signal, how)
        if target == "group":
            os.killpg(proc.pid, sig)  # as a terminal's Ctrl-C does
        else:
            os.kill(proc.pid, sig)
        _, stderr = proc.communicate(timeout=60)
        assert proc.returncode == INTERRUPTED, stderr
        assert "interrupted" in stderr
        assert "Traceback" not in stderr
        assert leftovers(out) == []  # a clean stop leaves no temporary file at all
        recorded = len(records(out))
        assert len(list(out.rglob("*.xml"))) >= recorded
        check_outputs_complete(src, out)
        rerun_completes(src, out, 300, recorded)


# ---------------------------------------------------------------- memory


def tiny_archive(root: Path, count: int) -> Path:
    src = root / "in"
    for i in range(count):
        folder = src / f"d{i // 500:03d}"
        if i % 500 == 0:
            folder.mkdir(parents=True)
        (folder / f"a{i:05d}.txt").write_text(tiny(i), encoding="utf-8")
    return src


def peak_while_converting(src: Path, out: Path) -> tuple[int, int]:
    """(files converted, peak traced memory above the start) of this process."""
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        done = sum(r.status is Status.converted for r in convert_many([src], out=out, jobs=2))
        return done, tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()


def test_memory_stays_flat_as_the_number_of_files_grows(tmp_path: Path) -> None:
    small = tiny_archive(tmp_path / "small", 2_000)
    large = tiny_archive(tmp_path / "large", 20_000)
    for i in range(100_000):  # grow the interpreter's string tables once, before measuring
        Path(f"warm-up-{i}.txt")
    done_small, peak_small = peak_while_converting(small, tmp_path / "small-out")
    done_large, peak_large = peak_while_converting(large, tmp_path / "large-out")
    assert (done_small, done_large) == (2_000, 20_000)
    assert len(records(tmp_path / "large-out")) == 20_000
    # holding the 20,000 paths alone would take about 8 MB, the results far more
    assert peak_large - peak_small < 1_500_000, (peak_small, peak_large)


# ---------------------------------------------------------------- Dask


@pytest.fixture(scope="module")
def dask_scheduler() -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=":0"
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def comparable(out: Path) -> dict[str, tuple[object, ...]]:
    return {
        str(r["target"]): (r["status"], r["outputs"], r["input_sha256"], r["warnings"])
        for r in records(out)
    }


def test_dask_executor_gives_what_the_local_one_gives(tmp_path: Path, dask_scheduler: str) -> None:
    src = archive(tmp_path)
    (src / "bad.txt").write_text(BAD, encoding="utf-8")
    local, dask = tmp_path / "local", tmp_path / "dask"
    list(convert_many([src], out=local, jobs=2, strict=True, to="both"))
    results = list(
        convert_many(
            [src], out=dask, executor="dask", scheduler=dask_scheduler, strict=True, to="both"
        )
    )
    assert len(results) == 4
    assert comparable(dask) == comparable(local), (records(dask), records(local))
    assert tree(dask) == tree(local)
    for name in tree(local):
        assert (dask / name).read_bytes() == (local / name).read_bytes()
    # the command line, and resuming, through the same cluster
    code, _ = invoke(
        str(src), "--out", str(dask), "--to", "both", "--strict",
        "--executor", "dask", "--scheduler", dask_scheduler,
    )  # fmt: skip
    assert code == PARTIAL
    assert sorted(statuses(dask).values()) == ["failed", "skipped", "skipped", "skipped"]


def test_dask_without_a_scheduler_starts_a_local_cluster(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    src = archive(tmp_path)
    local, dask = tmp_path / "local", tmp_path / "dask"
    list(convert_many([src], out=local, jobs=1))
    results = list(convert_many([src], out=dask, executor="dask", jobs=1))
    assert {r.status for r in results} == {Status.converted}
    assert comparable(dask) == comparable(local)


def test_an_unreachable_scheduler_is_reported(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    import dask

    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        code, stderr = invoke(
            str(SEED), "--out", str(tmp_path), "--executor", "dask",
            "--scheduler", "tcp://127.0.0.1:9",
        )  # fmt: skip
    assert code == FAILED
    assert "cannot connect to the Dask scheduler at tcp://127.0.0.1:9" in stderr
    assert tree(tmp_path) == []


def test_dask_without_the_extra_says_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_import = importlib.import_module

    def no_distributed(name: str) -> object:
        if name == "distributed":
            raise ImportError(name)
        return real_import(name)

    monkeypatch.setattr("agendaparse.batch.importlib.import_module", no_distributed)
    code, stderr = invoke(str(SEED), "--out", str(tmp_path), "--executor", "dask")
    assert code == FAILED
    assert "pip install 'agendaparse[dask]'" in stderr


def test_python_dash_m_batch_matches_the_scoreboard_contract(tmp_path: Path) -> None:
    """``convert FILES... --to akn --out DIR`` writes DIR/<stem>.xml for each file."""
    files = SAMPLES[:3]
    cmd = [sys.executable, "-m", "agendaparse", "convert", *map(str, files)]
    proc = subprocess.run(
        [*cmd, "--to", "akn", "--out", str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert proc.returncode == OK, proc.stderr
    assert tree(tmp_path) == sorted(f"{p.stem}.xml" for p in files)


# ---------------------------------------------------------------- when workers start


class _CountedPool(batch._LocalPool):
    """The real pool, counting how many are started."""

    started = 0

    def __init__(self, jobs: int) -> None:
        type(self).started += 1
        super().__init__(jobs)


@pytest.mark.parametrize(
    ("inputs", "missing", "jobs", "pools"),
    [
        (1, 0, 2, 0),  # one agenda: converted here, whatever -j says
        (1, 0, None, 0),
        (0, 1, 2, 0),  # one input, which fails to be read
        (2, 0, 2, 1),
        (1, 1, 2, 1),  # two inputs to read: the workers share them
        (5, 0, 1, 0),
    ],
)
def test_workers_start_only_for_two_conversions_or_more(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    inputs: int,
    missing: int,
    jobs: int | None,
    pools: int,
) -> None:
    monkeypatch.setattr(batch, "_LocalPool", _CountedPool)
    monkeypatch.setattr(_CountedPool, "started", 0)
    monkeypatch.setattr(batch, "_cpu_count", lambda: 2)
    src = tmp_path / "in"
    src.mkdir()
    paths: list[Path | str] = []
    for i in range(inputs):
        path = src / f"{i}.txt"
        path.write_text(tiny(i), encoding="utf-8")
        paths.append(path)
    paths += [str(src / f"missing{i}.txt") for i in range(missing)]
    results = list(convert_many(paths, out=tmp_path / "out", jobs=jobs))
    assert _CountedPool.started == pools
    assert sorted(r.status.value for r in results) == sorted(
        ["converted"] * inputs + ["failed"] * missing
    )
    for i in range(inputs):  # every input converted, in this process or by workers
        assert (tmp_path / "out" / f"{i}.xml").read_bytes() == agendaparse.to_akn(
            agendaparse.parse(tiny(i))
        )


# ---------------------------------------------------------------- groups of inputs


def task(i: int, size: int = 10) -> batch.Task:
    return batch.Task(
        source=f"{i}.txt",
        path=f"/nonexistent/{i}.txt",
        target=str(i),
        out="/nonexistent",
        to="akn",
        strict=False,
        lang=None,
        version="0",
        data=b"x" * size,
    )


def failure(name: str) -> Result:
    return Result(input=name, target=name, status=Status.failed, error="cannot read folder")


def sources(groups: list[list[batch.Task] | Result]) -> list[list[str] | str]:
    return [g.input if isinstance(g, Result) else [t.source for t in g] for g in groups]


def test_tasks_go_one_by_one_while_a_worker_is_idle_then_in_groups() -> None:
    in_flight = 0

    def idle() -> bool:  # two workers; every group sent stays in flight
        return in_flight < 2

    groups = []
    for group in batch._groups(iter([task(i) for i in range(20)]), idle):
        groups.append(group)
        in_flight += 1
    files = batch.GROUP_FILES
    assert sources(groups) == [
        ["0.txt"],
        ["1.txt"],
        [f"{i}.txt" for i in range(2, 2 + files)],
        [f"{i}.txt" for i in range(2 + files, 2 + 2 * files)],
        [f"{i}.txt" for i in range(2 + 2 * files, 20)],  # the rest, when the items end
    ]


def test_a_group_is_cut_at_its_size_and_results_pass_through_in_place() -> None:
    big = batch.GROUP_BYTES // 3 + 1  # three of them are more than a group
    items: list[batch.Task | Result] = [
        task(0, big),
        failure("a"),
        task(1, big),
        task(2, big),
        task(3),
        failure("b"),
    ]
    groups = list(batch._groups(iter(items), lambda: False))
    assert sources(groups) == ["a", ["0.txt", "1.txt", "2.txt"], "b", ["3.txt"]]


def test_the_size_of_an_input_on_disk_counts_and_a_missing_one_counts_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * 1234)
    on_disk = dataclasses.replace(task(0), path=str(path), data=None)
    missing = dataclasses.replace(task(1), data=None)
    assert batch._input_size(on_disk) == 1234
    assert batch._input_size(missing) == 0
    assert batch._input_size(task(2, 77)) == 77
