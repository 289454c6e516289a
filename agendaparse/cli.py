"""Command line: ``agendaparse show | convert | validate | schema``.

Data goes to stdout, messages to stderr; every error is one ``file:line:col: message``
line, never a traceback; exit codes are the named constants below.
"""

from __future__ import annotations

import contextlib
import csv
import enum
import itertools
import signal
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape

from agendaparse import api, batch

# the exit codes are defined with the script's entry point, which must not import typer
from agendaparse.entry import (
    FAILED,
    INTERNAL,
    INTERRUPTED,
    OK,
    PARTIAL,
    USAGE,
    OneFile,
    convert_to_stdout,
)
from agendaparse.errors import AgendaError
from agendaparse.model import Agenda

write_atomic = batch.write_atomic
"""Kept importable from here: see :func:`agendaparse.batch.write_atomic`."""

app = typer.Typer(
    name="agendaparse",
    help="Read UN agenda documents (plain text) into Akoma Ntoso 3.0 XML and JSON.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, emoji=False)


class Format(enum.StrEnum):
    """Output formats of ``convert``."""

    akn = "akn"
    json = "json"
    both = "both"


class Executor(enum.StrEnum):
    """Where ``convert`` runs its conversions."""

    local = "local"
    dask = "dask"


def _fail(message: str, code: int) -> typer.Exit:
    err.print(message, markup=False, soft_wrap=True)
    return typer.Exit(code)


def _say(message: str) -> None:
    err.print(message, markup=False, soft_wrap=True, highlight=False)


def _read(path: str, strict: bool, lang: str | None) -> Agenda:
    if path == "-":
        return api.parse_bytes(sys.stdin.buffer.read(), source="<stdin>", strict=strict, lang=lang)
    return api.parse_file(path, strict=strict, lang=lang)


StrictOption = Annotated[bool, typer.Option("--strict", help="Fail on anything not understood.")]
LangOption = Annotated[
    str | None,
    typer.Option(help="Language (eng, fra, spa, rus, ara, zho) instead of detecting it."),
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
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (searched recursively) or '-'.")
    ],
    to: Annotated[Format, typer.Option("--to", help="Output format.")] = Format.akn,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Output folder.")] = None,
    glob: Annotated[str, typer.Option("--glob", help="File-name pattern for folders.")] = "*.txt",
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Worker processes [default: the CPU count]."),
    ] = None,
    executor: Annotated[
        Executor, typer.Option("--executor", help="Local process pool, or a Dask cluster.")
    ] = Executor.local,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address, e.g. tcp://host:8786."),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Convert again even if the outputs are up to date.")
    ] = False,
    fail_fast: Annotated[
        bool, typer.Option("--fail-fast", help="Stop at the first input that fails.")
    ] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Also write a CSV report to this file.")
    ] = None,
    strict: StrictOption = False,
    lang: LangOption = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No warnings, no progress, no summary.")
    ] = False,
) -> None:
    """Convert agenda texts to Akoma Ntoso or JSON.

    With --out, FILE is written as OUT/<stem>.xml (or .json) and a file found in a folder
    keeps its path relative to that folder; OUT/agendaparse-manifest.jsonl records every
    input, and a rerun skips the inputs whose outputs are up to date. A single input
    without --out goes to stdout.
    """
    from agendaparse.lang import LANGUAGES

    if lang is not None and lang not in LANGUAGES:
        raise _fail(f"agendaparse: unknown language {lang!r}; known: {', '.join(LANGUAGES)}", USAGE)
    if scheduler is not None and executor is not Executor.dask:
        raise _fail("agendaparse: --scheduler needs --executor dask", USAGE)
    for raw in paths:
        if raw != "-" and not Path(raw).exists():
            raise _fail(f"{raw}: no such file or folder", USAGE)
    if out is None:
        found = list(itertools.islice(batch.iter_inputs(paths, glob=glob), 2))
        if not found:
            raise _fail("agendaparse: no input files found", USAGE)
        if len(found) > 1:
            raise _fail("agendaparse: several inputs need --out DIR", USAGE)
        if to is Format.both:
            raise _fail("agendaparse: --to both needs --out DIR", USAGE)
        raise typer.Exit(_convert_to_stdout(found[0], to, strict, lang, quiet))
    if out.exists() and not out.is_dir():
        raise _fail(f"{out}: --out must be a folder", USAGE)
    if next(batch.iter_inputs(paths, glob=glob, exclude=out), None) is None:
        raise _fail("agendaparse: no input files found", USAGE)
    options = _BatchOptions(
        paths=paths,
        out=out,
        to=to,
        glob=glob,
        jobs=jobs,
        executor=executor,
        scheduler=scheduler,
        force=force,
        fail_fast=fail_fast,
        report=report,
        strict=strict,
        lang=lang,
        quiet=quiet,
    )
    raise typer.Exit(_convert_batch(options))


def _convert_to_stdout(
    item: batch.Input, to: Format, strict: bool, lang: str | None, quiet: bool
) -> int:
    if item.error is not None:
        _say(f"{item.source}: {item.error}")
        return FAILED
    return convert_to_stdout(OneFile(item.source, to.value, strict, lang, quiet), say=_say)


@dataclass(frozen=True, slots=True)
class _BatchOptions:
    paths: list[str]
    out: Path
    to: Format
    glob: str
    jobs: int | None
    executor: Executor
    scheduler: str | None
    force: bool
    fail_fast: bool
    report: Path | None
    strict: bool
    lang: str | None
    quiet: bool


REPORT_COLUMNS = (
    "input",
    "status",
    "outputs",
    "output_sha256",
    "input_sha256",
    "warnings",
    "warning_kinds",
    "seconds",
    "error",
)
"""Columns of the ``--report`` CSV (several outputs or kinds are joined with ``;``)."""


def _report_row(result: batch.Result) -> list[str]:
    return [
        result.input,
        result.status.value,
        ";".join(o.path for o in result.outputs),
        ";".join(o.sha256 for o in result.outputs),
        result.input_sha256 or "",
        str(result.warnings),
        ";".join(result.warning_kinds),
        f"{result.seconds:.6f}",
        result.error or "",
    ]


@dataclass
class _Tally:
    """What the summary needs: counts only, so memory does not grow with the batch."""

    converted: int = 0
    skipped: int = 0
    failed: int = 0
    warnings: int = 0
    seconds: float = 0.0
    kinds: Counter[str] = field(default_factory=Counter)
    first_failures: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return self.converted + self.skipped + self.failed

    def add(self, result: batch.Result) -> None:
        if result.status is batch.Status.converted:
            self.converted += 1
            self.warnings += result.warnings
            self.kinds.update(result.warning_kinds)
        elif result.status is batch.Status.skipped:
            self.skipped += 1
        else:
            self.failed += 1
            if len(self.first_failures) < _LISTED_FAILURES:
                self.first_failures.append(result.input)
        self.seconds += result.seconds

    def code(self) -> int:
        if not self.failed:
            return OK
        return PARTIAL if self.converted + self.skipped else FAILED


_LISTED_FAILURES = 10


def _summary(tally: _Tally, elapsed: float, manifest: Path, stopped: str | None) -> None:
    from rich.table import Table

    rate = tally.total / elapsed if elapsed > 0 else 0.0
    table = Table(
        title=f"{tally.total} input(s) in {elapsed:.1f} s ({rate:.1f} files/s)",
        title_justify="left",
        show_header=False,
    )
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_column("detail", overflow="fold")
    table.add_row("[green]converted[/]", str(tally.converted), "")
    table.add_row("skipped", str(tally.skipped), "up to date")
    failed = ", ".join(escape(name) for name in tally.first_failures)
    if tally.failed > len(tally.first_failures):
        failed += f", ... ({tally.failed - len(tally.first_failures)} more)"
    table.add_row("[red]failed[/]" if tally.failed else "failed", str(tally.failed), failed)
    kinds = ", ".join(
        f"{escape(kind)} ({n} file{'s' if n > 1 else ''})" for kind, n in tally.kinds.most_common()
    )
    table.add_row("warnings", str(tally.warnings), kinds)
    err.print(table)
    if stopped:
        _say(f"stopped: {stopped}")
    _say(f"manifest: {manifest}")


def _on_sigterm(_signum: int, _frame: object) -> None:
    raise KeyboardInterrupt


def _convert_batch(options: _BatchOptions) -> int:
    """Convert many inputs into --out; the exit code."""
    try:
        report = None if options.report is None else options.report.open("w", newline="")
    except OSError as exc:
        _say(f"{options.report}: cannot write the report: {exc.strerror or exc}")
        return USAGE
    tally = _Tally()
    stopped: str | None = None
    code: int | None = None
    started = time.perf_counter()
    try:
        writer = None if report is None else csv.writer(report)
        if writer is not None:
            writer.writerow(REPORT_COLUMNS)
        results = batch.convert_many(
            options.paths,
            out=options.out,
            to=options.to.value,
            jobs=options.jobs,
            strict=options.strict,
            lang=options.lang,
            force=options.force,
            executor=options.executor.value,
            scheduler=options.scheduler,
            glob=options.glob,
        )
        progress = None
        if not options.quiet and err.is_terminal:
            from agendaparse.progress import count_in_background, progress_bar

            progress = progress_bar(err)
        sigterm = _catch_sigterm()
        try:
            with progress if progress is not None else contextlib.nullcontext():
                bar = None if progress is None else progress.add_task("convert", failed=0)
                if progress is not None and bar is not None:
                    count_in_background(
                        progress,
                        bar,
                        partial(
                            batch.count_inputs,
                            options.paths,
                            glob=options.glob,
                            exclude=options.out,
                        ),
                    )
                for result in results:
                    tally.add(result)
                    if progress is not None and bar is not None:
                        progress.update(bar, advance=1, failed=tally.failed)
                    if not options.quiet:
                        for message in result.messages:
                            _say(message)
                    if result.error is not None:
                        _say(result.error)
                    if writer is not None and report is not None:
                        writer.writerow(_report_row(result))
                        report.flush()
                    if options.fail_fast and not result.ok:
                        stopped = f"--fail-fast: {result.input} failed"
                        break
        except KeyboardInterrupt:
            stopped = "interrupted"
            code = INTERRUPTED
        finally:
            try:
                results.close()
            finally:
                _restore_sigterm(sigterm)
    except batch.BatchError as exc:
        _say(f"agendaparse: {exc}")
        return FAILED
    except OSError as exc:
        _say(f"agendaparse: {exc.filename or options.out}: {exc.strerror or exc}")
        return FAILED
    except Exception as exc:  # noqa: BLE001 - a bug: report it without a traceback
        _say(f"agendaparse: internal error: {type(exc).__name__}: {exc}")
        return INTERNAL
    finally:
        if report is not None:
            report.close()
    if not options.quiet and (tally.total > 1 or stopped):
        _summary(tally, time.perf_counter() - started, options.out / batch.MANIFEST_NAME, stopped)
    if code == INTERRUPTED:
        _say("agendaparse: interrupted")
        return INTERRUPTED
    return tally.code()


def _catch_sigterm() -> Any:
    """Treat SIGTERM like Ctrl-C while converting: running conversions finish, the
    manifest is closed, nothing is left half-written."""
    try:
        return signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread
        return None


def _restore_sigterm(previous: Any) -> None:
    if previous is not None:
        signal.signal(signal.SIGTERM, previous)


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
