"""agendaparse: read United Nations agenda documents into Akoma Ntoso 3.0 XML and JSON."""

from typing import TYPE_CHECKING, Any

from agendaparse.api import (
    from_json,
    parse,
    parse_bytes,
    parse_file,
    parse_tree,
    preprocess,
    to_akn,
    to_json,
)
from agendaparse.errors import AgendaError, AgendaSyntaxError, InputError, ValidationError
from agendaparse.model import Agenda

if TYPE_CHECKING:
    from agendaparse.batch import convert_many

__version__ = "0.1.0"

__all__ = [
    "Agenda",
    "AgendaError",
    "AgendaSyntaxError",
    "InputError",
    "ValidationError",
    "__version__",
    "convert_many",
    "from_json",
    "parse",
    "parse_bytes",
    "parse_file",
    "parse_tree",
    "preprocess",
    "to_akn",
    "to_json",
]


def __getattr__(name: str) -> Any:
    """``convert_many`` is imported on first use: batch conversion needs process pools that
    a script converting one document should not pay for."""
    if name == "convert_many":
        from agendaparse.batch import convert_many

        return convert_many
    raise AttributeError(f"module 'agendaparse' has no attribute {name!r}")
