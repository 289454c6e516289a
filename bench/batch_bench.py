"""Batch benchmark: ``convert -j1`` against ``-j2``, and the batch path against the API.

    .venv/bin/python bench/batch_bench.py [--files 1000] [--repeat 2] [--keep DIR]

Makes ``--files`` seed-sized agendas (samples/000_4e3058176b58efe6.txt with small
variations: the date, a document symbol, an item title) in ten subfolders of a temporary
folder, then times, round after round (the best of ``--repeat`` rounds is kept):

- the in-process API, ``agendaparse.parse`` + ``to_akn`` on each file's text (no writing);
- the same from ``parse_file`` (bytes, encoding detection) with a plain write of the output;
- ``convert_many(jobs=1)`` in this process (hashing, atomic writes, manifest);
- the command line ``convert DIR --to akn --out OUT -j1 --force --quiet``, and ``-j2``;
- a rerun of the command line with everything up to date (all skipped);

and prints a table (seconds, files/s, ms per file), the ``-j1``/``-j2`` ratio (2 cores
should give about 1.7x or more) and the per-file overhead of the command line's batch path
over the bare API. Nothing is asserted: the figures are for people.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "000_4e3058176b58efe6.txt"


def make_inputs(folder: Path, count: int) -> list[Path]:
    """``count`` variations of the seed agenda, 10 subfolders."""
    seed = SEED.read_text(encoding="utf-8")
    files = []
    for i in range(count):
        text = seed.replace("5 March 2009", f"{1 + i % 28} March {1990 + i % 30}", 1)
        text = text.replace("WG.4/2009/CRP.1", f"WG.4/2009/CRP.{i + 1}", 1)
        text = text.replace("Opening of the meeting", f"Opening of the meeting ({i})", 1)
        path = folder / f"part{i % 10:02d}" / f"{i:05d}_agenda.{i % 7}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def best(repeat: int, run: Callable[[], None]) -> float:
    """The best wall time of ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def api_only(files: list[Path]) -> None:
    import agendaparse

    for path in files:
        agendaparse.to_akn(agendaparse.parse(path.read_text(encoding="utf-8"), source=str(path)))


def api_and_write(files: list[Path], out: Path) -> None:
    """The API plus a plain write of each output: what any script would do at least."""
    import agendaparse

    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for i, path in enumerate(files):
        xml = agendaparse.to_akn(agendaparse.parse_file(path))
        (out / f"{i}.xml").write_bytes(xml)


def convert_many_j1(src: Path, out: Path) -> None:
    import agendaparse

    shutil.rmtree(out, ignore_errors=True)
    for result in agendaparse.convert_many([src], out=out, jobs=1, force=True):
        if not result.ok:
            raise SystemExit(f"failed: {result.error}")


def cli(src: Path, out: Path, jobs: int, *, fresh: bool = True) -> None:
    if fresh:
        shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "agendaparse", "convert", str(src), "--to", "akn"]
    cmd += ["--out", str(out), "-j", str(jobs), "--quiet"]
    if fresh:
        cmd.append("--force")
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited {proc.returncode}:\n{proc.stderr[-2000:]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--files", type=int, default=1000, help="how many inputs (default 1000)")
    ap.add_argument("--repeat", type=int, default=2, help="rounds of runs, best kept (default 2)")
    ap.add_argument("--keep", type=Path, help="make the files here and keep them")
    args = ap.parse_args()

    from rich.console import Console
    from rich.table import Table

    console = Console()
    work = args.keep or Path(tempfile.mkdtemp(prefix="agendaparse-bench-"))
    try:
        src = work / "in"
        shutil.rmtree(src, ignore_errors=True)
        files = make_inputs(src, args.files)
        n = len(files)
        cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
        console.print(f"{n} files of about {SEED.stat().st_size:,} bytes in {src}; {cpus} CPU(s)")
        if hasattr(os, "getloadavg"):
            load = os.getloadavg()[0]
            console.print(
                f"load average before the runs: {load:.2f}"
                + (
                    " (something else may be running: the -j2 figure may suffer)"
                    if load > 1
                    else ""
                )
            )

        api_only(files[:20])  # grammar built, caches warm: time the steady state
        runs: list[tuple[str, Callable[[], None]]] = [
            ("API parse + to_akn, in process", lambda: api_only(files)),
            (
                "API parse_file + to_akn + plain write",
                lambda: api_and_write(files, work / "out-plain"),
            ),
            ("convert_many(jobs=1), in process", lambda: convert_many_j1(src, work / "out-api")),
            ("CLI convert -j1", lambda: cli(src, work / "out-j1", 1)),
            ("CLI convert -j2", lambda: cli(src, work / "out-j2", 2)),
            (
                "CLI convert -j2, rerun (all up to date)",
                lambda: cli(src, work / "out-j2", 2, fresh=False),
            ),
        ]
        # round after round, so that a slow spell of the machine hits every kind alike
        times: dict[str, float] = {}
        for _ in range(args.repeat):
            for name, run in runs:
                times[name] = min(times.get(name, float("inf")), best(1, run))
        rows = list(times.items())
        api, plain, many, j1, j2 = (seconds for _, seconds in rows[:5])

        table = Table(title=f"agendaparse batch benchmark, {n} files")
        table.add_column("run")
        table.add_column("seconds", justify="right")
        table.add_column("files/s", justify="right")
        table.add_column("ms/file", justify="right")
        for name, seconds in rows:
            table.add_row(name, f"{seconds:.2f}", f"{n / seconds:.1f}", f"{1000 * seconds / n:.2f}")
        console.print(table)
        ratio = j1 / j2
        verdict = "as expected" if ratio >= 1.7 else "below the 1.7x expected on 2 cores"
        console.print(f"-j1 / -j2 speed-up: {ratio:.2f}x ({verdict}; {cpus} CPU(s) here)")
        console.print(
            "per-file overhead of the CLI batch path (-j1) over the in-process API: "
            f"{1000 * (j1 - api) / n:+.2f} ms/file "
            f"({100 * (j1 - api) / api:+.1f}%, interpreter start-up included), of which"
        )
        console.print(
            f"  reading bytes and writing the output {1000 * (plain - api) / n:+.2f} ms/file, "
            f"convert_many's own work (sha256, atomic rename, manifest) "
            f"{1000 * (many - plain) / n:+.2f} ms/file, "
            f"the command (start-up, walking, summary) {1000 * (j1 - many) / n:+.2f} ms/file "
            "(differences under about 0.5 ms/file are within run-to-run noise)"
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
