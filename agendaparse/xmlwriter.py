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
- running text (a paragraph with its references, a heading, a number, or any element with
  no children or with text in it) is never indented, so it is written at once, as
  ``Markup``: a string that a container holds as it is, with no object per inline element
  for the writer to walk. ``Text`` builds an element holding one text (escaped) or
  nothing, ``Mixed`` one holding markup pieces, and ``escape`` makes text a piece:
  ``M.p(escape("see "), T.ref("A/1", href="#x"))``.

``Markup`` is a ``str`` at run time (``typing.NewType``): nothing is made or checked to tell
it from text while the tree is built or written. The type checker tells them apart instead:
under ``mypy --strict``, text given where markup is expected (to ``Mixed``, or as an
element's child) is an error, and that is what keeps unescaped text out of the tree. The
converse, markup given to ``Text``, type-checks (markup is a ``str``) and would be escaped:
the tests comparing the output with lxml's catch that.

Names are taken as given (the emitter's own, with their prefixes: ``ap:diagnostic``,
``xml:lang``); a namespace is declared by an attribute (``xmlns``, ``xmlns:ap``) where
the emitter puts it. Text and attribute values are escaped as libxml2 escapes them;
characters XML cannot hold raise ``ValueError`` as lxml does.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Generic, NewType, Protocol, TypeVar, cast, final

_INDENT_LEVELS = 30
"""libxml2 indents at most 30 levels (60 spaces); deeper elements stay at that margin."""

# what XML 1.0 cannot hold: C0 controls but tab, line feed and carriage return; U+FFFE/FFFF
# (lone surrogates fail when the text is encoded, as with lxml)
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


Markup = NewType("Markup", str)
"""Running text already written as XML (never indented): a plain string at run time.

What ``Text``, ``Mixed`` and ``escape`` make is markup by construction: they are written
returning ``str`` and typed as returning ``Markup`` once, where they are made
(``typing.cast``), rather than calling ``Markup`` -- a function call -- on every string."""


@final  # no subclass: the writer tells an element by its exact type
class Element(list["Element | Markup"]):
    """An element holding elements only, written indented: the list of its children --
    elements, and running text already written (``Markup``; never plain text, which belongs
    in running text: the type checker keeps it out) -- with ``start``, its start tag
    (``<tag name="x">``), and ``end`` (``</tag>``)."""

    __slots__ = ("end", "start")

    start: str
    end: str

    def __repr__(self) -> str:
        return f"<Element {self.end[2:-1]} at {id(self):#x}>"


class ElementFactory(Protocol):
    """``Builder``'s factories: the children, then the attributes in the order given."""

    def __call__(self, *children: Element | Markup, **attrib: str) -> Element: ...


class TextFactory(Protocol):
    """``Text``'s factories: the text (escaped; none gives an empty element), then the
    attributes in the order given."""

    def __call__(self, text: str | None = None, /, **attrib: str) -> Markup: ...


class MixedFactory(Protocol):
    """``Mixed``'s factories: the markup pieces, then the attributes in the order given."""

    def __call__(self, *content: Markup, **attrib: str) -> Markup: ...


_Factory = TypeVar("_Factory", bound=Callable[..., object])


class _Factories(Generic[_Factory]):
    """Factories by tag name, made by ``make`` from the qualified name on first use and then
    kept as attributes. ``prefix`` is put before every tag (``ap`` gives ``ap:record``)."""

    def __init__(self, make: Callable[[str, str], _Factory], prefix: str = "") -> None:
        self._make = make
        """``make(qname, start)``: the factory of the elements starting ``start`` (``<tag``
        and any attributes they all carry)."""
        self._prefix = f"{prefix}:" if prefix else ""

    def __getattr__(self, tag: str) -> _Factory:
        # called once per tag: the factory is then kept as an attribute
        qname = self._prefix + tag
        factory = self._make(qname, f"<{qname}")
        setattr(self, tag, factory)
        return factory

    def with_attributes(self, tag: str, **attrib: str) -> _Factory:
        """A factory for ``tag`` whose elements all carry ``attrib`` first, before the
        attributes given to the factory: ``E.with_attributes("hcontainer", name="item")(
        ..., eId="x")`` is ``E.hcontainer(..., name="item", eId="x")``, with the constant
        attributes written once, here, rather than at every element."""
        qname = self._prefix + tag
        return self._make(qname, _start_tag(f"<{qname}", attrib))


class Builder(_Factories[ElementFactory]):
    """Element factories by tag name: ``E.hcontainer(T.num("1."), E.content(...), name="x")``
    -- the arguments are the children (elements or markup), keywords are attributes in the
    order given. ``prefix`` as for ``_Factories``."""

    def __init__(self, prefix: str = "") -> None:
        super().__init__(_factory, prefix)


def _factory(qname: str, open_: str) -> ElementFactory:
    bare = f"{open_}>"
    end = f"</{qname}>"

    def build(*children: Element | Markup, **attrib: str) -> Element:
        # the children taken at once: cheaper than adding them one by one
        element = Element(children)
        element.start = f"{_start_tag(open_, attrib)}>" if attrib else bare
        element.end = end
        return element

    return build


class Text(_Factories[TextFactory]):
    """Factories by tag name of running text holding one text, or nothing, written at once:
    ``T.num("1.")`` is the markup ``<num>1.</num>``, ``T.p("a & b")`` is ``<p>a &amp;
    b</p>``, ``T.FRBRuri(value="/x")`` is ``<FRBRuri value="/x"/>`` (an empty text gives
    ``<p></p>``, as in lxml). ``prefix`` as for ``_Factories``."""

    def __init__(self, prefix: str = "") -> None:
        super().__init__(_text_factory, prefix)


def _text_factory(qname: str, open_: str) -> TextFactory:
    bare = f"{open_}>"
    end = f"</{qname}>"

    def build(text: str | None = None, /, **attrib: str) -> str:
        if text is None:
            return f"{_start_tag(open_, attrib)}/>" if attrib else f"{open_}/>"
        # _escape's tests made here first: most text has nothing to escape, and the call
        # would cost more than the tests
        if "&" in text or "<" in text or ">" in text or "\r" in text:
            text = _escape(text)
        if attrib:
            return f"{_start_tag(open_, attrib)}>{text}{end}"
        return f"{bare}{text}{end}"

    return cast(TextFactory, build)


class Mixed(_Factories[MixedFactory]):
    """Factories by tag name of running text holding markup pieces, written at once with no
    white space added: ``M.p(escape("see "), T.ref("A/1", href="#x"))`` is the markup
    ``<p>see <ref href="#x">A/1</ref></p>``; no pieces give an empty element (``<p/>``).
    ``prefix`` as for ``_Factories``."""

    def __init__(self, prefix: str = "") -> None:
        super().__init__(_mixed_factory, prefix)


def _mixed_factory(qname: str, open_: str) -> MixedFactory:
    bare = f"{open_}>"
    end = f"</{qname}>"

    def build(*content: Markup, **attrib: str) -> str:
        if not content:
            return f"{_start_tag(open_, attrib)}/>" if attrib else f"{open_}/>"
        start = f"{_start_tag(open_, attrib)}>" if attrib else bare
        return f"{start}{''.join(content)}{end}"

    return cast(MixedFactory, build)


# ---------------------------------------------------------------- writing


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


escape = cast(Callable[[str], Markup], _escape)
"""``text`` as markup, a piece for ``Mixed``: ``&``, ``<``, ``>`` and carriage returns
escaped, as libxml2 escapes text."""


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
        if type(child) is Element:
            _write(child, out, inner)
        else:  # running text, written (the type checker keeps anything else out)
            out.append(child)
    out.append(margin)
    out.append(element.end)
