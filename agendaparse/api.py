"""The Python API: every stage on its own, and the whole pipeline in one call.

agenda = parse(text)          # str -> Agenda (lenient; strict=True raises)
xml = to_akn(agenda)          # Akoma Ntoso 3.0, UTF-8 bytes
data = to_json(agenda)        # JSON text
from_json(data) == agenda
agenda = parse_file(path)     # bytes on disk, any supported encoding
"""

from __future__ import annotations

import functools
import gc
import os
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from agendaparse.errors import AgendaSyntaxError, InputError
from agendaparse.grammar import parse_tokens
from agendaparse.lalr import Token, Tree
from agendaparse.lang import LANGUAGE_SAMPLE, LANGUAGES, Lang, detect_language
from agendaparse.lexer import LineLexer, ShapeReader
from agendaparse.model import Agenda, Diagnostic, Furniture
from agendaparse.preprocess import CleanText, decode, preprocess
from agendaparse.transform import AgendaTransformer

__all__ = [
    "from_json",
    "lex",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_tree",
    "preprocess",
    "to_akn",
    "to_json",
]


_P = ParamSpec("_P")
_R = TypeVar("_R")


def _collector_paused(convert: Callable[_P, _R]) -> Callable[_P, _R]:
    """``convert`` run with Python's cyclic garbage collector paused, if it was running:
    it runs again when ``convert`` returns or raises, and is left alone if it was paused.

    Reading an agenda and writing its AKN make no reference cycles (the tests hold them to
    it; writing JSON leaves a few dozen objects of the standard library's encoder in cycles,
    freed when the collector next runs), so a collection during a conversion frees nothing,
    yet walks every object the conversion has made so far: on a 1 MB agenda the collections
    took 7-13 % of the time, a share that grows with the document (none ran for the
    reference agenda). The pause is process-wide, as the collector is: a thread that pauses
    the collector while another thread converts finds it running again when that
    conversion ends."""

    @functools.wraps(convert)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return convert(*args, **kwargs)
        gc.disable()
        try:
            return convert(*args, **kwargs)
        finally:
            gc.enable()

    return paused


def _language(clean: CleanText, lang: str | None) -> Lang:
    if lang is not None:
        if lang not in LANGUAGES:
            raise InputError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
        return LANGUAGES[lang]
    return detect_language(_opening(clean, LANGUAGE_SAMPLE))


def _opening(clean: CleanText, size: int) -> str:
    """The first ``size`` characters of the cleaned text, lines joined by newlines."""
    taken: list[str] = []
    length = 0
    for line in clean.lines:
        taken.append(line.text)
        length += len(line.text) + 1
        if length >= size:
            break
    return "\n".join(taken)[:size]


def lex(
    clean: CleanText, lang: Lang, shapes: ShapeReader | None = None
) -> tuple[list[Token], LineLexer]:
    """The token stream of a cleaned text (the lexer is returned for its diagnostics)."""
    lexer = LineLexer(clean, lang, shapes)
    return lexer.tokenize(), lexer


def parse_tree(
    clean: CleanText, *, lang: str | None = None, strict: bool = False
) -> tuple[Tree, Lang, list[Diagnostic], list[Furniture]]:
    """Preprocessed text -> parse tree of the ``document`` rule, the language, the
    diagnostics and the furniture the lexer took out (page references of a contents list)."""
    language = _language(clean, lang)
    tokens, lexer = lex(clean, language)
    tree, diagnostics = parse_tokens(tokens, "document", strict=strict, source=clean.source)
    return tree, language, [*lexer.diagnostics, *diagnostics], lexer.furniture


@_collector_paused
def parse(
    text: str,
    *,
    source: str | None = None,
    strict: bool = False,
    lang: str | None = None,
    encoding: str = "utf-8",
) -> Agenda:
    """Read an agenda's text into the typed tree.

    Args:
        text: the document's plain text.
        source: where it came from (a file name), for messages and the output.
        strict: raise ``AgendaSyntaxError`` on the first thing not understood instead of
            keeping it as text with a warning.
        lang: ISO 639-2 code (``eng``, ``fra``, ``spa``) instead of detecting the language.
        encoding: the encoding the text was decoded from (recorded in the output).

    Returns:
        The ``Agenda``.
    """
    clean = preprocess(text, encoding=encoding, source=source)
    language = _language(clean, lang)
    shapes = ShapeReader()  # the lines' shapes, read by the lexer, reused by the transformer
    tokens, lexer = lex(clean, language, shapes)
    # the model is built as the parser reads, rule by rule: no parse tree between
    transformer = AgendaTransformer(language, shapes)
    try:
        parts, diagnostics = parse_tokens(
            tokens, "document", strict=strict, source=clean.source, build=transformer.build
        )
    except AgendaSyntaxError as exc:
        if not exc.context and exc.line:
            exc.context = clean.line_text(exc.line).rstrip()
        raise
    return transformer.finish(
        parts,
        diagnostics=[*lexer.diagnostics, *diagnostics],
        furniture=tuple(sorted((*clean.furniture, *lexer.furniture), key=lambda f: f.line)),
        encoding=encoding,
        source=source,
    )


@_collector_paused
def parse_bytes(
    data: bytes, *, source: str | None = None, strict: bool = False, lang: str | None = None
) -> Agenda:
    """Decode bytes (BOM, UTF-8, UTF-16, legacy code pages) and parse them."""
    text, encoding = decode(data)
    return parse(text, source=source, strict=strict, lang=lang, encoding=encoding)


@_collector_paused
def parse_file(
    path: str | os.PathLike[str], *, strict: bool = False, lang: str | None = None
) -> Agenda:
    """Read and parse a file in any supported encoding; the source is the path as given."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", source=name) from exc
    return parse_bytes(data, source=name, strict=strict, lang=lang)


@_collector_paused
def to_akn(agenda: Agenda, *, markup_date: str | None = None) -> bytes:
    """The Akoma Ntoso 3.0 document as UTF-8 bytes (see ``akn_emitter.to_akn``)."""
    from agendaparse.akn_emitter import to_akn as emit

    return emit(agenda, markup_date=markup_date)


@_collector_paused
def to_json(agenda: Agenda, *, indent: int | None = 2) -> str:
    """The JSON text of the tree (see ``json_emitter``)."""
    from agendaparse.json_emitter import to_json as emit

    return emit(agenda, indent=indent)


@_collector_paused
def from_json(text: str) -> Agenda:
    """Read JSON written by ``to_json`` back into an equal tree."""
    from agendaparse.json_emitter import from_json as read

    return read(text)
