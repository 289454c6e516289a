"""The Python API: parse, parse_file (encodings), strict mode, stages, round trips."""

from __future__ import annotations

import codecs
import gc
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import agendaparse
from agendaparse import AgendaSyntaxError, InputError
from agendaparse.api import parse_tree, preprocess
from agendaparse.transform import to_model

from .conftest import ROOT

SEED = ROOT / "samples" / "000_4e3058176b58efe6.txt"


def test_seed_converts_completely() -> None:
    agenda = agendaparse.parse_file(SEED)
    m = agenda.masthead
    assert m.distribution is not None and m.distribution.text == "Distr.: General"
    assert m.date is not None and m.date.value == "2009-03-05"
    assert m.original_language is not None and m.original_language.value == "eng"
    assert m.symbol is None
    assert [o.text for o in m.organs] == [
        "Conference of the Parties to the United Nations Convention against Transnational "
        "Organized Crime"
    ]
    mt = agenda.meeting
    assert mt.body is not None and mt.body.text == "Working Group on Trafficking in Persons"
    assert mt.place is not None and mt.place.text == "Vienna"
    assert mt.dates is not None and mt.dates.value == "2009-04-14/2009-04-15"
    assert agenda.title is not None and agenda.title.text == "Provisional agenda and annotations"
    items = agenda.agenda.entries
    assert [i.num for i in items] == ["1.", "2.", "3.", "4."]
    first = items[0]
    assert isinstance(first, agendaparse.model.AgendaItem)
    assert [s.num for s in first.subitems] == ["(a)", "(b)"]
    ann = agenda.annotations
    assert ann is not None
    assert [i.num for i in ann.items] == ["1.", "2.", "3.", "4."]
    sub_b = ann.items[0].subitems[1]
    assert len(sub_b.body) == 7  # the paragraph split by a page break is one paragraph
    lead_in = ann.items[1].body[0]
    assert isinstance(lead_in, agendaparse.model.Paragraph)
    assert [i.num for i in lead_in.items] == ["(i)", "(ii)", "(iii)"]
    docs = [
        b for item in ann.items for b in item.body if isinstance(b, agendaparse.model.Documentation)
    ]
    assert sum(len(d.entries) for d in docs) == 11
    assert all(len(e.text.symbols) == 1 for d in docs for e in d.entries)
    (annex,) = agenda.annexes
    assert annex.heading is not None and annex.heading.plain == "Proposed organization of work"
    (table,) = annex.body
    assert isinstance(table, agendaparse.model.Table)
    assert len(table.rows) == 10
    assert all(c.header for c in table.rows[0].cells)
    italic = [p for c in table.rows[0].cells for line in c.lines for p in line.parts]
    assert {p.kind for p in italic} == {agendaparse.model.PartKind.ITALIC}


def test_parse_is_lenient_and_strict_raises_with_position() -> None:
    text = "Provisional agenda\n\n1. Opening.\n\nAnnotations\n\nAnnex\n\n(a) stray line\n"
    agenda = agendaparse.parse(text)
    assert any(d.kind == "unexpected-line" for d in agenda.diagnostics)
    with pytest.raises(AgendaSyntaxError) as info:
        agendaparse.parse(text, strict=True, source="x.txt")
    err = info.value
    assert (err.source, err.line, err.column) == ("x.txt", 9, 1)
    assert err.context == "(a) stray line"
    assert err.expected
    assert str(err).startswith("x.txt:9:1: ")


@pytest.mark.parametrize(
    ("encode", "name"),
    [
        (lambda t: t.encode("utf-8"), "utf-8"),
        (lambda t: codecs.BOM_UTF8 + t.encode("utf-8"), "utf-8-sig"),
        (lambda t: codecs.BOM_UTF16_LE + t.encode("utf-16-le"), "utf-16-le"),
        (lambda t: codecs.BOM_UTF16_BE + t.encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_parse_file_reads_encodings(tmp_path: Path, encode, name: str) -> None:
    text = SEED.read_text(encoding="utf-8").replace("\n", "\r\n")
    path = tmp_path / "seed.txt"
    path.write_bytes(encode(text))
    agenda = agendaparse.parse_file(path)
    assert agenda.encoding == name
    assert agenda.agenda == agendaparse.parse_file(SEED).agenda


def test_parse_file_reads_legacy_code_page(tmp_path: Path) -> None:
    text = "Nations Unies\n\nDistr. générale\n5 mars 2009\n\nOrdre du jour provisoire\n\n"
    text += "1. Élection du Bureau – « ouverture ».\n2. Adoption de l’ordre du jour.\n"
    path = tmp_path / "legacy.txt"
    path.write_bytes(text.encode("cp1252"))
    agenda = agendaparse.parse_file(path)
    assert agenda.encoding != "utf-8"
    assert agenda.language == "fra"
    titles = [e.heading.plain for e in agenda.agenda.entries]  # type: ignore[union-attr]
    assert titles == ["Élection du Bureau – « ouverture ».", "Adoption de l’ordre du jour."]


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        agendaparse.parse_file(tmp_path / "missing.txt")
    assert "missing.txt" in str(info.value)


def test_stages_are_public() -> None:
    clean = preprocess(SEED.read_text(encoding="utf-8"))
    assert next(line for line in clean.lines if line.text).number == 5  # four blank lines first
    tree, lang, diagnostics, furniture = parse_tree(clean)
    assert tree.data == "document"
    assert lang.code == "eng"
    assert [d.kind for d in diagnostics] == ["paragraph-rejoined", "paragraph-rejoined"]
    assert furniture == []


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.txt")), ids=lambda p: p.stem)
def test_tree_path_builds_what_parse_builds(sample: Path) -> None:
    # parse builds the model as the parser reads; parse_tree + to_model go through the tree
    text = sample.read_text(encoding="utf-8")
    clean = preprocess(text, source=sample.name)
    tree, lang, diagnostics, furniture = parse_tree(clean)
    agenda = to_model(
        tree,
        lang,
        diagnostics=diagnostics,
        furniture=tuple(sorted((*clean.furniture, *furniture), key=lambda f: f.line)),
        encoding="utf-8",
        source=sample.name,
    )
    assert agenda == agendaparse.parse(text, source=sample.name)


def test_json_round_trip_and_akn_bytes() -> None:
    agenda = agendaparse.parse_file(SEED)
    assert agendaparse.from_json(agendaparse.to_json(agenda)) == agenda
    xml = agendaparse.to_akn(agenda)
    assert xml.startswith(b"<?xml")
    assert agendaparse.to_akn(agenda, markup_date="2026-01-01") != xml


def test_unknown_language_is_refused() -> None:
    with pytest.raises(InputError):
        agendaparse.parse("Agenda", lang="xx")


def test_spans_point_into_the_original(tmp_path: Path) -> None:
    text = "\r\n\r\nProvisional agenda\r\n\r\n   1.   Opening of the session.\r\n"
    agenda = agendaparse.parse(text)
    (item,) = agenda.agenda.entries
    assert (item.span.line, item.span.column) == (5, 4)


def test_list_numbered_in_roman_numerals() -> None:
    text = (
        "Governing Council\n\nProvisional agenda\n\nI. Opening of the session.\n\n"
        "II. Adoption of the agenda:\n\n(a) Election of officers;\n\n(b) Organization of work.\n\n"
        "III. Other matters.\n\nAnnotations\n\nI. Opening of the session\n\n"
        "The session will be opened on Monday.\n"
    )
    agenda = agendaparse.parse(text)
    entries = agenda.agenda.entries
    assert [e.num for e in entries] == ["I.", "II.", "III."]
    assert isinstance(entries[1], agendaparse.model.AgendaItem)
    assert [s.num for s in entries[1].subitems] == ["(a)", "(b)"]
    assert agenda.annotations is not None
    assert [i.num for i in agenda.annotations.items] == ["I."]


def test_markers_without_their_notes_are_not_title_text() -> None:
    text = "Programa provisional\n\n1. Informes de las Partes incluidas en el anexo I 1 :\n\na) Comunicaciones nacionales.\n"
    agenda = agendaparse.parse(text)
    (item,) = agenda.agenda.entries
    assert isinstance(item, agendaparse.model.AgendaItem)
    assert item.heading.note_refs == ("1",)
    assert item.heading.plain.rstrip(" :") == "Informes de las Partes incluidas en el anexo I"
    xml = agendaparse.to_akn(agenda).decode()
    assert '<authorialNote marker="1" placement="bottom"' in xml
    # French sets a space before a colon: there the number is text
    french = agendaparse.parse(
        "Ordre du jour provisoire\n\n1. Application de l'article 17 :\n\na) Rapport.\n"
    )
    (item,) = french.agenda.entries
    assert item.heading.note_refs == ()


def test_a_second_meeting_line_is_kept() -> None:
    text = (
        "TRADE AND DEVELOPMENT BOARD\nThirty-first session\nGeneva, 9 September 1985\n"
        "Geneva, 10 September 1985\n\nProvisional agenda\n\n1. Opening.\n"
    )
    agenda = agendaparse.parse(text)
    assert agenda.meeting.dates is not None and agenda.meeting.dates.value == "1985-09-09"
    assert "10 September 1985" in agendaparse.to_akn(agenda).decode()


# ---------------------------------------------------------------- the garbage collector


@pytest.fixture
def collector() -> Iterator[None]:
    """The collector's state and thresholds as they were, whatever the test did to them."""
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    try:
        yield
    finally:
        gc.set_threshold(*thresholds)
        (gc.enable if enabled else gc.disable)()


def _conversions() -> list[tuple[str, Callable[[], object]]]:
    agenda = agendaparse.parse_file(SEED)
    data = agendaparse.to_json(agenda)
    text = SEED.read_text(encoding="utf-8")
    return [
        ("parse", lambda: agendaparse.parse(text)),
        ("parse_file", lambda: agendaparse.parse_file(SEED)),
        ("to_akn", lambda: agendaparse.to_akn(agenda)),
        ("to_json", lambda: agendaparse.to_json(agenda)),
        ("from_json", lambda: agendaparse.from_json(data)),
    ]


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("enabled", [True, False])
def test_conversions_leave_the_collector_as_they_found_it(enabled: bool) -> None:
    for name, convert in _conversions():
        (gc.enable if enabled else gc.disable)()
        convert()
        assert gc.isenabled() is enabled, name
    (gc.enable if enabled else gc.disable)()
    with pytest.raises(AgendaSyntaxError):
        agendaparse.parse("Provisional agenda\n\nAnnex\n\n(a) stray line\n", strict=True)
    assert gc.isenabled() is enabled


@pytest.mark.usefixtures("collector")
def test_the_collector_does_not_run_during_a_conversion() -> None:
    # collections counted with the collector asked to run at every allocation: a paused
    # collector may run once between two calls, never inside one (unpaused: thousands)
    started: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started.append(info["generation"])

    conversions = _conversions()
    gc.enable()
    gc.callbacks.append(count)
    try:
        gc.set_threshold(1)
        for _, convert in conversions:
            convert()
        gc.set_threshold(700)
    finally:
        gc.callbacks.remove(count)
    assert len(started) <= 2 * len(conversions), started


@pytest.mark.usefixtures("collector")
@pytest.mark.parametrize("path", sorted((ROOT / "samples").glob("*.txt")), ids=lambda p: p.name)
def test_reading_and_writing_akn_make_no_reference_cycles(path: Path) -> None:
    # what makes pausing the collector safe: it would find nothing to free
    gc.collect()
    gc.disable()
    agenda = agendaparse.parse_file(path)
    agendaparse.to_akn(agenda)
    agendaparse.from_json(agendaparse.to_json(agenda, indent=None))
    del agenda
    assert gc.collect() == 0


@pytest.mark.usefixtures("collector")
def test_conversions_in_threads_leave_the_collector_running() -> None:
    import threading

    text = SEED.read_text(encoding="utf-8")
    gc.enable()

    def convert() -> None:
        for _ in range(10):
            agendaparse.to_akn(agendaparse.parse(text))

    threads = [threading.Thread(target=convert) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert gc.isenabled()
