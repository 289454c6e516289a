"""The parse tables are kept in the user's cache folder, safely, and never in the package."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from agendaparse.grammar import START_RULES
from agendaparse.lalr import Tables

from .conftest import ROOT

CODE = (
    "from agendaparse.grammar import get_tables, grammar_text, parser_cache_path; "
    "get_tables(); print(parser_cache_path(grammar_text()))"
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
    good = path.read_bytes()
    for damage in (b"not tables", b'{"actions": [{"ITEM": 99999}], "rules": []}', good[:-40]):
        path.write_bytes(damage)
        assert Path(_run(tmp_path)) == path
        # rebuilt (Lark may number the states differently from one process to the next)
        assert Tables.from_data(json.loads(path.read_bytes())).start_states.keys() == set(
            START_RULES
        )


def test_a_conversion_with_cached_tables_does_not_import_lark(tmp_path: Path) -> None:
    _run(tmp_path)
    code = (
        "import sys, agendaparse; "
        "agendaparse.to_akn(agendaparse.parse('Provisional agenda\\n\\n1. Opening.\\n')); "
        "print('lark' in sys.modules)"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "", "AGENDAPARSE_CACHE_DIR": str(tmp_path)},
        cwd=ROOT,
    )
    assert proc.stdout.strip() == "False"


def test_cache_can_be_turned_off(tmp_path: Path) -> None:
    assert _run(tmp_path, AGENDAPARSE_NO_CACHE="1") == "None"
    assert list(tmp_path.iterdir()) == []


def test_the_cache_never_lives_in_the_package(tmp_path: Path) -> None:
    path = Path(_run(tmp_path))
    assert ROOT / "agendaparse" not in path.parents
