"""The built parser is kept in the user's cache folder, safely, and never in the package."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import ROOT

CODE = (
    "from agendaparse.grammar import get_parser, grammar_text, parser_cache_path; "
    "get_parser(); print(parser_cache_path(grammar_text()))"
)


def _run(cache: Path, **env: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-c", CODE],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "AGENDAPARSE_CACHE_DIR": str(cache), **env},
        cwd=ROOT,
    )
    return proc.stdout.strip()


def test_parser_is_cached_and_reused(tmp_path: Path) -> None:
    path = Path(_run(tmp_path))
    assert path.parent == tmp_path and path.exists()
    first = path.stat().st_mtime_ns
    assert Path(_run(tmp_path)) == path
    assert path.stat().st_mtime_ns == first  # read, not written again
    assert not list(tmp_path.glob("*.tmp"))


def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path) -> None:
    path = Path(_run(tmp_path))
    path.write_bytes(b"not a parser")
    assert Path(_run(tmp_path)) == path
    assert path.read_bytes() != b"not a parser"


def test_cache_can_be_turned_off(tmp_path: Path) -> None:
    assert _run(tmp_path, AGENDAPARSE_NO_CACHE="1") == "None"
    assert list(tmp_path.iterdir()) == []


def test_the_cache_never_lives_in_the_package(tmp_path: Path) -> None:
    path = Path(_run(tmp_path))
    assert ROOT / "agendaparse" not in path.parents
