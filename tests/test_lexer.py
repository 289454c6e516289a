"""Unit tests of agendaparse.lexer: line shapes, one-line heuristics, unfolding of collapsed
documents, regions and the token stream of small synthetic documents."""

from __future__ import annotations

import pytest

from agendaparse.lang import ENGLISH, FRENCH, SPANISH, Lang
from agendaparse.lexer import (
    LineLexer,
    NumKind,
    Region,
    continues,
    heading_like,
    normalise_title,
    paragraph_like,
    shape_of,
    unfold,
)
from agendaparse.preprocess import Line, preprocess


def lex(text: str, lang: Lang = ENGLISH) -> LineLexer:
    return LineLexer(preprocess(text), lang)


def types(text: str, lang: Lang = ENGLISH) -> list[tuple[str, int | None]]:
    """(token type, first line) of every token of ``text``."""
    return [(t.type, t.line) for t in lex(text, lang).tokenize()]


# ---------------------------------------------------------------- shape_of


@pytest.mark.parametrize(
    ("text", "kind", "num", "key", "body"),
    [
        ("1.Adoption", NumKind.ARABIC, "1.", "1", "Adoption"),
        ("1. Adoption of the agenda", NumKind.ARABIC, "1.", "1", "Adoption of the agenda"),
        ("12.   Other matters", NumKind.ARABIC, "12.", "12", "Other matters"),
        ("1) Opening", NumKind.ARABIC, "1)", "1", "Opening"),
        ("[11] Eleven", NumKind.ARABIC, "[11]", "11", "Eleven"),
        ("Item 3:", NumKind.ARABIC, "Item 3:", "3", ""),
        ("Item 3.", NumKind.ARABIC, "Item 3.", "3", ""),
        ("Item 3: Opening", NumKind.ARABIC, "Item 3:", "3", "Opening"),
        ("Agenda item 12. Other matters", NumKind.ARABIC, "Agenda item 12.", "12", "Other matters"),
        ("5.1", NumKind.DECIMAL, "5.1", "5.1", ""),
        ("5.1 Review of the budget", NumKind.DECIMAL, "5.1", "5.1", "Review of the budget"),
        ("5.1. Review", NumKind.DECIMAL, "5.1.", "5.1", "Review"),
        ("(a)", NumKind.LETTER, "(a)", "a", ""),
        ("(a) Opening", NumKind.LETTER, "(a)", "a", "Opening"),
        ("a)", NumKind.LETTER, "a)", "a", ""),
        ("b) Elección de la Mesa", NumKind.LETTER, "b)", "b", "Elección de la Mesa"),
        ("(iv)", NumKind.ROMAN, "(iv)", "iv", ""),
        ("(iv) Decision-making", NumKind.ROMAN, "(iv)", "iv", "Decision-making"),
        ("ii) Deux", NumKind.ROMAN, "ii)", "ii", "Deux"),
        ("Plain text", None, None, None, "Plain text"),
        ("2009 was a busy year", None, None, None, "2009 was a busy year"),
        ("(ab) two letters", None, None, None, "(ab) two letters"),
        ("12 Bare number", None, None, None, "12 Bare number"),
    ],
)
def test_shape_of(
    text: str, kind: NumKind | None, num: str | None, key: str | None, body: str
) -> None:
    shape = shape_of(text, ENGLISH)
    assert (shape.kind, shape.num, shape.key, shape.body) == (kind, num, key, body)
    assert shape.repaired is None
    assert text[shape.offset :] == body


@pytest.mark.parametrize("text", ["1.", "1)"])
def test_shape_of_bare_arabic_number(text: str) -> None:
    shape = shape_of(text, ENGLISH)
    assert (shape.kind, shape.key, shape.body) == (NumKind.ARABIC, "1", "")


def test_shape_of_item_word_with_letter() -> None:
    shape = shape_of("Agenda item 4 (b) Something", ENGLISH)
    assert (shape.kind, shape.key, shape.parent_key, shape.body) == (
        NumKind.LETTER,
        "b",
        "4",
        "Something",
    )


@pytest.mark.parametrize(
    ("lang", "text", "num"),
    [(FRENCH, "Point 3. Titre du point", "Point 3."), (SPANISH, "Tema 3. Título", "Tema 3.")],
)
def test_shape_of_item_word_in_other_languages(lang: Lang, text: str, num: str) -> None:
    shape = shape_of(text, lang)
    assert (shape.kind, shape.num, shape.key) == (NumKind.ARABIC, num, "3")
    # the English word is not an item word in French or Spanish
    assert shape_of("Item 3. Title", lang).kind is None


def test_shape_of_bracketed_letter_names_its_parent() -> None:
    shape = shape_of("[7a] Title", ENGLISH)
    assert (shape.kind, shape.num, shape.key, shape.parent_key, shape.body) == (
        NumKind.LETTER,
        "(a)",
        "a",
        "7",
        "Title",
    )
    assert shape_of("[7a]", ENGLISH).body == ""


def test_shape_of_bracketed_roman_under_letter() -> None:
    shape = shape_of("[7] [c (i)] Title", ENGLISH)
    assert (shape.kind, shape.num, shape.key, shape.parent_key, shape.body) == (
        NumKind.ROMAN,
        "(i)",
        "i",
        "c",
        "Title",
    )
    alone = shape_of("[7] [c (i)]", ENGLISH)
    assert (alone.kind, alone.key, alone.body, alone.offset) == (NumKind.ROMAN, "i", "", 11)


def test_shape_of_bracketed_name_is_unnumbered_under_its_parent() -> None:
    shape = shape_of("[6] [Cluster 1]", ENGLISH)
    assert (shape.kind, shape.num, shape.parent_key, shape.body) == (None, None, "6", "Cluster 1")


def test_shape_of_doubled_number_is_repaired() -> None:
    shape = shape_of("1. 1. Opening", ENGLISH)
    assert (shape.kind, shape.num, shape.key, shape.body) == (NumKind.ARABIC, "1.", "1", "Opening")
    assert shape.repaired == "doubled-number"
    assert shape.offset == len("1. 1. ")


def test_shape_of_counter_before_a_letter_is_repaired() -> None:
    shape = shape_of("1. (a) Appointment", ENGLISH)
    assert (shape.kind, shape.key, shape.body) == (NumKind.LETTER, "a", "Appointment")
    assert shape.repaired == "doubled-number"


def test_shape_of_page_number_prefix_is_repaired() -> None:
    shape = shape_of("2 9. Presentación", SPANISH)
    assert (shape.kind, shape.num, shape.key, shape.body) == (
        NumKind.ARABIC,
        "9.",
        "9",
        "Presentación",
    )
    assert shape.repaired == "page-number-prefix"
    assert shape.offset == len("2 9. ")


def test_shape_of_bullet_before_a_number() -> None:
    shape = shape_of("- (a) Opening", ENGLISH)
    assert (shape.kind, shape.key, shape.body, shape.offset) == (NumKind.LETTER, "a", "Opening", 6)
    assert shape.repaired is None
    assert shape_of("• 3. Bullet", ENGLISH).key == "3"


def test_shape_of_upper_letter_and_upper_roman() -> None:
    letter = shape_of("A. Maintenance of international peace", ENGLISH)
    assert (letter.kind, letter.key, letter.body) == (
        NumKind.UPPER,
        "A",
        "Maintenance of international peace",
    )
    assert letter.num is not None and letter.num.strip() == "A."
    roman = shape_of("II. Annotations", ENGLISH)
    assert (roman.kind, roman.key, roman.body) == (NumKind.UPPER_ROMAN, "II", "Annotations")
    assert roman.num is not None and roman.num.strip() == "II."


def test_shape_of_bare_numbers_only_when_asked() -> None:
    assert shape_of("12 Bare number", ENGLISH).kind is None
    shape = shape_of("12 Bare number", ENGLISH, bare_numbers=True)
    assert (shape.kind, shape.key, shape.body) == (NumKind.ARABIC, "12", "Bare number")


# ---------------------------------------------------------------- one-line heuristics


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Adoption of the agenda and organization of work", ENGLISH, False),
        ("The session will be opened by the Chair of the Committee at 10 a.m.", ENGLISH, True),
        ("It will be held", ENGLISH, False),  # a verb, but short
        ("La session sera ouverte par le Président du Comité le lundi à 10 heures.", FRENCH, True),
        # "sera" is a French verb, not an English one
        (
            "La session sera ouverte par le Président du Comité le lundi à 10 heures.",
            ENGLISH,
            False,
        ),
        ("La Presidencia declarará abierto el período de sesiones, que será breve.", SPANISH, True),
        ("Review of " + "the implementation of the programme of work " * 6, ENGLISH, True),
        (
            "Opening of the session by the Chair of the Committee on Testing. Election of the "
            "officers of the Committee for its next session",
            ENGLISH,
            True,
        ),
    ],
)
def test_paragraph_like(text: str, lang: Lang, expected: bool) -> None:
    assert paragraph_like(text, lang) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Background", True),
        ("Proposed organization of work", True),
        ("2026 review of the programme", True),
        ("  Background  ", True),
        ("Background.", False),
        ("Organizational matters:", False),
        ("background", False),
        ("", False),
        ("A" * 121, False),
        ("Opening of the session. The Chair presides", False),
    ],
)
def test_heading_like(text: str, expected: bool) -> None:
    assert heading_like(text) is expected


HEAD = Line(10, 1, "2. Consideration of the report of the")


@pytest.mark.parametrize(
    ("previous", "line", "punctuated", "expected"),
    [
        ("Adoption of the agenda and", Line(11, 1, "organization of work"), False, True),
        ("Organizational matters:", Line(11, 1, "(a) Election of officers;"), False, False),
        ("Report of the Secretary-General", Line(11, 1, "(see annex)"), False, True),
        ("Opening of the session.", Line(11, 1, "Adoption of the agenda"), False, False),
        ("Report of the", Line(11, 1, "Secretary-General"), False, True),
        ("Election of officers", Line(11, 1, "Other matters;"), True, True),
        ("Election of officers", Line(11, 1, "Other matters;"), False, False),
        ("Election of officers", Line(11, 6, "Committee on Testing"), False, True),
        ("Election of officers", Line(11, 1, "Committee on Testing"), False, False),
        ("Election of officers", Line(11, 1, ""), False, False),
    ],
)
def test_continues(previous: str, line: Line, punctuated: bool, expected: bool) -> None:
    assert continues(previous, line, HEAD, punctuated=punctuated) is expected


def test_normalise_title() -> None:
    assert normalise_title("Adoption of   the\nAgenda.*") == "adoption of the agenda"
    assert normalise_title("Other matters;") == "other matters"


# ---------------------------------------------------------------- unfold

COLLAPSED = (
    "Provisional agenda 1. Opening of the session. 2. Adoption of the agenda and organization "
    "of work: (a) Election of officers; (b) Adoption of the agenda. 3. Consideration of the "
    "report referred to in paragraph 4 (c), of resolution 60/251 of the General Assembly and "
    "other related matters of interest to the members. 4. Other matters. 5. Adoption of the "
    "report of the meeting on its first session."
)
COLLAPSED_PIECES = [
    "Provisional agenda",
    "1. Opening of the session.",
    "2. Adoption of the agenda and organization of work:",
    "(a) Election of officers;",
    "(b) Adoption of the agenda.",
    "3. Consideration of the report referred to in paragraph 4 (c), of resolution 60/251 of "
    "the General Assembly and other related matters of interest to the members.",
    "4. Other matters.",
    "5. Adoption of the report of the meeting on its first session.",
]


def test_unfold_splits_a_collapsed_line_at_its_numbers() -> None:
    assert len(COLLAPSED) > 250
    lines, diagnostics, furniture = unfold([Line(7, 3, COLLAPSED)], ENGLISH)
    assert [ln.text for ln in lines] == COLLAPSED_PIECES
    assert all(ln.number == 7 for ln in lines)
    # each piece knows its original column
    for ln in lines:
        start = ln.column - 3
        assert COLLAPSED[start : start + len(ln.text)] == ln.text
    assert [ln.column - 3 for ln in lines] == [COLLAPSED.index(p) for p in COLLAPSED_PIECES]
    assert [d.kind for d in diagnostics] == ["collapsed-line-split"]
    assert (diagnostics[0].line, diagnostics[0].column) == (7, 3)
    assert furniture == []


def test_unfold_leaves_short_lines_and_table_rows_alone() -> None:
    short = Line(1, 1, "1. Opening of the session. 2. Adoption of the agenda.")
    row = Line(2, 1, COLLAPSED.replace(" 2. ", "\t2. "))
    lines, diagnostics, _ = unfold([short, row], ENGLISH)
    assert lines == [short, row]
    assert diagnostics == []


def test_unfold_leaves_a_long_line_without_a_number_sequence_alone() -> None:
    text = "This paragraph cites paragraph 4 (c), of resolution 60/251 and item 7. " * 5
    line = Line(3, 1, text.strip())
    lines, diagnostics, _ = unfold([line], ENGLISH)
    assert lines == [line]
    assert diagnostics == []


def test_unfold_takes_out_a_job_number_residue() -> None:
    text = COLLAPSED.replace("4. Other matters.", "4. Other matters. V (E) * *")
    lines, _, furniture = unfold([Line(1, 1, text)], ENGLISH)
    assert "4. Other matters." in [ln.text for ln in lines]
    assert [(f.kind.value, f.text) for f in furniture] == [("jobNumber", "V (E) * *")]


# ---------------------------------------------------------------- the token stream

FULL = """\
United Nations
A/AC.999/2026/1

General Assembly
Distr.: General
2 March 2026

Original: English

Special Committee on Testing
First session
New York, 14-18 September 2026
Item 2 of the provisional agenda

Provisional agenda

1. Opening of the session.

2. Adoption of the agenda and organization of work:

(a) Election of officers;

(b) Adoption of the agenda.

3. Consideration of the report of the
Secretary-General on testing.

4. Adoption of the report.

Annotations

1. Opening of the session

1. The session will be opened by the Chair of the Committee on Monday, 14 September 2026, at 10 a.m.

2. Adoption of the agenda and organization of work

Background

2. The Committee is expected to adopt its agenda and to consider the organization of its work, as follows:

(a) A general debate on all items;

(b) A closing meeting.

Documentation

Provisional agenda (A/AC.999/2026/1)

3. Consideration of the report of the Secretary-General on testing

3. No documents have been submitted under this item.

4. Adoption of the report

4. The Committee will adopt its report.

Annex

Proposed organization of work

Date\tTime\tItem
Monday\t10 a.m.\t1
Tuesday\t3 p.m.\t4
"""

FULL_TOKENS = [
    ("ORGANIZATION", 1),
    ("SYMBOL", 2),
    ("FRONT_TEXT", 4),
    ("DISTRIBUTION", 5),
    ("DATE", 6),
    ("ORIGINAL", 8),
    ("FRONT_TEXT", 10),
    ("SESSION", 11),
    ("PLACE_DATES", 12),
    ("AGENDA_ITEM_LINE", 13),
    ("LIST_HEADING", 15),
    ("ITEM", 17),
    ("ITEM", 19),
    ("SUBITEM", 21),
    ("SUBITEM", 23),
    ("ITEM", 25),
    ("ITEM", 28),
    ("ANNOTATIONS_HEADING", 30),
    ("ANN_ITEM", 32),
    ("PARA", 34),
    ("ANN_ITEM", 36),
    ("HEADING", 38),
    ("PARA", 40),
    ("LIST_ENTRY", 42),
    ("LIST_ENTRY", 44),
    ("DOC_HEADING", 46),
    ("DOC_ENTRY", 48),
    ("ANN_ITEM", 50),
    ("PARA", 52),
    ("ANN_ITEM", 54),
    ("PARA", 56),
    ("ANNEX_LABEL", 58),
    ("HEADING", 60),
    ("TABLE", 62),
]


def test_tokenize_full_document() -> None:
    assert types(FULL) == FULL_TOKENS


def test_regions_of_full_document() -> None:
    lexer = lex(FULL)
    regions = lexer.regions()
    by_line = {line.number: region for line, region in zip(lexer.lines, regions, strict=True)}
    assert by_line[13] is Region.FRONT
    assert by_line[15] is Region.LIST  # the list starts at its heading
    assert by_line[28] is Region.LIST
    assert by_line[30] is Region.ANNOTATIONS
    assert by_line[56] is Region.ANNOTATIONS
    assert by_line[58] is Region.ANNEX
    assert by_line[64] is Region.ANNEX


def test_token_values_and_positions() -> None:
    tokens = {t.line: t for t in lex(FULL).tokenize()}
    wrapped = tokens[25]
    assert wrapped.value == "3. Consideration of the report of the\nSecretary-General on testing."
    assert (wrapped.line, wrapped.column, wrapped.end_line) == (25, 1, 26)
    assert wrapped.end_column == 1 + len("Secretary-General on testing.")
    table = tokens[62]
    assert table.value == "Date\tTime\tItem\nMonday\t10 a.m.\t1\nTuesday\t3 p.m.\t4"
    assert table.end_line == 64
    assert tokens[19].value == "2. Adoption of the agenda and organization of work:"


def test_indented_item_token_column() -> None:
    tokens = lex("Provisional agenda\n\n   1. Opening of the session.\n").tokenize()
    assert [(t.type, t.line, t.column) for t in tokens] == [
        ("LIST_HEADING", 1, 1),
        ("ITEM", 3, 4),
    ]


def test_furniture_lines_do_not_become_tokens() -> None:
    text = FULL.replace(
        "4. Adoption of the report.\n",
        "4. Adoption of the report.\nV.26-81234 (E)\n*2681234*\n",
    )
    got = types(text)
    assert [t for t, _ in got] == [t for t, _ in FULL_TOKENS]


INTRO = """\
United Nations
CAT/C/99/1

Committee against Testing
Ninety-ninth session
Geneva, 3-28 July 2026

Provisional agenda and annotations

Note by the Secretary-General

1. The ninety-ninth session of the Committee will be held at the United Nations Office at Geneva from 3 to 28 July 2026.

2. In accordance with rule 6 of its rules of procedure, the Committee will adopt its agenda at the first meeting of the session.

Provisional agenda

1. Opening of the session.

2. Adoption of the agenda.

3. Organizational and other matters.

1. Opening of the session

The session will be opened by the Chair of the Committee.

2. Adoption of the agenda

In accordance with rule 8 of the rules of procedure, the first item of the provisional agenda is the adoption of the agenda.

3. Organizational and other matters

The Committee will consider its methods of work.
"""


def test_numbered_intro_paragraphs_before_the_list_heading() -> None:
    assert types(INTRO) == [
        ("ORGANIZATION", 1),
        ("SYMBOL", 2),
        ("FRONT_TEXT", 4),
        ("SESSION", 5),
        ("PLACE_DATES", 6),
        ("TITLE", 8),
        ("SUBTITLE", 10),
        ("INTRO_PARA", 12),
        ("INTRO_PARA", 14),
        ("LIST_HEADING", 16),
        ("ITEM", 18),
        ("ITEM", 20),
        ("ITEM", 22),
        # the numbering starts again at 1: the items are repeated as annotation headings
        ("ANN_ITEM", 24),
        ("PARA", 26),
        ("ANN_ITEM", 28),
        ("PARA", 30),
        ("ANN_ITEM", 32),
        ("PARA", 34),
    ]


def test_restarted_numbering_begins_the_annotations_region() -> None:
    lexer = lex(INTRO)
    regions = dict(zip((ln.number for ln in lexer.lines), lexer.regions(), strict=True))
    assert regions[22] is Region.LIST
    assert regions[24] is Region.ANNOTATIONS


def test_short_numbered_intro_paragraph_with_a_date() -> None:
    text = INTRO.replace(
        "2. In accordance with rule 6 of its rules of procedure, the Committee will adopt its "
        "agenda at the first meeting of the session.",
        "2. The first meeting of the session will be held on Monday, 3 July 2026, at 10 a.m.",
    )
    assert ("INTRO_PARA", 14) in types(text)


def test_doubled_item_numbers_are_items_with_a_diagnostic() -> None:
    lexer = lex(
        "Provisional agenda\n\n1. 1. Opening of the session.\n\n2. 2. Other matters.\n"
        "__________\n* Reissued for technical reasons.\n"
    )
    assert [(t.type, t.line) for t in lexer.tokenize()] == [
        ("LIST_HEADING", 1),
        ("ITEM", 3),
        ("ITEM", 5),
        ("FOOTNOTE", 7),
    ]
    assert [(d.kind, d.line) for d in lexer.diagnostics] == [
        ("doubled-number", 3),
        ("doubled-number", 5),
    ]


def test_group_headings_in_the_list() -> None:
    text = (
        "Provisional agenda\n\n1. Opening of the session.\n\n"
        "A. Maintenance of international peace and security\n\n"
        "2. Report of the Security Council.\n\n3. Report of the Peacebuilding Commission.\n\n"
        "B. Organizational matters\n\n4. Other matters.\n"
    )
    assert [t for t, _ in types(text)] == [
        "LIST_HEADING",
        "ITEM",
        "GROUP",
        "ITEM",
        "ITEM",
        "GROUP",
        "ITEM",
    ]


SPANISH_DOC = """\
Naciones Unidas
FCCC/SBI/2026/1

Distr. general
2 de marzo de 2026

Original: inglés

Órgano Subsidiario de Ejecución
64º período de sesiones
Bonn, 8 a 18 de junio de 2026

Programa provisional y anotaciones

Programa provisional

1. Apertura del período de sesiones.

2. Cuestiones de organización:

a) Aprobación del programa;

b) Organización de los trabajos.

3. Otros asuntos.

Anotaciones

1. Apertura del período de sesiones

1. La Presidencia declarará abierto el período de sesiones el lunes 8 de junio de 2026.

2. Cuestiones de organización

a) Aprobación del programa

2. Se presentará el programa provisional para su aprobación.

Documentación

FCCC/SBI/2026/1\tPrograma provisional y anotaciones
"""


def test_tokenize_spanish_document() -> None:
    assert [t for t, _ in types(SPANISH_DOC, SPANISH)] == [
        "ORGANIZATION",
        "SYMBOL",
        "DISTRIBUTION",
        "DATE",
        "ORIGINAL",
        "FRONT_TEXT",
        "SESSION",
        "PLACE_DATES",
        "TITLE",
        "LIST_HEADING",
        "ITEM",
        "ITEM",
        "SUBITEM",
        "SUBITEM",
        "ITEM",
        "ANNOTATIONS_HEADING",
        "ANN_ITEM",
        "PARA",
        "ANN_ITEM",
        "ANN_SUBITEM",
        "PARA",
        "DOC_HEADING",
        "DOC_ENTRY",  # a tab-separated line after "Documentación" is an entry, not a table
    ]


def test_collapsed_document_is_tokenized_after_unfolding() -> None:
    lexer = lex("United Nations\n\n" + COLLAPSED + "\n")
    assert [t.type for t in lexer.tokenize()] == [
        "ORGANIZATION",
        "LIST_HEADING",
        "ITEM",
        "ITEM",
        "SUBITEM",
        "SUBITEM",
        "ITEM",
        "ITEM",
        "ITEM",
    ]
    assert "collapsed-line-split" in [d.kind for d in lexer.diagnostics]
