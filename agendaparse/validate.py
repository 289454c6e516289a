"""Validation: Akoma Ntoso files against the official schema and the rules it cannot check.

The schema (``agendaparse/schemas/akomantoso30.xsd``, OASIS 2018) checks structure and
datatypes. What it leaves to us (see ``docs/akn-mapping.md``) is checked here:

========================  ================================================================
rule                      what it means
========================  ================================================================
``schema``                an error reported by the XSD (line numbers from libxml2)
``xml``                   the file is not an Akoma Ntoso document at all (wrong root)
``security``              the tree carries a DTD with declarations, an external DTD or
                          entity references (``read_xml`` refuses such input outright)
``eid-syntax``            an eId breaks the AKN-NC syntax: parts ``name`` or ``name_num``
                          joined by ``__``, no whitespace
``eid-unique``            an eId used twice in the file (attachments and their meta count)
``ref-target``            ``href="#x"``, ``refersTo="#x"`` (or another local reference such
                          as ``source``/``by``) names no eId/wId/GUID in the file
``iri-mismatch``          FRBR IRIs disagree with each other or with the FRBR metadata
``frbr-number``           ``FRBRnumber`` holds a ``/`` or whitespace (AKN4UN: ``-``/``_``)
``author-actor``          the Work ``FRBRauthor`` is not a ``TLCOrganization`` whose href
                          ends with the IRI's actor token (AKN4UN)
``references-missing``    the main ``meta`` has no ``references`` block (AKN4UN mandatory)
``publication-missing``   the main ``meta`` has no ``publication`` (AKN4UN mandatory)
========================  ================================================================

Input is treated as untrusted: ``read_xml`` never loads DTDs, never expands or fetches
entities, never touches the network, limits the size, and refuses documents with entity
declarations or an external DTD. Everything it cannot read becomes a ``ValidationError``.

    problems = validate_file("agenda.xml")      # [] when the file is fine
    for p in problems:
        print(p)                                # "12:0: eid-unique: ..."
"""

from __future__ import annotations

import functools
import importlib.resources
import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from lxml import etree

from agendaparse.errors import ValidationError

__all__ = [
    "AKN_NS",
    "DEFAULT_MAX_BYTES",
    "RULES",
    "Problem",
    "RefusedXmlError",
    "eid_syntax_ok",
    "read_xml",
    "validate_bytes",
    "validate_file",
    "validate_tree",
]

AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
DEFAULT_MAX_BYTES = 100 * 1024 * 1024
"""The largest input ``read_xml`` accepts by default (100 MB)."""

RULES = frozenset(
    {
        "schema",
        "xml",
        "security",
        "eid-syntax",
        "eid-unique",
        "ref-target",
        "iri-mismatch",
        "frbr-number",
        "author-actor",
        "references-missing",
        "publication-missing",
    }
)
"""Every rule id a ``Problem`` can carry."""

_EID_PART = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:_[\w.()\-]+)?")
"""One part of an eId (AKN-NC §5.4): ``name`` or ``name_num``; parts are joined by ``__``."""

_WORK_IRI = re.compile(
    r"/akn/(?P<country>[^/]+)/(?P<doctype>[^/]+)/(?P<subtype>[^/]+)"
    r"/(?P<actor>[^/]+)/(?P<date>[^/]+)/(?P<number>[^/]+)"
)
_EXPRESSION_TAIL = re.compile(r"(?P<lang>[^/@]+)@(?P<version>[^/@]*)")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

_REF_ATTRIBUTES = (
    "href",
    "refersTo",
    "source",
    "by",
    "as",
    "to",
    "for",
    "from",
    "empoweredBy",
    "current",
    "alternativeTo",
    "upTo",
    "placementBase",
    "period",
    "start",
    "end",
    "outcome",
    "choice",
    "dictionary",
    "includedIn",
    "original",
)
"""AKN attributes whose ``#x`` values are local references (eIdRef, agentRef, ... in the XSD)."""

_TARGET_ATTRIBUTES = ("eId", "wId", "GUID")


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a file: a stable rule id, a message and where (0 = unknown)."""

    rule: str
    message: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.line}:{self.column}: {self.rule}: {self.message}"


# ---------------------------------------------------------------- reading untrusted XML


class RefusedXmlError(ValidationError):
    """Input refused for safety: too large, a DOCTYPE with declarations or an external DTD,
    entities, or a libxml2 resource limit hit. A ``ValidationError``, so callers that catch
    that need nothing else."""


def _safe_parser() -> etree.XMLParser:
    """A parser that loads nothing and expands nothing.

    ``collect_ids`` is left at its default on purpose: with libxml2 < 2.15, lxml implements
    ``collect_ids=False`` by setting ``XML_SKIP_IDS`` in the context's ``loadsubset``, and a
    non-zero ``loadsubset`` makes libxml2 READ an external DTD or parameter entity
    (``<!DOCTYPE x SYSTEM "file:...">``) although ``load_dtd=False`` (seen with lxml 6.1.3 /
    libxml2 2.14.6).
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        huge_tree=False,
    )


_PROLOG_LIMIT = 1024 * 1024
"""How much of the input the first pass looks at for a DOCTYPE (the parse checks again)."""

_UNSAFE_DOCTYPE = re.compile(
    # XML declaration, PIs, comments, whitespace: atomic and possessive, so that no input
    # makes the engine backtrack through the ways of splitting the prolog
    r"\ufeff?(?:\s|(?><\?.*?\?>)|(?><!--.*?-->))*+"
    r"<!DOCTYPE\s+[^\s>\[]+(?P<what>\s*\[|\s+(?:SYSTEM|PUBLIC)(?=[\s\"']))",
    re.DOTALL,
)

_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xef\xbb\xbf", "utf-8"),
)


def _prolog_doctype(data: bytes) -> tuple[str, int] | None:
    """First pass, before any XML parser sees the input: a DOCTYPE in the prolog that opens
    an internal subset or names an external DTD. Returns (what, line) or None.

    The prolog is read as Latin-1 (any ASCII-compatible encoding) and as UTF-16/UTF-32
    (either byte order), so that re-encoding the document does not hide the DOCTYPE.
    """
    head = data[:_PROLOG_LIMIT]
    codecs = ["latin-1", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"]
    for bom, codec in _BOMS:
        if head.startswith(bom):
            head = head[len(bom) :]
            codecs = ["latin-1" if codec == "utf-8" else codec]
            break
    for codec in codecs:
        width = {"latin-1": 1, "utf-16-le": 2, "utf-16-be": 2}.get(codec, 4)
        text = head[: len(head) - len(head) % width].decode(codec, errors="replace")
        match = _UNSAFE_DOCTYPE.match(text)
        if match is not None:
            what = (
                "a DOCTYPE with an internal subset (entity or other declarations)"
                if match.group("what").strip() == "["
                else "a DOCTYPE naming an external DTD"
            )
            return what, text.count("\n", 0, match.start("what")) + 1
    return None


def _dtd_danger(tree: etree._ElementTree) -> str | None:
    """Why the parsed document's DTD makes it unsafe, or None (no DTD, or a bare one)."""
    info: Any = tree.docinfo
    if info.system_url or info.public_id:
        return "the document refers to an external DTD"
    dtd: Any = info.internalDTD
    if dtd is not None:
        if any(True for _ in dtd.iterentities()):
            return "the document declares entities in its DOCTYPE"
        if any(True for _ in dtd.iterelements()):
            return "the document declares elements in its DOCTYPE"
    if any(True for _ in tree.iter(etree.Entity)):
        return "the document contains entity references"
    return None


_LIMIT_MESSAGES = ("amplification", "entity reference loop", "huge", "excessive", "too large")
"""libxml2 errors that mean a safety limit was hit (billion laughs, deep nesting, ...)."""


def read_xml(
    data: bytes, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> etree._ElementTree:
    """Parse untrusted XML bytes safely.

    No DTD is loaded, no entity is expanded or fetched, nothing goes to the network and
    libxml2's limits against huge trees stay on. Input larger than ``max_bytes``, with an
    external DTD or with declarations in its DOCTYPE (entities above all: billion laughs,
    XXE) is refused; a bare ``<!DOCTYPE akomaNtoso>`` is harmless and accepted.

    Raises:
        RefusedXmlError: (a ``ValidationError``) the input was refused for safety.
        ValidationError: the input is not well-formed XML (with line/column where known).
    """
    if len(data) > max_bytes:
        raise RefusedXmlError(
            f"refused: the input is larger than the limit of {max_bytes} bytes", source=source
        )
    unsafe = _prolog_doctype(data)
    if unsafe is not None:
        what, line = unsafe
        raise RefusedXmlError(f"refused: the document has {what}", source=source, line=line)
    try:
        root = etree.fromstring(data, _safe_parser())
    except etree.XMLSyntaxError as error:
        line, column = getattr(error, "position", None) or (0, 0)
        text = str(getattr(error, "msg", "") or error)
        if any(word in text.lower() for word in _LIMIT_MESSAGES):
            raise RefusedXmlError(
                f"refused: {text}", source=source, line=line or 0, column=column or 0
            ) from None
        raise ValidationError(
            f"not well-formed XML: {text}", source=source, line=line or 0, column=column or 0
        ) from None
    except (etree.LxmlError, ValueError, TypeError) as error:
        raise ValidationError(f"not readable as XML: {error}", source=source) from None
    tree = root.getroottree()
    danger = _dtd_danger(tree)
    if danger is not None:
        raise RefusedXmlError(f"refused: {danger}", source=source)
    return tree


# ---------------------------------------------------------------- the schema


class _XmlXsdResolver(etree.Resolver):
    """Serves the packaged ``xml.xsd`` for the schema's ``./xml.xsd`` import (also when
    the package is not a plain directory); refuses every other external resource."""

    def __init__(self, xml_xsd: bytes) -> None:
        super().__init__()
        self.xml_xsd = xml_xsd

    def resolve(  # type: ignore[override]  # the stubs leave out ``context``
        self, system_url: str, public_id: str, context: Any
    ) -> Any:
        if system_url.endswith("xml.xsd"):
            return self.resolve_string(self.xml_xsd, context, base_url=None)
        return None


@functools.cache
def _schema() -> etree.XMLSchema:
    """The official Akoma Ntoso 3.0 schema, compiled once per process."""
    folder = importlib.resources.files("agendaparse") / "schemas"
    xml_xsd = (folder / "xml.xsd").read_bytes()
    parser = etree.XMLParser(no_network=True, resolve_entities=False, load_dtd=False)
    parser.resolvers.add(_XmlXsdResolver(xml_xsd))
    with importlib.resources.as_file(folder / "akomantoso30.xsd") as path:
        return etree.XMLSchema(etree.parse(os.fspath(path), parser))


_SCHEMA_LOCK = threading.Lock()
"""lxml keeps the error log on the schema object: one validation at a time."""


def _schema_problems(tree: etree._ElementTree) -> list[Problem]:
    schema = _schema()
    with _SCHEMA_LOCK:
        try:
            if schema.validate(tree):
                return []
        except etree.LxmlError as error:  # e.g. entity reference nodes in the tree
            return [Problem("schema", f"the schema validator gave up: {error}", 0, 0)]
        log: Any = schema.error_log
        return [
            Problem("schema", str(entry.message), int(entry.line or 0), int(entry.column or 0))
            for entry in log
        ]


# ---------------------------------------------------------------- the checks beyond the schema


def _line(el: etree._Element) -> int:
    line: Any = el.sourceline
    return int(line) if line else 0


def _local(el: etree._Element) -> str:
    tag = el.tag
    return etree.QName(tag).localname if isinstance(tag, str) else ""


def _is_akn(el: etree._Element) -> bool:
    tag = el.tag
    return isinstance(tag, str) and tag.startswith("{" + AKN_NS + "}")


def _akn(name: str) -> str:
    return f"{{{AKN_NS}}}{name}"


def _elements(tree: etree._ElementTree) -> Iterator[etree._Element]:
    """Every element (comments, PIs and entity references left out)."""
    for el in tree.iter():
        if isinstance(el.tag, str):
            yield el


def eid_syntax_ok(eid: str) -> bool:
    """Whether ``eid`` follows AKN-NC: ``name`` or ``name_num`` parts joined by ``__``."""
    return all(_EID_PART.fullmatch(part) for part in eid.split("__"))


def _check_eids(tree: etree._ElementTree) -> list[Problem]:
    problems: list[Problem] = []
    first: dict[str, int] = {}
    for el in _elements(tree):
        eid = el.get("eId")
        if eid is None:
            continue
        if not eid_syntax_ok(eid):
            problems.append(
                Problem(
                    "eid-syntax",
                    f"eId {eid!r} on <{_local(el)}> breaks the AKN-NC syntax",
                    _line(el),
                    0,
                )
            )
        if eid in first:
            problems.append(
                Problem(
                    "eid-unique",
                    f"eId {eid!r} on <{_local(el)}> already used on line {first[eid]}",
                    _line(el),
                    0,
                )
            )
        else:
            first[eid] = _line(el)
    return problems


def _targets(tree: etree._ElementTree) -> dict[str, etree._Element]:
    """eId / wId / GUID -> the (first) element carrying it."""
    found: dict[str, etree._Element] = {}
    for el in _elements(tree):
        for attr in _TARGET_ATTRIBUTES:
            value = el.get(attr)
            if value is not None:
                found.setdefault(value, el)
    return found


def _resolve(value: str, targets: dict[str, etree._Element]) -> etree._Element | None:
    """The element a local reference ``#x`` points to (``x`` raw or percent-decoded)."""
    name = value[1:]
    hit = targets.get(name)
    if hit is None and "%" in name:
        hit = targets.get(unquote(name))
    return hit


def _check_refs(tree: etree._ElementTree, targets: dict[str, etree._Element]) -> list[Problem]:
    problems: list[Problem] = []
    for el in _elements(tree):
        if not _is_akn(el):
            continue
        for attr in _REF_ATTRIBUTES:
            value = el.get(attr)
            if value is None:
                continue
            tokens = value.split() if attr == "refersTo" else [value.strip()]
            for token in tokens:
                if not token.startswith("#"):
                    if attr == "refersTo":
                        problems.append(
                            Problem(
                                "ref-target",
                                f"refersTo {token!r} on <{_local(el)}> is not "
                                "a local reference '#id'",
                                _line(el),
                                0,
                            )
                        )
                    continue
                if _resolve(token, targets) is None:
                    problems.append(
                        Problem(
                            "ref-target",
                            f"{attr}={token!r} on <{_local(el)}> points to no "
                            "eId/wId/GUID in the file",
                            _line(el),
                            0,
                        )
                    )
    return problems


def _document_element(tree: etree._ElementTree) -> etree._Element | None:
    """The document type element (``debateReport``) under ``akomaNtoso``."""
    root = tree.getroot()
    for child in root:
        if _is_akn(child):
            return child
    return None


def _child(parent: etree._Element | None, name: str) -> etree._Element | None:
    if parent is None:
        return None
    return parent.find(_akn(name))


def _children(parent: etree._Element | None, name: str) -> list[etree._Element]:
    if parent is None:
        return []
    return parent.findall(_akn(name))


def _attr(parent: etree._Element | None, name: str, attr: str) -> str | None:
    el = _child(parent, name)
    return el.get(attr) if el is not None else None


@dataclass
class _Identification:
    """Collects the problems of one ``identification`` block."""

    el: etree._Element
    doctype: str
    targets: dict[str, etree._Element]
    problems: list[Problem]

    def report(self, rule: str, message: str, where: etree._Element | None = None) -> None:
        self.problems.append(
            Problem(rule, message, _line(where if where is not None else self.el), 0)
        )

    def check(self) -> None:
        work = _child(self.el, "FRBRWork")
        expression = _child(self.el, "FRBRExpression")
        manifestation = _child(self.el, "FRBRManifestation")
        for number in _children(work, "FRBRnumber"):
            value = number.get("value") or ""
            if "/" in value or any(c.isspace() for c in value):
                self.report(
                    "frbr-number",
                    f"FRBRnumber {value!r} contains '/' or whitespace "
                    "(AKN4UN: '/' -> '-', space -> '_')",
                    number,
                )
        work_uri = _attr(work, "FRBRuri", "value")
        if work is None or work_uri is None:
            return  # the schema reports the missing parts
        component = self._check_this(work, work_uri, "Work")
        actor = self._check_work(work, work_uri)
        if actor is not None:
            self._check_author(work, actor)
        expr_uri = self._check_expression(expression, work_uri, component)
        if expr_uri is not None:
            self._check_manifestation(manifestation, expr_uri, component)

    def _check_this(self, level: etree._Element, uri: str, label: str) -> str | None:
        """FRBRthis must start with FRBRuri; returns the component part (``/!main``)."""
        this_el = _child(level, "FRBRthis")
        this = this_el.get("value") if this_el is not None else None
        if this is None:
            return None
        if this == uri:
            return ""
        if not this.startswith(uri + "/"):
            self.report(
                "iri-mismatch",
                f"{label} FRBRthis {this!r} does not start with its FRBRuri {uri!r}",
                this_el,
            )
            return None
        return this[len(uri) :]

    def _check_work(self, work: etree._Element, uri: str) -> str | None:
        """The Work IRI against the Work metadata; returns the actor token."""
        uri_el = _child(work, "FRBRuri")
        match = _WORK_IRI.fullmatch(uri)
        if match is None:
            self.report(
                "iri-mismatch",
                f"Work FRBRuri {uri!r} does not have the form "
                "/akn/{country}/{docType}/{subtype}/{actor}/{date}/{number}",
                uri_el,
            )
            return None
        parts = match.groupdict()
        country = _attr(work, "FRBRcountry", "value")
        if parts["country"] != country:
            self.report(
                "iri-mismatch",
                f"IRI country {parts['country']!r} differs from FRBRcountry {country!r}",
                uri_el,
            )
        if parts["doctype"] != self.doctype:
            self.report(
                "iri-mismatch",
                f"IRI document type {parts['doctype']!r} differs from "
                f"the document element <{self.doctype}>",
                uri_el,
            )
        subtype = _attr(work, "FRBRsubtype", "value")
        if parts["subtype"] != subtype:
            self.report(
                "iri-mismatch",
                f"IRI subtype {parts['subtype']!r} differs from FRBRsubtype {subtype!r}",
                uri_el,
            )
        dates = [(d.get("date") or "")[:10] for d in _children(work, "FRBRdate")]
        if not _ISO_DATE.fullmatch(parts["date"]) or parts["date"] not in dates:
            self.report(
                "iri-mismatch",
                f"IRI date {parts['date']!r} is not a Work FRBRdate ({', '.join(dates) or 'none'})",
                uri_el,
            )
        numbers = [n.get("value") for n in _children(work, "FRBRnumber")]
        if parts["number"] not in numbers:
            self.report(
                "iri-mismatch",
                f"IRI number {parts['number']!r} is not a FRBRnumber "
                f"({', '.join(repr(n) for n in numbers) or 'none'})",
                uri_el,
            )
        return parts["actor"]

    def _check_author(self, work: etree._Element, actor: str) -> None:
        authors = _children(work, "FRBRauthor")
        for author in authors:
            href = author.get("href") or ""
            target = _resolve(href, self.targets) if href.startswith("#") else None
            if target is None or _local(target) != "TLCOrganization":
                continue
            org = (target.get("href") or "").rstrip("/")
            if org == actor or org.endswith("/" + actor):
                return
        where = authors[0] if authors else work
        self.report(
            "author-actor",
            f"no Work FRBRauthor is a TLCOrganization whose href ends with the actor {actor!r}",
            where,
        )

    def _check_expression(
        self, expression: etree._Element | None, work_uri: str, component: str | None
    ) -> str | None:
        uri = _attr(expression, "FRBRuri", "value")
        if expression is None or uri is None:
            return None
        uri_el = _child(expression, "FRBRuri")
        tail = uri[len(work_uri) + 1 :] if uri.startswith(work_uri + "/") else None
        match = _EXPRESSION_TAIL.fullmatch(tail) if tail is not None else None
        if match is None:
            self.report(
                "iri-mismatch",
                f"Expression FRBRuri {uri!r} is not the Work FRBRuri "
                f"{work_uri!r} + '/{{lang}}@{{date}}'",
                uri_el,
            )
        else:
            lang, version = match.group("lang"), match.group("version")
            languages = [x.get("language") for x in _children(expression, "FRBRlanguage")]
            if not (
                lang in languages
                or (
                    len(languages) > 1 and (lang == "mul" or set(lang.split("-")) <= set(languages))
                )
            ):
                self.report(
                    "iri-mismatch",
                    f"IRI language {lang!r} differs from FRBRlanguage "
                    f"({', '.join(repr(x) for x in languages) or 'none'})",
                    uri_el,
                )
            dates = [(d.get("date") or "")[:10] for d in _children(expression, "FRBRdate")]
            if version and (not _ISO_DATE.fullmatch(version) or version not in dates):
                self.report(
                    "iri-mismatch",
                    f"IRI version date {version!r} is not an Expression "
                    f"FRBRdate ({', '.join(dates) or 'none'})",
                    uri_el,
                )
        expr_component = self._check_this(expression, uri, "Expression")
        if component is not None and expr_component is not None and expr_component != component:
            self.report(
                "iri-mismatch",
                f"Expression component {expr_component!r} differs from "
                f"the Work component {component!r}",
                _child(expression, "FRBRthis"),
            )
        return uri

    def _check_manifestation(
        self, manifestation: etree._Element | None, expr_uri: str, component: str | None
    ) -> None:
        uri = _attr(manifestation, "FRBRuri", "value")
        if manifestation is None or uri is None:
            return
        fmt = _attr(manifestation, "FRBRformat", "value")
        allowed = {"xml"} if fmt is None else {fmt, re.split(r"[/+]", fmt)[-1]}
        if uri not in {f"{expr_uri}/.{ext}" for ext in allowed}:
            self.report(
                "iri-mismatch",
                f"Manifestation FRBRuri {uri!r} is not the Expression FRBRuri + '/.{min(allowed)}'",
                _child(manifestation, "FRBRuri"),
            )
        this_el = _child(manifestation, "FRBRthis")
        this = this_el.get("value") if this_el is not None else None
        if this is None:
            return
        if not this.startswith(expr_uri + "/"):
            self.report(
                "iri-mismatch",
                f"Manifestation FRBRthis {this!r} does not start with "
                f"the Expression FRBRuri {expr_uri!r}",
                this_el,
            )
        elif component and not this[len(expr_uri) :].startswith(component):
            self.report(
                "iri-mismatch",
                f"Manifestation FRBRthis {this!r} is not for the component {component!r}",
                this_el,
            )


def _check_meta(document: etree._Element) -> list[Problem]:
    """AKN4UN: ``publication`` and ``references`` are mandatory in the main ``meta``."""
    meta = _child(document, "meta")
    if meta is None:
        return []  # the schema reports it
    problems: list[Problem] = []
    if _child(meta, "references") is None:
        problems.append(
            Problem(
                "references-missing",
                "the main meta has no <references> block (mandatory in AKN4UN)",
                _line(meta),
                0,
            )
        )
    if _child(meta, "publication") is None:
        problems.append(
            Problem(
                "publication-missing",
                "the main meta has no <publication> (mandatory in AKN4UN)",
                _line(meta),
                0,
            )
        )
    return problems


def _security_problems(tree: etree._ElementTree) -> list[Problem]:
    danger = _dtd_danger(tree)
    return [] if danger is None else [Problem("security", danger, 0, 0)]


def validate_tree(
    tree: etree._ElementTree | etree._Element, *, source: str | None = None
) -> list[Problem]:
    """All problems of a parsed Akoma Ntoso document: schema errors and the AKN-NC/AKN4UN
    rules the schema cannot check. An empty list means the document is fine.

    ``source`` names the input in the (unlikely) ``ValidationError`` for a tree without a
    root; problems carry line/column only.
    """
    if isinstance(tree, etree._Element):
        tree = tree.getroottree()
    if tree.getroot() is None:
        raise ValidationError("the tree has no root element", source=source)
    problems = _all_problems(tree)
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _all_problems(tree: etree._ElementTree) -> list[Problem]:
    root = tree.getroot()
    problems = _security_problems(tree)
    problems.extend(_schema_problems(tree))
    if root.tag != _akn("akomaNtoso"):
        problems.append(
            Problem(
                "xml",
                f"the root element is {root.tag!r}, not akomaNtoso in the namespace {AKN_NS}",
                _line(root),
                0,
            )
        )
        return problems
    problems.extend(_check_eids(tree))
    targets = _targets(tree)
    problems.extend(_check_refs(tree, targets))
    document = _document_element(tree)
    if document is None:
        problems.append(Problem("xml", "akomaNtoso holds no document type element", _line(root), 0))
        return problems
    for identification in document.iter(_akn("identification")):
        _Identification(identification, _local(document), targets, problems).check()
    problems.extend(_check_meta(document))
    return problems


def validate_bytes(
    data: bytes, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Problem]:
    """Read untrusted bytes with ``read_xml`` and validate them.

    Raises:
        ValidationError: the input was refused or is not well-formed XML.
    """
    return validate_tree(read_xml(data, source=source, max_bytes=max_bytes), source=source)


def validate_file(
    path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[Problem]:
    """Validate an Akoma Ntoso file on disk.

    Raises:
        ValidationError: the file cannot be read, is too large, refused or not well-formed.
    """
    source = os.fspath(path)
    try:
        with open(source, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as error:
        raise ValidationError(
            f"cannot read the file: {error.strerror or error}", source=source
        ) from None
    return validate_bytes(data, source=source, max_bytes=max_bytes)
