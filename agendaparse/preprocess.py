"""Preprocessing: bytes or text -> CleanText (lines with their original positions).

Guarantees the later stages rely on:

1. Line ends are ``\\n`` only (CRLF and CR are converted); a form feed starts a new line.
2. No line has trailing white space; no-break spaces are ordinary spaces; zero-width
   characters are gone from the text the grammar sees (the original keeps them).
3. Page furniture (job numbers, barcodes, running heads, "Page N" lines, "Please recycle",
   form feeds, footnote rule lines) and web-site text around the document are not in
   ``lines``: each is recorded in ``furniture`` with its original line number.
4. Every kept line knows the original line and column its first character came from,
   also when a collapsed line was split back into several lines.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import count, repeat
from typing import NamedTuple

from agendaparse.lang import LANGUAGES, script_of
from agendaparse.model import Diagnostic, Furniture, FurnitureKind
from agendaparse.patterns import find_symbols, has_symbol, is_symbol


class Line(NamedTuple):
    """One line of cleaned text and where it came from (a named tuple: there is one for
    every line, and it is three times cheaper to make than a frozen dataclass)."""

    number: int
    """1-based line number in the original input."""
    column: int
    """1-based column, in the original line, of ``text[0]``."""
    text: str
    after_rule: bool = False
    """The line follows a footnote rule line ("_______"): footnote text starts here."""
    lead_tabs: int = 0
    """Tabs before ``text`` in the original line: indentation in running text, empty first
    cells in a table row."""


@dataclass(frozen=True, slots=True)
class CleanText:
    """The text the grammar reads, with the furniture that was taken out of it."""

    lines: tuple[Line, ...]
    furniture: tuple[Furniture, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    encoding: str = "utf-8"
    original: str = ""
    """The decoded input, line ends normalised (for error context)."""
    source: str | None = None

    def line_text(self, number: int) -> str:
        """The original text of line ``number`` (1-based), or "" past the end."""
        lines = self.original.split("\n")
        return lines[number - 1] if 0 < number <= len(lines) else ""


class DecodeError(ValueError):
    """The bytes could not be read as text in any supported encoding."""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


LEGACY_ENCODINGS = ("cp1252", "latin_1", "cp1250", "cp1251", "koi8_r", "cp1256", "gb18030", "big5")
"""Legacy encodings of UN texts, most common first: Western, Central European, Cyrillic,
Arabic and Chinese code pages."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode input bytes; returns (text, encoding name).

    A byte-order mark decides first; then strict UTF-8; then charset-normalizer's best
    guess among ``LEGACY_ENCODINGS``; Windows-1252 is the last resort (it maps every byte).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(name.replace("-sig", "")), name
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    results = from_bytes(data, cp_isolation=list(LEGACY_ENCODINGS))
    best = results.best()
    if best is not None and best.encoding:
        text = str(best)
        # among the code pages that read the bytes as well as the best guess (or into the
        # very same text), name the most common one
        tied = {
            m.encoding for m in results if (m.chaos, -m.coherence) <= (best.chaos, -best.coherence)
        }
        for name in LEGACY_ENCODINGS:
            try:
                candidate = data.decode(name)
            except UnicodeDecodeError:
                continue
            if name in tied or candidate == text:
                return candidate, name
        return text, best.encoding
    return data.decode("cp1252", errors="replace"), "cp1252"


# ---------------------------------------------------------------- furniture patterns

# Job numbers: "V.09-81234 (E)", "GE.04-51470", "14-58484 (E) 300714", "17-13704* (E) 180817",
# also alone or followed by the barcode on the same line.
JOB_NUMBER_RE = re.compile(
    r"^(?:(?:[A-Z]{1,3}\.?\s?)?\d{2}-\d{5}\s?\*?(?:\s*\([A-Z]\))?|[A-Z]\d{7})(?:\s+\d{6}){0,2}"
    r"(?:\s+\*\d{7,}\*)?$"
)
# Specialized agencies' job codes: "NK123/e", "X0061/E", "W9917e"
AGENCY_JOB_RE = re.compile(r"^[A-Z]{1,2}\d{3,5}/?[a-zA-Z]$")
# Page footers that name where documents can be found
FOOTER_RE = re.compile(
    r"^(?:documents?\s+can\s+be\s+consulted\s+at|this\s+document\s+is\s+printed).*$"
    # an address line with e-mail and telephone: "... Rome, Italy - Tel: (+39) ... - E-mail: ..."
    # (the first look-ahead, for the "@" the e-mail needs, fails fast on every other line)
    r"|^(?=[^@]*+@)(?=.*\b(?:tel|phone|fax)\b\.?\s*:?)(?=.*\b[\w.-]+@[\w-]+\.[\w.]+).{0,240}$",
    re.IGNORECASE,
)
# Specialized agencies' document file names left as footers: "GB356-1_[RELME-260130-1]-En.docx"
FILE_NAME_RE = re.compile(r"^\S{1,80}\.(?:docx?|pdf|rtf|odt)(?:\s+\d{1,3})?$", re.IGNORECASE)
# Barcodes: "*1458484*"
BARCODE_RE = re.compile(r"^\*\d{7,}\*$")
# "Page 2", "page 2", "Página 3", "- 2 -", "2/15", "(2)" as a page mark
PAGE_RE = re.compile(
    r"^(?:(?:page|p[áa]gina|p\.)\s*\d{1,4}|-\s*\d{1,4}\s*-|\d{1,3}/\d{1,3}|\(\d{1,3}\))$",
    re.IGNORECASE,
)
RECYCLE_RE = re.compile(
    r"^(?:" + "|".join(lang.recycle for lang in LANGUAGES.values() if lang.recycle) + r")\W*$",
    re.IGNORECASE,
)
FOOTNOTE_RULE_RE = re.compile(r"^[_\u2014\u2500-]{5,}$")
# Web-site text that pages around extracted documents add (download buttons, navigation,
# "Size: px" viewers); each alternative is a whole line.
WEB_TEXT_RE = re.compile(
    r"^(?:back\s+to(?:\s+.*)?|home\s+page|size:\s*px|tamaño:\s*px|start\s+display\s+at\s+page:?"
    r"|comenzar\s+la\s+demostración.*|download\s+\".*|transcri(?:ption|pción).*"
    r"|si\s+votre\s+navigateur.*|[←→]|share\s+\".*|copied!?|\d{1,4}\s*|<<|>>"
    # the header and greeting of an e-mail that carried the agenda
    r"|(?:from|sent|to|cc|subject)\s*:.*|dear\s+[^.]{1,40},"
    r"|•.*)$",
    re.IGNORECASE,
)

# Web-site text after a document: copyright and navigation footers, menu bars
WEB_TRAILER_RE = re.compile(
    r"^(?:©|\(c\)\s|copyright\b|back\s+to\s+top\b|terms\s+of\s+use\b|privacy\b"
    r"|share\s+this\b|follow\s+us\b|contact\s+us\b|cookies?\b|site\s+map\b).{0,200}$"
    r"|^(?=[^|]*+\|)[^|]{1,40}(?:\s\|\s[^|]{1,40}){2,}$|^-{3,}$",  # (a bar first: fails fast)
    re.IGNORECASE,
)
# The closing of an e-mail that carried the agenda: it and the signature are not the document
CLOSING_RE = re.compile(
    r"^(?:(?:best|kind|warm)\s+regards|regards|sincerely|yours\s+(?:sincerely|faithfully))\b.{0,20}$",
    re.IGNORECASE,
)
_ZERO_WIDTH_CHARS = "\u200b\u200c\u200d\u2060\ufeff"
_ZERO_WIDTH = dict.fromkeys(map(ord, _ZERO_WIDTH_CHARS), None)
# control characters XML cannot hold (tab, line feed and form feed are handled apart)
_CONTROL = dict.fromkeys([*range(9), 11, *range(14, 32), 0xFFFE, 0xFFFF], "\ufffd")
_SPACES = {ord("\u00a0"): " ", ord("\u202f"): " ", ord("\u2007"): " "}
_CLEAN: dict[int, str | None] = {**_ZERO_WIDTH, **_SPACES, **_CONTROL}


# any character _CLEAN changes: most lines have none, and a search is cheaper than a translate
_UNCLEAN_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CLEAN)) + "]")


_LEADING_SPACE = " \t\u00a0\u202f\u2007" + _ZERO_WIDTH_CHARS
"""What can stand before a line's first character (its column counts it)."""


_PLAIN_ASCII = bytes(c for c in range(128) if c not in _CLEAN and c != ord("\f"))
"""The ASCII characters that need no cleaning and are no form feed."""


def _is_plain(text: str) -> bool:
    """Whether ``text`` has nothing to clean and no form feed (most texts)."""
    if text.isascii():
        # what is left when the plain characters are deleted needs work: a byte translation
        # is ten times faster than a search for a class of characters
        return not text.encode("ascii").translate(None, _PLAIN_ASCII)
    return "\f" not in text and _UNCLEAN_RE.search(text) is None


def _normalise_line(raw: str) -> str:
    # trailing tabs stay: they are the empty cells of a table row
    if _UNCLEAN_RE.search(raw) is None:
        return raw.rstrip(" ")
    return raw.translate(_CLEAN).rstrip(" ")


_new_line = tuple.__new__
"""Makes a ``Line`` from all its fields at once: half the cost of calling ``Line``, whose
generated constructor is Python code, and there is one for every line of a text."""


def preprocess(text: str, *, encoding: str = "utf-8", source: str | None = None) -> CleanText:
    """Clean ``text`` for the grammar: see the module docstring for the guarantees."""
    if "\r" in text:  # (a search costs less than a replacement that finds nothing)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.removeprefix("\ufeff")
    furniture: list[Furniture] = []
    lines: list[Line] = []
    after_rule = False
    raw_lines = text.split("\n")
    pieces: Iterable[tuple[int, int, str, str, bool]]
    if _is_plain(text):
        # each line is one piece, as it is, from its first column (one test of the whole
        # text spares one for each line)
        pieces = zip(count(1), repeat(1), raw_lines, raw_lines, repeat(False))
    else:
        pieces = _pieces(raw_lines)
    for number, column, piece, clean, after_form_feed in pieces:
        if after_form_feed:
            furniture.append(Furniture(FurnitureKind.FORM_FEED, "\f", number))
        stripped = clean.strip()
        if not stripped:
            lines.append(_new_line(Line, (number, column, "", False, 0)))
            continue
        kind = _furniture_kind(stripped)
        if kind is not None:
            furniture.append(Furniture(kind, stripped, number))
            after_rule = kind is FurnitureKind.FOOTNOTE_RULE
            continue
        # the text keeps its inner tabs (table cells, "1.<TAB>Title"); the tabs in front
        # are counted, not kept: indentation, or a row's empty cells
        kept = clean.strip(" ")
        body = kept.lstrip("\t")
        # the column of the first character in the original piece
        lead = len(piece) - len(piece.lstrip(_LEADING_SPACE))
        lines.append(
            _new_line(Line, (number, column + lead, body, after_rule, len(kept) - len(body)))
        )
        after_rule = False
    lines, web = _strip_web_text(lines)
    furniture.extend(web)
    pages = {f.line for f in furniture if f.kind is FurnitureKind.PAGE_NUMBER}
    lines, heads = _strip_running_heads(lines, pages)
    furniture.extend(heads)
    furniture.sort(key=lambda f: f.line)
    return CleanText(
        tuple(lines), tuple(furniture), (), encoding=encoding, original=text, source=source
    )


def _pieces(raw_lines: list[str]) -> Iterator[tuple[int, int, str, str, bool]]:
    """Each piece of each line (a form feed ends a piece): its line number, the column it
    starts at, its original and its cleaned text, and whether a form feed came before it."""
    for number, raw in enumerate(raw_lines, start=1):
        column = 1
        for index, piece in enumerate(raw.split("\f")):
            yield number, column, piece, _normalise_line(piece), index > 0
            column += len(piece) + 1


FURNITURE_PATTERNS: tuple[tuple[FurnitureKind, re.Pattern[str]], ...] = (
    (FurnitureKind.BARCODE, BARCODE_RE),
    (FurnitureKind.JOB_NUMBER, JOB_NUMBER_RE),
    (FurnitureKind.JOB_NUMBER, AGENCY_JOB_RE),
    (FurnitureKind.FOOTER, FOOTER_RE),
    (FurnitureKind.FOOTER, FILE_NAME_RE),
    (FurnitureKind.PAGE_NUMBER, PAGE_RE),
    (FurnitureKind.RECYCLE, RECYCLE_RE),
    (FurnitureKind.FOOTNOTE_RULE, FOOTNOTE_RULE_RE),
)
"""A whole line of page furniture: the first of these patterns to match tells its kind."""


def first_of(patterns: list[re.Pattern[str]]) -> re.Pattern[str]:
    """One pattern that matches where the first of ``patterns`` to match would, the group
    ``p<i>`` telling which one did: one call for a line instead of one per pattern. Each
    keeps its own flags (case), scoped to its alternative."""
    alternatives = []
    for i, pattern in enumerate(patterns):
        flags = "".join(
            letter
            for flag, letter in ((re.IGNORECASE, "i"), (re.DOTALL, "s"), (re.MULTILINE, "m"))
            if pattern.flags & flag
        )
        body = f"(?{flags}:{pattern.pattern})" if flags else f"(?:{pattern.pattern})"
        alternatives.append(f"(?P<p{i}>{body})")
    return re.compile("|".join(alternatives))


_FURNITURE_RE = first_of([pattern for _, pattern in FURNITURE_PATTERNS])
_FURNITURE_BY_GROUP = {f"p{i}": kind for i, (kind, _) in enumerate(FURNITURE_PATTERNS)}


def _furniture_kind(stripped: str) -> FurnitureKind | None:
    if not stripped:
        return None
    match = _FURNITURE_RE.match(stripped)
    return None if match is None else _FURNITURE_BY_GROUP[match.lastgroup or ""]


def _strip_web_text(lines: list[Line]) -> tuple[list[Line], list[Furniture]]:
    """Web-site lines before the document starts: navigation, viewer controls, and lines in
    another writing system than the document's (a host site's own language)."""
    out: list[Line] = []
    removed: list[Furniture] = []
    main: str | None = None
    main_read = False  # the document's writing system is read on first need: few texts need it
    for index, line in enumerate(lines):
        text = line.text
        if text:
            web = WEB_TEXT_RE.match(text) is not None
            if not web and not text.isascii():  # an ASCII line is in no other writing system
                if not main_read:
                    main, main_read = script_of(_opening_text(lines)), True
                web = _foreign(text, main)
            if web:
                removed.append(Furniture(FurnitureKind.WEB_TEXT, text, line.number))
                continue
        out.append(line)
        if len(text) > 3:  # the document has started: the rest of the lines are its own
            out.extend(lines[index + 1 :])
            break
    # and after the document: the site's footer ("© United Nations 2026 | Terms of use"), or
    # the signature of an e-mail that carried the agenda ("Best regards," and what follows)
    end = len(out)
    for k in range(len(out) - 1, max(-1, len(out) - 16), -1):
        if out[k].text and CLOSING_RE.match(out[k].text):
            end = k
            break
    while end > 0 and (not out[end - 1].text or WEB_TRAILER_RE.match(out[end - 1].text)):
        end -= 1
    trailer = [line for line in out[end:] if line.text]
    removed.extend(Furniture(FurnitureKind.WEB_TEXT, line.text, line.number) for line in trailer)
    return out[:end] + [line for line in out[end:] if not line.text], removed


def _opening_text(lines: list[Line]) -> str:
    """The opening of a text: what tells its writing system."""
    return " ".join(line.text for line in lines[:200])[:1500]


def _foreign(text: str, main: str | None) -> bool:
    """A line in another writing system than a Latin-script document's (a host site's text).

    Documents in other scripts keep Latin lines of their own (symbols, "Distr.: General"),
    so only Latin-script documents are judged this way."""
    if main != "LATIN" or text.isascii():
        return False
    script = script_of(text)
    return script is not None and script != main


_MASTHEAD_LINES = 12
"""How many lines at the top can hold the masthead."""


def _strip_running_heads(
    lines: list[Line], pages: frozenset[int] | set[int] = frozenset()
) -> tuple[list[Line], list[Furniture]]:
    """A line holding only the document's own symbol, met again after the masthead.

    The masthead occurrence (the first) stays; later ones are running heads, and so is
    a symbol line right before or after a removed "Page N" line. The masthead may also
    hold the symbol inside a longer line (a flattened masthead): the symbols of the first
    lines count as seen.
    """
    seen: set[str] = set()
    for line in lines[:_MASTHEAD_LINES]:
        text = line.text
        if "/" not in text:  # every symbol has a slash
            continue
        if len(text) >= 40:  # a flattened masthead line, not a page head
            seen.update(m.group() for m in find_symbols(text[:300]))
        # a masthead laid out as a table: "United Nations<TAB>UNEP/EA.7/1"
        seen.update(cell.strip() for cell in text.split("\t")[1:] if is_symbol(cell))
    out: list[Line] = []
    removed: list[Furniture] = []
    page_may_follow = False
    for line in lines:
        text = line.text
        if page_may_follow and text:
            page_may_follow = False
            if text.isdigit() and len(text) <= 3:  # "UNEP/EA.7/1" then "2": the page number
                removed.append(Furniture(FurnitureKind.PAGE_NUMBER, text, line.number))
                continue
        # every symbol has a slash: most lines are kept without a closer look
        if "/" in text:
            if is_symbol(text):
                beside_page = bool(
                    pages & {line.number - 2, line.number - 1, line.number + 1, line.number + 2}
                )
                if text in seen or (beside_page and line.number > _MASTHEAD_LINES):
                    removed.append(Furniture(FurnitureKind.RUNNING_HEAD, text, line.number))
                    page_may_follow = True
                    continue
                seen.add(text)
            # "A/81/150 (2)": the cheap test of the shape first
            elif text.endswith(")") and _is_symbol_page_head(text, seen) and has_symbol(text):
                removed.append(Furniture(FurnitureKind.RUNNING_HEAD, text, line.number))
                continue
        out.append(line)
    return out, removed


_SYMBOL_PAGE_RE = re.compile(r"^(?P<sym>\S+)\s+\((?:\d{1,3})\)$")


def _is_symbol_page_head(text: str, seen: set[str]) -> bool:
    match = _SYMBOL_PAGE_RE.match(text)
    return bool(match and match.group("sym") in seen)
