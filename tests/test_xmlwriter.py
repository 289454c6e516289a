"""The XML writer writes what lxml writes for the same tree, byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import agendaparse
from agendaparse.akn_emitter import AKN_NS, AP_NS, AknEmitter
from agendaparse.xmlwriter import Builder, Element, Markup, Text, serialize

from .conftest import SAMPLES

# AKN elements holding running text: lxml indents their children unless given an empty text
_RUNNING_TEXT = frozenset(
    (
        "p", "heading", "num", "docType", "docProponent", "docAuthority", "docNumber",
        "docDate", "session", "event", "location", "date", "inline", "ref", "i",
    )
)  # fmt: skip
NAMESPACES = {"": AKN_NS, "ap": AP_NS, "xml": "http://www.w3.org/XML/1998/namespace"}


def _qualified(name: str) -> str:
    prefix, _, local = name.rpartition(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def to_lxml(element: Element) -> etree._Element:
    """The same (namespace-free) tree built with lxml."""
    made = etree.Element(element.tag)
    for name, value in element.attrib.items():
        made.set(_qualified(name) if ":" in name else name, value)
    made.text = element.text
    for child in element.children:
        assert isinstance(child, Element)
        built = to_lxml(child)
        built.tail = child.tail
        made.append(built)
    return made


def _lxml_bytes(root: etree._Element) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _akn_tree(sample: Path) -> Element:
    return AknEmitter(agendaparse.parse_file(sample)).emit()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_is_written_as_lxml_writes_it(sample: Path) -> None:
    root = _akn_tree(sample)
    ours = serialize(root)
    theirs = _lxml_bytes(_akn_as_lxml(root))
    assert ours == theirs


def _akn_as_lxml(root: Element) -> etree._Element:
    """The emitter's tree in lxml: every unprefixed name is in the AKN namespace."""

    def build(element: Element, parent: etree._Element | None) -> etree._Element:
        prefix, _, local = element.tag.rpartition(":")
        tag = f"{{{NAMESPACES[prefix]}}}{local}"
        nsmap = {None: AKN_NS} if parent is None else ({"ap": AP_NS} if element.nsdecl else None)
        made = (
            etree.Element(tag, nsmap=nsmap)  # type: ignore[arg-type]
            if parent is None
            else etree.SubElement(parent, tag, nsmap=nsmap)  # type: ignore[arg-type]
        )
        for name, value in element.attrib.items():
            made.set(_qualified(name) if ":" in name else name, value)
        made.text = element.text
        made.tail = element.tail
        for child in element.children:
            if isinstance(child, str):  # running text, written
                made.append(_parse_running_text(child))
            else:
                build(child, made)
        if local in _RUNNING_TEXT and not prefix and len(made) and made.text is None:
            made.text = ""
        return made

    return build(root, None)


def _parse_running_text(markup: str) -> etree._Element:
    """Markup read by lxml into the AKN namespace, running text kept from indentation."""
    element = etree.fromstring(f'<wrapper xmlns="{AKN_NS}">{markup}</wrapper>')[0]
    for inner in element.iter():
        if etree.QName(inner).localname in _RUNNING_TEXT and len(inner) and inner.text is None:
            inner.text = ""
    return element


# ---------------------------------------------------------------- random trees

# text XML can hold, with the characters that need escaping made likely
_XML_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("&<>\"'\n\r\t ]"),
        st.characters(
            codec="utf-8", exclude_categories=["Cs"], exclude_characters="\ufffe\uffff"
        ).filter(lambda c: c in "\t\n\r" or ord(c) >= 0x20),
    ),
    max_size=12,
)
_MAYBE_TEXT = st.one_of(st.none(), st.just(""), _XML_TEXT)
_TAGS = st.sampled_from(["a", "b", "p", "inline", "hcontainer", "num"])


@st.composite
def _trees(draw: st.DrawFn, depth: int = 0) -> Element:
    element = Element(draw(_TAGS))
    for name in draw(st.lists(st.sampled_from(["name", "eId", "href", "value"]), unique=True)):
        element.set(name, draw(_XML_TEXT))
    element.text = draw(_MAYBE_TEXT)
    if depth < 4:
        for child in draw(st.lists(_trees(depth + 1), max_size=3)):
            child.tail = draw(st.one_of(st.none(), st.none(), st.just(""), _XML_TEXT))
            element.append(child)
    return element


@settings(max_examples=300, deadline=None)
@given(_trees())
def test_random_trees_are_written_as_lxml_writes_them(root: Element) -> None:
    root.tail = None
    assert serialize(root) == _lxml_bytes(to_lxml(root))


def test_indentation_stops_at_thirty_levels_as_in_libxml2() -> None:
    root = Element("a")
    element = root
    for _ in range(40):
        child = Element("b")
        element.append(child)
        element = child
    assert serialize(root) == _lxml_bytes(to_lxml(root))
    margins = {len(line) - len(line.lstrip()) for line in serialize(root).decode().splitlines()}
    assert max(margins) == 60


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff"])
@pytest.mark.parametrize("where", ["text", "tail", "attribute"])
def test_characters_xml_cannot_hold_are_refused_as_lxml_refuses_them(bad: str, where: str) -> None:
    root = Element("a")
    child = Element("b")
    root.append(child)
    if where == "text":
        child.text = f"x{bad}y"
    elif where == "tail":
        child.tail = f"x{bad}y"
    else:
        child.set("name", f"x{bad}y")
    with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X}"):
        serialize(root)
    with pytest.raises(ValueError):
        to_lxml(root)


# running text: nested inline elements and text, as Text writes it and as lxml does
_INLINE_TAGS = st.sampled_from(["p", "ref", "i", "inline"])


@st.composite
def _inline_specs(draw: st.DrawFn, depth: int = 0) -> tuple[str, dict[str, str], list[object]]:
    tag = draw(_INLINE_TAGS)
    names = draw(st.lists(st.sampled_from(["eId", "href", "name"]), unique=True, max_size=2))
    attrib = {name: draw(_XML_TEXT) for name in names}
    content: list[object] = draw(
        st.lists(
            st.one_of(_XML_TEXT, _inline_specs(depth + 1)) if depth < 3 else _XML_TEXT,
            max_size=4,
        )
    )
    return tag, attrib, content


def _markup(spec: tuple[str, dict[str, str], list[object]]) -> Markup:
    tag, attrib, content = spec
    parts = [c if isinstance(c, str) else _markup(c) for c in content]  # type: ignore[arg-type]
    return getattr(Text(), tag)(*parts, **attrib)  # type: ignore[no-any-return]


def _lxml_inline(spec: tuple[str, dict[str, str], list[object]]) -> etree._Element:
    tag, attrib, content = spec
    made = etree.Element(tag, attrib)
    last: etree._Element | None = None
    for part in content:
        if isinstance(part, str):
            if last is None:
                made.text = (made.text or "") + part
            else:
                last.tail = (last.tail or "") + part
        else:
            last = _lxml_inline(part)  # type: ignore[arg-type]
            made.append(last)
    return made


@settings(max_examples=300, deadline=None)
@given(_inline_specs())
def test_running_text_is_written_as_lxml_writes_it(
    spec: tuple[str, dict[str, str], list[object]],
) -> None:
    assert _markup(spec).encode("utf-8") == etree.tostring(_lxml_inline(spec), encoding="UTF-8")


def test_running_text_in_a_tree_is_not_indented() -> None:
    akn, text = Builder(), Text()
    root = akn.hcontainer(
        akn.content(text.p("a ", text.ref("A/1", href="#r"), " b")), text.num("1."), name="x"
    )
    assert serialize(root) == (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<hcontainer name="x">\n'
        b"  <content>\n"
        b'    <p>a <ref href="#r">A/1</ref> b</p>\n'
        b"  </content>\n"
        b"  <num>1.</num>\n"
        b"</hcontainer>\n"
    )
    with pytest.raises(ValueError, match="running text"):
        akn.content(text.num("1."), " loose text")


def test_the_builder_puts_strings_as_text_and_tails() -> None:
    akn, ap = Builder(), Builder("ap")
    p = akn.p("one ", akn.ref("A/1", href="#x"), " two", akn.i("it"), eId="p_1")
    assert p.text == "one " and p[0].tail == " two" and p[1].tail is None
    assert p.get("eId") == "p_1" and len(p) == 2 and [c.tag for c in p] == ["ref", "i"]
    assert ap.record().tag == "ap:record"
    assert serialize(p) == (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<p eId="p_1">one <ref href="#x">A/1</ref> two<i>it</i></p>\n'
    )
