"""Lenient reading never fails: any mixture of agenda-like lines gives valid Akoma Ntoso."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import agendaparse
from agendaparse.validate import validate_bytes

from .conftest import SAMPLES

# lines of every kind the lexer knows, so that the grammar meets them in every order
LINES = [
    "United Nations",
    "A/64/150",
    "Distr.: General",
    "5 March 2009",
    "Original: English",
    "General Assembly",
    "Sixty-fourth session",
    "Vienna, 14 and 15 April 2009",
    "Item 2 of the provisional agenda",
    "Provisional agenda",
    "Provisional agenda and annotations",
    "Note by the Secretariat",
    "I. Provisional agenda",
    "II. Annotations",
    "Annotations",
    "1. Opening of the session.",
    "2. Adoption of the agenda:",
    "(a) Election of officers;",
    "(i) Sub-sub-item;",
    "5.1 Decimal sub-item",
    "A. Group heading of the list",
    "Item 3. Annotated heading",
    "The meeting will be opened at 10 a.m. on Monday.",
    "Documentation",
    "Report of the Secretary-General (A/64/151)",
    "Annex",
    "Proposed organization of work",
    "Date\tItem\tTitle",
    "\t1 (a)\tOpening",
    "__________",
    "* The present document was submitted late.",
    "1/ A footnote.",
    "V.09-81234 (E)",
    "*0981234*",
    "Page 2",
    "",
    "",
    "",
    "continued text in lower case",
    "[7a] Bracketed sub-item",
    "1. 1. Doubled number",
]

documents = st.lists(st.sampled_from(LINES), max_size=60).map("\n".join)
noisy = st.text(max_size=400)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_any_mixture_of_lines_converts_to_valid_akn(text: str) -> None:
    agenda = agendaparse.parse(text)
    assert validate_bytes(agendaparse.to_akn(agenda)) == []
    assert agendaparse.from_json(agendaparse.to_json(agenda)) == agenda


@settings(max_examples=100, deadline=None)
@given(noisy)
def test_arbitrary_text_converts_to_valid_akn(text: str) -> None:
    assert validate_bytes(agendaparse.to_akn(agendaparse.parse(text))) == []


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SAMPLES), st.data())
def test_samples_with_lines_deleted_or_repeated(sample, data) -> None:
    lines = sample.read_text(encoding="utf-8").split("\n")
    i = data.draw(st.integers(0, len(lines) - 1))
    j = data.draw(st.integers(i, min(len(lines), i + 8)))
    repeat = data.draw(st.booleans())
    mutated = lines[:i] + (lines[i:j] * 2 if repeat else []) + lines[j:]
    agenda = agendaparse.parse("\n".join(mutated))
    assert validate_bytes(agendaparse.to_akn(agenda)) == []


def test_empty_input() -> None:
    agenda = agendaparse.parse("")
    assert agenda.agenda.entries == ()
    assert validate_bytes(agendaparse.to_akn(agenda)) == []


# ---------------------------------------------------------------- mutations of real agendas

SEED = next(p for p in SAMPLES if p.name.startswith("000_"))


def _mutate(lines: list[str], op: str, i: int, j: int, noise: bytes) -> list[str]:
    i, j = sorted((i % max(1, len(lines)), j % max(1, len(lines))))
    if op == "delete":
        return lines[:i] + lines[j:]
    if op == "duplicate":
        return lines[:j] + lines[i:j] + lines[j:]
    if op == "shuffle":
        return lines[:i] + list(reversed(lines[i:j])) + lines[j:]
    if op == "bytes":
        text = noise.decode("latin-1")
        return [*lines[:i], text + (lines[i] if i < len(lines) else ""), *lines[i + 1 :]]
    if op == "long":
        return [*lines[:i], " ".join(lines) * 3, *lines[i:]]
    return lines


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(SAMPLES),
    st.sampled_from(["delete", "duplicate", "shuffle", "bytes", "long"]),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.binary(max_size=40),
)
def test_mutated_agendas_convert_to_valid_akn(
    sample, op: str, i: int, j: int, noise: bytes
) -> None:
    lines = sample.read_text(encoding="utf-8").split("\n")
    text = "\n".join(_mutate(lines, op, i, j, noise))
    agenda = agendaparse.parse(text)
    assert validate_bytes(agendaparse.to_akn(agenda)) == []


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_never_raise(data: bytes) -> None:
    agenda = agendaparse.parse_bytes(data)
    assert validate_bytes(agendaparse.to_akn(agenda)) == []


def test_truncated_at_every_line() -> None:
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for n in range(len(lines) + 1):
        agenda = agendaparse.parse("\n".join(lines[:n]))
        assert validate_bytes(agendaparse.to_akn(agenda)) == [], f"cut after line {n}"


def test_deep_nesting_and_long_lines() -> None:
    nested = "Agenda\n\n" + "\n".join(
        f"{k}. Item {k}:\n(a) Sub-item;\n(i) Sub-sub-item;\n(ii) Another;\n(b) Last."
        for k in range(1, 400)
    )
    agenda = agendaparse.parse(nested)
    assert len(agenda.agenda.entries) == 399
    brackets = "Agenda\n\n1. " + "(" * 5000 + "x" + ")" * 5000
    assert validate_bytes(agendaparse.to_akn(agendaparse.parse(brackets))) == []
    long_line = "1. " + "word " * 200_000
    assert validate_bytes(agendaparse.to_akn(agendaparse.parse(long_line))) == []
