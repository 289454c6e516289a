"""The six UN languages: detection, masthead and body forms, text kept byte for byte."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from lxml import etree
from rich.console import Console

import agendaparse
from agendaparse.lang import LANGUAGES, detect_language
from agendaparse.lexer import NumKind, shape_of
from agendaparse.tree_view import build_tree

from .conftest import ROOT

SAMPLE_LANGUAGE = {
    "annotated_two_parts": "eng",
    "french_provisional": "fra",
    "spanish_provisional": "spa",
    "russian_annotated": "rus",
    "arabic_annotated": "ara",
    "chinese_annotated": "zho",
}
AKN = "{http://docs.oasis-open.org/legaldocml/ns/akn/3.0}"


def _sample(stem: str) -> Path:
    return ROOT / "samples" / f"{stem}.txt"


@pytest.mark.parametrize(("stem", "code"), sorted(SAMPLE_LANGUAGE.items()))
def test_language_is_detected_and_carried_into_the_outputs(stem: str, code: str) -> None:
    agenda = agendaparse.parse_file(_sample(stem))
    assert agenda.language == code
    root = etree.fromstring(agendaparse.to_akn(agenda))
    assert root.find(f".//{AKN}FRBRlanguage").get("language") == code
    assert f"/{code}@" in root.find(f".//{AKN}FRBRExpression/{AKN}FRBRuri").get("value")
    body = root.find(f".//{AKN}mainBody")
    assert body.get("{http://www.w3.org/XML/1998/namespace}lang") == LANGUAGES[code].tag
    assert json.loads(agendaparse.to_json(agenda))["language"] == code


@pytest.mark.parametrize(("stem", "code"), sorted(SAMPLE_LANGUAGE.items()))
def test_each_language_reads_masthead_list_annotations_and_annex(stem: str, code: str) -> None:
    agenda = agendaparse.parse_file(_sample(stem))
    m = agenda.masthead
    assert m.symbol is not None
    assert m.distribution is not None and m.distribution.value == "general"
    assert m.date is not None and m.date.value is not None
    assert m.original_language is not None and m.original_language.value == "eng"
    assert agenda.meeting.dates is not None and "/" in (agenda.meeting.dates.value or "")
    assert len(agenda.agenda.entries) >= 5
    with_subs = [e for e in agenda.agenda.entries if getattr(e, "subitems", ())]
    assert with_subs, "every sample has an item with sub-items"
    assert agenda.annotations is not None and len(agenda.annotations.items) >= 5
    if code in ("eng", "rus", "ara", "zho"):  # the French and Spanish samples have no annex
        assert agenda.annexes and agenda.annexes[0].body


def test_override_wins_over_detection() -> None:
    agenda = agendaparse.parse_file(_sample("french_provisional"), lang="eng")
    assert agenda.language == "eng"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Предварительная повестка дня и аннотации", "rus"),
        ("جدول الأعمال المؤقت وشروحه", "ara"),
        ("临时议程和说明", "zho"),
        ("Ordre du jour provisoire et annotations de la session", "fra"),
        ("Programa provisional y anotaciones del período de sesiones", "spa"),
        ("Provisional agenda and annotations of the session", "eng"),
    ],
)
def test_detect_language(text: str, code: str) -> None:
    assert detect_language(text).code == code


@pytest.mark.parametrize(
    ("line", "kind", "key", "num"),
    [
        ("а) выборы", NumKind.LETTER, "а", "а)"),
        ("(أ) انتخاب", NumKind.LETTER, "أ", "(أ)"),
        ("(هـ) بند", NumKind.LETTER, "هـ", "(هـ)"),
        ("（a）改进工作", NumKind.LETTER, "a", "（a）"),
        ("1 - انتخاب أعضاء المكتب", NumKind.ARABIC, "1", "1 -"),
        ("١١ - ستعتمد اللجنة", NumKind.ARABIC, "11", "١١ -"),
        ("１．选举", NumKind.ARABIC, "1", "１．"),
        ("一、临时议程", NumKind.UPPER_ROMAN, "一", "一、"),
        ("Point 2. Adoption de l'ordre du jour", NumKind.ARABIC, "2", "Point 2."),
        ("Tema 2 a) del programa", NumKind.LETTER, "a", "Tema 2 a) del programa"),
    ],
)
def test_numbering_forms(line: str, kind: NumKind, key: str, num: str) -> None:
    lang = detect_language(line)
    shape = shape_of(line, lang)
    assert (shape.kind, shape.key, shape.num) == (kind, key, num)


@pytest.mark.parametrize("stem", ["arabic_annotated", "chinese_annotated", "russian_annotated"])
def test_text_comes_through_byte_exact(stem: str) -> None:
    """Every printed line (less its number) stands unchanged in the AKN text and the JSON."""
    path = _sample(stem)
    agenda = agendaparse.parse_file(path)
    lang = LANGUAGES[agenda.language]
    root = etree.fromstring(agendaparse.to_akn(agenda))
    text = "".join(root.find(f"{AKN}debateReport").itertext())
    data = agendaparse.to_json(agenda)
    removed = {f.line for f in agenda.furniture}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if not line.strip() or number in removed:
            continue
        for cell in line.split("\t"):
            body = shape_of(cell.strip(), lang).body.strip()
            if body:
                assert body in text, f"line {number}: {body!r}"
                assert json.dumps(body, ensure_ascii=False)[1:-1] in data or body in text


def test_show_renders_arabic_and_chinese_legibly() -> None:
    for stem, title in (
        ("arabic_annotated", "جدول الأعمال المؤقت وشروحه"),
        ("chinese_annotated", "临时议程和说明"),
    ):
        console = Console(width=120, color_system=None, record=True, file=io.StringIO())
        console.print(build_tree(agendaparse.parse_file(_sample(stem))))
        assert title in console.export_text()
