"""Running text: printed text -> RichText (italics, cited symbols, footnote markers).

Shared by the transformer, which builds the tree, and the emitters, which need the same
reading of masthead and title lines; it knows the model and the symbol patterns, nothing else.
"""

from __future__ import annotations

import re

from agendaparse.model import PartKind, RichText, TextPart
from agendaparse.patterns import anchored_end, find_symbols, matches_near_slashes

# the kinds as globals: on Python 3.11 reading an attribute of an Enum class costs a hook
# call (see lexer.py); running text is made of hundreds of parts
_TEXT, _SYMBOL = PartKind.TEXT, PartKind.SYMBOL
_ITALIC, _NOTE_REF = PartKind.ITALIC, PartKind.NOTE_REF

ITALIC_RE = re.compile(r"<i>(.*?)</i>", re.DOTALL)
# footnote markers at the end of a heading: "agenda*", "Assembly1/", "session[1],[2]",
# digits glued to a lower-case word ("Goals1")
_TAIL_MARKER_RE = re.compile(
    r"(?:\s*(?P<m>\*{1,3}|\d{1,2}/|(?:\[\d{1,2}\],?)+)|(?<=[a-z]{3})(?P<g>\d{1,2}))(?P<p>[.;:,]?)$"
)


def join_lines(text: str) -> str:
    """Wrapped lines joined with single spaces (the text's own spaces inside a line kept)."""
    if "\n" not in text:
        return text.strip()
    return " ".join(part.strip() for part in text.split("\n") if part.strip())


# a superscript marker that extraction set apart before a final colon: "anexo I 1 :" (only
# where typography puts no space before a colon; French does)
_SPACED_MARKER_RE = re.compile(r"(?<=\S)\s(?P<m>\d{1,2})(?P<p>\s[:;])$")


def _may_end_in_marker(text: str) -> bool:
    """Whether a final note marker is possible: the text ends (before one punctuation
    mark) in ``*``, ``/``, ``]``, ``],`` or a digit -- a test that spares most headings the search
    of the marker patterns, which are anchored at the end but tried from every position."""
    end = anchored_end(text)
    end = end[:-1] if end[-1:] in ".;:," else end
    return end[-1:] in ("*", "/", "]") or end[-1:].isdigit() or end[-2:] == "],"


def rich(text: str, *, heading: bool = False, spaced_colon: bool = True) -> RichText:
    """Running text as RichText: italics, cited symbols and (in headings) final note markers.

    ``spaced_colon`` says that the language sets a space before a colon (French); where it
    does not, a lone number before " :" at the end of a heading is a footnote marker.
    """
    text = join_lines(text)
    marker_possible = heading and _may_end_in_marker(text)
    if (
        "/" not in text
        and "<i>" not in text
        and (not heading or (not marker_possible and (spaced_colon or text[-1:] not in ":;")))
    ):
        # most text: one plain run (no symbol or "1/" marker without a slash, no italics,
        # and for a heading no final marker: the tests below would find nothing)
        return RichText((TextPart(_TEXT, text),) if text else ())
    parts: list[TextPart] = []
    tail: list[TextPart] = []
    if heading:
        match = _TAIL_MARKER_RE.search(text) if marker_possible else None
        if (match is None or match.start() == 0) and not spaced_colon and text[-1:] in ":;":
            match = _SPACED_MARKER_RE.search(text)
        if match and match.start() > 0:
            marker = match.group("m") or match.groupdict().get("g") or ""
            punct = match.group("p")
            text = text[: match.start()] + punct
            tail = [TextPart(_NOTE_REF, marker.strip())]
    pos = 0
    if "<i>" in text:  # what most text has not: spares the search
        for m in ITALIC_RE.finditer(text):
            parts.extend(_symbol_parts(text[pos : m.start()]))
            if m.group(1):
                parts.append(TextPart(_ITALIC, m.group(1)))
            pos = m.end()
    parts.extend(_symbol_parts(text[pos:]))
    if tail:
        # the marker stands where it was printed: before the final punctuation
        if parts and parts[-1].kind is _TEXT and parts[-1].text[-1:] in ".;:,":
            last = parts.pop()
            if last.text[:-1]:
                parts.append(TextPart(_TEXT, last.text[:-1]))
            parts.extend([*tail, TextPart(_TEXT, last.text[-1])])
        else:
            parts.extend(tail)
    return RichText(tuple(parts))


# a footnote marker inside running text, in the "1/" form of older documents
_INLINE_MARKER_RE = re.compile(
    r"(?<![\w/])\d{1,2}/(?=[\s,.;:)]|$)|(?<=[a-z]{3})\d{1,2}/(?=[\s,.;:)]|$)"
)


_DIGIT_RE = re.compile("[0-9]")  # a "1/" marker starts with one
# what every "1/" marker ends with: a slash before white space, punctuation or the end (the
# slashes of symbols and of "and/or" are not; a search for it spares most text the markers')
_MARKER_SLASH_RE = re.compile(r"/(?=[\s,.;:)]|$)")


def _symbol_parts(text: str) -> list[TextPart]:
    if "/" not in text:  # symbols and "1/" markers both have a slash
        return [TextPart(_TEXT, text)] if text else []
    found = [(m.start(), m.end(), _SYMBOL) for m in find_symbols(text)]
    if _MARKER_SLASH_RE.search(text):
        for m in matches_near_slashes(_INLINE_MARKER_RE, text, 2, _DIGIT_RE):
            if not any(a <= m.start() < b for a, b, _ in found):
                found.append((m.start(), m.end(), _NOTE_REF))
    found.sort()
    out: list[TextPart] = []
    pos = 0
    for start, end, kind in found:
        if start > pos:
            out.append(TextPart(_TEXT, text[pos:start]))
        out.append(TextPart(kind, text[start:end]))
        pos = end
    if pos < len(text):
        out.append(TextPart(_TEXT, text[pos:]))
    return out
