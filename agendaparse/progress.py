"""The progress bar of ``convert --out`` on a terminal.

A module of its own so that ``rich.progress`` is imported only when a bar is shown: every
other command, and a batch writing to a file or run with ``--quiet``, starts without it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
)
from rich.progress import Task as ProgressTask
from rich.text import Text


class FilesPerSecond(ProgressColumn):
    """Files converted per second."""

    def render(self, task: ProgressTask) -> Text:
        speed = task.finished_speed or task.speed
        return Text("- files/s" if speed is None else f"{speed:.1f} files/s")


def progress_bar(console: Console) -> Progress:
    """The bar, drawn on ``console``; a task's ``failed`` field counts the failures so far."""
    return Progress(
        TextColumn("Converting"),
        BarColumn(),
        MofNCompleteColumn(),
        FilesPerSecond(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        TextColumn("{task.fields[failed]} failed"),
        console=console,
        transient=True,
    )


def count_in_background(progress: Progress, task: TaskID, count: Callable[[], int]) -> None:
    """Count the inputs while they are converted, so the bar can show a total and ETA."""

    def run() -> None:
        try:
            total = count()
        except Exception:  # noqa: BLE001 - the bar just stays without a total
            return
        progress.update(task, total=total)

    threading.Thread(target=run, name="agendaparse-count", daemon=True).start()
