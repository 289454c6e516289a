"""A small XML tree and its writer, for the AKN emitter.

The emitter builds a tree of ``Element`` (tag, attributes in order, text, children and
tails, as in ElementTree) and ``serialize`` writes it as UTF-8 with an XML declaration,
indented two spaces a level -- byte for byte what lxml's ``tostring(root,
xml_declaration=True, encoding="UTF-8", pretty_print=True)`` writes for the same tree
(tests/test_xmlwriter.py holds the two together). Writing the text directly costs a
fraction of building lxml's C tree (about 2 us an element) and keeps lxml's import off the
conversion path; lxml still reads, checks and validates what is written (``validate``).

Running text (a paragraph with its references, a heading, a number) is never indented,
so it is written at once: ``Text`` builders return ``Markup``, the element as XML text,
which an ``Element`` holds as a child like any other -- no object per inline element for
the writer to walk, nor for the garbage collector to follow.

Names are taken as given (the emitter's own, with their prefixes: ``ap:diagnostic``,
``xml:lang``); namespace declarations are written where the emitter puts them (``nsdecl``).
Text and attribute values are escaped as libxml2 escapes them; characters XML cannot hold
raise ``ValueError`` as lxml does.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

_INDENT_LEVELS = 30
"""libxml2 indents at most 30 levels (60 spaces); deeper elements stay at that margin."""

# what XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return; U+FFFE/FFFF
# (lone surrogates fail when the text is encoded, as with lxml)
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class Markup(str):
    """An element already written as XML (running text: never indented)."""

    __slots__ = ()


class Element:
    """One element: ``tag`` (with its prefix, if any), ``attrib`` in writing order, ``text``
    before the first child, ``children``, and ``tail``, the text after the element inside
    its parent. ``nsdecl`` is written before the attributes (`` xmlns="..."``)."""

    __slots__ = ("attrib", "children", "nsdecl", "tag", "tail", "text")

    def __init__(self, tag: str, attrib: dict[str, str] | None = None, nsdecl: str = "") -> None:
        self.tag = tag
        self.attrib: dict[str, str] = attrib if attrib is not None else {}
        self.nsdecl = nsdecl
        self.text: str | None = None
        self.tail: str | None = None
        self.children: list[Element | str] | tuple[()] = ()
        """Elements, and running text already written (``Markup``, kept as a plain string).
        An empty tuple until the first child: most elements have none. Both choices spare
        the garbage collector objects to follow."""

    def __repr__(self) -> str:
        return f"<Element {self.tag} at {id(self):#x}>"

    def __len__(self) -> int:
        return len(self.children)

    def __iter__(self) -> Iterator[Element | str]:
        return iter(self.children)

    def __getitem__(self, index: int) -> Element | str:
        return self.children[index]

    def append(self, child: Element | str) -> None:
        """Add ``child``: an element, or running text already written (``Markup``, or such
        a child of another element) -- never plain text, which is ``text`` or a ``tail``."""
        if type(child) is not str and not isinstance(child, Element):
            child = str(child)  # Markup: the same text as a plain string
        if isinstance(self.children, list):
            self.children.append(child)
        else:
            self.children = [child]

    def extend(self, children: Iterable[Element | str]) -> None:
        for child in children:
            self.append(child)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrib.get(name, default)

    def set(self, name: str, value: str) -> None:
        self.attrib[name] = value


class Builder:
    """Element factories by tag name: ``E.hcontainer(E.num("1."), name="x")`` -- strings are
    text (after the last child, its tail), elements and markup are children, keywords are
    attributes in the order given. ``prefix`` is put before every tag (``ap`` gives
    ``ap:record``)."""

    def __init__(self, prefix: str = "") -> None:
        self._prefix = f"{prefix}:" if prefix else ""

    def __getattr__(self, tag: str) -> Callable[..., Element]:
        # called once per tag: the factory is then kept as an attribute of the builder
        factory = _factory(self._prefix + tag)
        setattr(self, tag, factory)
        return factory


def _factory(qname: str) -> Callable[..., Element]:
    def build(*content: str | Element | Markup, **attrib: str) -> Element:
        element = Element(qname, attrib)
        last: Element | Markup | None = None
        for part in content:
            if isinstance(part, Element | Markup):
                element.append(part)
                last = part
            elif last is None:
                element.text = (element.text or "") + part
            elif isinstance(last, Element):
                last.tail = (last.tail or "") + part
            else:  # markup has no tail: text around it is running text, built with Text
                raise ValueError(f"text after running text in <{qname}>: build it with Text")
        return element

    return build


class Text:
    """Running-text factories by tag name, written at once:
    ``T.p("see ", T.ref("A/1", href="#x"), " & more")`` is the markup
    ``<p>see <ref href="#x">A/1</ref> &amp; more</p>`` -- strings are text (escaped), markup
    and elements are children written as they are, with no white space added."""

    def __getattr__(self, tag: str) -> Callable[..., Markup]:
        factory = _text_factory(tag)
        setattr(self, tag, factory)
        return factory


def _text_factory(tag: str) -> Callable[..., Markup]:
    end = f"</{tag}>"

    def build(*content: str | Element | Markup, **attrib: str) -> Markup:
        start = _start_tag(tag, "", attrib)
        if not content:
            return Markup(start + "/>")
        pieces = [start, ">"]
        for part in content:
            if isinstance(part, Markup):
                pieces.append(part)
            elif isinstance(part, str):
                pieces.append(_escape_text(part))
            else:
                _write_flat(part, pieces)
                if part.tail:
                    pieces.append(_escape_text(part.tail))
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


def _needs_no_escape(value: str) -> bool:
    # the characters of _ATTRIBUTE_ESCAPES, one search each: faster than a character-class
    # search or a set test
    return not (
        "&" in value
        or "<" in value
        or ">" in value
        or '"' in value
        or "\n" in value
        or "\r" in value
        or "\t" in value
    )


def _escape_attribute(value: str) -> str:
    for char, entity in _ATTRIBUTE_ESCAPES:
        value = value.replace(char, entity)
    return value


def serialize(root: Element) -> bytes:
    """The document as UTF-8 bytes: XML declaration, ``root`` indented, a final newline.

    An element is indented only when its content is elements alone (no text between
    them), as libxml2 does; running text (``Text``) is written as it was built.

    Raises:
        ValueError: text or an attribute value holds a character XML cannot hold.
    """
    out: list[str] = ["<?xml version='1.0' encoding='UTF-8'?>\n"]
    _write(root, out, 0)
    out.append("\n")
    document = "".join(out)
    data = document.encode("utf-8")
    if (
        len(data.translate(None, _C0_NOT_XML)) != len(data)
        or "\ufffe" in document
        or "\uffff" in document
    ):
        bad = _NOT_XML_RE.search(document)
        assert bad is not None
        raise ValueError(
            f"character U+{ord(bad.group()):04X} cannot be written in XML"
            f" (at offset {bad.start()} of the output)"
        )
    return data


_C0_NOT_XML = bytes([*range(9), 11, 12, *range(14, 32)])
_MARGINS = ["\n" + "  " * depth for depth in range(_INDENT_LEVELS + 1)]


def _margin(depth: int) -> str:
    return _MARGINS[min(depth, _INDENT_LEVELS)]


def _start_tag(tag: str, nsdecl: str, attrib: dict[str, str]) -> str:
    """``<tag`` with the namespace declarations and attributes, not closed."""
    if not attrib:
        return f"<{tag}{nsdecl}"
    if _needs_no_escape("".join(attrib.values())):
        attributes = "".join([f' {k}="{v}"' for k, v in attrib.items()])
    else:
        attributes = "".join([f' {k}="{_escape_attribute(v)}"' for k, v in attrib.items()])
    return f"<{tag}{nsdecl}{attributes}"


def _write(element: Element, out: list[str], depth: int) -> None:
    children = element.children
    if not children or element.text is not None:
        _write_flat(element, out)
        return
    for child in children:
        if not isinstance(child, str) and child.tail is not None:
            _write_flat(element, out)  # text between the children: nothing may be added
            return
    margin = _margin(depth + 1)
    out.append(_start_tag(element.tag, element.nsdecl, element.attrib) + ">")
    for child in children:
        out.append(margin)
        if isinstance(child, str):  # running text, written
            out.append(child)
        elif child.children or child.text is not None:
            _write(child, out, depth + 1)
        else:
            out.append(_start_tag(child.tag, child.nsdecl, child.attrib) + "/>")
    out.append(f"{_margin(depth)}</{element.tag}>")


def _write_flat(element: Element, out: list[str]) -> None:
    """An element and everything in it with no white space added."""
    text = element.text
    children = element.children
    start = _start_tag(element.tag, element.nsdecl, element.attrib)
    if not children:
        if text is None:
            out.append(start + "/>")
        else:
            out.append(f"{start}>{_escape_text(text)}</{element.tag}>")
        return
    out.append(start + ">")
    if text:
        out.append(_escape_text(text))
    for child in children:
        if isinstance(child, str):  # running text, written
            out.append(child)
            continue
        _write_flat(child, out)
        if child.tail:
            out.append(_escape_text(child.tail))
    out.append(f"</{element.tag}>")
