"""How conversion time grows with the input: agendas of 100 KB, 1 MB and 10 MB, a document
collapsed onto one line of 1 MB, and one long section (the annotations' introduction grown
to 100 KB and 1 MB of paragraphs: a flat run of blocks under one rule).

    .venv/bin/python bench/scaling_bench.py

Prints the time of parse + to_akn (median of a few runs) and the growth from 1× to 10×.
Linear behaviour means about 10× the time for 10× the input. Then the 1 MB and 10 MB
agendas through the command line, ``agendaparse convert FILE --to akn`` in a fresh process
(start-up included), which converts with the cyclic garbage collector off.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import agendaparse

SEED = (ROOT / "samples" / "000_4e3058176b58efe6.txt").read_text(encoding="utf-8")
ANNOTATIONS = SEED.split("Annotations", 1)[1]


def agenda_of(size: int) -> str:
    """The seed with its annotations repeated until the text is ``size`` characters long."""
    parts = [SEED]
    total = len(SEED)
    while total < size:
        parts.append(ANNOTATIONS)
        total += len(ANNOTATIONS)
    return "\n".join(parts)[:size]


PARAGRAPH = "The Working Group will consider the matter and adopt a report on its work.\n\n"


def one_section_of(size: int) -> str:
    """The seed with paragraphs added after its annotations heading until the text is
    ``size`` characters long."""
    head, rest = SEED.split("Annotations", 1)
    count = max(0, (size - len(SEED)) // len(PARAGRAPH))
    return f"{head}Annotations\n\n{PARAGRAPH * count}{rest}"


def seconds(text: str, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        agendaparse.to_akn(agendaparse.parse(text))
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    agendaparse.parse(SEED)  # build the parser once, outside the timings
    rows = []
    for label, size, runs in (
        ("100 KB", 100_000, 5),
        ("1 MB", 1_000_000, 3),
        ("10 MB", 10_000_000, 1),
    ):
        rows.append((label, size, seconds(agenda_of(size), runs)))
    line = " ".join(agenda_of(1_000_000).split())
    rows.append(("1 MB, one line", len(line), seconds(line, 3)))
    for label, size, runs in (("100 KB, flat", 100_000, 5), ("1 MB, flat", 1_000_000, 3)):
        text = one_section_of(size)
        rows.append((label, len(text), seconds(text, runs)))
    print(f"{'input':<16}{'chars':>12}{'seconds':>10}{'MB/s':>8}")
    for label, size, secs in rows:
        print(f"{label:<16}{size:>12,}{secs:>10.3f}{size / 1e6 / secs:>8.2f}")
    growth = rows[2][2] / rows[1][2]
    print(f"\ngrowth from 1 MB to 10 MB: {growth:.1f}x the time for 10x the input")
    flat = rows[5][2] / rows[4][2]
    print(f"growth of one section from 100 KB to 1 MB: {flat:.1f}x the time for 10x the input")
    command_line(rows[1][2], rows[2][2])


def command_line(api_1mb: float, api_10mb: float) -> None:
    """The 1 MB and 10 MB agendas through ``agendaparse convert``, one process each."""
    script = shutil.which("agendaparse", path=str(Path(sys.executable).parent))
    if script is None:
        print("\n(agendaparse command not installed beside this Python: skipped)")
        return
    print(f"\n{'command line':<16}{'seconds':>10}{'in-process':>12}")
    with tempfile.TemporaryDirectory() as folder:
        for label, size, api in (("1 MB", 1_000_000, api_1mb), ("10 MB", 10_000_000, api_10mb)):
            path = Path(folder) / f"agenda-{label.replace(' ', '')}.txt"
            path.write_text(agenda_of(size), encoding="utf-8")
            start = time.perf_counter()
            subprocess.run(
                [script, "convert", str(path), "--to", "akn", "-q"],
                stdout=subprocess.DEVNULL,
                check=True,
            )
            print(f"{label:<16}{time.perf_counter() - start:>10.3f}{api:>12.3f}")


if __name__ == "__main__":
    main()
