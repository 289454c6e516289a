"""Terminal view: the typed tree -> a rich Tree, for ``agendaparse show``.

Display only: every label is escaped (agenda text is full of square brackets) and long
texts are shortened to one line; nothing here changes the tree.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.markup import escape
from rich.tree import Tree

from agendaparse.model import (
    Agenda,
    AgendaGroup,
    AgendaItem,
    AnnotatedItem,
    Block,
    Documentation,
    Field,
    Heading,
    Paragraph,
    RichText,
    Table,
)

_WIDTH = 90


def _short(text: str, width: int = _WIDTH) -> str:
    text = " ".join(text.split())
    return escape(text if len(text) <= width else text[: width - 1] + "…")


def _num(num: str | None) -> str:
    return f"[bold cyan]{escape(num)}[/] " if num else "[dim]·[/] "


def _title(text: RichText) -> str:
    # titles are shown whole (the terminal wraps them): they are what a reader checks
    label = escape(" ".join(text.plain.split()))
    if text.note_refs:
        label += " [magenta]" + escape("".join(f"[{m}]" for m in text.note_refs)) + "[/]"
    return label


def _field(tree: Tree, label: str, value: Field | None) -> None:
    if value is None:
        return
    extra = (
        f"  [green]{escape(value.value)}[/]" if value.value and value.value != value.text else ""
    )
    tree.add(f"[yellow]{label}[/] {_short(value.text)}{extra}")


def build_tree(agenda: Agenda) -> Tree:
    """The document as a rich Tree."""
    name = agenda.source or "agenda"
    kind = "annotated agenda" if agenda.annotations is not None else "agenda"
    root = Tree(f"[bold]{escape(name)}[/] [dim]({kind}, {agenda.language}, {agenda.encoding})[/]")
    m = agenda.masthead
    masthead = root.add("[bold]Masthead[/]")
    _field(masthead, "organization", m.organization)
    _field(masthead, "symbol", m.symbol)
    for organ in m.organs:
        _field(masthead, "organ", organ)
    _field(masthead, "distribution", m.distribution)
    _field(masthead, "date", m.date)
    _field(masthead, "original", m.original_language)
    _field(masthead, "version", m.version_language)
    _field(masthead, "languages", m.languages_only)
    for mark in m.other:
        _field(masthead, "mark", mark)
    mt = agenda.meeting
    meeting = root.add("[bold]Meeting[/]")
    _field(meeting, "body", mt.body)
    _field(meeting, "session", mt.session)
    _field(meeting, "place", mt.place)
    _field(meeting, "dates", mt.dates)
    _field(meeting, "item", mt.agenda_item)
    _field(meeting, "item title", mt.agenda_item_title)
    for other in mt.other:
        _field(meeting, "note", other)
    if agenda.title or agenda.subtitles:
        title = root.add("[bold]Title[/]")
        _field(title, "title", agenda.title)
        for sub in agenda.subtitles:
            _field(title, "subtitle", sub)
    if agenda.front:
        _blocks(root.add("[bold]Introduction[/]"), agenda.front)
    heading = agenda.agenda.heading
    label = _title(heading.text) if heading else "[dim](no heading)[/]"
    items = root.add(f"[bold]Agenda[/] {label}")
    for entry in agenda.agenda.entries:
        if isinstance(entry, AgendaGroup):
            group = items.add(f"[bold magenta]group[/] {_num(entry.num)}{_title(entry.heading)}")
            for item in entry.items:
                _entry(group, item)
        else:
            _entry(items, entry)
    if agenda.annotations is not None:
        ann = agenda.annotations
        label = _title(ann.heading.text) if ann.heading else ""
        node = root.add(f"[bold]Annotations[/] {label}")
        _blocks(node, ann.intro)
        for annotated in ann.items:
            _annotated(node, annotated)
    for annex in agenda.annexes:
        label = _title(annex.heading) if annex.heading else ""
        _blocks(root.add(f"[bold]{escape(annex.label)}[/] {label}"), annex.body)
    if agenda.footnotes:
        notes = root.add("[bold]Footnotes[/]")
        for note in agenda.footnotes:
            notes.add(f"[magenta]{escape(note.marker)}[/] {_short(note.text.plain)}")
    if agenda.furniture:
        removed = root.add(f"[dim]Page furniture removed: {len(agenda.furniture)}[/]")
        for piece in agenda.furniture:
            text = piece.text if piece.text != "\f" else "form feed"
            removed.add(f"[dim]line {piece.line}: {piece.kind.value} {_short(text, 50)}[/]")
    return root


def _entry(parent: Tree, entry: AgendaItem | Paragraph) -> None:
    if isinstance(entry, Paragraph):
        _blocks(parent, [entry])
    else:
        _item(parent, entry)


def _item(parent: Tree, item: AgendaItem) -> None:
    node = parent.add(f"{_num(item.num)}{_title(item.heading)}")
    for sub in item.subitems:
        _item(node, sub)


def _annotated(parent: Tree, item: AnnotatedItem) -> None:
    node = parent.add(f"{_num(item.num)}[bold]{_title(item.heading)}[/]")
    _blocks(node, item.body)
    for sub in item.subitems:
        _annotated(node, sub)


def _blocks(parent: Tree, blocks: Sequence[Block]) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            num = _num(block.num) if block.num else ""
            node = parent.add(f"[dim]¶[/] {num}{_short(block.text.plain, 70)}")
            for sub in block.items:
                node.add(f"{_num(sub.num)}{_short(sub.text.plain, 66)}")
        elif isinstance(block, Heading):
            parent.add(f"[italic]{_num(block.num) if block.num else ''}{_title(block.text)}[/]")
        elif isinstance(block, Documentation):
            node = parent.add(f"[bold blue]{escape(block.heading)}[/]")
            for entry in block.entries:
                symbols = ", ".join(entry.text.symbols)
                node.add(f"[blue]{escape(symbols) or '-'}[/] {_short(entry.text.plain, 60)}")
        elif isinstance(block, Table):
            cols = max((len(r.cells) for r in block.rows), default=0)
            parent.add(f"[bold]table[/] [dim]{len(block.rows)} rows × {cols} columns[/]")
