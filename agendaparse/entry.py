"""The ``agendaparse`` script's entry point, and the exit codes of every command.

The command line proper (``agendaparse.cli``) is built with typer and rich, whose imports
cost more than converting an agenda. The commonest call -- ``agendaparse convert FILE``
with no output folder, converting one document to stdout -- is recognised here and run
with the library alone; every other command line (folders, ``--out``, ``--help``, anything
unknown or wrong) goes to ``agendaparse.cli``, which also reports its errors. Both run the
same conversion (``convert_to_stdout``), so what they print is the same.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass

OK = 0
"""Everything asked for was done."""
PARTIAL = 1
"""Some inputs were converted, some failed (or validation found problems)."""
USAGE = 2
"""The command line was wrong (unknown option, missing file, several inputs without --out)."""
FAILED = 3
"""Nothing could be done: every input failed, or the output folder or cluster is unusable."""
INTERNAL = 4
"""A bug in agendaparse: please report it with the input."""
INTERRUPTED = 130
"""Stopped by Ctrl-C (or SIGTERM); no partial output was left behind."""

FORMATS = ("akn", "json")
"""What ``convert`` writes to stdout (``both`` needs an output folder)."""


@dataclass(frozen=True, slots=True)
class OneFile:
    """``convert FILE`` to stdout, as the command line asked for it."""

    source: str
    to: str = "akn"
    strict: bool = False
    lang: str | None = None
    quiet: bool = False


def read_one_file(args: Sequence[str]) -> OneFile | None:
    """The request when ``args`` (after the program name) are a plain one-file ``convert``:
    one existing file or ``-``, and only ``--to akn|json``, ``--lang CODE`` (a known one),
    ``--strict`` and ``--quiet``/``-q``. None for anything else, left to the full command
    line (which also explains what is wrong)."""
    if not args or args[0] != "convert":
        return None
    sources: list[str] = []
    values: dict[str, str] = {}  # --to, --lang
    flags: set[str] = set()  # --strict, --quiet
    rest = list(args[1:])
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if name in ("--to", "--lang"):
            if not eq:
                if not rest:
                    return None
                value = rest.pop(0)
            if name in values:
                return None
            values[name] = value
        elif arg in ("--strict", "--quiet", "-q"):
            flags.add("--quiet" if arg == "-q" else arg)
        elif arg == "-" or not arg.startswith("-"):
            sources.append(arg)
        else:
            return None
    to, lang = values.get("--to", "akn"), values.get("--lang")
    if len(sources) != 1 or to not in FORMATS or not _is_input_file(sources[0]):
        return None  # several inputs need --out; a folder or a missing file is reported there
    if lang is not None and not _known_language(lang):
        return None
    return OneFile(sources[0], to, "--strict" in flags, lang, "--quiet" in flags)


def _is_input_file(source: str) -> bool:
    return source == "-" or (os.path.exists(source) and not os.path.isdir(source))


def _known_language(code: str) -> bool:
    from agendaparse.lang import LANGUAGES

    return code in LANGUAGES


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def convert_to_stdout(request: OneFile, say: Callable[[str], None] = _say) -> int:
    """Convert one file (``-``: stdin) to stdout; warnings and errors go to ``say`` as
    ``file:line:col: ...`` lines. Returns the exit code."""
    from agendaparse import api
    from agendaparse.errors import AgendaError

    try:
        if request.source == "-":
            agenda = api.parse_bytes(
                sys.stdin.buffer.read(), source="<stdin>", strict=request.strict, lang=request.lang
            )
        else:
            agenda = api.parse_file(request.source, strict=request.strict, lang=request.lang)
        json = request.to == "json"
        data = api.to_json(agenda).encode("utf-8") if json else api.to_akn(agenda)
    except AgendaError as exc:
        say(str(exc))
        return FAILED
    except Exception as exc:  # noqa: BLE001 - a bug: report it without a traceback
        say(f"{request.source}: internal error: {type(exc).__name__}: {exc}")
        return INTERNAL
    if not request.quiet:
        for d in agenda.diagnostics:
            where = f"{agenda.source or '<input>'}:{d.line}:{d.column}"
            say(f"{where}: {d.severity.value}: {d.kind}: {d.message}")
    try:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        # the reader went away (``| head``): nothing more can reach it, and Python's own
        # flush at exit must not fail on the closed pipe either
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return FAILED
    return OK


def main() -> None:
    """Entry point of the ``agendaparse`` script and ``python -m agendaparse``."""
    request = read_one_file(sys.argv[1:])
    if request is None:
        from agendaparse.cli import main as full_command_line

        full_command_line()
        return
    # this process converts one document and exits, and a conversion makes no reference
    # cycles: the cyclic garbage collector would only walk the document's objects over and
    # over (a third of the time of a 10 MB agenda); reference counting frees them all
    gc.disable()
    try:
        code = convert_to_stdout(request)
    except KeyboardInterrupt:
        _say("agendaparse: interrupted")
        code = INTERRUPTED
    sys.exit(code)
