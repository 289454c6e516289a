"""The import direction of the pipeline: each third-party library stays in its stage."""

from __future__ import annotations

import re

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "agendaparse"
ALLOWED = {
    "lark": {"grammar.py"},  # builds the tables; the runtime (lalr.py) needs no Lark
    "lxml": {"validate.py"},  # the AKN is written by xmlwriter.py; lxml reads and validates it
    "rich": {"cli.py", "progress.py", "tree_view.py"},
    "typer": {"cli.py"},
}


@pytest.mark.parametrize("library", sorted(ALLOWED))
def test_library_is_imported_only_by_its_stage(library: str) -> None:
    pattern = re.compile(rf"^\s*(?:from|import) {library}\b", re.MULTILINE)
    users = {p.name for p in PACKAGE.glob("*.py") if pattern.search(p.read_text(encoding="utf-8"))}
    assert users <= ALLOWED[library]


def test_model_imports_nothing_from_the_package() -> None:
    source = (PACKAGE / "model.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(?:from|import) agendaparse", source, re.MULTILINE)


def test_importing_the_library_does_not_load_the_command_line() -> None:
    import subprocess
    import sys

    code = "import sys, agendaparse; agendaparse.parse('Agenda'); print(sorted(m for m in ('rich', 'typer') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_every_warning_kind_is_known_and_documented() -> None:
    from agendaparse.model import WARNING_KINDS

    emitted: set[str] = set()
    for path in PACKAGE.glob("*.py"):
        if path.name == "validate.py":  # validation problems are rules, not reading warnings
            continue
        source = path.read_text(encoding="utf-8")
        emitted.update(re.findall(r'Diagnostic\(\s*"([a-z-]+)"', source))
        emitted.update(re.findall(r'repaired = "([a-z-]+)"', source))
        for pair in re.findall(r'"([a-z]+-[a-z-]+)" if \w+ else "([a-z]+-[a-z-]+)"', source):
            emitted.update(pair)
    assert emitted
    assert emitted <= set(WARNING_KINDS), emitted - set(WARNING_KINDS)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind in WARNING_KINDS:
        assert f"| `{kind}` |" in readme, kind
