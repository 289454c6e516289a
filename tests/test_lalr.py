"""The table runtime (``agendaparse.lalr``) parses exactly as Lark's own LALR parser does.

The reference below feeds the same tokens to Lark's interactive parser with the same
recovery (a line that cannot come is kept as the first text type the parser accepts);
both must give the same tree, the same diagnostics and the same errors.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import lark
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lark.exceptions import UnexpectedToken as LarkUnexpected

from agendaparse.api import lex, preprocess
from agendaparse.errors import AgendaSyntaxError
from agendaparse.grammar import (
    _TEXT_FALLBACKS,
    START_RULES,
    get_parser,
    get_tables,
    parse_tokens,
    tables_from_lark,
)
from agendaparse.lalr import Rule, Tables, Token, Tree, new_token
from agendaparse.lang import detect_language

from .conftest import SAMPLES

TERMINALS = sorted(
    {symbol for state in get_tables().actions for symbol in state if symbol.isupper()} - {"$END"}
)


def _lark_pretty(tree: Any) -> str:
    return str(tree.pretty())


def lark_parse(tokens: Sequence[Token], start: str, strict: bool) -> tuple[str, list[int]]:
    """The reference: Lark's parser, the same recovery; (pretty tree, diagnostic lines)."""
    parser = get_parser().parse_interactive(start=start)
    lines: list[int] = []
    for token in tokens:
        lark_token = lark.Token(token.type, token.value, line=token.line, column=token.column)
        before = parser.copy()  # values copied too: Lark extends lists in place
        try:
            parser.feed_token(lark_token)
            continue
        except LarkUnexpected:
            parser = before
            accepted = parser.accepts()
            fallback = next((t for t in _TEXT_FALLBACKS if t in accepted), None)
            if strict or fallback is None:
                raise LarkRefused(token.line, frozenset(accepted) - {"$END"}) from None
        lines.append(token.line or 0)
        parser.feed_token(lark.Token.new_borrow_pos(fallback, token.value, lark_token))
    try:
        tree = parser.feed_eof()
    except LarkUnexpected:
        raise LarkRefused("end", frozenset(parser.accepts()) - {"$END"}) from None
    return _lark_pretty(tree), lines


class LarkRefused(Exception):
    pass


def ours(tokens: Sequence[Token], start: str, strict: bool) -> tuple[str, list[int]]:
    tree, diagnostics = parse_tokens(tokens, start, strict=strict)
    return tree.pretty(), [d.line for d in diagnostics]


def _same(tokens: Sequence[Token], start: str, strict: bool) -> None:
    try:
        expected: Any = lark_parse(tokens, start, strict)
    except LarkRefused as exc:
        expected = exc.args
    try:
        got: Any = ours(tokens, start, strict)
    except AgendaSyntaxError as exc:
        # Lark reports the end of input at line 1; the runtime at the last token
        at = "end" if exc.message.startswith("end of input") else exc.line
        got = (at, exc.expected)
    assert got == expected


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_parses_the_same(sample: Any) -> None:
    clean = preprocess(sample.read_text(encoding="utf-8"))
    tokens, _ = lex(clean, detect_language(sample.read_text(encoding="utf-8")))
    for strict in (False, True):
        _same(tokens, "document", strict)


token_lists = st.lists(
    st.builds(
        lambda kind, line: Token(kind, f"{kind.lower()} text", line=line, column=1),
        st.sampled_from(TERMINALS),
        st.integers(1, 500),
    ),
    max_size=25,
)


@settings(max_examples=400, deadline=None)
@given(tokens=token_lists, start=st.sampled_from(START_RULES), strict=st.booleans())
def test_random_token_streams_parse_the_same(tokens: list[Token], start: str, strict: bool) -> None:
    _same(tokens, start, strict)


def test_tables_from_lark_are_what_the_cache_holds() -> None:
    built = tables_from_lark(get_parser())
    assert Tables.from_data(built.to_data()) == built
    assert set(built.start_states) == set(START_RULES)


def test_tables_refuse_a_rule_shape_the_runtime_does_not_know() -> None:
    grammar = 'start: x\n?x: A | A A\nA: "a"\n'
    parser = lark.Lark(grammar, parser="lalr")
    with pytest.raises(ValueError, match="not supported"):
        tables_from_lark(parser)


def test_inlined_rules_and_trees() -> None:
    tree, _ = parse_tokens(
        [
            Token("ITEM", "1. Opening", line=2, column=1),
            Token("SUBITEM", "(a) A", line=3, column=4),
        ],
        "agenda",
    )
    assert isinstance(tree, Tree)
    assert [c.data for c in tree.children if isinstance(c, Tree)] == ["agenda_item"]
    assert (tree.meta.line, tree.meta.end_line) == (2, 3)
    assert Rule("_x", 0, (), ()).inlined


def test_tokens_behave_as_their_text() -> None:
    token = Token("ITEM", "1. Opening", line=4, column=2)
    assert token == "1. Opening" and token.value == "1. Opening"
    assert token != Token("GROUP", "1. Opening")
    moved = Token.new_borrow_pos("PARA", "x", token)
    assert (moved.type, moved.line, moved.column) == ("PARA", 4, 2)
    import pickle

    again = pickle.loads(pickle.dumps(token))
    assert (again.type, again.line, again.value) == ("ITEM", 4, "1. Opening")


def test_a_token_made_by_position_is_the_token_made_by_keywords() -> None:
    fields = ("TABLE", "a\tb", 3, 1, 4, 9)
    made, keyworded = (
        new_token(*fields),
        Token("TABLE", "a\tb", line=3, column=1, end_line=4, end_column=9),
    )
    assert type(made) is Token and made == keyworded
    for token in (made, keyworded):
        assert (
            token.type,
            token.value,
            token.line,
            token.column,
            token.end_line,
            token.end_column,
        ) == fields
