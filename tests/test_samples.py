"""Every sample, every stage: golden files, schema validity, determinism."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from lxml import etree
from rich.console import Console

import agendaparse
from agendaparse.api import parse_tree, preprocess
from agendaparse.tree_view import build_tree
from agendaparse.validate import validate_bytes

from .conftest import GOLDEN, SAMPLES, check_golden

IDS = [p.stem for p in SAMPLES]


def _parse(sample: Path) -> agendaparse.Agenda:
    """Parse with a source name that does not depend on where the checkout lives."""
    return agendaparse.parse_bytes(sample.read_bytes(), source=f"samples/{sample.name}")


def test_there_are_enough_samples() -> None:
    assert len(SAMPLES) >= 9


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_tree_golden(sample: Path, update_goldens: bool) -> None:
    clean = preprocess(sample.read_text(encoding="utf-8"), source=sample.name)
    tree, _lang, _diagnostics, _furniture = parse_tree(clean)
    check_golden(GOLDEN / "tree" / f"{sample.stem}.txt", tree.pretty(), update_goldens)


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_model_golden(sample: Path, update_goldens: bool) -> None:
    agenda = _parse(sample)
    check_golden(
        GOLDEN / "model" / f"{sample.stem}.json", agendaparse.to_json(agenda), update_goldens
    )


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_akn_golden(sample: Path, update_goldens: bool) -> None:
    xml = agendaparse.to_akn(_parse(sample)).decode("utf-8")
    check_golden(GOLDEN / "akn" / f"{sample.stem}.xml", xml, update_goldens)


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_view_golden(sample: Path, update_goldens: bool) -> None:
    console = Console(width=100, color_system=None, record=True, file=io.StringIO())
    console.print(build_tree(_parse(sample)))
    check_golden(GOLDEN / "view" / f"{sample.stem}.txt", console.export_text(), update_goldens)


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_akn_is_valid_and_deterministic(sample: Path) -> None:
    first = agendaparse.to_akn(_parse(sample))
    second = agendaparse.to_akn(_parse(sample))
    assert first == second
    assert validate_bytes(first, source=sample.name) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_akn_contract(sample: Path) -> None:
    """The fixed paths of the contract: one agenda list, items with num and heading."""
    ns = {"a": "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"}
    agenda = _parse(sample)
    root = etree.fromstring(agendaparse.to_akn(agenda))
    body = root.find("a:debateReport/a:mainBody", ns)
    assert body is not None
    assert len(body.findall("a:hcontainer[@name='agenda']", ns)) == 1
    items = root.findall(".//a:hcontainer[@name='agenda']//a:hcontainer[@name='agendaItem']", ns)
    assert items, "every sample has an agenda list"
    for item in items:
        assert item.find("a:num", ns) is not None
        assert item.find("a:heading", ns) is not None
    name = root.find("a:debateReport", ns).get("name")
    assert name == ("agendaAnnotated" if agenda.annotations is not None else "agendaListing")
    if agenda.masthead.symbol:
        alias = root.find(".//a:FRBRWork/a:FRBRalias[@name='symbol']", ns)
        assert alias is not None and alias.get("value") == agenda.masthead.symbol.text


_WORD = __import__("re").compile(r"[^\W\d_]{3,}")


@pytest.mark.parametrize("sample", SAMPLES, ids=IDS)
def test_no_word_is_lost(sample: Path) -> None:
    """Every word of the input is in the AKN text or in the recorded furniture."""
    agenda = _parse(sample)
    root = etree.fromstring(agendaparse.to_akn(agenda))
    body = root.find("{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}debateReport")
    meta = body.find("{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}meta")
    body.remove(meta)
    have: dict[str, int] = {}
    text = " ".join(body.itertext()) + " " + " ".join(f.text for f in agenda.furniture)
    for word in _WORD.findall(text.casefold()):
        have[word] = have.get(word, 0) + 1
    lost = []
    for word in _WORD.findall(sample.read_text(encoding="utf-8").casefold()):
        if have.get(word, 0) > 0:
            have[word] -= 1
        else:
            lost.append(word)
    assert lost == []
