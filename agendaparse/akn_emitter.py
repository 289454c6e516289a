"""AKN emitter: the typed tree -> Akoma Ntoso 3.0 XML, as profiled by AKN4UN.

The mapping is the contract in ``docs/akn-mapping.md``: ``debateReport`` named
``agendaAnnotated``/``agendaListing``, the agenda list as ``hcontainer[@name="agenda"]``,
annotations, documentation lists, footnotes as ``authorialNote`` and annexes as
attachments. All eIds come from one ``IdGenerator``; no wall-clock time is written, so the
same input always gives the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from agendaparse.lang import FUNCTION_WORDS, LANGUAGES
from agendaparse.model import (
    Agenda,
    AgendaGroup,
    AgendaItem,
    Annex,
    AnnotatedItem,
    Block,
    Documentation,
    Footnote,
    Heading,
    Paragraph,
    PartKind,
    RichText,
    Span,
    Table,
)
from agendaparse.text import rich
from agendaparse.xmlwriter import (
    Builder,
    Element,
    ElementFactory,
    Markup,
    Mixed,
    Text,
    escape,
    serialize,
)

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
AP_NS = "urn:agendaparse:akn-proprietary:1"
"""Namespace of agendaparse's own records inside ``meta/proprietary``."""
SYMBOL_RESOLVER = "https://undocs.org/"
"""Where a cited symbol's href points when the cited document has no known AKN IRI."""


E = Builder()
T = Text()  # running text holding one text, or none: written at once
M = Mixed()  # running text holding markup pieces: written at once
AP = Builder("ap")
APT = Text("ap")

_TEXT, _SYMBOL, _ITALIC = PartKind.TEXT, PartKind.SYMBOL, PartKind.ITALIC

# containers whose constant attributes come first, written once (see Builder.with_attributes)
_AGENDA_ITEM = E.with_attributes("hcontainer", name="agendaItem")
_AGENDA_SUB_ITEM = E.with_attributes("hcontainer", name="agendaSubItem")
_AGENDA_GROUP = E.with_attributes("hcontainer", name="agendaGroup")
_HEADING = E.with_attributes("hcontainer", name="heading")
_DOCUMENTATION = E.with_attributes("hcontainer", name="documentation")
_TABLE = E.with_attributes("hcontainer", name="table")
_IDENTIFICATION = E.with_attributes("identification", source="#agendaparse")
_REFERENCES = E.with_attributes("references", source="#agendaparse")
_PROPRIETARY = E.with_attributes("proprietary", source="#agendaparse")

_EMPTY_P = T.p()  # what an empty table cell holds
_num = lru_cache(maxsize=1024)(T.num)
"""A number (``<num>1.</num>``): a handful of them ("1.", "(a)", "(ii)") number most items."""

# what every document's meta holds, written once
_WORK_AUTHOR = T.FRBRauthor(href="#author")
_MARKUP_AUTHOR = T.FRBRauthor(href="#agendaparse")
_COUNTRY = T.FRBRcountry(value="un")
_SUBTYPE = T.FRBRsubtype(value="agenda")
_FORMAT = T.FRBRformat(value="xml")
_UN = T.TLCOrganization(eId="un", href="/akn/ontology/organization/un/un", showAs="United Nations")
_AGENDAPARSE_AND_CONCEPTS = (  # the references after the organs
    T.TLCOrganization(
        eId="agendaparse", href="/akn/ontology/organization/agendaparse", showAs="agendaparse"
    ),
    T.TLCConcept(
        eId="symbol", href="/akn/ontology/concept/akn4un.symbol", showAs="Document symbol"
    ),
    T.TLCConcept(
        eId="issuance", href="/akn/ontology/concept/akn4un.issuance", showAs="Date of issuance"
    ),
)


# ---------------------------------------------------------------- identifiers


_NUM_WORD_RE = re.compile(r"^(?:item|point|tema|punto)\s+", re.IGNORECASE)
_SPACE_RUN_RE = re.compile(r"\s+")
_NOT_ID_RE = re.compile(r"[^\w-]+")
_NOT_SYMBOL_ID_RE = re.compile(r"[^\w.()-]")
_NOT_SLUG_RE = re.compile(r"[^a-z0-9]+")
# actor_token's and the cover page's patterns, compiled once rather than looked up in re's
# cache at every call
_SERIES_SPLIT_RE = re.compile(r"[/ ]")
_SERIES_END_RE = re.compile(r"^(?:Rev|Add|Corr|L|CRP|INF)\.")
_NOT_SERIES_RE = re.compile(r"[^a-z0-9]")
_WORD_RE = re.compile(r"[^\W\d_]+")
_NOT_INITIAL_RE = re.compile(r"[^a-z]")
_ORIGINAL_RE = re.compile(r"^(.*?:\s*)([^\W\d_]+)(.*)$", re.DOTALL)


def number_token(symbol: str) -> str:
    """The IRI number of a symbol: ``/`` -> ``-``, space -> ``_``, case and dots kept."""
    # str.isprintable is false for every white space but " " (tests hold the two together)
    if " " in symbol or not symbol.isprintable():  # most symbols have none
        symbol = _SPACE_RUN_RE.sub("_", symbol.strip())
    return symbol.replace("/", "-")


def actor_token(agenda: Agenda) -> str:
    """The IRI actor: ``un-`` + the symbol's series (``CTOC/COP/WG.4/...`` -> ``un-ctoc-cop-wg4``),
    or the initials of the meeting body when the symbol is not printed."""
    symbol = agenda.masthead.symbol.text if agenda.masthead.symbol else None
    if symbol:
        series: list[str] = []
        for segment in _SERIES_SPLIT_RE.split(symbol):
            if not segment or segment[0].isdigit() or _SERIES_END_RE.match(segment):
                break
            series.append(_NOT_SERIES_RE.sub("", segment.lower()))
        series = [s for s in series if s]
        if series:
            return "un-" + "-".join(series)
    name = agenda.meeting.body or (agenda.masthead.organs[0] if agenda.masthead.organs else None)
    if name:
        words = _WORD_RE.findall(name.text)
        initials = "".join(w[0].lower() for w in words if w.lower() not in FUNCTION_WORDS)
        initials = _NOT_INITIAL_RE.sub("", initials)
        if initials:
            return f"un-{initials}"
    return "un"


@lru_cache(maxsize=1024)  # a handful of numbers ("1.", "(a)", "(ii)") make most eIds
def clean_num(num: str) -> str:
    """The number part of an eId (AKN-NC): outer punctuation stripped, inner -> ``-``."""
    text = _NUM_WORD_RE.sub("", num.strip())
    text = text.strip(" \t.,;:()[]")
    text = _SPACE_RUN_RE.sub("", text)
    text = _NOT_ID_RE.sub("-", text)
    return text or "nn"


@dataclass(slots=True)
class IdGenerator:
    """Makes eIds unique in the whole file (annexes and their meta included)."""

    used: set[str] = field(default_factory=set)
    counters: dict[str, int] = field(default_factory=dict)

    def make(self, base: str) -> str:
        """``base``, or -- when it is taken -- ``base`` with a counter (``_2`` after a name,
        ``-2`` after a number: ``documentation_2``, ``item_3-2``)."""
        if base not in self.used:
            self.used.add(base)
            return base
        joiner = "-" if "_" in base.rsplit("__", 1)[-1] else "_"
        n = 2
        while f"{base}{joiner}{n}" in self.used:
            n += 1
        self.used.add(f"{base}{joiner}{n}")
        return f"{base}{joiner}{n}"

    def count(self, prefix: str) -> str:
        n = self.counters.get(prefix, 0) + 1
        self.counters[prefix] = n
        return self.make(f"{prefix}_{n}")


# what a symbol keeps in a URL path: RFC 3986 unreserved characters and "/().";
# everything else is percent-encoded as UTF-8 (``urllib.parse.quote(s, safe="/().")``,
# whose import costs more than converting a short agenda)
_URL_KEPT = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~/()")


def percent_encode(text: str) -> str:
    """``text`` as a URL path: unreserved characters and ``/().`` kept, the rest ``%XX``."""
    if _URL_KEPT.issuperset(text):  # most symbols: nothing to encode
        return text
    return "".join(
        c if c in _URL_KEPT else "".join(f"%{b:02X}" for b in c.encode("utf-8")) for c in text
    )


_PLAIN_SYMBOL = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.()-/")
"""What most symbols are made of: their IRI number is the symbol with ``/`` -> ``-``
(``number_token``), which keeps it whole in an eId (``_NOT_SYMBOL_ID_RE``), and their
URL path the symbol as it is (``percent_encode``)."""


def _join(prefix: str, name: str) -> str:
    """``prefix__name``, or ``name`` alone at the top (a reference in the preface's text):
    the only place a prefix may be empty; every other eId is joined as ``f"{eid}__{name}"``
    where it is made, saving a call a time."""
    return f"{prefix}__{name}" if prefix else name


@dataclass(frozen=True, slots=True)
class Iris:
    """The FRBR IRIs of one document."""

    work: str
    expression: str
    manifestation: str
    date: str
    language: str
    number: str
    actor: str


def iris_for(agenda: Agenda) -> Iris:
    """Work / Expression / Manifestation IRIs from symbol, date and language (AKN4UN)."""
    symbol = agenda.masthead.symbol.text if agenda.masthead.symbol else None
    date = _document_date(agenda)
    actor = actor_token(agenda)
    if symbol:
        number = number_token(symbol)
    else:
        # no printed symbol: a stable number from the document's own text
        basis = "\n".join(
            x.text for x in (agenda.title, agenda.meeting.body, agenda.meeting.dates) if x
        ) + "".join(e.heading.plain for e in agenda.agenda.entries if not isinstance(e, Paragraph))
        import hashlib  # only for documents without a symbol: kept off the usual path

        number = "nosymbol-" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:10]
    work = f"/akn/un/debateReport/agenda/{actor}/{date}/{number}"
    expression = f"{work}/{agenda.language}@{date}"
    return Iris(work, expression, f"{expression}/.xml", date, agenda.language, number, actor)


def _document_date(agenda: Agenda) -> str:
    if agenda.masthead.date and agenda.masthead.date.value:
        return agenda.masthead.date.value
    if agenda.meeting.dates and agenda.meeting.dates.value:
        return agenda.meeting.dates.value.split("/")[0]
    return "0001-01-01"


# ---------------------------------------------------------------- the emitter


class AknEmitter:
    """Writes one Agenda as an Akoma Ntoso document; one ``emit_<part>`` method per part."""

    def __init__(self, agenda: Agenda, *, markup_date: str | None = None) -> None:
        self.agenda = agenda
        self.iris = iris_for(agenda)
        self.markup_date = markup_date or self.iris.date
        self.ids = IdGenerator()
        self.symbols: dict[str, tuple[str, str]] = {}
        """Cited symbol -> its TLCReference's eId and href, in order of first citation."""
        self.notes: list[Footnote] = list(agenda.footnotes)
        self.own_symbol = agenda.masthead.symbol.text if agenda.masthead.symbol else None
        self.title = rich(agenda.title.text, heading=True) if agenda.title else None
        """The title as running text, read once for the meta and the preface."""
        self.title_plain = self.title.plain if self.title is not None else None
        """The title's text, for the meta (twice)."""
        lang = LANGUAGES.get(agenda.language)
        self.lang: dict[str, str] = {"xml:lang": lang.tag} if lang is not None else {}
        """The language of the text (RFC 4646), on every part that holds text."""

    # -- whole document
    def emit(self) -> Element:
        agenda = self.agenda
        name = "agendaAnnotated" if agenda.annotations is not None else "agendaListing"
        cover = self.emit_cover_page()
        preface = self.emit_preface()
        body = self.emit_main_body()
        attachments = self.emit_attachments()
        parts = [p for p in (cover, preface, body, attachments) if p is not None]
        report = E.debateReport(self.emit_meta(), *parts, name=name)
        # the one declaration of the AKN namespace, as the default: every element inherits it
        return E.akomaNtoso(report, xmlns=AKN_NS)

    # -- meta
    def emit_meta(self) -> Element:
        publication = T.publication(
            date=self.iris.date,
            name="unDocument",
            showAs="United Nations document",
            **({"number": self.own_symbol} if self.own_symbol else {}),
        )
        return E.meta(
            self._identification("!main", self.title_plain),
            publication,
            self._references(),
            self._proprietary(),
        )

    def _identification(self, component: str, title: str | None, annex: int = 0) -> Element:
        iris = self.iris
        comp = f"!annex_{annex}" if annex else component
        work = [T.FRBRthis(value=f"{iris.work}/{comp}"), T.FRBRuri(value=iris.work)]
        if self.own_symbol and not annex:
            work.append(T.FRBRalias(name="symbol", value=self.own_symbol))
        if title:
            work.append(T.FRBRalias(name="title", value=title))
        work += (
            T.FRBRdate(date=iris.date, name="issuance"),
            _WORK_AUTHOR,
            _COUNTRY,
            _SUBTYPE,
            T.FRBRnumber(
                value=iris.number, **({"showAs": self.own_symbol} if self.own_symbol else {})
            ),
        )
        expression = [
            T.FRBRthis(value=f"{iris.expression}/{comp}"),
            T.FRBRuri(value=iris.expression),
            T.FRBRdate(date=iris.date, name="issuance"),
            _WORK_AUTHOR,
            T.FRBRlanguage(language=iris.language),
        ]
        original = self.agenda.masthead.original_language
        if original and original.value and original.value != iris.language:
            expression.append(
                T.FRBRtranslation(
                    href=iris.work + f"/{original.value}@{iris.date}",
                    fromLanguage=original.value,
                    by="#un",
                )
            )
        manifestation = E.FRBRManifestation(
            T.FRBRthis(value=f"{iris.expression}/{comp}.xml"),
            T.FRBRuri(value=iris.manifestation),
            T.FRBRdate(date=self.markup_date, name="markup"),
            _MARKUP_AUTHOR,
            _FORMAT,
        )
        return _IDENTIFICATION(E.FRBRWork(*work), E.FRBRExpression(*expression), manifestation)

    def _references(self) -> Element:
        agenda = self.agenda
        iris = self.iris
        title = self.title_plain
        refs = [T.original(eId="original", href=iris.expression, showAs=title or "agenda")]
        author = agenda.meeting.body or (
            agenda.masthead.organs[-1] if agenda.masthead.organs else None
        )
        refs += (
            _UN,
            T.TLCOrganization(
                eId="author",
                href=f"/akn/ontology/organization/un/{iris.actor}",
                showAs=author.text if author else "United Nations",
            ),
        )
        for i, organ in enumerate(agenda.masthead.organs, start=1):
            slug = _NOT_SLUG_RE.sub("-", organ.text.lower()).strip("-") or f"organ-{i}"
            refs.append(
                T.TLCOrganization(
                    eId=f"organ_{i}",
                    href=f"/akn/ontology/organization/un/{slug}",
                    showAs=organ.text,
                )
            )
        refs += _AGENDAPARSE_AND_CONCEPTS
        dist = agenda.masthead.distribution
        if dist:
            kind = dist.value or "unknown"
            refs.append(
                T.TLCConcept(
                    eId="distribution",
                    href=f"/akn/ontology/concept/akn4un.distribution.{kind}",
                    showAs=f"{kind.capitalize()} distribution",
                )
            )
        original = agenda.masthead.original_language
        if original:
            code = original.value or "und"
            refs.append(
                T.TLCConcept(
                    eId="originalLanguage",
                    href=f"/akn/ontology/concept/iso639-2.{code}",
                    showAs=code,
                )
            )
        if agenda.meeting.dates or agenda.meeting.place:
            shown = ", ".join(f.text for f in (agenda.meeting.body, agenda.meeting.dates) if f)
            start = (agenda.meeting.dates.value or "").split("/")[0] if agenda.meeting.dates else ""
            refs.append(
                T.TLCEvent(
                    eId="meeting",
                    href=f"/akn/ontology/event/{iris.actor}.{start or iris.date}",
                    showAs=shown or "meeting",
                )
            )
        if agenda.meeting.place:
            slug = _NOT_SLUG_RE.sub("-", agenda.meeting.place.text.lower()).strip("-") or "place"
            refs.append(
                T.TLCLocation(
                    eId="place",
                    href=f"/akn/ontology/location/{slug}",
                    showAs=agenda.meeting.place.text,
                )
            )
        for symbol, (eid, href) in self.symbols.items():
            refs.append(T.TLCReference(eId=eid, name="symbol", href=href, showAs=symbol))
        return _REFERENCES(*refs)

    def _proprietary(self) -> Element:
        agenda = self.agenda
        # the declaration of agendaparse's namespace comes first, as lxml writes it
        record = AP.agendaparse(
            **{"xmlns:ap": AP_NS}, encoding=agenda.encoding, language=agenda.language
        )
        if agenda.meeting.dates and agenda.meeting.dates.value:
            start, _, end = agenda.meeting.dates.value.partition("/")
            record.append(APT.meetingDates(start=start, end=end or start))
        if agenda.furniture:
            removed = AP.furniture()
            for item in agenda.furniture:
                kind, line = item.kind.value, str(item.line)
                if item.text == "\f":  # a page break: XML cannot hold a form feed
                    removed.append(APT.removed(kind=kind, line=line))
                else:
                    removed.append(APT.removed(item.text, kind=kind, line=line))
            record.append(removed)
        if agenda.diagnostics:
            warnings = AP.diagnostics()
            for d in agenda.diagnostics:
                warnings.append(
                    APT.diagnostic(
                        d.message,
                        kind=d.kind,
                        severity=d.severity.value,
                        line=str(d.line),
                        column=str(d.column),
                    )
                )
            record.append(warnings)
        return _PROPRIETARY(record)

    # -- cover page and preface
    def emit_cover_page(self) -> Element | None:
        m = self.agenda.masthead
        cover = E.coverPage(**self.lang)
        if m.organization:
            cover.append(M.p(T.docAuthority(m.organization.text, refersTo="#un")))
        if m.symbol:
            cover.append(M.p(T.docNumber(m.symbol.text, refersTo="#symbol")))
        for i, organ in enumerate(m.organs, start=1):
            cover.append(M.p(T.docAuthority(organ.text, refersTo=f"#organ_{i}")))
        if m.distribution:
            cover.append(
                M.p(T.inline(m.distribution.text, name="distribution", refersTo="#distribution"))
            )
        if m.date:
            if m.date.value:
                cover.append(M.p(T.docDate(m.date.text, date=m.date.value, refersTo="#issuance")))
            else:
                cover.append(T.p(m.date.text))
        if m.version_language:
            cover.append(M.p(T.inline(m.version_language.text, name="versionLanguage")))
        if m.original_language:
            text = m.original_language.text
            # "Original: English": the label, the language name, anything after it
            match = _ORIGINAL_RE.match(text)
            label, name, tail = match.groups() if match else ("", text, "")
            inline = T.inline(name, name="originalLanguage", refersTo="#originalLanguage")
            cover.append(M.p(*filter(None, (escape(label), inline, escape(tail)))))
        if m.languages_only:
            cover.append(M.p(T.inline(m.languages_only.text, name="languagesOnly")))
        for mark in m.other:
            cover.append(T.p(mark.text))
        return cover if len(cover) else None

    def emit_preface(self) -> Element | None:
        a = self.agenda
        mt = a.meeting
        preface = E.preface(**self.lang)
        if mt.body:
            preface.append(M.p(T.docProponent(mt.body.text, refersTo="#author")))
        if mt.session:
            preface.append(M.p(T.session(mt.session.text, value=clean_num(mt.session.text))))
        if mt.dates:
            preface.append(self._event_line())
        if mt.agenda_item:
            preface.append(M.p(T.inline(mt.agenda_item.text, name="agendaItemReference")))
        if mt.agenda_item_title:
            preface.append(M.p(T.inline(mt.agenda_item_title.text, name="agendaItemTitle")))
        for other in mt.other:
            preface.append(self._p(rich(other.text), ""))
        if self.title is not None:
            preface.append(M.p(M.docType(*self._inline(self.title, ""))))
        for sub in a.subtitles:
            preface.append(self._p(rich(sub.text, heading=True), ""))
        return preface if len(preface) else None

    def _event_line(self) -> Markup:
        mt = self.agenda.meeting
        assert mt.dates is not None
        text = mt.dates.text
        start = (mt.dates.value or "").split("/")[0]
        place = mt.place.text if mt.place else None
        parts: list[Markup]
        if place and text.startswith(place):
            rest = text[len(place) :]
            lead = rest[: len(rest) - len(rest.lstrip(" ,;"))]
            parts = [
                T.location(place, refersTo="#place"),
                escape(lead),
                T.date(rest[len(lead) :], date=start, refersTo="#meeting"),
            ]
        elif start:
            parts = [T.date(text, date=start, refersTo="#meeting")]
        else:
            parts = [escape(text)]
        return M.p(M.event(*parts, refersTo="#meeting"))

    # -- main body
    #
    # Containers are built with their children (``E.hcontainer(*children, ...)``) rather than
    # appended to one by one: a child added later costs a Python call. The children are made
    # in document order all the same, since eIds are numbered in the order they are made.
    def emit_main_body(self) -> Element:
        a = self.agenda
        parts: list[Element] = []
        if a.front:
            eid = self.ids.make("introduction")
            blocks = self._blocks(a.front, "introduction")
            parts.append(E.hcontainer(*blocks, name="introduction", eId=eid))
        parts.append(self.emit_agenda())
        if a.annotations is not None:
            parts.append(self.emit_annotations())
        leftover = list(self.notes)
        if leftover:
            eid = self.ids.make("footnotes")
            notes = [self._note_paragraph(note, "footnotes") for note in leftover]
            self.notes.clear()
            parts.append(E.hcontainer(*notes, name="footnotes", eId=eid))
        return E.mainBody(*parts, **self.lang)

    def emit_agenda(self) -> Element:
        agenda = self.agenda.agenda
        eid = self.ids.make("agenda")
        children: list[Element | Markup] = []
        if agenda.heading is not None:
            if agenda.heading.num:
                children.append(T.num(agenda.heading.num))
            children.append(self._heading(agenda.heading.text, "agenda"))
        for entry in agenda.entries:
            if isinstance(entry, AgendaGroup):
                children.append(self._group(entry, "agenda"))
            elif isinstance(entry, Paragraph):
                children.append(self._paragraph(entry, "agenda"))
            else:
                children.append(self._item(entry, "agenda", _AGENDA_ITEM, "item"))
        if not agenda.entries and agenda.heading is None:
            children.append(T.heading())
        return E.hcontainer(*children, name="agenda", eId=eid)

    def _group(self, group: AgendaGroup, prefix: str) -> Element:
        eid = self.ids.make(
            f"{prefix}__group_{clean_num(group.num)}" if group.num else f"{prefix}__group_nn"
        )
        children: list[Element | Markup] = [_num(group.num)] if group.num else []
        children.append(self._heading(group.heading, eid))
        for item in group.items:
            if isinstance(item, Paragraph):
                children.append(self._paragraph(item, eid))
            else:
                children.append(self._item(item, eid, _AGENDA_ITEM, "item"))
        return _AGENDA_GROUP(*children, eId=eid)

    def _item(
        self, item: AgendaItem, prefix: str, container: ElementFactory, short: str
    ) -> Element:
        eid = self._hier_id(prefix, short, item.num)
        heading = self._heading(item.heading, eid)
        subitems = [self._item(sub, eid, _AGENDA_SUB_ITEM, "subitem") for sub in item.subitems]
        if item.num:
            return container(_num(item.num), heading, *subitems, eId=eid)
        return container(heading, *subitems, eId=eid)

    def _hier_id(self, prefix: str, short: str, num: str | None) -> str:
        if num:
            return self.ids.make(f"{prefix}__{short}_{clean_num(num)}")
        return self.ids.count(f"{prefix}__{short}_nn")

    def emit_annotations(self) -> Element:
        ann = self.agenda.annotations
        assert ann is not None
        eid = self.ids.make("annotations")
        children: list[Element | Markup] = []
        if ann.heading is not None:
            if ann.heading.num:
                children.append(T.num(ann.heading.num))
            children.append(self._heading(ann.heading.text, "annotations"))
        children += self._blocks(ann.intro, "annotations")
        for item in ann.items:
            children.append(self._annotated(item, "annotations", _AGENDA_ITEM, "item"))
        if not children:
            children.append(T.heading())
        return E.hcontainer(*children, name="annotations", eId=eid)

    def _annotated(
        self, item: AnnotatedItem, prefix: str, container: ElementFactory, short: str
    ) -> Element:
        eid = self._hier_id(prefix, short, item.num)
        heading = self._heading(item.heading, eid)
        blocks = self._blocks(item.body, eid)
        subitems = [self._annotated(sub, eid, _AGENDA_SUB_ITEM, "subitem") for sub in item.subitems]
        if item.num:
            return container(_num(item.num), heading, *blocks, *subitems, eId=eid)
        return container(heading, *blocks, *subitems, eId=eid)

    # -- blocks inside hier elements
    def _blocks(self, blocks: Sequence[Block], prefix: str) -> list[Element]:
        made: list[Element] = []
        for block in blocks:
            if isinstance(block, Paragraph):
                made.append(self._paragraph(block, prefix))
            elif isinstance(block, Heading):
                eid = self.ids.count(f"{prefix}__hcontainer")
                heading = self._heading(block.text, eid)
                if block.num:
                    made.append(_HEADING(_num(block.num), heading, eId=eid))
                else:
                    made.append(_HEADING(heading, eId=eid))
            elif isinstance(block, Documentation):
                made.append(self._documentation(block, prefix))
            elif isinstance(block, Table):
                eid = self.ids.count(f"{prefix}__hcontainer")
                table = E.content(self._table(block, eid))
                made.append(_TABLE(table, eId=eid))
        return made

    def _paragraph(self, para: Paragraph, prefix: str) -> Element:
        num = para.num
        if num:
            own = f"para_{clean_num(num)}"
            eid = self.ids.make(own)
            if eid != own:  # taken: numbered within the container (the first try stays taken)
                eid = self.ids.make(f"{prefix}__{own}")
        else:
            eid = self.ids.count(f"{prefix}__para_nn")
        text = self._p(para.text, eid)
        if para.items:
            list_id = self.ids.make(f"{eid}__list_1")
            items = []
            for item in para.items:
                item_id = self.ids.make(f"{list_id}__item_{clean_num(item.num)}")
                items.append(E.item(_num(item.num), self._p(item.text, item_id), eId=item_id))
            content = E.content(text, E.blockList(*items, eId=list_id))
        else:
            content = E.content(text)
        if num:
            return E.paragraph(_num(num), content, eId=eid)
        return E.paragraph(content, eId=eid)

    def _documentation(self, docs: Documentation, prefix: str) -> Element:
        eid = self.ids.make(f"{prefix}__documentation")
        heading = T.heading(docs.heading)
        if not docs.entries:
            return _DOCUMENTATION(heading, eId=eid)
        list_id = self.ids.make(f"{eid}__list_1")
        items = []
        for i, entry in enumerate(docs.entries, start=1):
            item_id = self.ids.make(f"{list_id}__item_{i}")
            items.append(E.item(self._p(entry.text, item_id), eId=item_id))
        content = E.content(E.blockList(*items, eId=list_id))
        return _DOCUMENTATION(heading, content, eId=eid)

    def _table(self, table: Table, prefix: str) -> Element:
        eid = self.ids.count(f"{prefix}__table")
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                tag = E.th if cell.header else E.td
                lines = cell.lines
                if len(lines) == 1:  # most cells: no list to build and unpack
                    cells.append(tag(self._p(lines[0], eid)))
                elif lines:
                    cells.append(tag(*[self._p(line, eid) for line in lines]))
                else:
                    cells.append(tag(_EMPTY_P))
            rows.append(E.tr(*cells))
        return E.table(*rows, eId=eid)

    def _note_paragraph(self, note: Footnote, prefix: str) -> Element:
        """A footnote whose marker was not found in the text: kept as a paragraph."""
        eid = self.ids.count(f"{prefix}__para_nn")
        content = E.content(self._p(note.text, eid))
        if note.marker:
            return E.paragraph(T.num(note.marker), content, eId=eid)
        return E.paragraph(content, eId=eid)

    # -- inline text
    def _heading(self, text: RichText, context: str) -> Markup:
        parts = text.parts
        if len(parts) == 1 and parts[0].kind is _TEXT:  # plain text: most headings
            return T.heading(parts[0].text)
        return M.heading(*self._inline(text, context))

    def _p(self, text: RichText, context: str) -> Markup:
        parts = text.parts
        if len(parts) == 1 and parts[0].kind is _TEXT:  # plain text: most paragraphs
            return T.p(parts[0].text)
        return M.p(*self._inline(text, context))

    def _inline(self, text: RichText, context: str) -> list[Markup]:
        """The parts of ``text`` as running text: plain text, refs, italics, footnotes."""
        parts: list[Markup] = []
        for part in text.parts:
            kind = part.kind
            if kind is _TEXT:
                parts.append(escape(part.text))
            elif kind is _SYMBOL:
                parts.append(self._ref(part.text, context))
            elif kind is _ITALIC:
                parts.append(T.i(part.text))
            else:
                note = self._take_note(part.text)
                if note is None:
                    # the marker's footnote is not in the text (a cut-off extract): the note
                    # stands at its marker with no text, the marker kept in @marker
                    note = Footnote(part.text, RichText(), Span(0, 0, 0, 0))
                parts.append(self._authorial_note(note))
        return parts

    def _ref(self, symbol: str, context: str) -> Markup:
        """A cited symbol; its eId is numbered within the element it stands in (AKN-NC)."""
        if symbol == self.own_symbol:
            return T.ref(symbol, eId=self.ids.count(_join(context, "ref")), href=self.iris.work)
        known = self.symbols.get(symbol)
        if known is None:
            if _PLAIN_SYMBOL.issuperset(symbol):  # most symbols: one test instead of three
                token, path = symbol.replace("/", "-"), symbol
            else:
                token = _NOT_SYMBOL_ID_RE.sub("_", number_token(symbol))
                path = percent_encode(symbol)
            known = self.symbols[symbol] = (self.ids.make("sym_" + token), SYMBOL_RESOLVER + path)
        target, href = known
        return T.ref(
            symbol, eId=self.ids.count(_join(context, "ref")), href=href, refersTo="#" + target
        )

    def _take_note(self, marker: str) -> Footnote | None:
        for i, note in enumerate(self.notes):
            if note.marker.rstrip("/") == marker.rstrip("/").strip("[]"):
                return self.notes.pop(i)
            if note.marker == marker:
                return self.notes.pop(i)
        return None

    def _authorial_note(self, note: Footnote) -> Markup:
        eid = self.ids.count("note")
        return M.authorialNote(
            self._p(note.text, eid), marker=note.marker or "*", placement="bottom", eId=eid
        )

    # -- annexes
    def emit_attachments(self) -> Element | None:
        if not self.agenda.annexes:
            return None
        attachments = E.attachments()
        for n, annex in enumerate(self.agenda.annexes, start=1):
            attachments.append(self._annex(annex, n))
        return attachments

    def _annex(self, annex: Annex, n: int) -> Element:
        att_id = self.ids.make(f"att_{n}")
        attachment = E.attachment(T.num(annex.label), eId=att_id)
        heading = annex.heading.plain if annex.heading is not None else None
        if annex.heading is not None:
            attachment.append(self._heading(annex.heading, att_id))
        meta = E.meta(self._identification("", heading, annex=n))
        blocks: list[Element | Markup] = []
        for block in annex.body:
            if isinstance(block, Table):
                blocks.append(self._table(block, att_id))
            else:
                blocks += self._blocks([block], att_id)
        body = E.mainBody(*blocks or [T.p()], **self.lang)
        attachment.append(E.doc(meta, body, name="annex"))
        return attachment


def to_akn(agenda: Agenda, *, markup_date: str | None = None) -> bytes:
    """The Akoma Ntoso document as UTF-8 bytes with an XML declaration.

    Args:
        agenda: the typed tree.
        markup_date: the date of the markup (``FRBRManifestation/FRBRdate``); the document's
            own date by default, so that the same input always gives the same bytes.

    Raises:
        ValueError: the tree holds a character XML cannot hold (a tree read from JSON; text
            that went through ``parse`` never does).
    """
    return serialize(AknEmitter(agenda, markup_date=markup_date).emit())
