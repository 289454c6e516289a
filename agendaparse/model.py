"""The typed tree: frozen dataclasses for everything an agenda document holds.

This module imports nothing from the rest of the package, nor from lark, lxml or rich:
the grammar side builds these objects, and every emitter reads only these objects.
Positions (``Span``) always point into the *original* input (1-based lines and columns).
"""

from __future__ import annotations

import enum
from dataclasses import MISSING, dataclass, field, fields
from typing import Any, TypeVar, dataclass_transform

FORMAT_VERSION = "1.0"
"""Version of the JSON format written by ``to_json`` (bumped on any incompatible change)."""


# ---------------------------------------------------------------- construction


class _Factory:
    """The default shown for a field made by a factory (as dataclasses show it)."""

    def __repr__(self) -> str:
        return "<factory>"


_FACTORY = _Factory()


def _init_through_slots(cls: type) -> None:
    """Give a frozen, slotted dataclass an ``__init__`` that stores each field through its
    slot's descriptor, with the signature and defaults of the one dataclasses would make.

    The ``__init__`` dataclasses make for a frozen class calls ``object.__setattr__`` for
    every field (the class's own ``__setattr__`` refuses): this one calls the slot's
    ``__set__`` directly, which makes a ``Span`` in about half the time; a document makes
    hundreds of these objects. The class stays frozen: its ``__setattr__`` is untouched.
    """
    namespace: dict[str, Any] = {"FACTORY": _FACTORY}
    params: list[str] = []
    body: list[str] = []
    for f in fields(cls):
        namespace[f"set_{f.name}"] = cls.__dict__[f.name].__set__
        if f.default is not MISSING:
            namespace[f"default_{f.name}"] = f.default
            params.append(f"{f.name}=default_{f.name}")
        elif f.default_factory is not MISSING:
            namespace[f"factory_{f.name}"] = f.default_factory
            params.append(f"{f.name}=FACTORY")
            body.append(f"    if {f.name} is FACTORY:\n        {f.name} = factory_{f.name}()")
        else:
            params.append(f.name)
        body.append(f"    set_{f.name}(self, {f.name})")
    # the source is made of the field names of this module's classes, nothing from outside
    exec(f"def __init__(self, {', '.join(params)}):\n" + "\n".join(body), namespace)  # noqa: S102
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[misc]


_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def _node(cls: type[_T]) -> type[_T]:
    """A class of the typed tree: ``@dataclass(frozen=True, slots=True)``, whose
    ``__init__`` is made by ``_init_through_slots`` (see there) instead of by dataclasses."""
    made = dataclass(frozen=True, slots=True, init=False)(cls)
    _init_through_slots(made)
    return made


# ---------------------------------------------------------------- the tree


@_node
class Span:
    """Where a node stands in the original input: 1-based lines and columns, end inclusive."""

    line: int
    column: int
    end_line: int
    end_column: int


class PartKind(enum.Enum):
    """What a piece of running text is."""

    TEXT = "text"
    SYMBOL = "symbol"
    """A cited UN document symbol, e.g. ``CTOC/COP/2008/6``."""
    ITALIC = "italic"
    NOTE_REF = "noteRef"
    """A footnote marker glued to the text; ``text`` is the marker as printed."""


_PLAIN_RUN = PartKind.TEXT
"""(read as a global: on Python 3.11 an Enum class's attribute costs a hook call)"""


@_node
class TextPart:
    """One run of running text."""

    kind: PartKind
    text: str


@_node
class RichText:
    """Running text as printed, split into plain runs, cited symbols, italics and note markers."""

    parts: tuple[TextPart, ...] = ()

    @property
    def plain(self) -> str:
        """The text without footnote markers."""
        parts = self.parts
        if len(parts) == 1 and parts[0].kind is _PLAIN_RUN:  # most text: one run, as it is
            return parts[0].text
        return "".join(p.text for p in parts if p.kind is not PartKind.NOTE_REF)

    @property
    def symbols(self) -> tuple[str, ...]:
        """The cited symbols, in order of appearance."""
        return tuple(p.text for p in self.parts if p.kind is PartKind.SYMBOL)

    @property
    def note_refs(self) -> tuple[str, ...]:
        """The footnote markers, in order of appearance."""
        return tuple(p.text for p in self.parts if p.kind is PartKind.NOTE_REF)


@_node
class Field:
    """A masthead or meeting field: the text as printed and, where it has one, its value.

    ``value`` is normalised: an ISO date (``2009-03-05``), a distribution kind
    (``general``/``limited``/``restricted``) or an ISO 639-2 language code (``eng``).
    """

    text: str
    value: str | None
    span: Span


@_node
class Masthead:
    """The block at the top of a UN document."""

    organization: Field | None = None
    """"United Nations" / "Nations Unies" / "Naciones Unidas" as printed."""
    symbol: Field | None = None
    """The document's own UN symbol, e.g. ``A/64/150`` (exactly as printed)."""
    organs: tuple[Field, ...] = ()
    """Organ lines: "General Assembly", "Conference of the Parties to ..."."""
    distribution: Field | None = None
    """The whole line as printed, e.g. "Distr.: General"; value general/limited/restricted."""
    date: Field | None = None
    """The issue date as printed; value ISO ``YYYY-MM-DD``."""
    original_language: Field | None = None
    """The language name as printed after "Original:"; value ISO 639-2 (``eng``)."""
    version_language: Field | None = None
    """The language-of-version line ("Français", "Russian"), when printed."""
    languages_only: Field | None = None
    """A limited-languages line such as "English, French and Spanish only"."""
    other: tuple[Field, ...] = ()
    """Other masthead marks: the large series letter ("E"), a month-and-year line."""


@_node
class Meeting:
    """The meeting block: which body meets, which session, where and when."""

    body: Field | None = None
    session: Field | None = None
    place: Field | None = None
    """The place as printed ("Vienna", "Cancun, Mexico")."""
    dates: Field | None = None
    """The dates as printed; value "START/END" in ISO form (one date when they are equal)."""
    agenda_item: Field | None = None
    """An "Item 2 of the provisional agenda" line (the item under which the document is issued)."""
    agenda_item_title: Field | None = None
    """The title of that item, printed on the line under it ("Adoption of the agenda")."""
    other: tuple[Field, ...] = ()
    """Further meeting lines ("To be held on ...", an organ's sub-body)."""


@_node
class Paragraph:
    """A paragraph of running text, with its printed number and any list inside it."""

    text: RichText
    span: Span
    num: str | None = None
    items: tuple[ListItem, ...] = ()
    """Sub-paragraphs "(a) ...;" or "(i) ..." that follow a lead-in ending in ":"."""


@_node
class ListItem:
    """One numbered sub-paragraph of a paragraph."""

    num: str
    text: RichText
    span: Span


@_node
class Heading:
    """An unnumbered or numbered heading that is not an agenda item ("Introduction")."""

    text: RichText
    span: Span
    num: str | None = None


@_node
class DocumentEntry:
    """One entry of a Documentation list: a title and the symbol(s) in parentheses."""

    text: RichText
    span: Span


@_node
class Documentation:
    """A "Documentation" heading and the list of documents under it."""

    heading: str
    entries: tuple[DocumentEntry, ...]
    span: Span


@_node
class TableCell:
    """A table cell; ``lines`` are the printed lines of the cell."""

    lines: tuple[RichText, ...]
    header: bool = False


@_node
class TableRow:
    """One printed row of a table."""

    cells: tuple[TableCell, ...]
    span: Span


@_node
class Table:
    """A table, one row per printed row (e.g. a proposed organization of work)."""

    rows: tuple[TableRow, ...]
    span: Span


Block = Paragraph | Heading | Documentation | Table
"""What the body of an annotation, an annex or the introduction is made of."""


@_node
class AgendaItem:
    """An item or sub-item of the agenda list, at any depth."""

    num: str | None
    """The number as printed: "1.", "(a)", "a)", "5.1", "Item 3:"; None when unnumbered."""
    heading: RichText
    """The title as printed (wrapped lines joined), without footnote markers' notes."""
    span: Span
    subitems: tuple[AgendaItem, ...] = ()


@_node
class AgendaGroup:
    """A group heading between items (GA "A. Maintenance of ...", FAO "I. INTRODUCTION")."""

    num: str | None
    heading: RichText
    span: Span
    items: tuple[AgendaItem | Paragraph, ...] = ()
    """The items of the group, and any text between them that is not an item."""


@_node
class AgendaList:
    """The agenda list proper: exactly one per document (empty when none was found)."""

    heading: Heading | None = None
    entries: tuple[AgendaItem | AgendaGroup | Paragraph, ...] = ()
    """Items and groups in order; text inside the list that belongs to no item is kept as
    a Paragraph where it stood."""


@_node
class AnnotatedItem:
    """An item or sub-item heading in the annotations, with the text under it."""

    num: str | None
    heading: RichText
    span: Span
    body: tuple[Block, ...] = ()
    subitems: tuple[AnnotatedItem, ...] = ()


@_node
class Annotations:
    """The annotations part: the items again, each with its explanation."""

    heading: Heading | None
    intro: tuple[Block, ...] = ()
    """Text under the annotations heading before the first annotated item."""
    items: tuple[AnnotatedItem, ...] = ()


@_node
class Annex:
    """An annex: its label ("Annex", "Annex II"), its title and its body."""

    label: str
    heading: RichText | None
    span: Span
    body: tuple[Block, ...] = ()


@_node
class Footnote:
    """A footnote: the marker as printed and its text."""

    marker: str
    text: RichText
    span: Span


class FurnitureKind(enum.Enum):
    """Kinds of page furniture removed from the body."""

    JOB_NUMBER = "jobNumber"
    BARCODE = "barcode"
    RUNNING_HEAD = "runningHead"
    PAGE_NUMBER = "pageNumber"
    RECYCLE = "recycle"
    FORM_FEED = "formFeed"
    FOOTNOTE_RULE = "footnoteRule"
    WEB_TEXT = "webText"
    """Web-site text around the document (navigation, download buttons)."""
    FOOTER = "footer"
    """A page footer such as "Documents can be consulted at www.fao.org"."""


@_node
class Furniture:
    """A piece of page furniture taken out of the body, with its original line."""

    kind: FurnitureKind
    text: str
    line: int


class Severity(enum.Enum):
    """How serious a diagnostic is."""

    WARNING = "warning"
    ERROR = "error"


WARNING_KINDS: dict[str, str] = {
    "unexpected-line": "a line stood where the grammar did not expect it; it is kept as text there",
    "paragraph-rejoined": "a paragraph cut by a page break (the next part starts in lower case) was joined back",
    "collapsed-line-split": "a document collapsed onto one line was split back at its item numbers",
    "numbers-re-paired": 'letters printed before their titles ("(a) (b) Title Title") were paired with them',
    "numbers-lost": "list entries whose numbers were lost were placed by their punctuation (: opens sub-items, . closes them)",
    "number-repaired": "a number printed apart from its title was joined to it",
    "number-split-off": 'the first item\'s number printed at the end of the heading ("Provisional agenda 1.") was set apart',
    "numeral-rejoined": 'a part number set apart from its heading (right-aligned, or cut off: "II." / "Annotations") was joined to it',
    "marker-rejoined": "a footnote marker alone on a line was set after the line above",
    "symbol-rejoined": 'a symbol printed in two pieces ("United Nations A" / "/AC.105/L.280") was put together',
    "toc-page-numbers": "the list is a table of contents: page and paragraph numbers were taken off the titles (and recorded)",
    "number-without-dot": 'a letter that lost its dot ("B Civil rights" between "A." and "C.") was read as a number',
    "doubled-number": 'a number printed twice ("1. 1. Opening", web lists) was read once',
    "page-number-prefix": 'a page number left in front of an item number ("2 9. Title") was set aside',
    "agenda-from-annotations": "the document has no agenda list (an addendum with the annotations only): the items were read from the annotation headings",
    "hyphen-joined": "a word hyphenated at a line end was joined (the joined form is in the text, or the second part is no word)",
    "hyphen-kept": "a compound hyphenated at a line end kept its hyphen (both parts are words of the text)",
}
"""Every kind of warning the reader reports, with what it means (documented in the README)."""


@_node
class Diagnostic:
    """Something the reader was unsure about; ``kind`` is a stable identifier."""

    kind: str
    message: str
    line: int
    column: int
    severity: Severity = Severity.WARNING


@_node
class Agenda:
    """A whole agenda document: the root of the typed tree."""

    language: str
    """ISO 639-2 code of the text's language: eng, fra, spa, ..."""
    masthead: Masthead = field(default_factory=Masthead)
    meeting: Meeting = field(default_factory=Meeting)
    title: Field | None = None
    """The document title: "Provisional agenda and annotations", "Provisional agenda"."""
    subtitles: tuple[Field, ...] = ()
    """"Note by the Secretariat" and similar lines under the title."""
    front: tuple[Block, ...] = ()
    """Text between the title block and the agenda list (introductory paragraphs)."""
    agenda: AgendaList = field(default_factory=AgendaList)
    annotations: Annotations | None = None
    annexes: tuple[Annex, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    furniture: tuple[Furniture, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    encoding: str = "utf-8"
    """The encoding the input was decoded from."""
    source: str | None = None
    """Where the text came from (a file name), when known."""
