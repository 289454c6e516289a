"""Command line: ``agendaparse show | convert | validate | schema``.

Data goes to stdout, messages to stderr; every error is one ``file:line:col: message``
line, never a traceback; exit codes are the named constants below.
"""

from __future__ import annotations

import enum
import os
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from agendaparse import api
from agendaparse.errors import AgendaError
from agendaparse.model import Agenda

# ---------------------------------------------------------------- exit codes

OK = 0
"""Everything asked for was done."""
PARTIAL = 1
"""Some inputs were converted, some failed (or validation found problems)."""
USAGE = 2
"""The command line was wrong (unknown option, missing file)."""
FAILED = 3
"""Nothing could be done: every input failed."""
INTERNAL = 4
"""A bug in agendaparse: please report it with the input."""
INTERRUPTED = 130
"""Stopped by Ctrl-C; no partial output was left behind."""

app = typer.Typer(
    name="agendaparse",
    help="Read UN agenda documents (plain text) into Akoma Ntoso 3.0 XML and JSON.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False)


class Format(enum.StrEnum):
    """Output formats of ``convert``."""

    akn = "akn"
    json = "json"


_SUFFIX = {Format.akn: ".xml", Format.json: ".json"}


def _fail(message: str, code: int) -> typer.Exit:
    err.print(message, markup=False, soft_wrap=True)
    return typer.Exit(code)


def _render(agenda: Agenda, fmt: Format) -> bytes:
    if fmt is Format.akn:
        return api.to_akn(agenda)
    return api.to_json(agenda).encode("utf-8")


def _read(path: str, strict: bool, lang: str | None) -> Agenda:
    if path == "-":
        return api.parse_bytes(sys.stdin.buffer.read(), source="<stdin>", strict=strict, lang=lang)
    return api.parse_file(path, strict=strict, lang=lang)


def _warn(agenda: Agenda, quiet: bool) -> None:
    if quiet:
        return
    for d in agenda.diagnostics:
        where = f"{agenda.source or '<input>'}:{d.line}:{d.column}"
        err.print(
            f"{where}: {d.severity.value}: {d.kind}: {d.message}", markup=False, soft_wrap=True
        )


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass(frozen=True, slots=True)
class _Job:
    """One input and where its output goes (relative to --out)."""

    source: str
    relative: Path


def _jobs(paths: list[str]) -> Iterator[_Job]:
    for raw in paths:
        if raw == "-":
            yield _Job("-", Path("stdin"))
            continue
        path = Path(raw)
        if path.is_dir():
            for found in sorted(path.rglob("*.txt")):
                if found.is_file():
                    relative = found.relative_to(path)
                    yield _Job(str(found), relative.parent / relative.stem)
        else:
            yield _Job(raw, Path(path.stem))


StrictOption = Annotated[bool, typer.Option("--strict", help="Fail on anything not understood.")]
LangOption = Annotated[
    str | None, typer.Option(help="Language code (eng, fra, spa) instead of detecting it.")
]


@app.command()
def show(
    file: Annotated[str, typer.Argument(help="Agenda text file ('-' for stdin).")],
    strict: StrictOption = False,
    lang: LangOption = None,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colours (for logs and files).")
    ] = False,
    width: Annotated[int | None, typer.Option(help="Width of the view in columns.")] = None,
) -> None:
    """Draw the document as a tree, with warnings underneath."""
    from agendaparse.tree_view import build_tree

    try:
        agenda = _read(file, strict, lang)
    except AgendaError as exc:
        raise _fail(str(exc), FAILED) from None
    console = Console(width=width, no_color=no_color, emoji=False, highlight=False)
    console.print(build_tree(agenda))
    if agenda.diagnostics:
        console.print(f"\n[bold yellow]{len(agenda.diagnostics)} warning(s)[/]")
        for d in agenda.diagnostics:
            console.print(
                f"  line {d.line}:{d.column}  [yellow]{d.kind}[/]  {escape(d.message)}", markup=True
            )


@app.command()
def convert(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (searched for *.txt) or '-'.")],
    to: Annotated[Format, typer.Option("--to", help="Output format.")] = Format.akn,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder.")] = None,
    strict: StrictOption = False,
    lang: LangOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No warnings, no progress, no summary.")
    ] = False,
) -> None:
    """Convert agenda texts to Akoma Ntoso or JSON.

    With --out, FILE is written as OUT/<stem>.xml (or .json) and a file found in a folder
    keeps its path relative to that folder. A single input without --out goes to stdout.
    """
    jobs = list(_jobs(paths))
    if not jobs:
        raise _fail("agendaparse: no input files found", USAGE)
    if out is None and len(jobs) > 1:
        raise _fail("agendaparse: several inputs need --out DIR", USAGE)
    for job in jobs:
        if job.source != "-" and not Path(job.source).exists():
            raise _fail(f"{job.source}: no such file or folder", USAGE)
    done = failed = 0
    try:
        for job in _progress(jobs, quiet):
            try:
                agenda = _read(job.source, strict, lang)
                data = _render(agenda, to)
            except AgendaError as exc:
                failed += 1
                err.print(str(exc), markup=False, soft_wrap=True)
                continue
            except Exception as exc:  # noqa: BLE001 - a bug: report it, go on with the batch
                failed += 1
                err.print(
                    f"{job.source}: internal error: {type(exc).__name__}: {exc}",
                    markup=False,
                    soft_wrap=True,
                )
                continue
            _warn(agenda, quiet)
            if out is None:
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            else:
                target = out / job.relative.parent / (job.relative.name + _SUFFIX[to])
                write_atomic(target, data)
            done += 1
    except KeyboardInterrupt:
        raise _fail("agendaparse: interrupted", INTERRUPTED) from None
    if not quiet and len(jobs) > 1:
        err.print(f"{done} converted, {failed} failed", markup=False, soft_wrap=True)
    if failed:
        raise typer.Exit(PARTIAL if done else FAILED)


def _progress(jobs: list[_Job], quiet: bool) -> Iterator[_Job]:
    if quiet or len(jobs) < 20 or not err.is_terminal:
        yield from jobs
        return
    from rich.progress import track

    yield from track(jobs, description="Converting", console=err, transient=True)


@app.command()
def validate(
    files: Annotated[list[Path], typer.Argument(help="Akoma Ntoso XML files.")],
) -> None:
    """Check files against the official AKN schema and the rules it cannot check."""
    from agendaparse.validate import validate_file

    bad = 0
    for path in files:
        try:
            problems = validate_file(path)
        except AgendaError as exc:
            bad += 1
            err.print(str(exc), markup=False, soft_wrap=True)
            continue
        for p in problems:
            err.print(
                f"{path}:{p.line}:{p.column}: {p.rule}: {p.message}", markup=False, soft_wrap=True
            )
        if problems:
            bad += 1
        else:
            err.print(f"{path}: valid", markup=False, soft_wrap=True)
    if bad:
        raise typer.Exit(PARTIAL)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the JSON output."""
    from agendaparse.json_emitter import schema_json

    sys.stdout.write(schema_json())


def main() -> None:
    """Entry point of the ``agendaparse`` script and ``python -m agendaparse``."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("agendaparse: interrupted", markup=False, soft_wrap=True)
        sys.exit(INTERRUPTED)
