"""Transform stage: a Lark parse tree -> the typed tree of ``agendaparse.model``.

One method per grammar rule, named after the rule. Token values are the text as printed;
the helpers below split numbers from titles, find cited symbols, italics and footnote
markers, and read masthead fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from agendaparse.lalr import Token, Tree
from agendaparse.lang import ENGLISH, FUNCTION_WORDS, Lang, language_code
from agendaparse.lexer import UPPER_NO_DOT_RE, NumKind, ShapeReader, capital, keywords
from agendaparse.model import (
    Agenda,
    AgendaGroup,
    AgendaItem,
    AgendaList,
    Annex,
    AnnotatedItem,
    Annotations,
    Block,
    Diagnostic,
    Documentation,
    DocumentEntry,
    Field,
    Footnote,
    Heading,
    ListItem,
    Masthead,
    Meeting,
    Paragraph,
    RichText,
    Span,
    Table,
    TableCell,
    TableRow,
)
from agendaparse.patterns import find_symbols, is_symbol, parse_date, parse_date_range
from agendaparse.text import ITALIC_RE, join_lines, rich

# ---------------------------------------------------------------- positions


def span_of(token: Token) -> Span:
    """The span of a token, in original line/column numbers."""
    return Span(token.line or 0, token.column or 0, token.end_line or 0, token.end_column or 0)


# ---------------------------------------------------------------- the front matter


@dataclass(slots=True)
class _Front:
    """Masthead and meeting fields gathered while walking the front tokens."""

    lang: Lang
    shapes: ShapeReader
    masthead: dict[str, Any] = field(default_factory=dict)
    organs: list[Field] = field(default_factory=list)
    marks: list[Field] = field(default_factory=list)
    meeting: dict[str, Any] = field(default_factory=dict)
    meeting_other: list[Field] = field(default_factory=list)
    title: Field | None = None
    subtitles: list[Field] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    footnotes: list[Footnote] = field(default_factory=list)
    pending_text: list[Field] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    last_type: str = ""

    def take(self, token: Token) -> None:
        self._take(token)
        self.last_type = token.type

    def _take(self, token: Token) -> None:
        text = join_lines(token.value)
        span = span_of(token)
        kind = token.type
        key = _MASTHEAD_KEYS.get(kind)
        meeting_key = _MEETING_KEYS.get(kind)
        if (key is not None and key in self.masthead) or (
            meeting_key is not None and meeting_key in self.meeting
        ):
            # the field was already read (a bilingual or repeated masthead, a second date
            # line): keep the line as text
            self._text(token, text, span)
            return
        if kind == "ORGANIZATION":
            self.masthead.setdefault("organization", Field(text, None, span))
        elif kind == "SYMBOL":
            self.masthead.setdefault("symbol", Field(text, None, span))
        elif kind == "DISTRIBUTION":
            self._distribution(text, span)
            self._search_fields(text, span)
            self._flush_organs()
        elif kind == "DATE":
            found = parse_date(text)
            self.masthead.setdefault("date", Field(text, found[0] if found else None, span))
            self._flush_organs()
        elif kind == "ORIGINAL":
            self._original(text, span, whole=True)
            self._flush_organs()
        elif kind == "VERSION_LANGUAGE":
            self.masthead.setdefault("version_language", Field(text, language_code(text), span))
        elif kind == "LANGUAGES_ONLY":
            self.masthead.setdefault("languages_only", Field(text, None, span))
        elif kind == "SESSION":
            self._meeting_body()
            self.meeting.setdefault("session", Field(text, None, span))
        elif kind == "PLACE_DATES":
            self._meeting_body()
            self._place_dates(text, span)
        elif kind == "AGENDA_ITEM_LINE":
            self._meeting_body()
            self.meeting.setdefault("agenda_item", Field(text, None, span))
        elif kind == "TITLE":
            self._meeting_body()
            if self.title is None:
                self.title = Field(text, None, span)
            else:
                self.subtitles.append(Field(text, None, span))
        elif kind == "SUBTITLE":
            self.subtitles.append(Field(text, None, span))
        elif kind == "INTRO_PARA":
            self.blocks.append(_paragraph(token, self.shapes))
        elif kind == "FRONT_FOOTNOTE":
            self.footnotes.append(_footnote(token))
        else:
            self._text(token, text, span)

    def _text(self, token: Token, text: str, span: Span) -> None:
        if "symbol" not in self.masthead and self._split_symbol(text, span):
            return
        if self.last_type == "AGENDA_ITEM_LINE" and "agenda_item_title" not in self.meeting:
            self.meeting["agenda_item_title"] = Field(text, None, span)
            return
        if self.title is not None or self.meeting:
            if self.title is not None and "agenda_item" in self.meeting and not self.blocks:
                self.meeting_other.append(Field(text, None, span))
            else:
                self.blocks.append(_paragraph(token, self.shapes))
            return
        self._search_fields(text, span)
        self.pending_text.append(Field(text, None, span))

    def _split_symbol(self, text: str, span: Span) -> bool:
        """A symbol split over two lines by a flattened masthead table: "United Nations A"
        then "/AC.105/L.280". The series letter is taken from the end of the line above."""
        if not text.startswith("/") or not self.pending_text:
            return False
        above = self.pending_text[-1].text
        series = re.search(r"(?:^|\s)([A-Z]{1,6})$", above)
        if series is None or not is_symbol(series.group(1) + text):
            return False
        self.masthead["symbol"] = Field(series.group(1) + text, None, span)
        self.diagnostics.append(
            Diagnostic(
                "symbol-rejoined",
                f"the symbol was printed in two pieces: {series.group(1)!r} and {text!r}",
                span.line,
                span.column,
            )
        )
        return True

    def _search_fields(self, text: str, span: Span) -> None:
        """Masthead fields inside a longer line (a collapsed or flattened masthead).

        Only the start of the line is searched: a masthead is a few hundred characters.
        """
        if len(text) < 25:
            return
        text = text[:_MASTHEAD_REACH]
        kw = keywords(self.lang)
        if "symbol" not in self.masthead:
            symbols = find_symbols(text)
            if symbols:
                self.masthead["symbol"] = Field(symbols[0].group(), None, span)
        if "distribution" not in self.masthead:
            m = kw.distribution.search(text)
            if m:
                self._distribution(m.group(), span)
        if "date" not in self.masthead:
            found = parse_date(text)
            if found:
                self.masthead["date"] = Field(found[1].group(), found[0], span)
        if "original_language" not in self.masthead:
            m = kw.original.search(text)
            if m:
                self._original(m.group(), span)

    def _distribution(self, text: str, span: Span) -> None:
        m = keywords(self.lang).distribution.search(text)
        kind = (m.group("kind") if m else "").lower()
        value = {"g": "general", "l": "limited", "r": "restricted"}.get(kind[:1])
        self.masthead.setdefault("distribution", Field(text, value, span))

    def _original(self, text: str, span: Span, *, whole: bool = False) -> None:
        m = keywords(self.lang).original.search(text)
        name = m.group("lang") if m else text
        # "Original: English", the label kept; the whole line when it is a line of its own
        printed = text if whole or not m else m.group()
        self.masthead.setdefault("original_language", Field(printed, language_code(name), span))

    def _flush_organs(self) -> None:
        for f in self.pending_text:
            if _MASTHEAD_MARK_RE.match(f.text):
                self.marks.append(f)
            elif len(f.text) <= 160:
                self.organs.append(f)
            else:
                self.blocks.append(Paragraph(rich(f.text), f.span))
        self.pending_text.clear()

    def _meeting_body(self) -> None:
        """The text line right above the session/place line names the body that meets."""
        if self.pending_text and "body" not in self.meeting:
            self.meeting["body"] = self.pending_text.pop()
        self._flush_organs()

    def _place_dates(self, text: str, span: Span) -> None:
        found = parse_date_range(text)
        if found is None:
            self.meeting_other.append(Field(text, None, span))
            return
        start, end, match = found
        value = start if start == end else f"{start}/{end}"
        place = text[: match.start()].strip(" ,;-–،")
        if not place:  # "2026年5月18日至22日，维也纳": the place after the dates
            place = text[match.end() :].strip(" ,;-–，、。")
        self.meeting.setdefault("dates", Field(text, value, span))
        if _looks_like_place(place, self.lang):
            self.meeting.setdefault("place", Field(place, None, span))

    def build(self) -> tuple[Masthead, Meeting]:
        if self.pending_text and not self.organs and "body" not in self.meeting:
            self._flush_organs()
        for f in self.pending_text:
            self.blocks.append(Paragraph(rich(f.text), f.span))
        masthead = Masthead(organs=tuple(self.organs), other=tuple(self.marks), **self.masthead)
        meeting = Meeting(other=tuple(self.meeting_other), **self.meeting)
        return masthead, meeting


_MASTHEAD_REACH = 1500
"""How far into a flattened line masthead fields are looked for."""

_MASTHEAD_KEYS = {
    "ORGANIZATION": "organization",
    "SYMBOL": "symbol",
    "DISTRIBUTION": "distribution",
    "DATE": "date",
    "ORIGINAL": "original_language",
    "VERSION_LANGUAGE": "version_language",
    "LANGUAGES_ONLY": "languages_only",
}
"""Front token types that fill a masthead field (a second such line is kept as text)."""

_MEETING_KEYS = {"SESSION": "session", "PLACE_DATES": "dates", "AGENDA_ITEM_LINE": "agenda_item"}
"""Front token types that fill a meeting field (a second such line is kept as text)."""

# a series letter printed large ("E", "A") or a month and year ("October 2026")
_MASTHEAD_MARK_RE = re.compile(r"^(?:[A-Z]{1,2}|[^\W\d_]+\s+\d{4})$")


_PLACE_WORD_RE = re.compile(r"[^\W\d_][\w.'’-]*")


def _looks_like_place(text: str, lang: Lang) -> bool:
    """A place name before the dates: a few capitalised words, not a day or a sentence."""
    words = _PLACE_WORD_RE.findall(text)
    if not words or len(words) > 6 or len(text) > 60:
        return False
    if any(w.lower() in lang.weekdays for w in words):
        return False
    return all(capital(w[0]) or w.lower() in FUNCTION_WORDS for w in words)


# ---------------------------------------------------------------- blocks


def _paragraph(token: Token, shapes: ShapeReader, items: Sequence[ListItem] = ()) -> Paragraph:
    text = token.value
    shape = shapes(text.split("\n", 1)[0], ENGLISH)
    if shape.kind is NumKind.ARABIC and shape.num is not None:
        body = text[shape.offset :]
        return Paragraph(rich(body), span_of(token), shape.num.strip(), tuple(items))
    return Paragraph(rich(text), span_of(token), None, tuple(items))


_NOTE_MARKER_RE = re.compile(r"^(\*{1,3}|\d{1,2}/?|\[\d{1,2}\])\s+")


def _footnote(token: Token) -> Footnote:
    text = join_lines(token.value)
    m = _NOTE_MARKER_RE.match(text)
    if m:
        return Footnote(m.group(1), rich(text[m.end() :]), span_of(token))
    return Footnote("", rich(text), span_of(token))


def _numbered(token: Token, lang: Lang, shapes: ShapeReader) -> tuple[str | None, RichText]:
    """Split an item line into its number as printed and its title."""
    text = token.value
    first = text.split("\n", 1)[0]
    shape = shapes(first, lang, bare_numbers=True)
    if shape.kind is None or shape.num is None:
        lost_dot = UPPER_NO_DOT_RE.match(first) if token.type == "SUBITEM" else None
        if lost_dot:  # the lexer placed "B Civil rights" in a run of lettered sub-items
            return lost_dot.group("n"), rich(text[lost_dot.end() :], heading=True)
        return None, rich(text, heading=True)
    body = text[shape.offset :]
    return shape.num.strip(), rich(body, heading=True, spaced_colon=lang.spaced_colon)


def _table(token: Token) -> Table:
    rows: list[TableRow] = []
    lines = token.value.split("\n")
    for index, line in enumerate(lines):
        cells = line.split("\t")
        header = index == 0 and all(
            not c.strip() or ITALIC_RE.fullmatch(c.strip()) or c.strip().isupper() for c in cells
        )
        row_line = (token.line or 0) + index
        rows.append(
            TableRow(
                tuple([TableCell((rich(c),) if c.strip() else (), header) for c in cells]),
                Span(row_line, 1, row_line, len(line)),
            )
        )
    return Table(tuple(rows), span_of(token))


class AgendaTransformer:
    """Builds the model from the parse tree; one method per rule, called with the rule's
    children already built (trees bottom-up, left to right; tokens as they are)."""

    def __init__(self, lang: Lang, shapes: ShapeReader | None = None) -> None:
        self.lang = lang
        self.shapes = shapes if shapes is not None else ShapeReader()
        self.footnotes: list[Footnote] = []

    def transform(self, tree: Tree) -> Any:
        """The value of ``tree``: its rule's method applied to its children's values."""
        children = [
            self.transform(child) if isinstance(child, Tree) else child for child in tree.children
        ]
        return self.build(tree.data, children)

    def build(self, rule: str, children: list[Any]) -> Any:
        """The value of a rule matched, from its children's values: what the parser calls
        for every rule as it reads (``parse_tokens(..., build=transformer.build)``), in the
        order ``transform`` would walk the tree."""
        method: Callable[[list[Any]], Any] = getattr(self, rule)
        return method(children)

    def finish(
        self, parts: dict[str, Any], *, diagnostics: Sequence[Diagnostic] = (), **extra: Any
    ) -> Agenda:
        """The ``Agenda`` from the value of the ``document`` rule (what ``transform`` or
        the parser's ``build`` calls made of it) and the fields it does not hold."""
        front: _Front = parts["front"]
        masthead, meeting = front.build()
        agenda_list: AgendaList = parts.get("agenda", AgendaList())
        annotations: Annotations | None = parts.get("annotations")
        if not agenda_list.entries and annotations is not None and annotations.items:
            # an addendum that carries the annotations only: its items are the agenda's
            agenda_list = AgendaList(None, tuple(_as_item(a) for a in annotations.items))
            first = annotations.items[0].span
            front.diagnostics.append(
                Diagnostic(
                    "agenda-from-annotations",
                    "no agenda list: the items are read from the annotation headings",
                    first.line,
                    first.column,
                )
            )
        return Agenda(
            language=self.lang.code,
            masthead=masthead,
            meeting=meeting,
            title=front.title,
            subtitles=tuple(front.subtitles),
            front=tuple(front.blocks),
            agenda=agenda_list,
            annotations=annotations,
            annexes=tuple(parts["annexes"]),
            footnotes=tuple(self.footnotes),
            diagnostics=(*diagnostics, *front.diagnostics),
            **extra,
        )

    # -- document
    def document(self, children: list[Any]) -> dict[str, Any]:
        out: dict[str, Any] = {"annexes": []}
        for child in children:
            if isinstance(child, _Front):
                out["front"] = child
            elif isinstance(child, AgendaList):
                out["agenda"] = child
            elif isinstance(child, Annotations):
                out["annotations"] = child
            elif isinstance(child, Annex):
                out["annexes"].append(child)
        return out

    def front(self, children: list[Token]) -> _Front:
        front = _Front(self.lang, self.shapes)
        for token in children:
            front.take(token)
        self.footnotes.extend(front.footnotes)
        return front

    # -- the agenda list
    def agenda(self, children: list[Any]) -> AgendaList:
        heading: Heading | None = None
        entries: list[AgendaItem | AgendaGroup | Paragraph] = []
        for child in children:
            if isinstance(child, Token) and child.type == "LIST_HEADING":
                heading = _heading(child, self.shapes)
            elif isinstance(child, AgendaItem | AgendaGroup | Paragraph):
                entries.append(child)
        return AgendaList(heading, tuple(entries))

    def agenda_group(self, children: list[Any]) -> AgendaGroup:
        token = children[0]
        num, text = _numbered(token, self.lang, self.shapes)
        items = tuple(c for c in children[1:] if isinstance(c, AgendaItem | Paragraph))
        return AgendaGroup(num, text, span_of(token), items)

    def agenda_item(self, children: list[Any]) -> AgendaItem:
        token = children[0]
        num, text = _numbered(token, self.lang, self.shapes)
        subs = tuple(c for c in children[1:] if isinstance(c, AgendaItem))
        return AgendaItem(num, text, span_of(token), subs)

    def sub_item(self, children: list[Any]) -> AgendaItem:
        return self.agenda_item(children)

    def sub_sub_item(self, children: list[Any]) -> AgendaItem:
        return self.agenda_item(children)

    def unnumbered_item(self, children: list[Token]) -> AgendaItem:
        token = children[0]
        return AgendaItem(None, rich(token.value, heading=True), span_of(token))

    def list_text(self, children: list[Token]) -> Paragraph:
        return _paragraph(children[0], self.shapes)

    # -- annotations
    def annotations(self, children: list[Any]) -> Annotations:
        heading: Heading | None = None
        intro: list[Block] = []
        items: list[AnnotatedItem] = []
        for child in children:
            if isinstance(child, Token):
                heading = _heading(child, self.shapes)
            elif isinstance(child, AnnotatedItem):
                items.append(child)
            elif child is not None:
                intro.append(child)
        return Annotations(heading, tuple(intro), tuple(items))

    def annotated_item(self, children: list[Any]) -> AnnotatedItem:
        token = children[0]
        num, text = _numbered(token, self.lang, self.shapes)
        body = tuple(c for c in children[1:] if c is not None and not isinstance(c, AnnotatedItem))
        subs = tuple(c for c in children[1:] if isinstance(c, AnnotatedItem))
        return AnnotatedItem(num, text, span_of(token), body, subs)

    def annotated_sub_item(self, children: list[Any]) -> AnnotatedItem:
        return self.annotated_item(children)

    def paragraph(self, children: list[Any]) -> Paragraph:
        return _paragraph(children[0], self.shapes, tuple(children[1:]))

    def list_entry(self, children: list[Token]) -> ListItem:
        token = children[0]
        shape = self.shapes(token.value.split("\n", 1)[0], self.lang)
        num = (shape.num or "").strip()
        return ListItem(num, rich(token.value[shape.offset :]), span_of(token))

    def heading(self, children: list[Token]) -> Heading:
        return _heading(children[0], self.shapes)

    def documentation(self, children: list[Token]) -> Documentation:
        head = children[0]
        entries = tuple(DocumentEntry(rich(t.value), span_of(t)) for t in children[1:])
        return Documentation(join_lines(head.value), entries, span_of(head))

    def table(self, children: list[Token]) -> Table:
        return _table(children[0])

    def footnote(self, children: list[Token]) -> None:
        self.footnotes.append(_footnote(children[0]))

    # -- annexes
    def annex(self, children: list[Any]) -> Annex:
        token = children[0]
        m = keywords(self.lang).annex.match(join_lines(token.value))
        label = m.group("label") if m else join_lines(token.value)
        rest = m.group("rest") if m else None
        body = [c for c in children[1:] if c is not None]
        heading: RichText | None = rich(rest, heading=True) if rest else None
        if heading is None and body and isinstance(body[0], Heading):
            heading = body.pop(0).text
        return Annex(label, heading, span_of(token), tuple(body))


def _heading(token: Token, shapes: ShapeReader) -> Heading:
    text = join_lines(token.value)
    shape = shapes(text, ENGLISH)
    if shape.kind in (NumKind.UPPER_ROMAN, NumKind.UPPER) and shape.num:
        return Heading(rich(shape.body, heading=True), span_of(token), shape.num.strip())
    return Heading(rich(text, heading=True), span_of(token))


def _as_item(annotated: AnnotatedItem) -> AgendaItem:
    return AgendaItem(
        annotated.num,
        annotated.heading,
        annotated.span,
        tuple(_as_item(sub) for sub in annotated.subitems),
    )


def to_model(
    tree: Tree,
    lang: Lang,
    *,
    diagnostics: Sequence[Diagnostic] = (),
    shapes: ShapeReader | None = None,
    **extra: Any,
) -> Agenda:
    """Build the ``Agenda`` from a parse tree of the ``document`` rule (``shapes``: the
    lexer's reader, whose memo already holds most of the lines the tree's tokens start with)."""
    transformer = AgendaTransformer(lang, shapes)
    return transformer.finish(transformer.transform(tree), diagnostics=diagnostics, **extra)


__all__ = ["AgendaTransformer", "is_symbol", "rich", "span_of", "to_model"]
