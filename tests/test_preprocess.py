"""Unit tests of agendaparse.preprocess: decoding, line ends, spaces, furniture, positions."""

from __future__ import annotations

import codecs

import pytest

from agendaparse.model import FurnitureKind
from agendaparse.preprocess import (
    AGENCY_JOB_RE,
    BARCODE_RE,
    FOOTER_RE,
    FOOTNOTE_RULE_RE,
    JOB_NUMBER_RE,
    PAGE_RE,
    RECYCLE_RE,
    WEB_TEXT_RE,
    CleanText,
    Line,
    decode,
    preprocess,
)

SAMPLE = "Genève – “quoted”"


def kept(clean: CleanText) -> list[tuple[int, int, str]]:
    """(line, column, text) of the non-blank kept lines."""
    return [(ln.number, ln.column, ln.text) for ln in clean.lines if ln.text]


def furniture(clean: CleanText) -> list[tuple[FurnitureKind, str, int]]:
    return [(f.kind, f.text, f.line) for f in clean.furniture]


# ---------------------------------------------------------------- decode


def test_decode_utf8() -> None:
    assert decode(SAMPLE.encode("utf-8")) == (SAMPLE, "utf-8")


def test_decode_utf8_bom_is_removed() -> None:
    text, encoding = decode(codecs.BOM_UTF8 + SAMPLE.encode("utf-8"))
    assert text == SAMPLE
    assert encoding == "utf-8-sig"
    assert not text.startswith("\ufeff")


def test_decode_utf16_le_with_bom() -> None:
    assert decode(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le")) == (SAMPLE, "utf-16-le")


def test_decode_utf16_be_with_bom() -> None:
    assert decode(codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be")) == (SAMPLE, "utf-16-be")


@pytest.mark.parametrize(
    "text",
    [
        "Ordre du jour provisoire\r\n\r\n1. Ouverture de la session.\r\n2. Élection du Bureau.\r\n"
        "3. Adoption de l’ordre du jour et organisation des travaux.\r\n"
        "4. Questions diverses – « rapport ».\r\n",
        "Programa provisional\r\n1. Apertura del período de sesiones.\r\n"
        "2. Elección de la Mesa.\r\n3. Aprobación del programa – “anotaciones”.\r\n",
    ],
    ids=["french", "spanish"],
)
def test_decode_cp1252_document(text: str) -> None:
    assert decode(text.encode("cp1252")) == (text, "cp1252")


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE,
        "Provisional agenda for the session to be held in Genève – “the annual meeting” – "
        "with the café and the résumé of the débat général",
    ],
    ids=["short", "sentence"],
)
def test_decode_cp1252_with_e_grave(text: str) -> None:
    assert decode(text.encode("cp1252")) == (text, "cp1252")


def test_decode_empty() -> None:
    assert decode(b"") == ("", "utf-8")


# ---------------------------------------------------------------- line ends and spaces


def test_crlf_and_cr_line_ends() -> None:
    clean = preprocess("First line\r\nSecond line\rThird line\nFourth line")
    assert [(ln.number, ln.text) for ln in clean.lines] == [
        (1, "First line"),
        (2, "Second line"),
        (3, "Third line"),
        (4, "Fourth line"),
    ]
    assert "\r" not in clean.original


def test_no_break_spaces_become_spaces() -> None:
    clean = preprocess("Provisional\u00a0agenda\nthe\u202f« word »\u00a0")
    assert [ln.text for ln in clean.lines] == ["Provisional agenda", "the « word »"]


def test_zero_width_characters_are_removed() -> None:
    clean = preprocess("Item\u200b one\u200c\nAgenda\u2060\ufeff")
    assert [ln.text for ln in clean.lines] == ["Item one", "Agenda"]


def test_leading_bom_in_text_is_dropped() -> None:
    clean = preprocess("\ufeffUnited Nations")
    assert clean.lines == (Line(1, 1, "United Nations"),)


def test_trailing_white_space_is_removed() -> None:
    clean = preprocess("Opening of the session   \nNext\u00a0\u00a0")
    assert [ln.text for ln in clean.lines] == ["Opening of the session", "Next"]


def test_blank_lines_are_kept_empty_with_their_numbers() -> None:
    clean = preprocess("A line\n\n   \nB line")
    assert [(ln.number, ln.text) for ln in clean.lines] == [
        (1, "A line"),
        (2, ""),
        (3, ""),
        (4, "B line"),
    ]


def test_encoding_and_source_are_recorded() -> None:
    clean = preprocess("x", encoding="cp1252", source="doc.txt")
    assert clean.encoding == "cp1252"
    assert clean.source == "doc.txt"


# ---------------------------------------------------------------- furniture

DOCUMENT = "\n".join(
    [
        "United Nations",  # 1
        "A/64/150",  # 2  masthead symbol: stays
        "",  # 3
        "Provisional agenda",  # 4
        "V.09-81234 (E)",  # 5
        "14-58484 (E) 300714",  # 6
        "GE.04-51470",  # 7
        "*1458484*",  # 8
        "Page 2",  # 9
        "A/64/150",  # 10 running head
        "1. Opening of the session.",  # 11
        "Please recycle",  # 12
        "Merci de recycler",  # 13
        "______",  # 14
        "1 The footnote text.",  # 15
        "2. Other matters.",  # 16
    ]
)


def test_each_furniture_kind_with_its_original_line() -> None:
    clean = preprocess(DOCUMENT)
    assert furniture(clean) == [
        (FurnitureKind.JOB_NUMBER, "V.09-81234 (E)", 5),
        (FurnitureKind.JOB_NUMBER, "14-58484 (E) 300714", 6),
        (FurnitureKind.JOB_NUMBER, "GE.04-51470", 7),
        (FurnitureKind.BARCODE, "*1458484*", 8),
        (FurnitureKind.PAGE_NUMBER, "Page 2", 9),
        (FurnitureKind.RUNNING_HEAD, "A/64/150", 10),
        (FurnitureKind.RECYCLE, "Please recycle", 12),
        (FurnitureKind.RECYCLE, "Merci de recycler", 13),
        (FurnitureKind.FOOTNOTE_RULE, "______", 14),
    ]


def test_kept_lines_after_furniture_keep_their_numbers() -> None:
    clean = preprocess(DOCUMENT)
    assert kept(clean) == [
        (1, 1, "United Nations"),
        (2, 1, "A/64/150"),
        (4, 1, "Provisional agenda"),
        (11, 1, "1. Opening of the session."),
        (15, 1, "1 The footnote text."),
        (16, 1, "2. Other matters."),
    ]


def test_line_after_footnote_rule_is_marked() -> None:
    clean = preprocess(DOCUMENT)
    marked = [ln.number for ln in clean.lines if ln.after_rule]
    assert marked == [15]


def test_after_rule_survives_a_blank_line_but_only_for_the_first_text_line() -> None:
    clean = preprocess("Text\n__________\n\n* A note.\nMore text")
    assert [(ln.number, ln.after_rule) for ln in clean.lines if ln.text] == [
        (1, False),
        (4, True),
        (5, False),
    ]


def test_form_feed_mid_text_splits_the_line() -> None:
    clean = preprocess("Intro\nSome text\f more text\nEnd")
    assert kept(clean) == [
        (1, 1, "Intro"),
        (2, 1, "Some text"),
        (2, 12, "more text"),  # "\f" is column 10, " " column 11
        (3, 1, "End"),
    ]
    assert furniture(clean) == [(FurnitureKind.FORM_FEED, "\f", 2)]


def test_form_feed_then_page_furniture_on_same_line() -> None:
    clean = preprocess("Text\n\fPage 3\nMore")
    assert furniture(clean) == [
        (FurnitureKind.FORM_FEED, "\f", 2),
        (FurnitureKind.PAGE_NUMBER, "Page 3", 2),
    ]
    assert kept(clean) == [(1, 1, "Text"), (3, 1, "More")]


def test_running_head_symbol_with_page_number() -> None:
    clean = preprocess("E/CN.4/1996/1\nTitle\nE/CN.4/1996/1 (2)\nBody text")
    assert furniture(clean) == [(FurnitureKind.RUNNING_HEAD, "E/CN.4/1996/1 (2)", 3)]
    assert [ln.text for ln in clean.lines] == ["E/CN.4/1996/1", "Title", "Body text"]


def test_other_symbol_lines_are_not_running_heads() -> None:
    clean = preprocess("A/64/150\nA/64/151\nReport (A/64/150)")
    assert clean.furniture == ()
    assert len(clean.lines) == 3


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("V.09-81234 (E)", FurnitureKind.JOB_NUMBER),
        ("14-58484 (E) 300714", FurnitureKind.JOB_NUMBER),
        ("17-13704* (E) 180817", FurnitureKind.JOB_NUMBER),
        ("GE.04-51470", FurnitureKind.JOB_NUMBER),
        ("V.09-81234 (E)    *0981234*", FurnitureKind.JOB_NUMBER),
        ("X0061/E", FurnitureKind.JOB_NUMBER),
        ("*1458484*", FurnitureKind.BARCODE),
        ("Page 2", FurnitureKind.PAGE_NUMBER),
        ("page 12", FurnitureKind.PAGE_NUMBER),
        ("Página 3", FurnitureKind.PAGE_NUMBER),
        ("- 2 -", FurnitureKind.PAGE_NUMBER),
        ("Please recycle", FurnitureKind.RECYCLE),
        ("Merci de recycler", FurnitureKind.RECYCLE),
        ("Se ruega reciclar", FurnitureKind.RECYCLE),
        ("______", FurnitureKind.FOOTNOTE_RULE),
        ("Documents can be consulted at www.fao.org", FurnitureKind.FOOTER),
    ],
)
def test_furniture_line_kinds(line: str, kind: FurnitureKind) -> None:
    clean = preprocess(f"Heading text\n  {line}  \nBody text")
    assert furniture(clean) == [(kind, line, 2)]
    assert [ln.text for ln in clean.lines] == ["Heading text", "Body text"]


@pytest.mark.parametrize(
    "line",
    [
        "Page 2 of the report",
        "1. Opening of the session.",
        "2009",  # after the document starts, a lone year is text
        "Report of the 14-58484 working group",
        "___",
        "Please recycle the paper before the meeting",
        "Home Page",
    ],
)
def test_text_that_is_not_furniture(line: str) -> None:
    clean = preprocess(f"Heading text\n{line}")
    assert clean.furniture == ()
    assert [ln.text for ln in clean.lines] == ["Heading text", line]


def test_furniture_regexes_directly() -> None:
    assert JOB_NUMBER_RE.match("V.09-81234 (E)")
    assert not JOB_NUMBER_RE.match("V.09-81234 (E) Opening")
    assert AGENCY_JOB_RE.match("W9917e")
    assert BARCODE_RE.match("*1458484*")
    assert not BARCODE_RE.match("*145*")
    assert PAGE_RE.match("Page 2")
    assert RECYCLE_RE.match("Please recycle!")
    assert FOOTNOTE_RULE_RE.match("—————")
    assert not FOOTNOTE_RULE_RE.match("____")
    assert FOOTER_RE.match("This document is printed in limited numbers.")
    assert WEB_TEXT_RE.match("Size: px")


# ---------------------------------------------------------------- positions


def test_indented_lines_report_the_column_of_their_first_character() -> None:
    clean = preprocess("Title\n    Indented line\n        1.   Deep item")
    assert kept(clean) == [(1, 1, "Title"), (2, 5, "Indented line"), (3, 9, "1.   Deep item")]


def test_no_break_space_indentation_counts_as_columns() -> None:
    clean = preprocess("\u00a0\u00a0Nbsp lead")
    assert kept(clean) == [(1, 3, "Nbsp lead")]


def test_zero_width_indentation_column_points_into_the_original() -> None:
    clean = preprocess("\u200b  Zero width lead")
    assert kept(clean) == [(1, 4, "Zero width lead")]


def test_table_rows_keep_their_tabs() -> None:
    clean = preprocess("Date\tTime\tItem\n\tcell\tcell2\n  a\tb\t\nMonday\t10 a.m.\t1")
    assert kept(clean) == [
        (1, 1, "Date\tTime\tItem"),
        (2, 2, "cell\tcell2"),  # a leading tab: counted, an empty first cell
        (3, 3, "a\tb\t"),  # a trailing tab: an empty last cell
        (4, 1, "Monday\t10 a.m.\t1"),
    ]
    assert [line.lead_tabs for line in clean.lines] == [0, 1, 0, 0]


def test_tab_indentation_and_tabbed_numbers() -> None:
    """Word exports: "<TAB>(a)<TAB>Title" and "<TAB><TAB>continued title"."""
    clean = preprocess("1.\tOpening.\n\t(a)\tFirst;\n\t\tcontinued.\n")
    assert kept(clean) == [(1, 1, "1.\tOpening."), (2, 2, "(a)\tFirst;"), (3, 3, "continued.")]
    assert [line.lead_tabs for line in clean.lines if line.text] == [0, 1, 2]


# ---------------------------------------------------------------- web-site text


def test_web_text_before_the_document_is_removed() -> None:
    clean = preprocess("Back to\nHome Page\nSize: px\n\nUnited Nations\nA/64/150\nHome Page")
    assert furniture(clean) == [
        (FurnitureKind.WEB_TEXT, "Back to", 1),
        (FurnitureKind.WEB_TEXT, "Home Page", 2),
        (FurnitureKind.WEB_TEXT, "Size: px", 3),
    ]
    # the same words once the document has started are text
    assert kept(clean) == [(5, 1, "United Nations"), (6, 1, "A/64/150"), (7, 1, "Home Page")]


def test_web_text_variants() -> None:
    clean = preprocess('Back to search results\n→\nDownload "A-64-150.pdf"\nCopied!\nTitle')
    assert [f.kind for f in clean.furniture] == [FurnitureKind.WEB_TEXT] * 4
    assert kept(clean) == [(5, 1, "Title")]


# ---------------------------------------------------------------- the original text


def test_original_keeps_the_whole_normalised_input() -> None:
    clean = preprocess("United Nations\r\nA/64/150\r\n\r\nLast line")
    assert clean.original == "United Nations\nA/64/150\n\nLast line"
    assert clean.line_text(2) == "A/64/150"


def test_line_text_out_of_range_is_empty() -> None:
    clean = preprocess("Only line")
    assert clean.line_text(0) == ""
    assert clean.line_text(5) == ""


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("K2612345\t280926", FurnitureKind.JOB_NUMBER),
        (
            "Viale delle Terme di Caracalla, 00153 Rome, Italy - Tel: (+39) 06 57051 - E-mail: codex@fao.org",
            FurnitureKind.FOOTER,
        ),
        ("GB356-1_[RELME-260130-1]-En.docx\t1", FurnitureKind.FOOTER),
    ],
)
def test_more_furniture(line: str, kind: FurnitureKind) -> None:
    clean = preprocess(f"Heading text\n{line}\nBody text")
    assert [(f.kind, f.line) for f in clean.furniture] == [(kind, 2)]
