"""Small functions written to keep a standard-library import off the conversion path agree
with the library functions they stand for."""

from __future__ import annotations

import itertools
from datetime import date
from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from agendaparse.akn_emitter import percent_encode
from agendaparse.patterns import iso_date


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
