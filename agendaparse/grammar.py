"""Grammar stage: tokens from the line lexer -> a parse tree.

Lark builds the LALR(1) tables from ``grammars/agenda.lark`` (shipped inside the package);
they are kept in the user's cache folder as JSON and run by ``agendaparse.lalr``, so a
conversion imports Lark only the first time a grammar is seen. Every rule of the grammar
can be a start rule, so each part of an agenda can be parsed -- and tested -- on its own.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import zlib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from agendaparse.errors import AgendaSyntaxError
from agendaparse.lalr import END, Build, Parser, Rule, Tables, Token, Tree, UnexpectedTokenError
from agendaparse.model import Diagnostic

if TYPE_CHECKING:
    from lark import Lark

START_RULES = (
    "document",
    "front",
    "agenda",
    "agenda_group",
    "agenda_item",
    "sub_item",
    "annotations",
    "annotated_item",
    "paragraph",
    "documentation",
    "annex",
    "footnote",
)
"""The rules that can be parsed on their own."""

# Token types that carry running text, in the order the lenient parser tries them when a
# line comes where the grammar does not expect it: the text is kept where it stood.
_TEXT_FALLBACKS = (
    "UNNUMBERED",
    "LIST_TEXT",
    "PARA",
    "FRONT_TEXT",
    "HEADING",
    "DOC_ENTRY",
    "LIST_ENTRY",
    "INTRO_PARA",
)

_TABLES_FORMAT = 1
"""Bumped whenever the cached tables' layout changes."""


def grammar_text() -> str:
    """The grammar, read from the installed package (``agendaparse/grammars``) or, in a
    source tree, from grammars/; a package inside a zip file is read through
    ``importlib.resources`` (whose import is kept off the usual path)."""
    here = os.path.dirname(os.path.realpath(__file__))
    for folder in (here, os.path.dirname(here)):
        path = os.path.join(folder, "grammars", "agenda.lark")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as handle:
                return handle.read()
    from importlib import resources

    return (resources.files("agendaparse") / "grammars" / "agenda.lark").read_text(encoding="utf-8")


@functools.cache
def get_parser(strict: bool = False) -> Lark:
    """Lark's LALR parser for every start rule (built once per process; about 30 ms).

    Conversions run the tables (``get_tables``), not this parser; it is what builds them,
    and with ``strict=True`` it checks the grammar for conflicts.
    """
    from lark import Lark
    from lark.lexer import Lexer

    class _NoLexer(Lexer):
        """Placeholder: tokens come from ``agendaparse.lexer``, never from Lark's lexers."""

        def __init__(self, lexer_conf: object) -> None:
            pass

        def lex(self, lexer_state: object, parser_state: object) -> Any:
            raise NotImplementedError("feed tokens through parse_tokens()")

    return Lark(
        grammar_text(),
        parser="lalr",
        lexer=_NoLexer,
        start=list(START_RULES),
        propagate_positions=True,
        maybe_placeholders=False,
        strict=strict,
    )


@functools.cache
def get_tables() -> Tables:
    """The parse tables, built once per process: read from the user's cache folder (see
    ``parser_cache_path``), or built by Lark and written there for the next process."""
    text = grammar_text()
    cache = parser_cache_path(text)
    if cache is not None:
        loaded = _load(cache, text)
        if loaded is not None:
            return loaded
    tables = tables_from_lark(get_parser())
    if cache is not None:
        _save(tables, cache, text)
    return tables


def tables_from_lark(parser: Lark) -> Tables:
    """The tables of a built Lark parser, with the tree shaping of each rule.

    Raises ``ValueError`` for a grammar feature the runtime does not shape as Lark would
    (``?rule``, aliases, kept tokens): the grammar would then have to avoid it.
    """
    from lark.grammar import NonTerminal, Terminal
    from lark.parsers.lalr_analysis import Reduce

    table = parser.parser.parser.parser.parse_table
    rules: list[Rule] = []
    index: dict[Any, int] = {}

    def rule_index(rule: Any) -> int:
        if rule not in index:
            if rule.alias or rule.options.expand1 or rule.options.keep_all_tokens:
                raise ValueError(f"rule {rule.origin.name}: ?rule, alias or !rule not supported")
            expansion = rule.expansion
            index[rule] = len(rules)
            rules.append(
                Rule(
                    rule.origin.name,
                    len(expansion),
                    tuple(not (isinstance(s, Terminal) and s.filter_out) for s in expansion),
                    tuple(isinstance(s, NonTerminal) and s.name.startswith("_") for s in expansion),
                )
            )
        return index[rule]

    order = sorted(table.states)
    if order != list(range(len(order))):
        raise ValueError("parse states are not numbered 0..n-1")
    actions = tuple(
        {
            symbol: ~rule_index(arg) if action is Reduce else int(arg)
            for symbol, (action, arg) in table.states[state].items()
        }
        for state in order
    )
    tables = Tables(actions, tuple(rules), dict(table.start_states), dict(table.end_states))
    tables.check()
    return tables


def parser_cache_path(text: str) -> str | None:
    """Where the built tables are kept: ``$AGENDAPARSE_CACHE_DIR``, else the user's cache
    folder (``$XDG_CACHE_HOME`` or ``~/.cache``) + ``/agendaparse``. The file name holds a
    checksum of the grammar and the table format; the file itself holds the whole grammar
    text, compared on reading, so tables of another grammar are never used.
    ``AGENDAPARSE_NO_CACHE=1`` turns the cache off. Never inside the package."""
    if os.environ.get("AGENDAPARSE_NO_CACHE"):
        return None
    base = os.environ.get("AGENDAPARSE_CACHE_DIR")
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = xdg or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(root, "agendaparse")
    key = zlib.crc32(_cache_basis(text).encode("utf-8"))
    return os.path.join(base, f"tables-{_TABLES_FORMAT}-{key:08x}.json")


def _cache_basis(text: str) -> str:
    """What the tables are built from: the start rules and the grammar. (Lark's version
    is left out: any LALR tables of the grammar parse the same; a test holds the runtime
    to Lark's parser.)"""
    return f"{START_RULES}\n{text}"


def _load(path: str, text: str) -> Tables | None:
    """The cached tables of grammar ``text``, or None when there are none (or they cannot
    be read, or are another grammar's: rebuilt). The file is JSON, checked on reading: a
    damaged or foreign file runs no code."""
    try:
        with open(path, "rb") as handle:
            data = json.load(handle)
        if not isinstance(data, dict) or data.get("grammar") != _cache_basis(text):
            return None
        return Tables.from_data(data)
    except (OSError, ValueError, TypeError, AttributeError):
        return None


def _save(tables: Tables, path: str, text: str) -> None:
    """Write the tables through a temporary file renamed into place: two processes that
    save at once each write their own file, and either complete file may win."""
    import tempfile  # only when the tables are built: rare, and a cost to every start

    try:
        folder = os.path.dirname(path)
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".tables-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                data = {"grammar": _cache_basis(text), **tables.to_data()}
                json.dump(data, handle, separators=(",", ":"), ensure_ascii=False)
            os.replace(tmp, path)
        finally:
            with contextlib.suppress(FileNotFoundError):  # renamed into place: gone
                os.unlink(tmp)
    except OSError:
        pass  # a read-only home: the tables are simply built each time


def parse_tokens(
    tokens: Sequence[Token],
    start: str = "document",
    *,
    strict: bool = False,
    source: str | None = None,
    line_text: dict[int, str] | None = None,
    build: Build = Tree,
) -> tuple[Any, list[Diagnostic]]:
    """Parse a token stream into the tree of ``start`` -- or into what ``build`` makes of
    every rule matched (see ``lalr.Parser``).

    In strict mode the first unexpected line raises ``AgendaSyntaxError``; otherwise the line
    is kept as text of a kind the grammar accepts there, and a diagnostic says so.
    """
    parser = Parser(get_tables(), start, build)
    diagnostics: list[Diagnostic] = []
    for token in tokens:
        try:
            parser.feed(token)  # a token that cannot come changes nothing
            continue
        except UnexpectedTokenError as exc:
            fallback = next((t for t in _TEXT_FALLBACKS if t in exc.expected), None)
            if strict or fallback is None:
                raise _syntax_error(token, exc.expected, source, line_text) from exc
        diagnostics.append(
            Diagnostic(
                "unexpected-line",
                f"{_describe(token.type)} not expected here; kept as text",
                token.line or 0,
                token.column or 0,
            )
        )
        parser.feed(Token.new_borrow_pos(fallback, token.value, token))
    try:
        value = parser.feed_eof(tokens[-1] if tokens else None)
    except UnexpectedTokenError as exc:
        raise _syntax_error(exc.token, exc.expected, source, line_text) from exc
    return value, diagnostics


def _describe(token_type: str) -> str:
    return token_type.lower().replace("_", " ")


def _syntax_error(
    token: Token,
    accepted: frozenset[str],
    source: str | None,
    line_text: dict[int, str] | None,
) -> AgendaSyntaxError:
    expected = frozenset(t for t in accepted if t != END)
    wanted = ", ".join(sorted(_describe(t) for t in expected)) or "the end of the document"
    line = token.line or 0
    what = "end of input" if token.type == END else _describe(token.type)
    return AgendaSyntaxError(
        f"{what} not expected here; expected {wanted}",
        source=source,
        line=line,
        column=token.column or 0,
        context=(line_text or {}).get(line, ""),
        expected=expected,
    )
