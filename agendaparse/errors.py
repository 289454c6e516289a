"""Errors: what went wrong, where in the input, and the line it happened on."""

from __future__ import annotations


class AgendaError(Exception):
    """Base of every error agendaparse raises on purpose.

    ``str(error)`` is one line, ``file:line:col: message``, followed by the input line and a
    caret under the column when the line is known.
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        line: int = 0,
        column: int = 0,
        context: str = "",
        expected: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.source = source
        self.line = line
        self.column = column
        self.context = context
        self.expected = expected

    @property
    def location(self) -> str:
        """``file:line:col`` (parts that are not known are left out)."""
        parts = [self.source or "<input>"]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        head = f"{self.location}: {self.message}"
        if not self.context:
            return head
        caret = " " * max(0, self.column - 1) + "^"
        return f"{head}\n    {self.context}\n    {caret}"


class InputError(AgendaError):
    """The input could not be read (missing file, undecodable bytes)."""


class AgendaSyntaxError(AgendaError):
    """In strict mode: a line the grammar did not expect where it stands."""


class EmitError(AgendaError):
    """An output could not be written."""


class ValidationError(AgendaError):
    """An Akoma Ntoso file breaks the schema or a rule the schema cannot check."""
