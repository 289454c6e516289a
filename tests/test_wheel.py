"""The built wheel carries the grammar and the schema: install it in a fresh venv and convert."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

SEED = ROOT / "samples" / "000_4e3058176b58efe6.txt"


def _run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    assert proc.returncode == 0, f"{args}\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}"
    return proc


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", out, ROOT)
    (built,) = out.glob("agendaparse-*.whl")
    return built


def test_wheel_contains_grammar_schema_and_types(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "agendaparse/grammars/agenda.lark" in names
    assert "agendaparse/schemas/akomantoso30.xsd" in names
    assert "agendaparse/schemas/xml.xsd" in names
    assert "agendaparse/py.typed" in names


def test_installed_wheel_converts_and_validates_the_seed(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", venv)
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    _run(bindir / "python", "-m", "pip", "install", "-q", wheel)
    # run outside the source tree, so only the installed package can be imported
    out = tmp_path / "out"
    _run(bindir / "agendaparse", "convert", SEED, "--out", out, cwd=tmp_path)
    xml = out / f"{SEED.stem}.xml"
    assert b'name="agendaAnnotated"' in xml.read_bytes()
    _run(bindir / "agendaparse", "validate", xml, cwd=tmp_path)
    where = _run(
        bindir / "python", "-c", "import agendaparse; print(agendaparse.__file__)", cwd=tmp_path
    )
    assert str(venv) in where.stdout
