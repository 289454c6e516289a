"""The AKN emitter's and XML writer's shortcuts give what the full computations give."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from agendaparse.akn_emitter import (
    _NOT_SYMBOL_ID_RE,
    _PLAIN_SYMBOL,
    number_token,
    percent_encode,
)
from agendaparse.xmlwriter import _ATTRIBUTE_ESCAPES

# symbols, with every kind of white space made likely
_SYMBOLS = st.text(
    alphabet=st.one_of(
        st.sampled_from("A/ .-1(\t\n\x0b\x1c\x85\xa0\u2003\u2028\u3000"), st.characters()
    ),
    max_size=12,
)


def test_every_white_space_is_unprintable_but_the_space() -> None:
    spaces = [chr(c) for c in range(0x110000) if re.fullmatch(r"\s", chr(c))]
    assert all(c == " " or not c.isprintable() for c in spaces)


@given(_SYMBOLS)
def test_a_symbol_number_is_its_full_substitution(symbol: str) -> None:
    assert number_token(symbol) == re.sub(r"\s+", "_", symbol.strip()).replace("/", "-")


def test_no_identifier_holds_a_character_escaped_in_attributes() -> None:
    for char, _ in _ATTRIBUTE_ESCAPES:
        assert not f"a{char}".isidentifier()


@given(st.text(alphabet=sorted(_PLAIN_SYMBOL), max_size=30))
def test_a_plain_symbol_is_its_own_token_and_url_path(symbol: str) -> None:
    assert _NOT_SYMBOL_ID_RE.sub("_", number_token(symbol)) == symbol.replace("/", "-")
    assert percent_encode(symbol) == symbol
