"""The JSON emitter: round trips, determinism, schema validity and errors on bad input."""

from __future__ import annotations

import copy
import dataclasses
import enum
import inspect
import json
from pathlib import Path
from typing import Any, Literal

import pytest

from agendaparse import json_emitter, model
from agendaparse.api import parse_file
from agendaparse.errors import EmitError, InputError
from agendaparse.json_emitter import (
    from_dict,
    from_json,
    json_schema,
    schema_json,
    to_dict,
    to_json,
)
from agendaparse.model import (
    FORMAT_VERSION,
    Agenda,
    AgendaGroup,
    AgendaItem,
    AgendaList,
    Annex,
    AnnotatedItem,
    Annotations,
    Diagnostic,
    Documentation,
    DocumentEntry,
    Field,
    Footnote,
    Furniture,
    FurnitureKind,
    Heading,
    ListItem,
    Masthead,
    Meeting,
    Paragraph,
    PartKind,
    RichText,
    Severity,
    Span,
    Table,
    TableCell,
    TableRow,
    TextPart,
)

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_FILES = sorted(SAMPLES.glob("*.txt"))


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def _span(line: int, width: int = 10) -> Span:
    return Span(line, 1, line, width)


def _rt(*parts: tuple[PartKind, str]) -> RichText:
    return RichText(tuple(TextPart(kind, text) for kind, text in parts))


def _plain(text: str) -> RichText:
    return _rt((PartKind.TEXT, text))


def hand_built() -> Agenda:
    """A small tree that uses every union member, enum and optional in both states."""
    para = Paragraph(
        text=_rt(
            (PartKind.TEXT, "The Conférence will consider "),
            (PartKind.SYMBOL, "CTOC/COP/2008/6"),
            (PartKind.NOTE_REF, "1"),
            (PartKind.ITALIC, " inter alia"),
        ),
        span=_span(30),
        num="1.",
        items=(ListItem("(a)", _plain("first «thing»;"), _span(31)),),
    )
    table = Table(
        rows=(
            TableRow((TableCell((_plain("Date"),), header=True), TableCell(())), _span(50)),
            TableRow((TableCell((_plain("Mon"), _plain("10 a.m."))),), _span(51)),
        ),
        span=_span(50),
    )
    docs = Documentation(
        heading="Documentation",
        entries=(
            DocumentEntry(_rt((PartKind.TEXT, "Report "), (PartKind.SYMBOL, "A/1")), _span(40)),
        ),
        span=_span(39),
    )
    return Agenda(
        language="fra",
        masthead=Masthead(
            organization=Field("Nations Unies", None, _span(1)),
            symbol=Field("A/64/150", "A/64/150", _span(2)),
            organs=(Field("Assemblée générale", None, _span(3)),),
            date=Field("5 mars 2009", "2009-03-05", _span(4)),
        ),
        meeting=Meeting(place=Field("Vienne", None, _span(6)), other=()),
        title=Field("Ordre du jour provisoire", None, _span(8)),
        subtitles=(Field("Note du Secrétariat", None, _span(9)),),
        front=(Heading(_plain("Introduction"), _span(10)), para),
        agenda=AgendaList(
            heading=Heading(_plain("Ordre du jour"), _span(12), num=None),
            entries=(
                AgendaItem("1.", _plain("Ouverture de la session"), _span(13)),
                AgendaGroup(
                    "A.",
                    _plain("Questions"),
                    _span(14),
                    items=(
                        AgendaItem(
                            "2.",
                            _plain("Élections"),
                            _span(15),
                            subitems=(AgendaItem(None, _plain("sans numéro"), _span(16)),),
                        ),
                    ),
                ),
            ),
        ),
        annotations=Annotations(
            heading=None,
            intro=(docs,),
            items=(
                AnnotatedItem(
                    "1.",
                    _plain("Ouverture"),
                    _span(20),
                    body=(para, table, docs, Heading(_plain("Sub"), _span(21), "I.")),
                    subitems=(AnnotatedItem("(a)", _plain("Sub-item"), _span(22)),),
                ),
            ),
        ),
        annexes=(
            Annex("Annexe", None, _span(60)),
            Annex("Annexe II", _plain("Plan"), _span(61), body=(table,)),
        ),
        footnotes=(Footnote("1", _plain("Voir la note."), _span(70)),),
        furniture=(
            Furniture(FurnitureKind.BARCODE, "*0912345*", 5),
            Furniture(FurnitureKind.FORM_FEED, "\f", 44),
        ),
        diagnostics=(
            Diagnostic("unknown-line", "not understood", 7, 3, Severity.ERROR),
            Diagnostic("guess", "guessed", 8, 1),
        ),
        encoding="cp1252",
        source=None,
    )


def _validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _model_classes() -> list[type]:
    return [
        obj
        for _, obj in inspect.getmembers(model, inspect.isclass)
        if obj.__module__ == model.__name__ and dataclasses.is_dataclass(obj)
    ]


def _model_enums() -> list[type]:
    return [
        obj
        for _, obj in inspect.getmembers(model, inspect.isclass)
        if obj.__module__ == model.__name__ and issubclass(obj, enum.Enum)
    ]


def _leaf_paths(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths (keys and indexes) of every value in nested JSON data."""
    out: list[tuple[Any, ...]] = [path] if path else []
    if isinstance(data, dict):
        for key, value in data.items():
            out += _leaf_paths(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            out += _leaf_paths(value, (*path, index))
    return out


def _set(data: Any, path: tuple[Any, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data[key]
    data[path[-1]] = value


# ---------------------------------------------------------------------------------------------
# samples
# ---------------------------------------------------------------------------------------------


def test_there_are_samples() -> None:
    assert len(SAMPLE_FILES) >= 5


@pytest.fixture(scope="module", params=SAMPLE_FILES, ids=lambda p: p.name)
def sample(request: pytest.FixtureRequest) -> Agenda:
    path: Path = request.param
    return parse_file(path)


def test_sample_round_trip(sample: Agenda) -> None:
    text = to_json(sample)
    back = from_json(text)
    assert back == sample
    assert from_dict(to_dict(sample)) == sample
    assert from_json(to_json(sample, indent=None)) == sample


def test_sample_validates_against_schema(sample: Agenda) -> None:
    validator = _validator()
    data = json.loads(to_json(sample))
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]


def test_sample_is_deterministic(sample: Agenda) -> None:
    assert sample.source is not None
    text = to_json(sample)
    assert to_json(sample) == text
    assert to_json(parse_file(sample.source)) == text  # a fresh parse gives the same text
    assert to_json(from_json(text)) == text  # and reading it back is a fixpoint
    assert text.endswith("}\n")
    assert text.startswith('{\n  "format": "agendaparse",\n  "version": "' + FORMAT_VERSION)


def test_sample_has_entries_tagged(sample: Agenda) -> None:
    data = to_dict(sample)
    entries = data["agenda"]["entries"]
    assert len(entries) == len(sample.agenda.entries)
    for entry, node in zip(entries, sample.agenda.entries, strict=True):
        assert next(iter(entry)) == "type"
        assert entry["type"] == type(node).__name__


def test_non_ascii_is_written_as_is() -> None:
    path = SAMPLES / "french_provisional.txt"
    text = to_json(parse_file(path))
    assert "développement" in text
    assert "\\u00e9" not in text


# ---------------------------------------------------------------------------------------------
# a hand-built tree
# ---------------------------------------------------------------------------------------------


def test_hand_built_round_trip() -> None:
    tree = hand_built()
    text = to_json(tree)
    back = from_json(text)
    assert back == tree
    assert back.front[1].items[0].text.plain == "first «thing»;"  # type: ignore[union-attr]
    assert to_json(back) == text
    assert from_json(to_json(tree, indent=None)) == tree
    assert "\n" not in to_json(tree, indent=None).rstrip("\n")


def test_hand_built_validates() -> None:
    validator = _validator()
    validator.validate(to_dict(hand_built()))


def test_hand_built_shape() -> None:
    data = to_dict(hand_built())
    keys = list(data)
    assert keys[:2] == ["format", "version"]
    assert keys[2:] == [f.name for f in dataclasses.fields(Agenda)]
    assert data["format"] == "agendaparse"
    assert data["version"] == FORMAT_VERSION
    # None stays null and keeps its key
    assert data["source"] is None
    assert data["masthead"]["distribution"] is None
    assert data["annotations"]["heading"] is None
    # unions of dataclasses are tagged, first key
    assert [b["type"] for b in data["front"]] == ["Heading", "Paragraph"]
    assert list(data["front"][1]) == ["type", "text", "span", "num", "items"]
    assert [e["type"] for e in data["agenda"]["entries"]] == ["AgendaItem", "AgendaGroup"]
    body = data["annotations"]["items"][0]["body"]
    assert [b["type"] for b in body] == ["Paragraph", "Table", "Documentation", "Heading"]
    # ... but a single dataclass (optional or not) is not
    assert "type" not in data["masthead"]
    assert "type" not in data["agenda"]["heading"]
    # tuple[AgendaItem | Paragraph, ...]: a union, so tagged
    assert data["agenda"]["entries"][1]["items"][0]["type"] == "AgendaItem"
    assert "type" not in data["annotations"]["items"][0]["subitems"][0]
    # enums are their values, tuples are lists
    assert data["diagnostics"][0]["severity"] == "error"
    assert data["diagnostics"][1]["severity"] == "warning"
    assert data["furniture"][1] == {"kind": "formFeed", "text": "\f", "line": 44}
    parts = data["front"][1]["text"]["parts"]
    assert [p["kind"] for p in parts] == ["text", "symbol", "noteRef", "italic"]
    assert data["front"][1]["span"] == {"line": 30, "column": 1, "end_line": 30, "end_column": 10}
    assert data["annexes"][0]["heading"] is None
    assert data["annexes"][0]["body"] == []
    assert isinstance(data["subtitles"], list)


def test_minimal_tree_and_defaults() -> None:
    tree = Agenda(language="eng")
    assert from_json(to_json(tree)) == tree
    # fields with defaults may be left out when reading
    assert (
        from_dict({"format": "agendaparse", "version": FORMAT_VERSION, "language": "eng"}) == tree
    )


def test_explicit_type_tag_accepted_where_optional() -> None:
    data = to_dict(hand_built())
    data["agenda"]["heading"]["type"] = "Heading"  # Heading is tagged elsewhere (in Block)
    assert from_dict(data) == hand_built()


# ---------------------------------------------------------------------------------------------
# errors
# ---------------------------------------------------------------------------------------------


def _good() -> dict[str, Any]:
    return to_dict(hand_built())


def _error(data: Any) -> str:
    with pytest.raises(InputError) as info:
        from_dict(data)
    return info.value.message


def test_wrong_format() -> None:
    data = _good()
    data["format"] = "akoma-ntoso"
    message = _error(data)
    assert "agenda.format" in message
    assert "akoma-ntoso" in message
    del data["format"]
    assert "agenda.format" in _error(data)


@pytest.mark.parametrize("version", ["2.0", "0.9", 1.0, None, ""])
def test_unsupported_version(version: Any) -> None:
    data = _good()
    data["version"] = version
    message = _error(data)
    assert "agenda.version" in message
    assert "unsupported" in message


def test_missing_version() -> None:
    data = _good()
    del data["version"]
    assert "agenda.version" in _error(data)


def test_missing_required_field() -> None:
    data = _good()
    del data["agenda"]["entries"][1]["items"][0]["span"]
    message = _error(data)
    assert "agenda.agenda.entries[1].items[0].span" in message
    assert "missing" in message

    data = _good()
    del data["language"]
    assert "agenda.language" in _error(data)


def test_wrong_type() -> None:
    data = _good()
    data["agenda"]["entries"][0]["num"] = 3
    message = _error(data)
    assert "agenda.agenda.entries[0].num" in message
    assert "string" in message

    data = _good()
    data["front"][1]["span"]["line"] = "30"
    assert "agenda.front[1].span.line" in _error(data)

    data = _good()
    data["front"][1]["span"]["line"] = True  # a bool is not an int
    assert "agenda.front[1].span.line" in _error(data)

    data = _good()
    data["subtitles"] = "Note"
    assert "agenda.subtitles" in _error(data)

    data = _good()
    data["masthead"] = None
    assert "agenda.masthead" in _error(data)


def test_bad_enum_value() -> None:
    data = _good()
    data["diagnostics"][0]["severity"] = "fatal"
    message = _error(data)
    assert "agenda.diagnostics[0].severity" in message
    assert '"warning"' in message


def test_bad_union_tag() -> None:
    data = _good()
    data["front"][0]["type"] = "Footnote"
    message = _error(data)
    assert "agenda.front[0].type" in message
    assert "Paragraph" in message

    data = _good()
    del data["agenda"]["entries"][1]["type"]
    assert "agenda.agenda.entries[1].type" in _error(data)

    data = _good()
    data["masthead"]["type"] = "Masthead"  # Masthead never stands in a union
    assert "agenda.masthead.type" in _error(data)


def test_unknown_field() -> None:
    data = _good()
    data["meeting"]["chair"] = "X"
    message = _error(data)
    assert "agenda.meeting.chair" in message
    assert "unknown" in message


def test_not_an_object() -> None:
    assert "agenda" in _error([1, 2])
    with pytest.raises(InputError, match="agenda"):
        from_json("[]")


def test_invalid_json_text() -> None:
    with pytest.raises(InputError) as info:
        from_json('{\n  "format": "agendaparse",\n  "version": \n}')
    assert info.value.line == 4
    assert "JSON" in info.value.message
    with pytest.raises(InputError, match="duplicate"):
        from_json('{"format": "agendaparse", "format": "agendaparse"}')


def test_any_mutation_gives_a_tree_or_input_error() -> None:
    """No KeyError/TypeError/AttributeError escapes, whatever value stands anywhere."""
    good = _good()
    replacements: list[Any] = [None, 0, -1, 1.5, True, "x", [], [None], {}, {"type": "Table"}]
    outcomes = {"ok": 0, "error": 0}
    for path in _leaf_paths(good):
        for value in replacements:
            data = copy.deepcopy(good)
            _set(data, path, value)
            try:
                tree = from_dict(data)
            except InputError as exc:
                outcomes["error"] += 1
                assert exc.message.startswith("agenda")
            else:
                outcomes["ok"] += 1
                assert isinstance(tree, Agenda)
    assert outcomes["error"] > outcomes["ok"] > 0


def test_schema_and_reader_agree_on_mutations() -> None:
    """What the reader rejects the schema rejects, and what it accepts the schema accepts."""
    validator = _validator()
    good = _good()
    values: list[Any] = [None, 7, "x", []]
    for path in _leaf_paths(good):
        for value in values:
            data = copy.deepcopy(good)
            _set(data, path, value)
            try:
                from_dict(data)
            except InputError:
                accepted = False
            else:
                accepted = True
            assert validator.is_valid(data) == accepted, (path, value)


# ---------------------------------------------------------------------------------------------
# schema
# ---------------------------------------------------------------------------------------------


def test_schema_is_valid_draft_2020_12() -> None:
    schema = json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] == "urn:agendaparse:json-schema:" + FORMAT_VERSION
    assert schema["title"]
    assert schema["properties"]["format"] == {"const": "agendaparse"}
    assert schema["properties"]["version"] == {"const": FORMAT_VERSION}
    assert schema["required"][:3] == ["format", "version", "language"]
    assert schema["additionalProperties"] is False
    _validator()


def test_schema_has_a_def_for_every_model_dataclass_and_enum() -> None:
    defs = json_schema()["$defs"]
    classes = _model_classes()
    assert Agenda in classes
    assert len(classes) >= 20
    for cls in classes:
        assert cls.__name__ in defs, f"no $defs entry for {cls.__name__}"
        entry = defs[cls.__name__]
        assert entry["type"] == "object"
        assert entry["additionalProperties"] is False
        names = [f.name for f in dataclasses.fields(cls)]
        assert [k for k in entry["properties"] if k != "type"] == names
        required = [
            f.name
            for f in dataclasses.fields(cls)
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        ]
        assert entry["required"] == required
        assert entry["description"] == (cls.__doc__ or "").strip().splitlines()[0]
    for cls in _model_enums():
        assert defs[cls.__name__]["enum"] == [m.value for m in cls]  # type: ignore[attr-defined]


def test_schema_union_and_optional_shapes() -> None:
    defs = json_schema()["$defs"]
    entries = defs["AgendaList"]["properties"]["entries"]
    assert entries["type"] == "array"
    options = entries["items"]["oneOf"]
    assert [o["$ref"] for o in options] == [
        "#/$defs/AgendaItem",
        "#/$defs/AgendaGroup",
        "#/$defs/Paragraph",
    ]
    assert all(o["required"] == ["type"] for o in options)
    assert defs["AgendaItem"]["properties"]["type"] == {"const": "AgendaItem"}
    blocks = defs["Annex"]["properties"]["body"]["items"]["oneOf"]
    assert [o["$ref"].rsplit("/", 1)[1] for o in blocks] == [
        "Paragraph",
        "Heading",
        "Documentation",
        "Table",
    ]
    num = defs["Paragraph"]["properties"]["num"]
    assert num.get("type") == ["string", "null"] or num.get("anyOf")
    assert defs["Diagnostic"]["properties"]["severity"]["$ref"] == "#/$defs/Severity"
    assert defs["Diagnostic"]["properties"]["severity"]["default"] == "warning"
    assert defs["Span"]["properties"]["line"] == {"type": "integer"}
    assert "type" not in defs["Masthead"]["properties"]  # never in a union of dataclasses


def test_schema_json_text() -> None:
    text = schema_json()
    assert text.endswith("}\n")
    assert text.startswith("{\n  ")
    assert json.loads(text) == json_schema()
    assert schema_json() == text
    schema = json_schema()
    schema["title"] = "changed"
    assert json_schema()["title"] != "changed"  # callers get a copy


# ---------------------------------------------------------------------------------------------
# writing a tree that breaks its own types; types the model may use later
# ---------------------------------------------------------------------------------------------


def test_to_dict_rejects_a_mistyped_tree() -> None:
    with pytest.raises(EmitError, match=r"agenda\.language"):
        to_dict(Agenda(language=3))  # type: ignore[arg-type]
    bad = Agenda(language="eng", front=(Span(1, 1, 1, 1),))  # type: ignore[arg-type]
    with pytest.raises(EmitError, match=r"agenda\.front\[0\]"):
        to_json(bad)


class _Colour(enum.Enum):
    RED = 1
    BLUE = 2


@dataclasses.dataclass(frozen=True, slots=True)
class _Future:
    """A class using types the model does not use yet."""

    flag: bool
    ratio: float
    pair: tuple[int, str]
    colour: _Colour
    mode: Literal["a", "b"]
    extra: dict[str, int] = dataclasses.field(default_factory=dict)
    either: int | str = 0
    block: Paragraph | Heading | None = None
    numbers: list[int] = dataclasses.field(default_factory=list)


def test_generic_types_round_trip_and_validate() -> None:
    value = _Future(
        flag=True,
        ratio=0.5,
        pair=(3, "three"),
        colour=_Colour.BLUE,
        mode="b",
        extra={"k": 1},
        either="s",
        block=Heading(_plain("H"), _span(1)),
        numbers=[1, 2],
    )
    data = json_emitter._encode(value, _Future, "x")
    assert data["pair"] == [3, "three"]
    assert data["colour"] == 2
    assert data["block"]["type"] == "Heading"
    assert json_emitter._decode(json.loads(json.dumps(data)), _Future, "x") == value
    with pytest.raises(json_emitter._DecodeError, match=r"x\.pair"):
        json_emitter._decode({**data, "pair": [1]}, _Future, "x")
    with pytest.raises(json_emitter._DecodeError, match=r"x\.mode"):
        json_emitter._decode({**data, "mode": "c"}, _Future, "x")
    with pytest.raises(json_emitter._DecodeError, match=r"x\.either"):
        json_emitter._decode({**data, "either": 1.5}, _Future, "x")

    jsonschema = pytest.importorskip("jsonschema")
    builder = json_emitter._SchemaBuilder()
    name = builder.define(_Future)
    schema = {"$ref": f"#/$defs/{name}", "$defs": builder.defs}
    validator = jsonschema.Draft202012Validator(schema)
    validator.validate(data)
    assert not validator.is_valid({**data, "pair": [1, 2]})
    assert not validator.is_valid({**data, "colour": 3})
    assert builder.defs["_Future"]["required"] == ["flag", "ratio", "pair", "colour", "mode"]
