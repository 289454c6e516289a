"""Small functions written to keep a standard-library import off the conversion path agree
with the library functions they stand for."""

from __future__ import annotations

import itertools
from datetime import date
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from agendaparse.akn_emitter import percent_encode
from agendaparse.patterns import (
    _FIRST_SEGMENT_MAX,
    SYMBOL_RE,
    _cited,
    find_symbols,
    has_symbol,
    is_symbol,
    iso_date,
    matches_near_slashes,
)
from agendaparse.text import _INLINE_MARKER_RE, _TAIL_MARKER_RE, _may_end_in_marker


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_percent_encode_is_quote_with_the_symbol_safe_set(text: str) -> None:
    assert percent_encode(text) == quote(text, safe="/().")


def test_percent_encode_of_a_symbol() -> None:
    assert percent_encode("A/HRC/12/1 Add.1") == "A/HRC/12/1%20Add.1"


def test_iso_date_checks_dates_as_datetime_does() -> None:
    years = ["0", "0000", "1", "1900", "2000", "2023", "2024", "2100", "9999", "10000"]
    months = ["0", "1", "2", "4", "6", "9", "11", "12", "13"]
    days = ["0", "1", "28", "29", "30", "31", "32"]
    for y, m, d in itertools.product(years, months, days):
        try:
            expected: str | None = date(int(y), int(m), int(d)).isoformat()
        except ValueError:
            expected = None
        assert iso_date(y, m, d) == expected, (y, m, d)


def test_iso_date_of_names_and_nonsense() -> None:
    assert iso_date("2009", "March", "5") == "2009-03-05"
    assert iso_date("2009", "Smarch", "5") is None
    assert iso_date("", "March", "5") is None


# ---------------------------------------------------------------- searches cut short

SLASHY = st.text(alphabet="AB CDa1 2/.()*[],;:x-\n", max_size=40)


@given(SLASHY)
def test_searching_near_slashes_finds_what_a_full_scan_finds(text: str) -> None:
    for pattern, reach in ((SYMBOL_RE, _FIRST_SEGMENT_MAX), (_INLINE_MARKER_RE, 2)):
        full = [m.span() for m in pattern.finditer(text)]
        assert [m.span() for m in matches_near_slashes(pattern, text, reach)] == full


@given(SLASHY)
def test_a_symbol_is_what_the_full_scan_says_it_is(text: str) -> None:
    found = [m for m in SYMBOL_RE.finditer(text.strip()) if _cited(m)]
    assert is_symbol(text) == (len(found) == 1 and found[0].group() == text.strip())
    cited = [m.span() for m in SYMBOL_RE.finditer(text) if _cited(m)]
    assert [m.span() for m in find_symbols(text)] == cited
    assert has_symbol(text) == bool(cited)


@given(SLASHY)
def test_headings_passed_over_cannot_end_in_a_marker(text: str) -> None:
    if not _may_end_in_marker(text):
        assert _TAIL_MARKER_RE.search(text) is None
