"""agendaparse: read United Nations agenda documents into Akoma Ntoso 3.0 XML and JSON."""

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
from agendaparse.batch import convert_many
from agendaparse.errors import AgendaError, AgendaSyntaxError, InputError, ValidationError
from agendaparse.model import Agenda

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
