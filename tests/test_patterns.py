"""Unit tests of agendaparse.patterns: document symbols, dates and date ranges."""

from __future__ import annotations

import pytest

from agendaparse.patterns import (
    DATE_RE,
    find_symbols,
    is_symbol,
    iso_date,
    parse_date,
    parse_date_range,
)

# ---------------------------------------------------------------- symbols

SYMBOLS = [
    "A/64/150",
    "S/Agenda/7229",
    "CTOC/COP/WG.4/2009/CRP.1",
    "TD/B/EX(46)/1",
    "CL 115/1/Rev.1",
    "E/CN.15/2011/2",
    "A/C.3/72/L.1",
    "UNEP/CBD/COP/13/1/Add.1/Rev.1",
    "TD/B/C.I/58",
    "EB148/41",
    "A/RES/64/1",
    "FCCC/SBI/2026/1",
    "ICCD/COP(13)/1",
    "A/64/L.1/Rev.1",
]


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_symbol_alone_is_a_symbol(symbol: str) -> None:
    assert is_symbol(symbol)
    assert [m.group() for m in find_symbols(symbol)] == [symbol]


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_symbol_found_inside_running_text(symbol: str) -> None:
    text = f"Report of the Secretary-General ({symbol}) on the matter"
    found = find_symbols(text)
    assert [m.group() for m in found] == [symbol]
    assert text[found[0].start() : found[0].end()] == symbol
    assert not is_symbol(text)


@pytest.mark.parametrize("symbol", SYMBOLS)
def test_trailing_sentence_period_is_not_part_of_the_symbol(symbol: str) -> None:
    found = find_symbols(f"See document {symbol}.")
    assert [m.group() for m in found] == [symbol]


def test_trailing_punctuation_and_marks_are_left_out() -> None:
    assert [m.group() for m in find_symbols("E/CN.4/1996/1, and")] == ["E/CN.4/1996/1"]
    assert [m.group() for m in find_symbols("E/CN.15/2011/2; and")] == ["E/CN.15/2011/2"]
    assert [m.group() for m in find_symbols("A/64/150*")] == ["A/64/150"]
    assert [m.group() for m in find_symbols("See A/64/150/Add.1.")] == ["A/64/150/Add.1"]


def test_several_symbols_in_one_line_in_order() -> None:
    found = find_symbols("documents A/64/150 and S/2009/189 and CL 115/1/Rev.1")
    assert [m.group() for m in found] == ["A/64/150", "S/2009/189", "CL 115/1/Rev.1"]


@pytest.mark.parametrize(
    "text",
    [
        "decision XII/34",
        "decisions XII/34 and IX/5",
        "and/or",
        "4/4",
        "N/A",
        "checklist/questionnaire",
        "UN/DESA",
        "resolution 64/1",
        "1/ The footnote text",
        "as indicated in footnote 1/ below",
        "I/II",
    ],
)
def test_not_a_symbol(text: str) -> None:
    assert find_symbols(text) == []
    assert not is_symbol(text)


def test_is_symbol_requires_the_whole_text() -> None:
    assert is_symbol("  A/64/150  ")
    assert not is_symbol("A/64/150 (2)")
    assert not is_symbol("A/64/150 and A/64/151")


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("5 March 2009", "2009-03-05"),
        ("5 mars 2009", "2009-03-05"),
        ("1er mars 2009", "2009-03-01"),
        ("25 de agosto de 2017", "2017-08-25"),
        ("March 5, 2009", "2009-03-05"),
        ("5 March, 2009", "2009-03-05"),
        ("5 MARCH 2009", "2009-03-05"),
        ("15 février 2010", "2010-02-15"),
        ("3 décembre 2008", "2008-12-03"),
        ("14 de mayo de 2026", "2026-05-14"),
        ("29 February 2008", "2008-02-29"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    result = parse_date(text)
    assert result is not None
    assert result[0] == iso
    assert result[1].group() == text


def test_parse_date_inside_a_line_reports_the_span() -> None:
    text = "Vienna, 5 March 2009, 10 a.m."
    result = parse_date(text)
    assert result is not None
    iso, match = result
    assert iso == "2009-03-05"
    assert match.group() == "5 March 2009"
    assert match.span() == (8, 20)


@pytest.mark.parametrize(
    "text",
    ["31 February 2009", "29 February 2009", "31 April 2009", "30 février 2010", "No date here"],
)
def test_invalid_or_missing_date_is_none(text: str) -> None:
    assert parse_date(text) is None


def test_invalid_date_skipped_for_a_later_valid_one() -> None:
    result = parse_date("31 February 2009 or rather 28 February 2009")
    assert result is not None
    assert result[0] == "2009-02-28"


def test_date_re_matches_all_three_languages() -> None:
    for text in ("5 March 2009", "5 mars 2009", "5 de marzo de 2009"):
        assert DATE_RE.fullmatch(text), text


def test_iso_date() -> None:
    assert iso_date("2009", "March", "5") == "2009-03-05"
    assert iso_date("2009", "Sept", "5") == "2009-09-05"  # an abbreviation of three or more
    assert iso_date("2009", "foo", "5") is None
    assert iso_date("2009", "février", "31") is None


# ---------------------------------------------------------------- date ranges


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("14 and 15 April 2009", "2009-04-14", "2009-04-15"),
        ("26–30 July 2004", "2004-07-26", "2004-07-30"),
        ("17 January-4 February 1994", "1994-01-17", "1994-02-04"),
        ("8 a 18 de junio de 2026", "2026-06-08", "2026-06-18"),
        ("2-6 November 2015", "2015-11-02", "2015-11-06"),
        ("from 8 to 17 October 2008", "2008-10-08", "2008-10-17"),
        ("from 29 June to 3 July 2009", "2009-06-29", "2009-07-03"),
        ("du 3 au 7 novembre 2008", "2008-11-03", "2008-11-07"),
        ("1er au 5 mars 2009", "2009-03-01", "2009-03-05"),
        ("14 et 15 avril 2009", "2009-04-14", "2009-04-15"),
        ("14 y 15 de abril de 2009", "2009-04-14", "2009-04-15"),
        ("del 8 al 18 de junio de 2026", "2026-06-08", "2026-06-18"),
        ("31 December 2008-2 January 2009", "2008-12-31", "2009-01-02"),
        ("Geneva, 5-9 October 2009", "2009-10-05", "2009-10-09"),
    ],
)
def test_parse_date_range(text: str, start: str, end: str) -> None:
    result = parse_date_range(text)
    assert result is not None
    assert result[:2] == (start, end)


def test_range_match_covers_the_printed_range() -> None:
    result = parse_date_range("New York, 14 and 15 April 2009")
    assert result is not None
    assert result[2].group() == "14 and 15 April 2009"


def test_single_date_is_a_range_of_one_day() -> None:
    result = parse_date_range("Tuesday, 14 April 2026")
    assert result is not None
    assert result[:2] == ("2026-04-14", "2026-04-14")


def test_range_with_start_after_end_is_not_a_range() -> None:
    # "10-2 March": the start would come after the end; only the lone date is read
    result = parse_date_range("10-2 March 2009")
    assert result is not None
    assert result[:2] == ("2009-03-02", "2009-03-02")


def test_no_range_in_text_without_a_date() -> None:
    assert parse_date_range("Items 14 and 15 of the agenda") is None
    assert parse_date_range("31 February-2 March") is None
