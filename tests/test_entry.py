"""The script's entry point: one file to stdout without typer or rich, everything else to
the full command line -- and both say and write the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agendaparse.entry import (
    FAILED,
    INTERNAL,
    OK,
    USAGE,
    OneFile,
    convert_to_stdout,
    read_one_file,
)

from .conftest import ROOT

SEED = str(ROOT / "samples" / "000_4e3058176b58efe6.txt")

FAST = "from agendaparse.entry import main; main()"
FULL = "from agendaparse.cli import main; main()"


def _run(code: str, args: list[str], stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        input=stdin,
        capture_output=True,
        check=False,
        cwd=ROOT,
    )


@pytest.mark.parametrize(
    ("args", "request_"),
    [
        (["convert", "x.txt"], OneFile("x.txt")),
        (["convert", "x.txt", "--to", "json"], OneFile("x.txt", "json")),
        (["convert", "--to=json", "x.txt"], OneFile("x.txt", "json")),
        (["convert", "x.txt", "--lang", "fra", "-q"], OneFile("x.txt", lang="fra", quiet=True)),
        (["convert", "x.txt", "--lang=spa", "--strict"], OneFile("x.txt", strict=True, lang="spa")),
        (["convert", "-", "--quiet"], OneFile("-", quiet=True)),
    ],
)
def test_plain_one_file_conversions_are_recognised(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], request_: OneFile
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("Provisional agenda\n", encoding="utf-8")
    assert read_one_file(args) == request_


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["show", "x.txt"],
        ["convert"],
        ["convert", "x.txt", "y.txt"],  # several inputs need --out
        ["convert", "x.txt", "--out", "o"],
        ["convert", "x.txt", "--to", "both"],
        ["convert", "x.txt", "--to"],
        ["convert", "x.txt", "--to", "akn", "--to", "json"],
        ["convert", "x.txt", "--lang", "xx"],  # an unknown language: the full CLI says so
        ["convert", "missing.txt"],
        ["convert", "folder"],
        ["convert", "x.txt", "--help"],
        ["convert", "x.txt", "-j", "2"],
        ["convert", "--", "x.txt"],
        ["convert", "x.txt", "--strict=yes"],
    ],
)
def test_everything_else_goes_to_the_full_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_text("Provisional agenda\n", encoding="utf-8")
    (tmp_path / "y.txt").write_text("Provisional agenda\n", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    assert read_one_file(args) is None


@pytest.mark.parametrize(
    "args",
    [
        ["convert", SEED, "--to", "akn"],
        ["convert", SEED, "--to", "json", "--quiet"],
        ["convert", SEED, "--lang", "fra"],
        ["convert", "samples/sc_provisional_agenda.txt", "--strict"],
    ],
)
def test_the_fast_path_writes_and_says_what_the_full_command_line_does(args: list[str]) -> None:
    fast, full = _run(FAST, args), _run(FULL, args)
    assert fast.returncode == full.returncode == OK
    assert fast.stdout == full.stdout and fast.stdout.startswith((b"<?xml", b"{"))
    assert fast.stderr == full.stderr


def test_stdin_errors_and_failures_are_the_same_on_both_paths(tmp_path: Path) -> None:
    bad = tmp_path / "unreadable.txt"
    bad.write_text("x", encoding="utf-8")
    bad.chmod(0)
    empty = tmp_path / "notes.txt"
    empty.write_text("Just some words, no agenda at all.\n", encoding="utf-8")
    cases: list[tuple[list[str], bytes]] = [
        (["convert", "-", "--to", "json"], Path(SEED).read_bytes()),
        (["convert", str(empty), "--strict"], b""),
        (["convert", "missing.txt"], b""),
        (["convert", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")], b""),
    ]
    if not _readable(bad):
        cases.append((["convert", str(bad)], b""))
    for args, stdin in cases:
        fast, full = _run(FAST, args, stdin), _run(FULL, args, stdin)
        assert (fast.returncode, fast.stdout, fast.stderr) == (
            full.returncode,
            full.stdout,
            full.stderr,
        ), args
        assert fast.returncode in (OK, USAGE, FAILED, INTERNAL)
        assert b"Traceback" not in fast.stderr


def _readable(path: Path) -> bool:
    try:
        path.read_bytes()
    except OSError:
        return False
    return True  # running as root: permissions do not stop the read


def test_the_fast_path_loads_neither_typer_nor_rich() -> None:
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write("
        "'LOADED ' + ' '.join(m for m in ('typer', 'rich', 'lark') if m in sys.modules)))\n" + FAST
    )
    done = _run(code, ["convert", SEED, "--quiet"])
    assert done.returncode == OK
    assert done.stderr.decode().strip() == "LOADED"


class _ClosedPipe:
    """A stdout whose reader went away (``| head -c 10``)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self.buffer = self

    def write(self, data: bytes) -> int:
        raise BrokenPipeError(32, "Broken pipe")

    def flush(self) -> None:
        pass

    def fileno(self) -> int:
        return self._fd


def test_a_closed_pipe_ends_the_conversion_quietly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with (tmp_path / "stdout").open("wb") as handle:
        monkeypatch.setattr(sys, "stdout", _ClosedPipe(handle.fileno()))
        assert convert_to_stdout(OneFile(SEED, quiet=True)) == FAILED
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize(
    "args",
    [
        ["show", SEED],
        ["convert", SEED, "--out", "{out}", "--quiet"],
        ["validate", "{out}/000_4e3058176b58efe6.xml"],
        ["--help"],
    ],
)
def test_the_commands_load_no_validation_library(args: list[str], tmp_path: Path) -> None:
    """typer from 0.29 on builds a pydantic adapter for every option at every run (about a
    tenth of a second before any command starts); the version range in pyproject.toml keeps
    it out, and so does this test, whatever is installed."""
    out = tmp_path / "out"
    out.mkdir()
    golden = ROOT / "tests" / "golden" / "akn" / "000_4e3058176b58efe6.xml"
    (out / golden.name).write_bytes(golden.read_bytes())
    code = (
        "import atexit, sys\n"
        "atexit.register(lambda: sys.stderr.write("
        "'\\nLOADED ' + ' '.join(m for m in ('pydantic', 'typer') if m in sys.modules)))\n" + FULL
    )
    done = _run(code, [arg.format(out=out) for arg in args])
    assert done.returncode == OK, done.stderr.decode()
    assert done.stderr.decode().rstrip().rsplit("\n", 1)[-1] == "LOADED typer"
