"""The typed tree's classes are made as dataclasses make them: every field stored, the
same defaults, the same errors, and frozen (their ``__init__`` stores the fields through
the slots, see ``model._init_through_slots``)."""

from __future__ import annotations

import dataclasses
import inspect

import pytest

from agendaparse import model

CLASSES = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == model.__name__
]


def _required(cls: type) -> list[dataclasses.Field[object]]:
    return [
        f
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]


def test_every_class_of_the_tree_is_checked() -> None:
    names = {cls.__name__ for cls in CLASSES}
    assert {"Span", "TextPart", "RichText", "Paragraph", "Agenda"} <= names
    assert len(CLASSES) == 24  # every dataclass of the module (one added: count it here)


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_every_field_is_stored_given_by_position_or_by_name(cls: type) -> None:
    values = {f.name: object() for f in dataclasses.fields(cls)}
    for made in (cls(*values.values()), cls(**values)):
        for name, value in values.items():
            assert getattr(made, name) is value


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_defaults_and_factories_as_declared(cls: type) -> None:
    required = {f.name: object() for f in _required(cls)}
    first, second = cls(**required), cls(**required)
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            assert getattr(first, f.name) is f.default
        elif f.default_factory is not dataclasses.MISSING:
            assert getattr(first, f.name) == f.default_factory()
            # a fresh value for every object, as a factory gives
            assert getattr(first, f.name) is not getattr(second, f.name) or isinstance(
                getattr(first, f.name), tuple | frozenset
            )


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_wrong_arguments_are_refused_and_the_object_stays_frozen(cls: type) -> None:
    fields = dataclasses.fields(cls)
    required = _required(cls)
    if required:
        with pytest.raises(TypeError, match="missing"):
            cls(*[object() for _ in required[:-1]])
    with pytest.raises(TypeError):
        cls(*[object() for _ in range(len(fields) + 1)])
    with pytest.raises(TypeError, match="unexpected keyword"):
        cls(**{f.name: object() for f in required}, not_a_field=1)
    made = cls(**{f.name: object() for f in required})
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(made, fields[0].name, object())


@pytest.mark.parametrize("cls", CLASSES, ids=lambda cls: cls.__name__)
def test_the_signature_lists_the_fields_in_order(cls: type) -> None:
    parameters = inspect.signature(cls).parameters
    assert list(parameters) == [f.name for f in dataclasses.fields(cls)]
    for f in dataclasses.fields(cls):
        if f.default is not dataclasses.MISSING:
            assert parameters[f.name].default is f.default
        elif f.default_factory is not dataclasses.MISSING:
            assert repr(parameters[f.name].default) == "<factory>"
        else:
            assert parameters[f.name].default is inspect.Parameter.empty
