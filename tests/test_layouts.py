"""Layouts the development corpus does not cover, scored like the corpus (needs ../shared)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

SCOREBOARD = SHARED / "tools" / "scoreboard.py"
# the second set was written after the first was read well; its floor is lower, for now
SETS = [("layouts", 0.93), ("layouts2", 0.85)]


@pytest.mark.skipif(not SCOREBOARD.exists(), reason="../shared/tools/scoreboard.py is not there")
@pytest.mark.parametrize(("name", "floor"), SETS)
def test_layouts_score(tmp_path: Path, name: str, floor: float) -> None:
    fixtures = ROOT / "tests" / "fixtures" / name
    figures = tmp_path / "score.json"
    subprocess.run(
        [
            sys.executable,
            str(SCOREBOARD),
            "--corpus",
            str(fixtures),
            "--cmd",
            f"{sys.executable} -m agendaparse",
            "--json",
            str(figures),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    score = json.loads(figures.read_text(encoding="utf-8"))
    assert score["tracebacks"] == 0
    assert score["xsd_valid"] == score["documents"] == 10
    assert score["item_f1"] >= floor
    assert score["cited_symbols_recall"] >= 0.7
    assert score["words_kept"] >= 0.995
