"""JSON emitter: the typed tree <-> JSON text, and the JSON Schema generated from the model.

Everything here is driven by ``dataclasses.fields()`` and ``typing.get_type_hints()`` on the
classes of :mod:`agendaparse.model`; no class or field is named by hand, so a field or class
added to the model is written, read back and described by the schema without changes here.

The JSON form:

* every dataclass is an object with its fields in declaration order (``None`` stays ``null``,
  the key is kept); fields declared with ``init=False`` are derived and left out;
* where the declared type is a union of several dataclasses (``Block``,
  ``AgendaItem | AgendaGroup``) the object starts with a ``"type"`` key holding the class name;
* enums are written as their ``.value``, tuples and lists as arrays;
* the top-level object starts with ``"format": "agendaparse"`` and ``"version"``
  (:data:`agendaparse.model.FORMAT_VERSION`), then the fields of ``Agenda``.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import json
import sys
import types
import typing
from typing import Any

from agendaparse.errors import EmitError, InputError
from agendaparse.model import FORMAT_VERSION, Agenda

__all__ = [
    "FORMAT_NAME",
    "from_dict",
    "from_json",
    "json_schema",
    "schema_json",
    "to_dict",
    "to_json",
]

FORMAT_NAME = "agendaparse"
"""The value of the top-level ``"format"`` key."""

TAG_KEY = "type"
"""The key naming the class of an object whose declared type is a union of dataclasses."""

ROOT_PATH = "agenda"
"""How the top-level object is named in error messages (``agenda.masthead.symbol``)."""

_HEADER_KEYS = ("format", "version")
_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
_SCHEMA_ID_PREFIX = "urn:agendaparse:json-schema:"

_PRIMITIVES: dict[type, str] = {str: "string", bool: "boolean", int: "integer", float: "number"}
"""Python scalar types and their JSON Schema type names (``bool`` before ``int``)."""


# ---------------------------------------------------------------------------------------------
# Looking at the model's types
# ---------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _FieldInfo:
    """What the emitter needs to know about one init field of a dataclass."""

    name: str
    type: Any
    required: bool
    default: Any
    """The default value (``default_factory`` called once), or ``dataclasses.MISSING``."""


def _is_dataclass_type(tp: Any) -> bool:
    return isinstance(tp, type) and dataclasses.is_dataclass(tp)


def _is_enum_type(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, enum.Enum)


def _union_members(tp: Any) -> tuple[Any, ...] | None:
    """The members of ``X | Y`` or ``typing.Union[X, Y]``; None when ``tp`` is no union."""
    origin = typing.get_origin(tp)
    if origin is typing.Union or origin is types.UnionType:
        return typing.get_args(tp)
    return None


def _dataclass_members(members: tuple[Any, ...]) -> tuple[type, ...]:
    return tuple(m for m in members if _is_dataclass_type(m))


def _is_tagged(members: tuple[Any, ...]) -> bool:
    """A union needs the ``"type"`` key when it has more than one dataclass member."""
    return len(_dataclass_members(members)) > 1


def _type_name(tp: Any) -> str:
    if tp is type(None):
        return "null"
    if isinstance(tp, type):
        return tp.__name__
    return str(tp)


@functools.cache
def _fields(cls: type) -> tuple[_FieldInfo, ...]:
    """The init fields of a dataclass with their resolved type hints, in declaration order."""
    module = sys.modules.get(cls.__module__)
    globalns = vars(module) if module is not None else None
    hints = typing.get_type_hints(cls, globalns=globalns)
    infos: list[_FieldInfo] = []
    for f in dataclasses.fields(cls):
        if not f.init:
            continue
        default: Any = dataclasses.MISSING
        if f.default is not dataclasses.MISSING:
            default = f.default
        elif f.default_factory is not dataclasses.MISSING:
            default = f.default_factory()
        infos.append(_FieldInfo(f.name, hints[f.name], default is dataclasses.MISSING, default))
    return tuple(infos)


@functools.cache
def _field_map(cls: type) -> dict[str, _FieldInfo]:
    return {f.name: f for f in _fields(cls)}


def _check_taggable(cls: type) -> None:
    if TAG_KEY in _field_map(cls):
        raise TypeError(
            f"{cls.__qualname__} has a field named {TAG_KEY!r}, which clashes with the union "
            f"discriminator; it cannot stand in a union of dataclasses"
        )


@functools.cache
def _tagged_classes() -> frozenset[type]:
    """The dataclasses that stand in a union of several dataclasses somewhere in the tree."""
    tagged: set[type] = set()
    seen: set[Any] = set()

    def walk(tp: Any) -> None:
        if tp in seen:
            return
        seen.add(tp)
        members = _union_members(tp)
        if members is not None and _is_tagged(members):
            for cls in _dataclass_members(members):
                _check_taggable(cls)
                tagged.add(cls)
        if _is_dataclass_type(tp):
            for f in _fields(tp):
                walk(f.type)
        for arg in typing.get_args(tp):
            if arg is not Ellipsis:
                walk(arg)

    walk(Agenda)
    for key in _HEADER_KEYS:
        if key in _field_map(Agenda):
            raise TypeError(f"Agenda has a field named {key!r}, which clashes with the header")
    return frozenset(tagged)


# ---------------------------------------------------------------------------------------------
# Tree -> JSON
# ---------------------------------------------------------------------------------------------


def _encode_error(path: str, expected: Any, value: object) -> EmitError:
    return EmitError(
        f"{path}: expected {_type_name(expected)}, got {type(value).__name__} {value!r:.60}"
    )


def _encode_dataclass(value: Any, cls: type, path: str, *, tag: bool) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if tag:
        out[TAG_KEY] = cls.__name__
    for f in _fields(cls):
        out[f.name] = _encode(getattr(value, f.name), f.type, f"{path}.{f.name}")
    return out


def _encode(value: Any, tp: Any, path: str) -> Any:
    """``value`` (declared as ``tp``) as plain JSON data."""
    members = _union_members(tp)
    if members is not None:
        if value is None:
            if type(None) in members:
                return None
            raise _encode_error(path, tp, value)
        classes = _dataclass_members(members)
        if type(value) in classes:
            return _encode_dataclass(value, type(value), path, tag=len(classes) > 1)
        for member in members:
            if member is type(None) or _is_dataclass_type(member):
                continue
            try:
                return _encode(value, member, path)
            except EmitError:
                continue
        raise _encode_error(path, tp, value)
    if tp is type(None) or tp is None:
        if value is None:
            return None
        raise _encode_error(path, tp, value)
    if tp is Any or tp is object:
        return value
    if _is_dataclass_type(tp):
        if not isinstance(value, tp):
            raise _encode_error(path, tp, value)
        return _encode_dataclass(value, tp, path, tag=False)
    if _is_enum_type(tp):
        if not isinstance(value, tp):
            raise _encode_error(path, tp, value)
        return value.value
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise _encode_error(path, tp, value)
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _encode_error(path, tp, value)
    if tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
        raise _encode_error(path, tp, value)
    if tp is str:
        if isinstance(value, str):
            return value
        raise _encode_error(path, tp, value)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        if any(value == a and type(value) is type(a) for a in args):
            return value
        raise _encode_error(path, tp, value)
    if origin in (tuple, list):
        if not isinstance(value, tuple | list):
            raise _encode_error(path, tp, value)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(value) != len(args):
                raise _encode_error(path, tp, value)
            pairs = enumerate(zip(value, args, strict=True))
            return [_encode(v, a, f"{path}[{i}]") for i, (v, a) in pairs]
        item = args[0] if args else Any
        return [_encode(v, item, f"{path}[{i}]") for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict) or not all(isinstance(k, str) for k in value):
            raise _encode_error(path, tp, value)
        item = args[1] if len(args) == 2 else Any
        return {k: _encode(v, item, f"{path}.{k}") for k, v in value.items()}
    raise TypeError(f"{path}: the JSON emitter does not support the type {tp!r}")


def to_dict(agenda: Agenda) -> dict[str, Any]:
    """The tree as plain JSON data: ``format`` and ``version`` first, then Agenda's fields.

    Raises:
        EmitError: a value in the tree does not match its declared type.
    """
    _tagged_classes()  # checks the model for key clashes once
    out: dict[str, Any] = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    out.update(_encode_dataclass(agenda, Agenda, ROOT_PATH, tag=False))
    return out


def to_json(agenda: Agenda, *, indent: int | None = 2) -> str:
    """The tree as JSON text (UTF-8 characters unescaped, deterministic, final newline).

    ``indent=None`` writes the whole document on one line without spaces.
    """
    data = to_dict(agenda)
    try:
        if indent is None:
            text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        else:
            text = json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)
    except ValueError as exc:  # NaN or infinity in a float field
        raise EmitError(f"cannot write JSON: {exc}") from exc
    return text + "\n"


# ---------------------------------------------------------------------------------------------
# JSON -> tree
# ---------------------------------------------------------------------------------------------


def _json_kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _describe(value: object) -> str:
    kind = _json_kind(value)
    if kind in ("array", "object", "null"):
        return kind
    return f"{kind} {json.dumps(value, ensure_ascii=False)[:60]}"


class _DecodeError(Exception):
    """A value that does not fit its declared type, at a JSON path."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def _expected(tp: Any) -> str:
    """How a declared type reads in an error message: "a string", "an object (Span)"."""
    if tp is type(None) or tp is None:
        return "null"
    if _is_dataclass_type(tp):
        return f"an object ({tp.__name__})"
    if _is_enum_type(tp):
        values = ", ".join(json.dumps(m.value, ensure_ascii=False) for m in tp)
        return f"one of {values} ({tp.__name__})"
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a number"}
    if isinstance(tp, type) and tp in names:
        return names[tp]
    origin = typing.get_origin(tp)
    if origin in (tuple, list):
        return "an array"
    if origin is dict:
        return "an object"
    if origin is typing.Literal:
        return "one of " + ", ".join(json.dumps(a) for a in typing.get_args(tp))
    return _type_name(tp)


def _wrong(path: str, expected: str, value: object) -> _DecodeError:
    return _DecodeError(path, f"expected {expected}, got {_describe(value)}")


def _decode_dataclass(value: Any, cls: type, path: str, *, tag: str | None) -> Any:
    """An object into ``cls``; ``tag`` is the ``"type"`` value already checked, if any."""
    if not isinstance(value, dict):
        raise _wrong(path, f"an object ({cls.__name__})", value)
    fields = _field_map(cls)
    kwargs: dict[str, Any] = {}
    for key, item in value.items():
        if key == TAG_KEY and key not in fields:
            if tag is None and (item != cls.__name__ or cls not in _tagged_classes()):
                raise _DecodeError(
                    f"{path}.{key}", f"unexpected {TAG_KEY!r} key here (expected {cls.__name__})"
                )
            continue
        info = fields.get(key)
        if info is None:
            raise _DecodeError(f"{path}.{key}", f"unknown field of {cls.__name__}")
        kwargs[key] = _decode(item, info.type, f"{path}.{key}")
    for info in fields.values():
        if info.required and info.name not in kwargs:
            raise _DecodeError(f"{path}.{info.name}", f"missing required field of {cls.__name__}")
    try:
        return cls(**kwargs)
    except (TypeError, ValueError) as exc:  # a model class that checks its own values
        raise _DecodeError(path, f"invalid {cls.__name__}: {exc}") from exc


def _decode_tagged(value: Any, classes: tuple[type, ...], path: str) -> Any:
    names = ", ".join(c.__name__ for c in classes)
    if not isinstance(value, dict):
        raise _wrong(path, f"an object (one of {names})", value)
    if TAG_KEY not in value:
        raise _DecodeError(f"{path}.{TAG_KEY}", f"missing; expected one of {names}")
    tag = value[TAG_KEY]
    for cls in classes:
        if tag == cls.__name__:
            return _decode_dataclass(value, cls, path, tag=tag)
    raise _DecodeError(
        f"{path}.{TAG_KEY}", f"unknown type {_describe(tag)}; expected one of {names}"
    )


def _decode(value: Any, tp: Any, path: str) -> Any:
    """The JSON data ``value`` as a Python value of the declared type ``tp``."""
    members = _union_members(tp)
    if members is not None:
        expected = " or ".join(_expected(m) for m in members)
        if value is None:
            if type(None) in members:
                return None
            raise _wrong(path, expected, value)
        classes = _dataclass_members(members)
        if isinstance(value, dict) and classes:
            if len(classes) > 1:
                return _decode_tagged(value, classes, path)
            return _decode_dataclass(value, classes[0], path, tag=None)
        others = [m for m in members if m is not type(None) and not _is_dataclass_type(m)]
        for member in others:
            try:
                return _decode(value, member, path)
            except _DecodeError as exc:
                if len(others) == 1 and exc.path != path:
                    raise  # the value has the right shape; something inside it is wrong
        raise _wrong(path, expected, value)
    if tp is type(None) or tp is None:
        if value is None:
            return None
        raise _wrong(path, _expected(tp), value)
    if tp is Any or tp is object:
        return value
    if _is_dataclass_type(tp):
        return _decode_dataclass(value, tp, path, tag=None)
    if _is_enum_type(tp):
        for member in tp:
            if type(member.value) is type(value) and member.value == value:
                return member
        raise _wrong(path, _expected(tp), value)
    if tp is bool:
        if isinstance(value, bool):
            return value
        raise _wrong(path, _expected(tp), value)
    if tp is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _wrong(path, _expected(tp), value)
    if tp is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        raise _wrong(path, _expected(tp), value)
    if tp is str:
        if isinstance(value, str):
            return value
        raise _wrong(path, _expected(tp), value)
    origin = typing.get_origin(tp)
    args = typing.get_args(tp)
    if origin is typing.Literal:
        for a in args:
            if type(a) is type(value) and a == value:
                return a
        raise _wrong(path, _expected(tp), value)
    if origin in (tuple, list):
        if not isinstance(value, list):
            raise _wrong(path, _expected(tp), value)
        if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
            if len(value) != len(args):
                raise _DecodeError(
                    path, f"expected an array of {len(args)} items, got {len(value)}"
                )
            pairs = enumerate(zip(value, args, strict=True))
            return tuple(_decode(v, a, f"{path}[{i}]") for i, (v, a) in pairs)
        item = args[0] if args else Any
        items = [_decode(v, item, f"{path}[{i}]") for i, v in enumerate(value)]
        return tuple(items) if origin is tuple else items
    if origin is dict:
        if not isinstance(value, dict):
            raise _wrong(path, _expected(tp), value)
        item = args[1] if len(args) == 2 else Any
        return {k: _decode(v, item, f"{path}.{k}") for k, v in value.items()}
    raise TypeError(f"{path}: the JSON emitter does not support the type {tp!r}")


def from_dict(data: dict[str, Any]) -> Agenda:
    """The tree from plain JSON data as written by :func:`to_dict`.

    Raises:
        InputError: not an agendaparse document, an unsupported version, a missing required
            field, an unknown field or a value of the wrong type (the message names the JSON
            path, e.g. ``agenda.agenda.entries[3].num``).
    """
    if not isinstance(data, dict):
        raise InputError(f"{ROOT_PATH}: expected a JSON object, got {_describe(data)}")
    fmt = data.get("format", dataclasses.MISSING)
    if fmt is dataclasses.MISSING:
        raise InputError(
            f"{ROOT_PATH}.format: missing; not an agendaparse JSON document "
            f'(expected "format": "{FORMAT_NAME}")'
        )
    if fmt != FORMAT_NAME:
        raise InputError(
            f'{ROOT_PATH}.format: expected "{FORMAT_NAME}", got {_describe(fmt)}; '
            "not an agendaparse JSON document"
        )
    version = data.get("version", dataclasses.MISSING)
    if version is dataclasses.MISSING:
        raise InputError(f"{ROOT_PATH}.version: missing (this reader supports {FORMAT_VERSION})")
    if version != FORMAT_VERSION or not isinstance(version, str):
        raise InputError(
            f"{ROOT_PATH}.version: unsupported version {_describe(version)} "
            f"(this reader supports {FORMAT_VERSION})"
        )
    body = {k: v for k, v in data.items() if k not in _HEADER_KEYS}
    try:
        tree = _decode_dataclass(body, Agenda, ROOT_PATH, tag=None)
    except _DecodeError as exc:
        raise InputError(str(exc)) from None
    except RecursionError:
        raise InputError(f"{ROOT_PATH}: the document is nested too deeply") from None
    if not isinstance(tree, Agenda):  # pragma: no cover - _decode_dataclass builds an Agenda
        raise InputError(f"{ROOT_PATH}: not an Agenda")
    return tree


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise ValueError(f"duplicate key {key!r} in a JSON object")
        out[key] = value
    return out


def from_json(text: str) -> Agenda:
    """The tree from JSON text as written by :func:`to_json`.

    Raises:
        InputError: the text is not JSON (with its line and column), or see :func:`from_dict`.
    """
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as exc:
        lines = text.splitlines()
        context = lines[exc.lineno - 1] if 0 < exc.lineno <= len(lines) else ""
        raise InputError(
            f"not valid JSON: {exc.msg}", line=exc.lineno, column=exc.colno, context=context
        ) from None
    except ValueError as exc:  # a duplicate key
        raise InputError(f"not valid agendaparse JSON: {exc}") from None
    except RecursionError:
        raise InputError("not valid JSON: nested too deeply") from None
    if not isinstance(data, dict):
        raise InputError(f"{ROOT_PATH}: expected a JSON object, got {_describe(data)}")
    return from_dict(data)


# ---------------------------------------------------------------------------------------------
# JSON Schema
# ---------------------------------------------------------------------------------------------


def _description(cls: type) -> str | None:
    """The first line of a class's own docstring (dataclass' generated signature left out)."""
    doc = cls.__dict__.get("__doc__")
    if not isinstance(doc, str) or not doc.strip():
        return None
    first = doc.strip().splitlines()[0].strip()
    if _is_dataclass_type(cls) and first.startswith(f"{cls.__name__}("):
        return None  # no docstring: dataclasses put the signature there
    return first


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/$defs/{name}"}


class _SchemaBuilder:
    """Builds ``$defs`` for every dataclass and enum reachable from ``Agenda``."""

    def __init__(self) -> None:
        self.defs: dict[str, dict[str, Any]] = {}
        self.owners: dict[str, type] = {}
        self.tagged = _tagged_classes()

    def define(self, cls: type) -> str:
        name = cls.__name__
        owner = self.owners.get(name)
        if owner is not None:
            if owner is not cls:
                raise TypeError(f"two model classes are named {name!r}: {owner!r} and {cls!r}")
            return name
        self.owners[name] = cls
        self.defs[name] = {}  # placeholder: recursive classes refer to themselves
        if _is_dataclass_type(cls):
            self.defs[name] = self._dataclass_def(cls)
        else:
            self.defs[name] = self._enum_def(cls)
        return name

    def _enum_def(self, cls: type[enum.Enum]) -> dict[str, Any]:
        out: dict[str, Any] = {"title": cls.__name__}
        description = _description(cls)
        if description:
            out["description"] = description
        values = [m.value for m in cls]
        kinds = {_PRIMITIVES.get(type(v)) for v in values}
        if len(kinds) == 1 and None not in kinds:
            out["type"] = kinds.pop()
        out["enum"] = values
        return out

    def _dataclass_def(self, cls: type) -> dict[str, Any]:
        out: dict[str, Any] = {"title": cls.__name__}
        description = _description(cls)
        if description:
            out["description"] = description
        out["type"] = "object"
        properties, required = self.properties(cls)
        if cls in self.tagged:
            properties = {TAG_KEY: {"const": cls.__name__}, **properties}
        out["properties"] = properties
        out["required"] = required
        out["additionalProperties"] = False
        return out

    def properties(self, cls: type) -> tuple[dict[str, Any], list[str]]:
        """The ``properties`` and ``required`` of a dataclass's JSON object."""
        properties: dict[str, Any] = {}
        required: list[str] = []
        for f in _fields(cls):
            prop = self.schema(f.type, f"{cls.__name__}.{f.name}")
            if f.required:
                required.append(f.name)
            else:
                prop = {**prop, "default": _encode(f.default, f.type, f"{cls.__name__}.{f.name}")}
            properties[f.name] = prop
        return properties, required

    def schema(self, tp: Any, where: str) -> dict[str, Any]:
        """The schema of a value declared as ``tp``."""
        members = _union_members(tp)
        if members is not None:
            return self._union(members, where)
        if tp is type(None) or tp is None:
            return {"type": "null"}
        if tp is Any or tp is object:
            return {}
        if _is_dataclass_type(tp) or _is_enum_type(tp):
            return _ref(self.define(tp))
        if isinstance(tp, type) and tp in _PRIMITIVES:
            return {"type": _PRIMITIVES[tp]}
        origin = typing.get_origin(tp)
        args = typing.get_args(tp)
        if origin is typing.Literal:
            return {"enum": list(args)}
        if origin in (tuple, list):
            if origin is tuple and not (len(args) == 2 and args[1] is Ellipsis):
                return {
                    "type": "array",
                    "prefixItems": [self.schema(a, where) for a in args],
                    "items": False,
                    "minItems": len(args),
                }
            item = args[0] if args else Any
            return {"type": "array", "items": self.schema(item, where)}
        if origin is dict:
            item = args[1] if len(args) == 2 else Any
            return {"type": "object", "additionalProperties": self.schema(item, where)}
        raise TypeError(f"{where}: the JSON schema generator does not support the type {tp!r}")

    def _union(self, members: tuple[Any, ...], where: str) -> dict[str, Any]:
        classes = _dataclass_members(members)
        if len(classes) > 1:
            options: list[dict[str, Any]] = [
                {**_ref(self.define(c)), "required": [TAG_KEY]} for c in classes
            ]
        else:
            options = [self.schema(c, where) for c in classes]
        options += [self.schema(m, where) for m in members if not _is_dataclass_type(m)]
        if all(set(o) == {"type"} and isinstance(o["type"], str) for o in options):
            return {"type": [o["type"] for o in options]}  # str | None -> ["string", "null"]
        return {"oneOf": options} if len(classes) > 1 else {"anyOf": options}


@functools.cache
def _schema_text() -> str:
    builder = _SchemaBuilder()
    properties, required = builder.properties(Agenda)
    builder.define(Agenda)
    schema: dict[str, Any] = {
        "$schema": _SCHEMA_DIALECT,
        "$id": _SCHEMA_ID_PREFIX + FORMAT_VERSION,
        "title": "agendaparse JSON",
        "description": _description(Agenda) or Agenda.__name__,
        "type": "object",
        "properties": {
            "format": {"const": FORMAT_NAME},
            "version": {"const": FORMAT_VERSION},
            **properties,
        },
        "required": [*_HEADER_KEYS, *required],
        "additionalProperties": False,
        "$defs": {name: builder.defs[name] for name in sorted(builder.defs)},
    }
    return json.dumps(schema, ensure_ascii=False, indent=2) + "\n"


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of :func:`to_json`'s output, generated from the model.

    One ``$defs`` entry per dataclass and enum; unions of dataclasses are ``oneOf`` with the
    ``"type"`` key as a ``const`` discriminator. A fresh copy is returned on each call.
    """
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


def schema_json() -> str:
    """:func:`json_schema` as indented JSON text with a final newline."""
    return _schema_text()
