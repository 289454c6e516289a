"""Tests of agendaparse.validate: the schema, the rules beyond it, and untrusted input."""

from __future__ import annotations

import dataclasses
import functools
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from agendaparse.akn_emitter import to_akn
from agendaparse.api import parse_file
from agendaparse.errors import ValidationError
from agendaparse.validate import (
    AKN_NS,
    RULES,
    Problem,
    RefusedXmlError,
    eid_syntax_ok,
    read_xml,
    validate_bytes,
    validate_file,
    validate_tree,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.txt"))
BASE = ROOT / "samples" / "annotated_two_parts.txt"
"""The sample the mutation tests break: annotated, with cited symbols and an annex."""

NS = {"a": AKN_NS}


@functools.cache
def converted(path: Path) -> bytes:
    return to_akn(parse_file(path))


def base_tree() -> etree._ElementTree:
    return read_xml(converted(BASE))


def one(tree: etree._ElementTree, xpath: str) -> etree._Element:
    found = tree.xpath(xpath, namespaces=NS)
    assert isinstance(found, list) and found, xpath
    el = found[0]
    assert isinstance(el, etree._Element)
    return el


def rules(problems: list[Problem]) -> set[str]:
    return {p.rule for p in problems}


def broken(change: Callable[[etree._ElementTree], None]) -> list[Problem]:
    """Apply ``change`` to the base document, serialise it and validate the bytes (so that
    line numbers are real); also check that validate_tree on the mutated tree agrees."""
    tree = base_tree()
    change(tree)
    from_tree = validate_tree(tree)
    from_bytes = validate_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    assert rules(from_tree) == rules(from_bytes)
    assert all(p.rule in RULES for p in from_bytes)
    return from_bytes


# ---------------------------------------------------------------- what we write is valid


def test_there_are_samples() -> None:
    assert len(SAMPLES) >= 5
    assert BASE in SAMPLES


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_validates(sample: Path) -> None:
    assert validate_bytes(converted(sample), source=sample.name) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_validates_from_disk(sample: Path, tmp_path: Path) -> None:
    target = tmp_path / f"{sample.stem}.xml"
    target.write_bytes(converted(sample))
    assert validate_file(target) == []
    assert validate_file(str(target)) == []


def test_shared_example_validates() -> None:
    example = ROOT.parent / "shared" / "docs" / "akn-example.xml"
    if not example.exists():
        pytest.skip("shared example not present")
    assert validate_file(example) == []


def test_validate_tree_accepts_an_element() -> None:
    assert validate_tree(base_tree().getroot()) == []


def test_unmutated_base_is_valid() -> None:
    assert broken(lambda tree: None) == []


# ---------------------------------------------------------------- the problem record


def test_problem_is_frozen_with_fields() -> None:
    problem = Problem("schema", "message", 3, 4)
    assert (problem.rule, problem.message, problem.line, problem.column) == (
        "schema",
        "message",
        3,
        4,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        problem.rule = "xml"  # type: ignore[misc]
    assert "schema" in str(problem)


# ---------------------------------------------------------------- schema


def test_element_not_allowed_by_schema() -> None:
    def change(tree: etree._ElementTree) -> None:
        body = one(tree, "//a:mainBody")
        etree.SubElement(body, f"{{{AKN_NS}}}notAnAknElement").text = "x"

    problems = broken(change)
    schema = [p for p in problems if p.rule == "schema"]
    assert schema
    assert all(p.line > 0 for p in schema)


def test_missing_required_attribute_is_a_schema_error() -> None:
    def change(tree: etree._ElementTree) -> None:
        del one(tree, "//a:debateReport").attrib["name"]

    assert rules(broken(change)) == {"schema"}


def test_wrong_root_element() -> None:
    problems = validate_bytes(b"<?xml version='1.0'?>\n<akomaNtoso><x/></akomaNtoso>")
    assert {"xml", "schema"} <= rules(problems)


def test_missing_document_element() -> None:
    problems = validate_bytes(f'<akomaNtoso xmlns="{AKN_NS}"/>'.encode())
    assert "xml" in rules(problems)


# ---------------------------------------------------------------- eIds


def test_duplicate_eid() -> None:
    def change(tree: etree._ElementTree) -> None:
        one(tree, "//a:hcontainer[@name='agendaItem'][2]").set("eId", "agenda__item_1")

    problems = broken(change)
    dup = [p for p in problems if p.rule == "eid-unique"]
    assert len(dup) == 1
    assert dup[0].line > 0


def test_duplicate_eid_between_annex_meta_and_body() -> None:
    def change(tree: etree._ElementTree) -> None:
        one(tree, "//a:attachment//a:table").set("eId", "agenda")

    assert "eid-unique" in rules(broken(change))


def test_eid_with_space() -> None:
    problems = broken(
        lambda tree: one(tree, "//a:hcontainer[@name='agenda']").set("eId", "agenda 1")
    )
    assert "eid-syntax" in rules(problems)


@pytest.mark.parametrize(
    "bad", ["item__", "__item_1", "1item", "item_", "item_1___sub_a", "item_1/2"]
)
def test_eid_bad_syntax_the_schema_lets_through(bad: str) -> None:
    problems = broken(lambda tree: one(tree, "//a:hcontainer[@name='agendaItem']").set("eId", bad))
    assert rules(problems) >= {"eid-syntax"}
    assert "schema" not in rules(problems)


@pytest.mark.parametrize(
    ("eid", "ok"),
    [
        ("agenda", True),
        ("agenda__item_1__subitem_a", True),
        ("annotations__item_1__documentation__list_1__item_1__ref_1", True),
        ("sym_CTOC-COP-WG.4-2009-CRP.1", True),
        ("item_(a)", True),
        ("item_1-2", True),
        ("item_nn_1", True),
        ("para_11-2RevA", True),
        ("item_é", True),
        ("", False),
        ("agenda item", False),
        ("agenda\titem", False),
        ("item__", False),
        ("item_1__", False),
        ("_item", False),
        ("item_a/b", False),
    ],
)
def test_eid_syntax(eid: str, ok: bool) -> None:
    assert eid_syntax_ok(eid) is ok


# ---------------------------------------------------------------- references


def test_dangling_href() -> None:
    problems = broken(lambda tree: one(tree, "//a:mainBody//a:ref").set("href", "#nope"))
    assert rules(problems) == {"ref-target"}
    assert problems[0].line > 0


def test_dangling_refers_to_in_a_list() -> None:
    problems = broken(lambda tree: one(tree, "//a:docDate").set("refersTo", "#issuance #nope"))
    assert rules(problems) == {"ref-target"}


def test_refers_to_list_that_resolves() -> None:
    assert broken(lambda tree: one(tree, "//a:docDate").set("refersTo", "#issuance  #un")) == []


def test_refers_to_must_be_local() -> None:
    problems = broken(lambda tree: one(tree, "//a:docDate").set("refersTo", "issuance"))
    assert "ref-target" in rules(problems)


def test_href_to_another_document_is_not_checked() -> None:
    problems = broken(lambda tree: one(tree, "//a:mainBody//a:ref").set("href", "/akn/un/x#sec_1"))
    assert problems == []


def test_dangling_source() -> None:
    problems = broken(lambda tree: one(tree, "//a:identification").set("source", "#nobody"))
    assert rules(problems) == {"ref-target"}


def test_href_resolving_to_a_wid() -> None:
    def change(tree: etree._ElementTree) -> None:
        one(tree, "//a:hcontainer[@name='agenda']").set("wId", "the-agenda")
        one(tree, "//a:mainBody//a:ref").set("href", "#the-agenda")

    assert broken(change) == []


# ---------------------------------------------------------------- IRIs and FRBR metadata


def test_wrong_frbr_number() -> None:
    problems = broken(
        lambda tree: one(tree, "//a:FRBRWork/a:FRBRnumber").set("value", "E-CN.15-2026-2")
    )
    assert rules(problems) == {"iri-mismatch"}


def test_slash_in_frbr_number() -> None:
    problems = broken(
        lambda tree: one(tree, "//a:FRBRWork/a:FRBRnumber").set("value", "E/CN.15/2026/1")
    )
    assert "frbr-number" in rules(problems)


def test_space_in_frbr_number() -> None:
    problems = broken(lambda tree: one(tree, "//a:FRBRWork/a:FRBRnumber").set("value", "CL 154-1"))
    assert "frbr-number" in rules(problems)


def _replace_in(tree: etree._ElementTree, xpath: str, old: str, new: str) -> None:
    for el in tree.xpath(xpath, namespaces=NS):  # type: ignore[union-attr]
        assert isinstance(el, etree._Element)
        value = el.get("value") or ""
        assert old in value
        el.set("value", value.replace(old, new))


def test_expression_iri_with_wrong_language() -> None:
    def change(tree: etree._ElementTree) -> None:
        _replace_in(tree, "(//a:meta)[1]//a:FRBRExpression/a:FRBRuri", "/eng@", "/fra@")
        _replace_in(tree, "(//a:meta)[1]//a:FRBRExpression/a:FRBRthis", "/eng@", "/fra@")

    assert rules(broken(change)) == {"iri-mismatch"}


def test_expression_not_under_the_work() -> None:
    def change(tree: etree._ElementTree) -> None:
        _replace_in(tree, "(//a:meta)[1]//a:FRBRExpression/a:FRBRuri", "/E-CN.15-2026-1/", "/X/")

    assert "iri-mismatch" in rules(broken(change))


def test_expression_version_date_not_a_frbr_date() -> None:
    def change(tree: etree._ElementTree) -> None:
        _replace_in(tree, "(//a:meta)[1]//a:FRBRExpression/a:FRBRuri", "@2026", "@1999")
        _replace_in(tree, "(//a:meta)[1]//a:FRBRExpression/a:FRBRthis", "@2026", "@1999")

    assert rules(broken(change)) >= {"iri-mismatch"}


def test_wrong_frbr_language() -> None:
    problems = broken(lambda tree: one(tree, "//a:FRBRlanguage").set("language", "spa"))
    assert rules(problems) == {"iri-mismatch"}


def test_wrong_country() -> None:
    problems = broken(lambda tree: one(tree, "//a:FRBRcountry").set("value", "fr"))
    assert rules(problems) == {"iri-mismatch"}


def test_wrong_subtype() -> None:
    problems = broken(lambda tree: one(tree, "//a:FRBRsubtype").set("value", "report"))
    assert rules(problems) == {"iri-mismatch"}


def test_work_date_differs_from_iri() -> None:
    problems = broken(lambda tree: one(tree, "//a:FRBRWork/a:FRBRdate").set("date", "2020-01-01"))
    assert "iri-mismatch" in rules(problems)


def test_iri_document_type_must_be_the_root_document_element() -> None:
    def change(tree: etree._ElementTree) -> None:
        for level in ("FRBRWork", "FRBRExpression", "FRBRManifestation"):
            for what in ("FRBRthis", "FRBRuri"):
                _replace_in(tree, f"(//a:meta)[1]//a:{level}/a:{what}", "/debateReport/", "/doc/")

    assert rules(broken(change)) == {"iri-mismatch"}


def test_work_iri_without_all_parts() -> None:
    def change(tree: etree._ElementTree) -> None:
        _replace_in(tree, "(//a:meta)[1]//a:FRBRWork/a:FRBRuri", "/agenda/", "/")

    assert "iri-mismatch" in rules(broken(change))


def test_frbr_this_must_start_with_frbr_uri() -> None:
    problems = broken(
        lambda tree: one(tree, "//a:FRBRWork/a:FRBRthis").set("value", "/akn/un/other/!main")
    )
    assert rules(problems) == {"iri-mismatch"}


def test_manifestation_iri_with_wrong_format() -> None:
    def change(tree: etree._ElementTree) -> None:
        _replace_in(tree, "(//a:meta)[1]//a:FRBRManifestation/a:FRBRuri", "/.xml", "/.pdf")

    assert rules(broken(change)) == {"iri-mismatch"}


def test_manifestation_iri_following_frbr_format() -> None:
    def change(tree: etree._ElementTree) -> None:
        _replace_in(tree, "(//a:meta)[1]//a:FRBRManifestation/a:FRBRuri", "/.xml", "/.akn")
        _replace_in(tree, "(//a:meta)[1]//a:FRBRManifestation/a:FRBRthis", "!main.xml", "!main.akn")
        one(tree, "(//a:meta)[1]//a:FRBRformat").set("value", "akn")

    assert broken(change) == []


def test_annex_identification_is_checked_too() -> None:
    def change(tree: etree._ElementTree) -> None:
        one(tree, "//a:attachment//a:FRBRWork/a:FRBRnumber").set("value", "E-CN.15-2026-9")

    problems = broken(change)
    assert rules(problems) == {"iri-mismatch"}
    annex_line: Any = one(base_tree(), "//a:attachment").sourceline
    assert annex_line > 0
    assert all(p.line > annex_line for p in problems)


def test_author_must_be_the_actor_organization() -> None:
    problems = broken(
        lambda tree: one(tree, "//a:TLCOrganization[@eId='author']").set(
            "href", "/akn/ontology/organization/un/someone-else"
        )
    )
    assert rules(problems) == {"author-actor"}


def test_author_must_be_an_organization() -> None:
    problems = broken(lambda tree: one(tree, "//a:FRBRWork/a:FRBRauthor").set("href", "#issuance"))
    assert rules(problems) == {"author-actor"}


# ---------------------------------------------------------------- AKN4UN mandatory blocks


def test_references_removed() -> None:
    def change(tree: etree._ElementTree) -> None:
        refs = one(tree, "//a:meta/a:references")
        parent = refs.getparent()
        assert parent is not None
        parent.remove(refs)

    problems = broken(change)
    assert "references-missing" in rules(problems)
    assert "schema" not in rules(problems)


def test_publication_removed() -> None:
    def change(tree: etree._ElementTree) -> None:
        publication = one(tree, "//a:meta/a:publication")
        parent = publication.getparent()
        assert parent is not None
        parent.remove(publication)

    assert rules(broken(change)) == {"publication-missing"}


# ---------------------------------------------------------------- untrusted input

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def _with_prolog(prolog: str, body_text: str = "") -> bytes:
    """The base document with ``prolog`` before the root and ``body_text`` put into the
    first paragraph of the main body."""
    data = converted(BASE).decode("utf-8")
    head, _, rest = data.partition("\n")
    assert head.startswith("<?xml")
    if body_text:
        rest = rest.replace("<p>", f"<p>{body_text}", 1)
    return f"{head}\n{prolog}\n{rest}".encode()


@pytest.fixture
def secret_file(tmp_path: Path) -> tuple[Path, str]:
    secret = "SECRET-" + secrets.token_hex(16)
    path = tmp_path / "secret.txt"
    path.write_text(secret + "\n", encoding="utf-8")
    return path, secret


def _assert_refused(data: bytes, secret: str | None = None) -> ValidationError:
    for call in (read_xml, validate_bytes):
        with pytest.raises(ValidationError) as info:
            call(data, source="evil.xml")
        assert isinstance(info.value, RefusedXmlError)
        if secret is not None:
            error = info.value
            assert secret not in str(error)
            assert secret not in repr(error)
            assert secret not in error.message
            assert secret not in error.context
    return info.value


def test_billion_laughs_refused() -> None:
    _assert_refused(BILLION_LAUGHS, "lollollol")


def test_billion_laughs_in_an_akn_file_refused() -> None:
    entities = BILLION_LAUGHS.decode().split("<!DOCTYPE lolz [", 1)[1].split("]>", 1)[0]
    data = _with_prolog(f"<!DOCTYPE akomaNtoso [{entities}]>", "&lol9;")
    _assert_refused(data, "lollollol")


def test_external_entity_refused(secret_file: tuple[Path, str]) -> None:
    path, secret = secret_file
    data = _with_prolog(f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{path.as_uri()}">]>', "&xxe;")
    error = _assert_refused(data, secret)
    assert error.source == "evil.xml"


def test_etc_passwd_entity_refused() -> None:
    data = b"""<?xml version="1.0"?>
<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
<foo>&xxe;</foo>
"""
    _assert_refused(data, "root:")


def test_external_parameter_entity_refused(secret_file: tuple[Path, str]) -> None:
    path, secret = secret_file
    data = _with_prolog(f'<!DOCTYPE akomaNtoso [<!ENTITY % p SYSTEM "{path.as_uri()}"> %p;]>')
    _assert_refused(data, secret)


def test_external_dtd_refused(secret_file: tuple[Path, str]) -> None:
    path, secret = secret_file
    _assert_refused(_with_prolog(f'<!DOCTYPE akomaNtoso SYSTEM "{path.as_uri()}">'), secret)


def test_internal_entity_refused() -> None:
    _assert_refused(_with_prolog('<!DOCTYPE akomaNtoso [<!ENTITY x "text">]>', "&x;"))


def test_attribute_list_declaration_refused() -> None:
    _assert_refused(_with_prolog('<!DOCTYPE akomaNtoso [<!ATTLIST p class CDATA "x">]>'))


def test_external_entity_refused_from_disk(secret_file: tuple[Path, str], tmp_path: Path) -> None:
    path, secret = secret_file
    evil = tmp_path / "evil.xml"
    evil.write_bytes(
        _with_prolog(f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{path.as_uri()}">]>', "&xxe;")
    )
    with pytest.raises(ValidationError) as info:
        validate_file(evil)
    assert secret not in str(info.value)


def test_utf16_external_entity_refused(secret_file: tuple[Path, str]) -> None:
    path, secret = secret_file
    text = _with_prolog(f'<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{path.as_uri()}">]>', "&xxe;")
    data = text.decode("utf-8").replace("encoding='UTF-8'", "encoding='UTF-16'").encode("utf-16")
    _assert_refused(data, secret)


@pytest.mark.parametrize(
    "prolog",
    [
        BILLION_LAUGHS.decode()
        .split("\n<lolz>")[0]
        .split("\n", 1)[1]
        .replace("lolz", "akomaNtoso"),
        '<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{secret}">]>',
        '<!DOCTYPE akomaNtoso [<!ENTITY % p SYSTEM "{secret}"> %p;]>',
        '<!DOCTYPE akomaNtoso SYSTEM "{secret}">',
    ],
    ids=["billion-laughs", "xxe", "parameter-entity", "external-dtd"],
)
def test_refused_even_without_the_first_pass(
    prolog: str, secret_file: tuple[Path, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The parser options and the DOCTYPE inspection after parsing hold on their own (for
    encodings the first pass cannot read)."""
    from agendaparse import validate

    monkeypatch.setattr(validate, "_prolog_doctype", lambda data: None)
    path, secret = secret_file
    body = "&lol9;" if "lol9" in prolog else ("&xxe;" if "xxe" in prolog else "")
    _assert_refused(_with_prolog(prolog.replace("{secret}", path.as_uri()), body), secret)


def test_doctype_after_a_comment_refused(secret_file: tuple[Path, str]) -> None:
    path, secret = secret_file
    prolog = f'<!-- a <b> comment -->\n<?pi x?>\n<!DOCTYPE akomaNtoso [<!ENTITY xxe SYSTEM "{path.as_uri()}">]>'
    error = _assert_refused(_with_prolog(prolog, "&xxe;"), secret)
    assert error.line == 4


def test_bare_doctype_is_harmless() -> None:
    assert validate_bytes(_with_prolog("<!DOCTYPE akomaNtoso>")) == []


def test_doctype_text_inside_the_body_is_not_refused() -> None:
    data = _with_prolog(
        "", '<![CDATA[<!DOCTYPE x [<!ENTITY y "z">]>]]> &lt;!DOCTYPE x SYSTEM "y"&gt;'
    )
    assert validate_bytes(data) == []


def test_safe_parser_never_reads_an_external_dtd(tmp_path: Path) -> None:
    """Second line of defence (after the first pass): the parser itself loads no DTD, even
    one that is there and readable (lxml's collect_ids=False would make libxml2 read it)."""
    from agendaparse import validate

    dtd = tmp_path / "broken.dtd"
    dtd.write_text("this is not a DTD, reading it would be an error\n", encoding="utf-8")
    pe = tmp_path / "pe.dtd"
    pe.write_text('<!ENTITY leaked "SECRET">\n', encoding="utf-8")
    for data in (
        f'<!DOCTYPE a SYSTEM "{dtd.as_uri()}">\n<a/>'.encode(),
        f'<!DOCTYPE a [<!ENTITY % p SYSTEM "{dtd.as_uri()}"> %p;]>\n<a/>'.encode(),
        f'<!DOCTYPE a [<!ENTITY % p SYSTEM "{pe.as_uri()}"> %p;]>\n<a>&leaked;</a>'.encode(),
    ):
        root = etree.fromstring(data, validate._safe_parser())  # no error: nothing was read
        assert "SECRET" not in etree.tostring(root).decode()


def test_validate_tree_flags_entities_in_a_tree_parsed_elsewhere() -> None:
    parser = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True)
    data = _with_prolog('<!DOCTYPE akomaNtoso [<!ENTITY x "text">]>', "&x;")
    tree = etree.fromstring(data, parser).getroottree()
    assert "security" in rules(validate_tree(tree))


def test_malformed_xml_has_a_line_number() -> None:
    data = b'<?xml version="1.0"?>\n<akomaNtoso>\n  <debateReport>\n  </akomaNtoso>\n'
    with pytest.raises(ValidationError) as info:
        read_xml(data, source="bad.xml")
    assert not isinstance(info.value, RefusedXmlError)
    assert info.value.line == 4
    assert info.value.source == "bad.xml"
    with pytest.raises(ValidationError):
        validate_bytes(data)


def test_malformed_file_has_a_line_number(tmp_path: Path) -> None:
    bad = tmp_path / "bad.xml"
    bad.write_bytes(b"<a>\n<b>\n</a>\n")
    with pytest.raises(ValidationError) as info:
        validate_file(bad)
    assert info.value.line == 3
    assert info.value.source == str(bad)


@pytest.mark.parametrize(
    "data", [b"", b"   ", b"\xff\xfe\x00garbage", b"not xml at all", b"<a></b>"]
)
def test_unreadable_input_is_a_validation_error(data: bytes) -> None:
    with pytest.raises(ValidationError):
        validate_bytes(data)


def test_oversize_input_refused(tmp_path: Path) -> None:
    data = converted(BASE)
    with pytest.raises(RefusedXmlError):
        read_xml(data, max_bytes=len(data) - 1)
    with pytest.raises(ValidationError):
        validate_bytes(data, max_bytes=1000)
    assert validate_bytes(data, max_bytes=len(data)) == []
    target = tmp_path / "big.xml"
    target.write_bytes(data)
    with pytest.raises(ValidationError):
        validate_file(target, max_bytes=1000)


def test_oversize_default_limit() -> None:
    data = b"<a>" + b" " * (100 * 1024 * 1024) + b"</a>"
    with pytest.raises(RefusedXmlError):
        read_xml(data)


def test_deep_nesting_refused() -> None:
    data = b"<a>" * 100_000 + b"</a>" * 100_000
    with pytest.raises(RefusedXmlError):
        read_xml(data)


def test_missing_file_is_a_validation_error(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        validate_file(tmp_path / "nope.xml")
    assert not isinstance(info.value, OSError)
    with pytest.raises(ValidationError):
        validate_file(tmp_path)


def test_schema_is_compiled_once() -> None:
    from agendaparse import validate

    assert validate._schema() is validate._schema()
