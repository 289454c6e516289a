"""Grammar stage: tokens from the line lexer -> a Lark parse tree.

The LALR parser is built once per process from ``grammars/agenda.lark`` (shipped inside
the package) and shared; every rule of the grammar can be a start rule, so each part of
an agenda can be parsed -- and tested -- on its own.
"""

from __future__ import annotations

import functools
import hashlib
import os
import tempfile
from collections.abc import Iterator, Sequence
from importlib import resources
from pathlib import Path

import lark
from lark import Lark, Token, Tree
from lark.exceptions import UnexpectedToken
from lark.lexer import Lexer, LexerState
from lark.parsers.lalr_interactive_parser import InteractiveParser

from agendaparse.errors import AgendaSyntaxError
from agendaparse.model import Diagnostic

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


class _NoLexer(Lexer):
    """Placeholder: tokens come from ``agendaparse.lexer``, never from Lark's lexers."""

    def __init__(self, lexer_conf: object) -> None:
        pass

    def lex(self, lexer_state: LexerState, parser_state: object) -> Iterator[Token]:
        raise NotImplementedError("feed tokens through parse_tokens()")


def grammar_text() -> str:
    """The grammar, read from the installed package or, in a source tree, from grammars/."""
    packaged = resources.files("agendaparse") / "grammars" / "agenda.lark"
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    source_tree = Path(__file__).resolve().parent.parent / "grammars" / "agenda.lark"
    return source_tree.read_text(encoding="utf-8")


@functools.cache
def get_parser(strict: bool = False) -> Lark:
    """The LALR parser for every start rule, built once per process.

    Building the tables takes about 30 ms; a built parser is kept in the user's cache folder
    (see ``parser_cache_path``) and loaded from there by the next process in about 2 ms.
    The strict build (which checks the grammar for conflicts) is never cached.
    """
    text = grammar_text()
    cache = None if strict else parser_cache_path(text)
    loaded = _load(cache) if cache is not None else None
    if loaded is not None:
        return loaded
    parser = Lark(
        text,
        parser="lalr",
        lexer=_NoLexer,
        start=list(START_RULES),
        propagate_positions=True,
        maybe_placeholders=False,
        strict=strict,
    )
    if cache is not None:
        _save(parser, cache)
    return parser


def parser_cache_path(text: str) -> Path | None:
    """Where the built parser is kept: ``$AGENDAPARSE_CACHE_DIR``, else the user's cache
    folder (``$XDG_CACHE_HOME`` or ``~/.cache``) + ``/agendaparse``; the file name holds a
    hash of the grammar and of the lark version, so a changed grammar is never read from a
    stale file. ``AGENDAPARSE_NO_CACHE=1`` turns the cache off. Never inside the package."""
    if os.environ.get("AGENDAPARSE_NO_CACHE"):
        return None
    base = os.environ.get("AGENDAPARSE_CACHE_DIR")
    if base is None:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = Path(xdg) if xdg else Path.home() / ".cache"
        base = str(root / "agendaparse")
    key = hashlib.sha256(f"{lark.__version__}\n{START_RULES}\n{text}".encode()).hexdigest()
    return Path(base) / f"parser-{key[:20]}.pickle"


def _load(path: Path) -> Lark | None:
    """The cached parser, or None when there is none (or it cannot be read: it is rebuilt)."""
    try:
        with path.open("rb") as handle:
            loaded: Lark = Lark.load(handle)
    except Exception:  # noqa: BLE001 - any unreadable cache file is simply rebuilt
        return None
    return loaded


def _save(parser: Lark, path: Path) -> None:
    """Write the parser through a temporary file renamed into place: two processes that
    save at once each write their own file, and either complete file may win."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".parser-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                parser.save(handle)
            os.replace(tmp, path)
        finally:
            Path(tmp).unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: the parser is simply built each time


def parse_tokens(
    tokens: Sequence[Token],
    start: str = "document",
    *,
    strict: bool = False,
    source: str | None = None,
    line_text: dict[int, str] | None = None,
) -> tuple[Tree[Token], list[Diagnostic]]:
    """Parse a token stream.

    In strict mode the first unexpected line raises ``AgendaSyntaxError``; otherwise the line
    is kept as text of a kind the grammar accepts there, and a diagnostic says so.
    """
    parser = get_parser().parse_interactive(start=start)
    diagnostics: list[Diagnostic] = []
    for token in tokens:
        # a cheap copy: reductions build new trees and never change the values on the stack
        before: InteractiveParser = parser.copy(deepcopy_values=False)  # type: ignore[no-untyped-call]
        try:
            parser.feed_token(token)
            continue
        except UnexpectedToken as exc:
            # ask the parser as it was before the failed token: a failed feed may already
            # have closed rules that were still open
            parser = before
            accepted = _accepts(parser)
            fallback = next((t for t in _TEXT_FALLBACKS if t in accepted), None)
            if strict or fallback is None:
                raise _syntax_error(token, accepted, source, line_text) from exc
        diagnostics.append(
            Diagnostic(
                "unexpected-line",
                f"{_describe(token.type)} not expected here; kept as text",
                token.line or 0,
                token.column or 0,
            )
        )
        parser.feed_token(Token.new_borrow_pos(fallback, token.value, token))
    try:
        tree: Tree[Token] = parser.feed_eof()  # type: ignore[no-untyped-call]
    except UnexpectedToken as exc:
        raise _syntax_error(exc.token, _accepts(parser), source, line_text) from exc
    return tree, diagnostics


def _accepts(parser: InteractiveParser) -> set[str]:
    """The token types the parser accepts in its current state."""
    accepted: set[str] = parser.accepts()  # type: ignore[no-untyped-call]
    return accepted


def _describe(token_type: str) -> str:
    return token_type.lower().replace("_", " ")


def _syntax_error(
    token: Token,
    accepted: set[str],
    source: str | None,
    line_text: dict[int, str] | None,
) -> AgendaSyntaxError:
    expected = frozenset(t for t in accepted if t != "$END")
    wanted = ", ".join(sorted(_describe(t) for t in expected)) or "the end of the document"
    line = token.line or 0
    what = "end of input" if token.type == "$END" else _describe(token.type)
    return AgendaSyntaxError(
        f"{what} not expected here; expected {wanted}",
        source=source,
        line=line,
        column=token.column or 0,
        context=(line_text or {}).get(line, ""),
        expected=expected,
    )
