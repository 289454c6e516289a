"""The XML writer writes what lxml writes for the same tree, byte for byte."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

import agendaparse
from agendaparse.akn_emitter import AKN_NS, AP_NS, AknEmitter
from agendaparse.xmlwriter import Builder, Element, Markup, Mixed, Text, escape, serialize

from .conftest import SAMPLES

# AKN elements holding running text: lxml indents their children unless given an empty text
_RUNNING_TEXT = frozenset(
    (
        "p", "heading", "num", "docType", "docProponent", "docAuthority", "docNumber",
        "docDate", "session", "event", "location", "date", "inline", "ref", "i",
    )
)  # fmt: skip


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
        # the tag and attributes, as lxml reads the start tag
        declared = etree.fromstring(
            f'<wrapper xmlns="{AKN_NS}" xmlns:ap="{AP_NS}">{element.start}{element.end}</wrapper>'
        )[0]
        nsmap = {None: AKN_NS} if parent is None else None
        if f' xmlns:ap="{AP_NS}"' in element.start:
            nsmap = {"ap": AP_NS}
        made = (
            etree.Element(declared.tag, nsmap=nsmap)  # type: ignore[arg-type]
            if parent is None
            else etree.SubElement(parent, declared.tag, nsmap=nsmap)  # type: ignore[arg-type]
        )
        for name, value in declared.attrib.items():
            made.set(name, value)
        for child in element:
            if isinstance(child, str):  # running text, written
                made.append(_parse_running_text(child))
            else:
                build(child, made)
        return made

    return build(root, None)


def _parse_running_text(markup: str) -> etree._Element:
    """Markup read by lxml into the AKN namespace, running text kept from indentation."""
    wrapper = etree.fromstring(f'<wrapper xmlns="{AKN_NS}" xmlns:ap="{AP_NS}">{markup}</wrapper>')
    element = wrapper[0]
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
_TAGS = st.sampled_from(["a", "b", "hcontainer", "content"])
_NAMES = st.lists(st.sampled_from(["name", "eId", "href", "value"]), unique=True)

# a tree: ("element", tag, attributes, children), or running text as _inline_specs makes it
_Spec = tuple[str, str, dict[str, str], list[object]]


@st.composite
def _trees(draw: st.DrawFn, depth: int = 0) -> _Spec:
    tag = draw(_TAGS)
    attrib = {name: draw(_XML_TEXT) for name in draw(_NAMES)}
    children: list[object] = []
    if depth < 4:
        children = draw(st.lists(st.one_of(_trees(depth + 1), _inline_specs()), max_size=3))
    return "element", tag, attrib, children


def _ours(spec: _Spec) -> Element:
    _, tag, attrib, children = spec
    parts = [
        _ours(c) if c[0] == "element" else _markup(c)  # type: ignore[arg-type,index]
        for c in children
    ]
    return getattr(Builder(), tag)(*parts, **attrib)  # type: ignore[no-any-return]


def _theirs(spec: _Spec) -> etree._Element:
    _, tag, attrib, children = spec
    made = etree.Element(tag, attrib)
    for child in children:
        if child[0] == "element":  # type: ignore[index]
            made.append(_theirs(child))  # type: ignore[arg-type]
        else:  # running text: lxml indents its children unless given an empty text
            inline = _lxml_inline(child)  # type: ignore[arg-type]
            for inner in inline.iter():
                if len(inner) and inner.text is None:
                    inner.text = ""
            made.append(inline)
    return made


@settings(max_examples=300, deadline=None)
@given(_trees())
def test_random_trees_are_written_as_lxml_writes_them(spec: _Spec) -> None:
    assert serialize(_ours(spec)) == _lxml_bytes(_theirs(spec))


def test_indentation_stops_at_thirty_levels_as_in_libxml2() -> None:
    akn, text = Builder(), Text()
    ours = akn.a(text.c("deepest"))
    theirs = etree.Element("a")
    etree.SubElement(theirs, "c").text = "deepest"
    for _ in range(40):
        ours = akn.b(ours)
        outer = etree.Element("b")
        outer.append(theirs)
        theirs = outer
    assert serialize(ours) == _lxml_bytes(theirs)
    margins = {len(line) - len(line.lstrip()) for line in serialize(ours).decode().splitlines()}
    assert max(margins) == 60


@pytest.mark.parametrize("bad", ["\x00", "\x01", "\x0b", "\x1f", "\ufffe", "\uffff"])
@pytest.mark.parametrize("where", ["text", "mixed text", "attribute", "running-text attribute"])
def test_characters_xml_cannot_hold_are_refused_as_lxml_refuses_them(bad: str, where: str) -> None:
    akn, text, mixed = Builder(), Text(), Mixed()
    if where == "text":
        child = text.b(f"x{bad}y")
    elif where == "mixed text":
        child = mixed.b(escape("x"), text.i("y"), escape(f"x{bad}y"))
    elif where == "attribute":
        child = akn.b(name=f"x{bad}y")
    else:
        child = text.b(name=f"x{bad}y")
    with pytest.raises(ValueError, match=f"U\\+{ord(bad):04X}"):
        serialize(akn.a(child))
    with pytest.raises(ValueError):
        if where.endswith("text"):
            etree.Element("b").text = f"x{bad}y"
        else:
            etree.Element("b").set("name", f"x{bad}y")


# running text: nested inline elements and text, as Text and Mixed write it and as lxml does
_INLINE_TAGS = st.sampled_from(["p", "ref", "i", "inline"])

# (tag, attributes, content: texts and inner specs, whether Text builds it)
_InlineSpec = tuple[str, dict[str, str], list[object], bool]


@st.composite
def _inline_specs(draw: st.DrawFn, depth: int = 0) -> _InlineSpec:
    tag = draw(_INLINE_TAGS)
    names = draw(st.lists(st.sampled_from(["eId", "href", "name"]), unique=True, max_size=2))
    attrib = {name: draw(_XML_TEXT) for name in names}
    content: list[object] = draw(
        st.lists(
            st.one_of(_XML_TEXT, _inline_specs(depth + 1)) if depth < 3 else _XML_TEXT,
            max_size=4,
        )
    )
    # one text, or none, is written by either factory: Text's, or Mixed's given it escaped
    one_text = not content or (len(content) == 1 and isinstance(content[0], str))
    return tag, attrib, content, one_text and draw(st.booleans())


def _markup(spec: _InlineSpec) -> Markup:
    tag, attrib, content, by_text = spec
    if by_text:
        return getattr(Text(), tag)(*content, **attrib)  # type: ignore[no-any-return]
    parts = [escape(c) if isinstance(c, str) else _markup(c) for c in content]  # type: ignore[arg-type]
    return getattr(Mixed(), tag)(*parts, **attrib)  # type: ignore[no-any-return]


def _lxml_inline(spec: _InlineSpec) -> etree._Element:
    tag, attrib, content, _ = spec
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
def test_running_text_is_written_as_lxml_writes_it(spec: _InlineSpec) -> None:
    assert _markup(spec).encode("utf-8") == etree.tostring(_lxml_inline(spec), encoding="UTF-8")


def test_running_text_in_a_tree_is_not_indented() -> None:
    akn, text, mixed = Builder(), Text(), Mixed()
    root = akn.hcontainer(
        akn.content(mixed.p(escape("a "), text.ref("A/1", href="#r"), escape(" b"))),
        text.num("1."),
        name="x",
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


_MISUSES = """
from agendaparse.xmlwriter import Builder, Mixed, Text, escape

E, T, M = Builder(), Text(), Mixed()
E.content(M.p(escape("text"), T.i("x")), T.num("1."), T.p("text")).append(T.p())
M.p("text", T.i("x"))
M.p(escape("text"), T.i("x"), "more text")
E.content(T.num("1."), "loose text")
E.content(T.num("1.")).append("loose text")
T.p("one text", "another")
M.p(escape("text"), T.i("x"), E.content())
E.content(T.num("1."), None)
"""


def test_text_where_markup_is_expected_is_a_type_error(monkeypatch: pytest.MonkeyPatch) -> None:
    # markup is a plain string at run time: the type checker is what keeps text out
    from mypy import api

    monkeypatch.setenv("MYPYPATH", str(Path(agendaparse.__file__).parents[1]))
    # the project's configuration names files to check: none is read, the options are given
    options = ["--config-file", os.devnull, "--cache-dir", os.devnull, "--strict"]
    report, _, status = api.run([*options, "--no-incremental", "-c", _MISUSES])
    flagged = {int(line.split(":")[1]) for line in report.splitlines() if ": error:" in line}
    assert status == 1 and flagged == set(range(6, 13)), report


def test_the_builders_write_tags_attributes_and_children() -> None:
    akn, ap, text, ap_text = Builder(), Builder("ap"), Text(), Text("ap")
    p = akn.paragraph(akn.content(), text.num("1."), eId="p_1", name="x & y")
    assert (p.start, p.end) == ('<paragraph eId="p_1" name="x &amp; y">', "</paragraph>")
    assert len(p) == 2 and isinstance(p[0], Element)
    assert p[1] == "<num>1.</num>" and type(p[1]) is str  # markup kept as it is
    p.append(text.i("it"))
    assert ap.record(**{"xmlns:ap": AP_NS}).start == f'<ap:record xmlns:ap="{AP_NS}">'
    assert ap_text.removed("a<b", line="3") == '<ap:removed line="3">a&lt;b</ap:removed>'
    assert text.FRBRthis(value="/x") == '<FRBRthis value="/x"/>'
    assert serialize(p) == (
        b"<?xml version='1.0' encoding='UTF-8'?>\n"
        b'<paragraph eId="p_1" name="x &amp; y">\n'
        b"  <content/>\n"
        b"  <num>1.</num>\n"
        b"  <i>it</i>\n"
        b"</paragraph>\n"
    )


def test_factories_with_attributes_write_them_first() -> None:
    akn, text = Builder(), Text("ap")
    bound = akn.with_attributes("hcontainer", name="a & b")
    for made, plain in [
        (bound(text.num("1."), eId="x"), akn.hcontainer(text.num("1."), name="a & b", eId="x")),
        (bound(), akn.hcontainer(name="a & b")),
    ]:
        assert (made.start, made.end, list(made)) == (plain.start, plain.end, list(plain))
        assert serialize(made) == serialize(plain)
    bound_text = text.with_attributes("removed", kind='"x"')
    assert bound_text("a<b", line="3") == text.removed("a<b", kind='"x"', line="3")
    assert bound_text() == text.removed(kind='"x"')
    mixed = Mixed("ap")
    bound_mixed = mixed.with_attributes("removed", kind='"x"')
    assert bound_mixed(escape("a<b"), text.i("c"), line="3") == mixed.removed(
        escape("a<b"), text.i("c"), kind='"x"', line="3"
    )
    assert bound_mixed() == text.removed(kind='"x"')
