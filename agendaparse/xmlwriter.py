"""A small XML tree and its writer, for the AKN emitter.

``serialize`` writes a tree as UTF-8 with an XML declaration, indented two spaces a
level -- byte for byte what lxml's ``tostring(root, xml_declaration=True,
encoding="UTF-8", pretty_print=True)`` writes for the same tree (tests/test_xmlwriter.py
holds the two together). Writing the text directly costs a fraction of building lxml's C
tree (about 2 us an element) and keeps lxml's import off the conversion path; lxml still
reads, checks and validates what is written (``validate``).

The tree has two kinds of nodes, after the two ways libxml2 writes an element:

- an ``Element`` (built with ``Builder``) holds elements only: it is indented, one child a
  line. It is the list of its children, with its start and end tags written when it is
  built, so that writing the tree is little more than joining strings.
- running text (built with ``Text``: a paragraph with its references, a heading, a number,
  or any element with no children or with text in it) is never indented, so it is written
  at once, as ``Markup``, a string that a container holds as it is: no object per inline
  element for the writer to walk.

Names are taken as given (the emitter's own, with their prefixes: ``ap:diagnostic``,
``xml:lang``); a namespace is declared by an attribute (``xmlns``, ``xmlns:ap``) where
the emitter puts it. Text and attribute values are escaped as libxml2 escapes them;
characters XML cannot hold raise ``ValueError`` as lxml does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, TypeVar

_INDENT_LEVELS = 30
"""libxml2 indents at most 30 levels (60 spaces); deeper elements stay at that margin."""

# what XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return; U+FFFE/FFFF
# (lone surrogates fail when the text is encoded, as with lxml)
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


_Made = TypeVar("_Made")


class Markup(str):
    """An element already written as XML (running text: never indented)."""

    __slots__ = ()


class Element(list["Element | Markup"]):
    """An element holding elements only, written indented: the list of its children --
    elements, and running text already written (``Markup``; never plain text, which belongs
    in running text) -- with ``start``, its start tag (``<tag name="x">``), and ``end``
    (``</tag>``)."""

    __slots__ = ("end", "start")

    start: str
    end: str

    def __repr__(self) -> str:
        return f"<Element {self.end[2:-1]} at {id(self):#x}>"


class _Factories(Generic[_Made]):
    """Factories by tag name, made by ``make`` from the qualified name on first use and then
    kept as attributes. ``prefix`` is put before every tag (``ap`` gives ``ap:record``)."""

    def __init__(self, make: Callable[[str, str], Callable[..., _Made]], prefix: str = "") -> None:
        self._make = make
        """``make(qname, start)``: the factory of the elements starting ``start`` (``<tag``
        and any attributes they all carry)."""
        self._prefix = f"{prefix}:" if prefix else ""

    def __getattr__(self, tag: str) -> Callable[..., _Made]:
        # called once per tag: the factory is then kept as an attribute
        qname = self._prefix + tag
        factory = self._make(qname, f"<{qname}")
        setattr(self, tag, factory)
        return factory

    def with_attributes(self, tag: str, **attrib: str) -> Callable[..., _Made]:
        """A factory for ``tag`` whose elements all carry ``attrib`` first, before the
        attributes given to the factory: ``E.with_attributes("hcontainer", name="item")(
        ..., eId="x")`` is ``E.hcontainer(..., name="item", eId="x")``, with the constant
        attributes written once, here, rather than at every element."""
        qname = self._prefix + tag
        return self._make(qname, _start_tag(f"<{qname}", attrib))


class Builder(_Factories[Element]):
    """Element factories by tag name: ``E.hcontainer(T.num("1."), E.content(...), name="x")``
    -- the arguments are the children (elements or markup: text raises ``TypeError`` when
    the tree is written), keywords are attributes in the order given. ``prefix`` as for
    ``_Factories``."""

    def __init__(self, prefix: str = "") -> None:
        super().__init__(_factory, prefix)


def _factory(qname: str, open_: str) -> Callable[..., Element]:
    bare = f"{open_}>"
    end = f"</{qname}>"

    def build(*content: Element | Markup, **attrib: str) -> Element:
        # the children taken at once, markup as it is: cheaper than adding them one by one,
        # and than copying each markup into a plain string; their types are checked when
        # they are written, where each child's type is looked at anyway
        element = Element(content)
        element.start = f"{_start_tag(open_, attrib)}>" if attrib else bare
        element.end = end
        return element

    return build


class Text(_Factories[Markup]):
    """Running-text factories by tag name, written at once:
    ``T.p("see ", T.ref("A/1", href="#x"), " & more")`` is the markup
    ``<p>see <ref href="#x">A/1</ref> &amp; more</p>`` -- strings are text (escaped),
    markup is written as it is, with no white space added. ``prefix`` as for ``_Factories``."""

    def __init__(self, prefix: str = "") -> None:
        super().__init__(_text_factory, prefix)


def _text_factory(qname: str, open_: str) -> Callable[..., Markup]:
    bare = f"{open_}>"
    end = f"</{qname}>"

    def build(*content: str, **attrib: str) -> Markup:
        if len(content) == 1:  # the commonest: a number, a heading, a paragraph of one run
            part = content[0]
            # _escape_text's tests made here first: most text has nothing to escape, and the
            # call would cost more than the tests
            if type(part) is not Markup and (
                "&" in part or "<" in part or ">" in part or "\r" in part
            ):
                part = _escape_text(part)
            if attrib:
                return Markup(f"{_start_tag(open_, attrib)}>{part}{end}")
            return Markup(f"{bare}{part}{end}")
        start = _start_tag(open_, attrib) if attrib else open_
        if not content:
            return Markup(start + "/>")
        pieces = [start, ">"]
        for part in content:
            pieces.append(part if type(part) is Markup else _escape_text(part))
        pieces.append(end)
        return Markup("".join(pieces))

    return build


# ---------------------------------------------------------------- writing


def _escape_text(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


_ATTRIBUTE_ESCAPES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ('"', "&quot;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
    ("\t", "&#9;"),
)


def _escape_attribute(value: str) -> str:
    for char, entity in _ATTRIBUTE_ESCAPES:
        value = value.replace(char, entity)
    return value


def _start_tag(start: str, attrib: dict[str, str]) -> str:
    """``start`` (``<tag``) with the attributes, not closed."""
    # one attribute after the other: cheaper, for the usual one or two, than joins
    for name, value in attrib.items():
        # the characters of _ATTRIBUTE_ESCAPES, one search each (faster than a
        # character-class search or a set test), but not in names and most eIds: an
        # identifier holds none of them
        if not value.isidentifier() and (
            "&" in value
            or "<" in value
            or ">" in value
            or '"' in value
            or "\n" in value
            or "\r" in value
            or "\t" in value
        ):
            value = _escape_attribute(value)
        start = f'{start} {name}="{value}"'
    return start


def serialize(root: Element) -> bytes:
    """The document as UTF-8 bytes: XML declaration, ``root`` indented, a final newline.

    Elements are indented, running text is written as it was built: libxml2 indents an
    element only when its content is elements alone.

    Raises:
        ValueError: text or an attribute value holds a character XML cannot hold.
        TypeError: an element holds plain text (text belongs in running text, ``Text``).
    """
    out: list[str] = ["<?xml version='1.0' encoding='UTF-8'?>\n"]
    _write(root, out, "\n")
    out.append("\n")
    document = "".join(out)
    data = document.encode("utf-8")
    if not _holds_only_xml(document, data):
        bad = _NOT_XML_RE.search(document)
        assert bad is not None
        raise ValueError(
            f"character U+{ord(bad.group()):04X} cannot be written in XML"
            f" (at offset {bad.start()} of the output)"
        )
    return data


_C0_NOT_XML = [bytes([code]) for code in (*range(9), 11, 12, *range(14, 32))]


def _holds_only_xml(document: str, data: bytes) -> bool:
    """Whether ``document`` (``data`` in UTF-8) holds no character of ``_NOT_XML_RE``."""
    # the C0 controls: one search for each in the UTF-8 bytes, where they stand as themselves
    # whatever the script (a third faster than one pass for them all)
    for control in _C0_NOT_XML:
        if control in data:
            return False
    return "\ufffe" not in document and "\uffff" not in document


_MARGINS = ["\n" + "  " * depth for depth in range(_INDENT_LEVELS + 1)]
_NEXT_MARGIN = dict(zip(_MARGINS, [*_MARGINS[1:], _MARGINS[-1]], strict=True))
"""The margin of an element's children, by the element's own (the last one repeats)."""


def _write(element: Element, out: list[str], margin: str) -> None:
    """``element``, its start tag standing after ``margin`` (a line break and spaces).

    The margin is passed down rather than the depth: one lookup gives the children's."""
    if not element:
        out.append(element.start[:-1] + "/>")
        return
    inner = _NEXT_MARGIN[margin]
    out.append(element.start)
    for child in element:
        out.append(inner)
        if type(child) is Markup:  # running text, written
            out.append(child)
        elif type(child) is Element:
            _write(child, out, inner)
        else:
            raise TypeError(f"{child!r} in <{element.end[2:-1]}>: text is built with Text")
    out.append(margin)
    out.append(element.end)
