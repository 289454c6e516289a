"""The LALR(1) runtime: tokens, parse trees and the driver that runs the parse tables.

Lark builds the tables from ``grammars/agenda.lark`` (see ``agendaparse.grammar``, which
keeps them in the user's cache folder); this module only runs them, so converting a document
never imports Lark. The trees are shaped as Lark shapes them -- a rule whose name starts
with ``_`` (and every ``x*`` / ``x?`` helper rule) is inlined into its parent, and
``Tree.pretty()`` prints what Lark's does -- so the grammar reads the same either way; a
test compares the two parsers on every sample and on random token streams.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Union, final

END = "$END"
"""The type of the token that ends every input."""


@final
class Token(str):
    """A line (or block of lines) of the input, classified: the text is the string itself,
    ``type`` the terminal name, and the positions are 1-based."""

    __slots__ = ("column", "end_column", "end_line", "line", "type", "value")

    type: str
    value: str
    line: int | None
    column: int | None
    end_line: int | None
    end_column: int | None

    def __new__(
        cls,
        type: str,
        value: str,
        *,
        line: int | None = None,
        column: int | None = None,
        end_line: int | None = None,
        end_column: int | None = None,
    ) -> Token:
        # (no subclass: a token is always made by new_token, the positional path the lexer
        # takes for every block)
        return new_token(type, value, line, column, end_line, end_column)

    @classmethod
    def new_borrow_pos(cls, type: str, value: str, borrow: Token) -> Token:
        """A token of another type (or text) at the place of ``borrow``."""
        return cls(
            type,
            value,
            line=borrow.line,
            column=borrow.column,
            end_line=borrow.end_line,
            end_column=borrow.end_column,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        return (
            new_token,
            (self.type, self.value, self.line, self.column, self.end_line, self.end_column),
        )

    def __repr__(self) -> str:
        return f"Token({self.type!r}, {self.value!r})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Token) and self.type != other.type:
            return False
        return str.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = str.__hash__


_new_str = str.__new__


def new_token(
    type: str,
    value: str,
    line: int | None,
    column: int | None,
    end_line: int | None,
    end_column: int | None,
) -> Token:
    """A token from all its fields, by position: what ``Token(...)`` makes, at a third of
    the cost of a class call with keywords (the lexer makes one for every block)."""
    token = _new_str(Token, value)
    token.type = type
    token.value = value
    token.line = line
    token.column = column
    token.end_line = end_line
    token.end_column = end_column
    return token


@dataclass(frozen=True, slots=True)
class Position:
    """Where a tree's text is: its first token's start and its last token's end."""

    line: int
    column: int
    end_line: int
    end_column: int


Child = Union["Tree", Token]


class Tree:
    """A rule matched: ``data`` is the rule's name, ``children`` its trees and tokens."""

    __slots__ = ("children", "data")

    def __init__(self, data: str, children: list[Child]) -> None:
        self.data = data
        self.children = children

    @property
    def meta(self) -> Position:
        """The position of the tree (``ValueError`` for a tree without tokens)."""
        tokens = list(self.scan_tokens())
        if not tokens:
            raise ValueError(f"the {self.data} tree holds no token")
        first, last = tokens[0], tokens[-1]
        return Position(
            first.line or 0,
            first.column or 0,
            last.end_line or last.line or 0,
            last.end_column or last.column or 0,
        )

    def scan_tokens(self) -> Iterator[Token]:
        """Every token under the tree, in order."""
        for child in self.children:
            if isinstance(child, Tree):
                yield from child.scan_tokens()
            else:
                yield child

    def pretty(self, indent: str = "  ") -> str:
        """The tree drawn as indented lines (Lark's format: a rule with one token child
        holds it on its own line, after a tab)."""
        out: list[str] = []
        self._pretty(0, indent, out)
        return "".join(out)

    def _pretty(self, level: int, indent: str, out: list[str]) -> None:
        out.append(indent * level + self.data)
        if len(self.children) == 1 and not isinstance(self.children[0], Tree):
            out.append(f"\t{self.children[0]}\n")
            return
        out.append("\n")
        for child in self.children:
            if isinstance(child, Tree):
                child._pretty(level + 1, indent, out)
            else:
                out.append(f"{indent * (level + 1)}{child}\n")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Tree):
            return NotImplemented
        return self.data == other.data and self.children == other.children

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Tree({self.data!r}, {self.children!r})"


@dataclass(frozen=True, slots=True)
class Rule:
    """One expansion of a rule, as the driver needs it."""

    name: str
    """The rule's name: the tree's ``data``."""
    size: int
    """How many symbols the expansion has (values popped on reduction)."""
    keep: tuple[bool, ...]
    """Per symbol: kept in the tree (tokens the grammar filters out are not)."""
    inline: tuple[bool, ...]
    """Per symbol: a rule whose children are spliced into this one (``_rule``, ``x*``)."""
    inlined: bool = field(init=False)
    """This rule's own value is spliced into its parent: a plain list, no tree."""
    reshaped: bool = field(init=False)
    """Some child is dropped or spliced: the tree's children are not the values popped."""

    def __post_init__(self) -> None:
        # worked out once here, not at every reduction
        object.__setattr__(self, "inlined", self.name.startswith("_"))
        object.__setattr__(self, "reshaped", any(self.inline) or not all(self.keep))


@dataclass(frozen=True, slots=True)
class Tables:
    """The LALR(1) tables: per state, what each symbol does.

    ``actions[state][symbol]`` is a state number ``>= 0`` to shift to (for a terminal) or go
    to (for a rule name, after a reduction), or ``~r`` (``< 0``) to reduce by ``rules[r]``.
    """

    actions: tuple[dict[str, int], ...]
    rules: tuple[Rule, ...]
    start_states: dict[str, int]
    end_states: dict[str, int]

    def to_data(self) -> dict[str, Any]:
        """Plain JSON data (for the cache file)."""
        return {
            "actions": list(self.actions),
            "rules": [[r.name, r.size, list(r.keep), list(r.inline)] for r in self.rules],
            "start_states": self.start_states,
            "end_states": self.end_states,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Tables:
        """Tables from ``to_data`` output; ``ValueError`` when the data is not such tables."""
        try:
            rules = tuple(
                Rule(str(name), int(size), tuple(map(bool, keep)), tuple(map(bool, inline)))
                for name, size, keep, inline in data["rules"]
            )
            actions = tuple(
                {str(symbol): int(action) for symbol, action in state.items()}
                for state in data["actions"]
            )
            starts = {str(k): int(v) for k, v in data["start_states"].items()}
            ends = {str(k): int(v) for k, v in data["end_states"].items()}
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ValueError(f"not parse tables: {exc}") from exc
        tables = cls(actions, rules, starts, ends)
        tables.check()
        return tables

    def check(self) -> None:
        """``ValueError`` unless every action points at a real state or rule."""
        states = len(self.actions)
        for state in self.actions:
            for action in state.values():
                if not (0 <= action < states or 0 <= ~action < len(self.rules)):
                    raise ValueError(f"action {action} out of range")
        for rule in self.rules:
            if not (len(rule.keep) == len(rule.inline) == rule.size):
                raise ValueError(f"rule {rule.name} is inconsistent")
        for start, number in self.start_states.items():
            if not 0 <= number < states or start not in self.end_states:
                raise ValueError(f"start rule {start} is inconsistent")


class UnexpectedTokenError(Exception):
    """The token cannot come where it stands; ``expected`` is what could."""

    def __init__(self, token: Token, expected: frozenset[str]) -> None:
        super().__init__(f"unexpected {token.type}")
        self.token = token
        self.expected = expected


Build = Callable[[str, list[Any]], Any]
"""What a rule matched becomes: called with the rule's name and its children's values."""


class Parser:
    """One parse in progress: feed it tokens, then ``feed_eof`` for the tree.

    ``build`` makes the value of every rule matched (a ``Tree`` unless told otherwise), in
    the order a walk of the finished tree would, children first, and only for tokens taken:
    a transformer can build its own values as the input is read, with no tree between."""

    __slots__ = ("_actions", "_build", "_end_state", "_rules", "states", "values")

    def __init__(self, tables: Tables, start: str, build: Build = Tree) -> None:
        self._actions = tables.actions
        self._rules = tables.rules
        self._build = build
        self._end_state = tables.end_states[start]
        self.states: list[int] = [tables.start_states[start]]
        self.values: list[Any] = []

    def _shifts(self, symbol: str) -> bool:
        """Whether ``symbol`` can come next: the reductions it causes are tried on a copy of
        the state stack (an LALR table can list a symbol that fails after reductions)."""
        actions, rules = self._actions, self._rules
        states = self.states
        action = actions[states[-1]].get(symbol)
        if action is None:
            return False
        if action >= 0:
            return symbol != END
        states = states[:]
        while True:
            if action is None:
                return False
            if action >= 0:
                return symbol != END
            rule = rules[~action]
            if rule.size:
                del states[-rule.size :]
            states.append(actions[states[-1]][rule.name])
            if symbol == END and states[-1] == self._end_state:
                return True
            action = actions[states[-1]].get(symbol)

    def accepts(self) -> frozenset[str]:
        """Every token type that can come next (``$END`` when the input may end here)."""
        return frozenset(
            s for s in self._actions[self.states[-1]] if s.isupper() and self._shifts(s)
        )

    def feed(self, token: Token) -> None:
        """Take the next token; ``UnexpectedTokenError`` (and nothing changed) when it cannot come."""
        action = self._actions[self.states[-1]].get(token.type)
        if action is not None and action >= 0:  # a shift: the commonest case, checked at once
            self.states.append(action)
            self.values.append(token)
            return
        self._run(token)

    def feed_eof(self, last: Token | None = None) -> Any:
        """End the input: the tree of the start rule."""
        # where the input ends: at the last token (line 1, column 1 for no input)
        end = Token.new_borrow_pos(END, "", last) if last else Token(END, "", line=1, column=1)
        return self._run(end)

    def _run(self, token: Token) -> Any:
        """Reduce as the tables say, then shift ``token`` -- or, for ``$END``, return the
        start rule's value. The reductions are first worked out on a copy of the state stack
        (an LALR table can reduce on a symbol that then cannot come, and a token refused,
        ``UnexpectedTokenError``, changes nothing); the values are then reduced in place."""
        actions, rules = self._actions, self._rules
        states = self.states[:]
        symbol = token.type
        reductions: list[Rule] = []
        while True:
            action = actions[states[-1]].get(symbol)
            if action is None or (action >= 0 and symbol == END):
                raise UnexpectedTokenError(token, self.accepts())
            if action >= 0:
                break
            rule = rules[~action]
            if rule.size:
                del states[-rule.size :]
            states.append(actions[states[-1]][rule.name])
            reductions.append(rule)
            if symbol == END and states[-1] == self._end_state:
                break
        values, build = self.values, self._build
        for rule in reductions:
            size = rule.size
            if size:
                children = values[-size:]
                del values[-size:]
            else:
                children = []
            if rule.reshaped:
                children = _shape(rule, children)
            values.append(children if rule.inlined else build(rule.name, children))
        self.states = states
        if action >= 0:
            states.append(action)
            values.append(token)
            return None
        return values[-1]


def _shape(rule: Rule, children: list[Any]) -> list[Any]:
    """The children of a reduction as Lark shapes them: inlined rules spliced, filtered
    tokens dropped (an inlined rule's value is this list itself).

    A list spliced in first -- the list so far of an ``x*`` or ``x+``, whose helper rule is
    ``__x: __x x`` -- is extended in place, not copied (each reduction owns the values it
    pops): a run of n items costs n steps, not n * n. Called for reshaped rules only
    (``Rule.reshaped``): the others keep their children as they are."""
    # (the three have the rule's size: Tables.check holds them so, and a strict zip, a
    # call with a keyword, costs more than the rest of most reductions)
    parts = zip(children, rule.keep, rule.inline)  # noqa: B905
    kept: list[Any]
    if rule.inline[0]:
        kept = children[0]
        next(parts)
    else:
        kept = []
    for child, keep, inline in parts:
        if inline:
            kept.extend(child)
        elif keep:
            kept.append(child)
    return kept


def parse(tables: Tables, tokens: Sequence[Token], start: str) -> Tree:
    """Parse ``tokens`` strictly (``UnexpectedTokenError`` at the first that cannot come)."""
    parser = Parser(tables, start)
    for token in tokens:
        parser.feed(token)
    tree: Tree = parser.feed_eof(tokens[-1] if tokens else None)
    return tree
