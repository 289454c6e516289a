"""Unit tests of the grammar: every start rule parsed on its own from hand-made tokens.

The cases are in ``tests/fixtures/rules/<rule>.txt`` (markdown-it style): a title line, a line
".", one token per line as "TYPE value", a line ".", the expected ``tree.pretty()``, a line ".".
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from lark import Lark

from agendaparse.errors import AgendaSyntaxError
from agendaparse.grammar import START_RULES, get_parser, parse_tokens
from agendaparse.lalr import Token, Tree

FIXTURES = Path(__file__).parent / "fixtures" / "rules"

Case = tuple[str, int, str, list[Token], str]


def read_cases(directory: Path = FIXTURES) -> Iterator[Case]:
    """(rule, line of the title, title, tokens, expected pretty tree) of every fixture case."""
    for path in sorted(directory.glob("*.txt")):
        lines = path.read_text(encoding="utf-8").split("\n")
        i = 0
        while i < len(lines):
            if not lines[i].strip():
                i += 1
                continue
            title, title_line = lines[i], i + 1
            assert lines[i + 1] == ".", f"{path.name}:{i + 2}: '.' expected after the title"
            end_tokens = lines.index(".", i + 2)
            tokens = []
            for number in range(i + 2, end_tokens):
                kind, _, value = lines[number].partition(" ")
                tokens.append(Token(kind, value, line=number + 1, column=1))
            end_tree = lines.index(".", end_tokens + 1)
            expected = "".join(f"{line}\n" for line in lines[end_tokens + 1 : end_tree])
            yield path.stem, title_line, title, tokens, expected
            i = end_tree + 1


CASES = list(read_cases())


@pytest.mark.parametrize(
    ("rule", "line", "title", "tokens", "expected"),
    CASES,
    ids=[f"{rule}:{line}:{title}" for rule, line, title, _, _ in CASES],
)
def test_rule_fixture(rule: str, line: int, title: str, tokens: list[Token], expected: str) -> None:
    tree, diagnostics = parse_tokens(tokens, start=rule, strict=True)
    assert tree.data == rule
    assert tree.pretty() == expected
    assert diagnostics == []


def test_every_start_rule_has_a_fixture() -> None:
    covered = {rule for rule, _, _, tokens, _ in CASES if tokens}
    assert covered == set(START_RULES)


def test_fixture_files_name_only_start_rules() -> None:
    assert {p.stem for p in FIXTURES.glob("*.txt")} <= set(START_RULES)


def test_reader_reads_the_fixture_format(tmp_path: Path) -> None:
    (tmp_path / "paragraph.txt").write_text(
        "First\n.\nPARA 1. Text here\nLIST_ENTRY (a) x\n.\nparagraph\n  1. Text here\n.\n\n"
        "Second\n.\n.\nparagraph\n.\n",
        encoding="utf-8",
    )
    cases = list(read_cases(tmp_path))
    assert [(r, n, t, e) for r, n, t, _, e in cases] == [
        ("paragraph", 1, "First", "paragraph\n  1. Text here\n"),
        ("paragraph", 10, "Second", "paragraph\n"),
    ]
    tokens = cases[0][3]
    assert [(t.type, t.value, t.line, t.column) for t in tokens] == [
        ("PARA", "1. Text here", 3, 1),
        ("LIST_ENTRY", "(a) x", 4, 1),
    ]
    assert cases[1][3] == []


# ---------------------------------------------------------------- the parser itself


def test_grammar_builds_in_strict_mode() -> None:
    # strict=True makes Lark refuse any shift/reduce or reduce/reduce conflict
    parser = get_parser(strict=True)
    assert isinstance(parser, Lark)
    assert set(parser.options.start) == set(START_RULES)


def test_parser_is_built_once() -> None:
    assert get_parser() is get_parser()


def test_tree_keeps_token_positions() -> None:
    tokens = [
        Token("ITEM", "2. Organizational matters:", line=7, column=3),
        Token("SUBITEM", "(a) Election of officers;", line=9, column=6),
    ]
    tree, _ = parse_tokens(tokens, start="agenda_item")
    assert (tree.meta.line, tree.meta.column) == (7, 3)
    sub = tree.children[1]
    assert isinstance(sub, Tree)
    assert sub.data == "sub_item"
    assert (sub.meta.line, sub.meta.column) == (9, 6)


# ---------------------------------------------------------------- errors and recovery

UNEXPECTED = [
    Token("LIST_HEADING", "Provisional agenda", line=3, column=1),
    Token("ITEM", "1. Opening of the session.", line=5, column=1),
    Token("SUBITEM", "(a) Election of officers;", line=7, column=4),
    Token("ORGANIZATION", "United Nations", line=9, column=2),
    Token("ITEM", "2. Other matters.", line=11, column=1),
]


def test_strict_mode_raises_at_the_unexpected_token() -> None:
    with pytest.raises(AgendaSyntaxError) as info:
        parse_tokens(
            UNEXPECTED,
            start="agenda",
            strict=True,
            source="doc.txt",
            line_text={9: " United Nations"},
        )
    error = info.value
    assert (error.line, error.column) == (9, 2)
    assert error.expected
    assert {"ITEM", "SUBITEM", "UNNUMBERED"} <= error.expected
    assert "ORGANIZATION" not in error.expected
    assert "$END" not in error.expected
    assert error.source == "doc.txt"
    assert error.context == " United Nations"
    assert str(error).startswith("doc.txt:9:2: organization not expected here; expected ")
    assert str(error).endswith("\n     United Nations\n     ^")


def test_strict_mode_in_document_reports_the_token_position() -> None:
    tokens = [
        Token("ITEM", "1. Opening of the session.", line=2, column=1),
        Token("SUBSUBITEM", "(i) Decision-making;", line=4, column=5),
    ]
    with pytest.raises(AgendaSyntaxError) as info:
        parse_tokens(tokens, start="document", strict=True)
    assert (info.value.line, info.value.column) == (4, 5)
    assert "SUBITEM" in info.value.expected
    assert "SUBSUBITEM" not in info.value.expected


def test_lenient_mode_keeps_the_text_and_reports_it() -> None:
    tree, diagnostics = parse_tokens(UNEXPECTED, start="agenda")
    assert tree.pretty() == (
        "agenda\n"
        "  Provisional agenda\n"
        "  agenda_item\n"
        "    1. Opening of the session.\n"
        "    sub_item\t(a) Election of officers;\n"
        "    unnumbered_item\tUnited Nations\n"
        "  agenda_item\t2. Other matters.\n"
    )
    item = tree.children[1]
    assert isinstance(item, Tree)
    unnumbered = item.children[2]
    assert isinstance(unnumbered, Tree)
    assert unnumbered.data == "unnumbered_item"
    kept = unnumbered.children[0]
    assert isinstance(kept, Token)
    assert kept.type == "UNNUMBERED"
    assert (kept.value, kept.line, kept.column) == ("United Nations", 9, 2)
    assert [(d.kind, d.line, d.column) for d in diagnostics] == [("unexpected-line", 9, 2)]
    assert "organization" in diagnostics[0].message


def test_lenient_mode_in_annotations_keeps_an_item_as_a_paragraph() -> None:
    tokens = [
        Token("ANN_ITEM", "1. Opening", line=1, column=1),
        Token("ITEM", "1. Opening of the session.", line=3, column=1),
    ]
    tree, diagnostics = parse_tokens(tokens, start="annotated_item")
    assert (
        tree.pretty() == "annotated_item\n  1. Opening\n  paragraph\t1. Opening of the session.\n"
    )
    assert [(d.kind, d.line) for d in diagnostics] == [("unexpected-line", 3)]


def test_lenient_mode_raises_when_no_text_is_accepted() -> None:
    # an annex must start with its label: no text token can stand in for it
    with pytest.raises(AgendaSyntaxError) as info:
        parse_tokens([Token("ITEM", "1. Opening", line=4, column=2)], start="annex")
    assert (info.value.line, info.value.column) == (4, 2)
    assert info.value.expected == frozenset({"ANNEX_LABEL"})


def test_missing_required_token_at_end_of_input() -> None:
    with pytest.raises(AgendaSyntaxError) as info:
        parse_tokens([], start="paragraph")
    assert info.value.expected == frozenset({"PARA"})
    assert "end of input not expected here" in info.value.message


def test_lenient_mode_recovers_from_a_token_in_a_merged_lookahead() -> None:
    tokens = [
        Token("ITEM", "1. Opening of the session.", line=1, column=1),
        Token("ANNEX_LABEL", "Annex", line=3, column=1),
    ]
    tree, diagnostics = parse_tokens(tokens, start="agenda")
    assert tree.pretty() == (
        "agenda\n  agenda_item\n    1. Opening of the session.\n    unnumbered_item\tAnnex\n"
    )
    assert [(d.kind, d.line) for d in diagnostics] == [("unexpected-line", 3)]


def test_strict_error_lists_what_the_rule_could_still_take() -> None:
    tokens = [
        Token("ITEM", "1. Opening of the session.", line=1, column=1),
        Token("ITEM", "2. Other matters.", line=3, column=1),
    ]
    with pytest.raises(AgendaSyntaxError) as info:
        parse_tokens(tokens, start="agenda_item", strict=True)
    assert (info.value.line, info.value.column) == (3, 1)
    assert {"SUBITEM", "UNNUMBERED"} <= info.value.expected


def test_a_line_kept_as_text_does_not_repeat_the_lines_before_it() -> None:
    # the recovery once reused a list that the failed attempt had already extended: the
    # second line came out twice
    tokens = [
        Token("AGENDA_ITEM_LINE", "Item 3 of the provisional agenda", line=1, column=1),
        Token("AGENDA_ITEM_LINE", "Item 4 of the provisional agenda", line=2, column=1),
        Token("ANNEX_LABEL", "Annex", line=3, column=1),
    ]
    tree, diagnostics = parse_tokens(tokens, start="front")
    assert tree.pretty() == (
        "front\n  Item 3 of the provisional agenda\n  Item 4 of the provisional agenda\n  Annex\n"
    )
    assert [(d.kind, d.line) for d in diagnostics] == [("unexpected-line", 3)]
