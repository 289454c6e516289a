"""Which Python to install agendaparse in: the reference agenda converted on each CPython.

    .venv/bin/python bench/interpreter_bench.py [--rounds N] [--json FILE] [PYTHON ...]

Each interpreter given (by default: this one, and every other build of CPython 3.11 or newer
found -- in ``~/.pyenv/versions``, and as ``python3.1x`` in every folder on PATH and in
``/usr/bin`` and ``/usr/local/bin``) gets a virtual environment under
``bench/.interp-venvs/<version>-<build>``, created on first use, with the project installed
in it as a user installs it (``pip install <project>``, not editable; installed again at
every run, so that the code measured is the code as it is now); this interpreter uses its
own environment. A build is an installation (``sys.base_prefix``) and its version: two
builds of one version count twice -- how an interpreter was compiled and linked matters as
much as its version (a distribution's statically linked 3.11 against pyenv's, whose
``libpython`` is a shared library) -- and each is reported with whether its ``libpython``
is a shared library loaded at run time. A round runs, in a fresh process for each
interpreter in turn, the same loop: ``agendaparse.to_akn(agendaparse.parse(seed))`` 200
times to warm up, then 15 batches of 200, timing each batch; the round's figure is the
median batch time over 200. The rounds alternate the interpreters, so that a change in the
machine's load falls on all of them; the result is the median of the rounds, with their
range, and each interpreter's time over the first one's.
"""

from __future__ import annotations

import argparse
import glob
import hashlib
import json
import os
import platform
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

# (bench/ is this script's folder: first on its path)
from perf_bench import PROBE_SOURCE, cpu_model, linkage_label

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "samples" / "000_4e3058176b58efe6.txt"
VENVS = ROOT / "bench" / ".interp-venvs"

LOOP = r"""
import statistics, sys, time
import agendaparse
text = open(sys.argv[1], encoding="utf-8").read()
def one():
    return agendaparse.to_akn(agendaparse.parse(text))
for _ in range(200):
    one()
batches = []
for _ in range(15):
    start = time.perf_counter()
    for _ in range(200):
        one()
    batches.append((time.perf_counter() - start) / 200)
print(sys.version.split()[0], statistics.median(batches))
"""


def note(message: str) -> None:
    print(f"  {message}", file=sys.stderr, flush=True)


PROBE = (
    PROBE_SOURCE
    + r"""
import json, os, sys
print(json.dumps({"implementation": sys.implementation.name,
                  "version": list(sys.version_info[:3]),
                  "prefix": os.path.realpath(sys.base_prefix), "shared": libpython_shared()}))
"""
)


class Build(NamedTuple):
    """What an interpreter is: its version, its installation and how it was linked."""

    version: tuple[int, ...]
    prefix: str  # sys.base_prefix, real path: the installation (a venv's is its base's)
    shared: bool | None  # libpython a shared library (None: not known on this system)

    @property
    def name(self) -> str:
        """The version and the installation's digest: the name of its venv."""
        digest = hashlib.sha1(self.prefix.encode()).hexdigest()[:8]
        return f"{'.'.join(map(str, self.version))}-{digest}"


def build_of(python: str) -> Build | None:
    """The interpreter's build, if it is a CPython that runs."""
    try:
        out = subprocess.run(
            [python, "-c", PROBE], check=False, capture_output=True, text=True, timeout=30
        ).stdout
        facts = json.loads(out)
    except (OSError, subprocess.SubprocessError, ValueError):
        return None
    if not isinstance(facts, dict) or facts.get("implementation") != "cpython":
        return None
    return Build(tuple(facts["version"]), facts["prefix"], facts["shared"])


def found_interpreters() -> list[str]:
    """This interpreter, then every other build of CPython >= 3.11 found."""
    folders = [*os.get_exec_path(), "/usr/bin", "/usr/local/bin"]
    candidates = [
        *sorted(glob.glob(os.path.expanduser("~/.pyenv/versions/3.*/bin/python3"))),
        *(
            os.path.join(folder, f"python3.{minor}")
            for minor in range(11, 20)
            for folder in dict.fromkeys(folders)  # each folder once, in PATH's order
        ),
    ]
    chosen = [sys.executable]
    this = build_of(sys.executable)
    seen = {this[:2]} if this is not None else set()
    for candidate in candidates:
        if not os.access(candidate, os.X_OK):
            continue
        build = build_of(candidate)  # (a pyenv shim of a version not selected fails here)
        if build is None or build.version < (3, 11) or build[:2] in seen:
            continue
        seen.add(build[:2])
        chosen.append(candidate)
    return chosen


def environment(python: str) -> tuple[str | None, Build | None, str]:
    """The python to run the loop with: this one, or a venv's with the project installed
    as its source is now (the venv made on first use, the project installed again at every
    run: a copy left from an earlier run would measure earlier code); its build; None and
    the reason when that fails."""
    build = build_of(python)
    if python == sys.executable:
        return python, build, "this interpreter"
    if build is None:
        return None, None, f"{python}: not a CPython that runs"
    venv = VENVS / build.name
    venv_python = venv / "bin" / "python"
    pip = [str(venv_python), "-m", "pip", "-q", "--disable-pip-version-check"]
    commands = [[*pip, "uninstall", "-y", "agendaparse"], [*pip, "install", str(ROOT)]]
    how = f"{venv.relative_to(ROOT)}, the project installed again"
    if not venv_python.exists():
        note(f"creating {venv.relative_to(ROOT)} (one-off)")
        commands[0] = [python, "-m", "venv", str(venv)]
        how = f"{venv.relative_to(ROOT)} (created)"
    for command in commands:
        done = subprocess.run(command, check=False, capture_output=True, text=True, timeout=900)
        if done.returncode != 0:
            return None, build, f"{' '.join(command[:4])}: {done.stderr.strip()[-300:]}"
    return str(venv_python), build, how


def one_round(python: str) -> tuple[str, float]:
    """(version, median seconds per conversion) of one fresh process running the loop.

    Raises:
        RuntimeError: the process failed or printed something else (why, in the message).
    """
    try:
        done = subprocess.run(
            [python, "-c", LOOP, str(SEED)],
            check=False,
            capture_output=True,
            text=True,
            timeout=600,
            cwd=str(ROOT.parent),  # not the project folder: the installed package is measured
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise RuntimeError(f"{type(exc).__name__}: {exc}") from exc
    out = done.stdout.split()
    if done.returncode != 0 or len(out) != 2:
        raise RuntimeError(f"exit {done.returncode}: {done.stderr.strip()[-300:]}")
    return out[0], float(out[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pythons", nargs="*", help="interpreters (default: those found)")
    parser.add_argument("--rounds", type=int, default=5, help="alternated rounds (default 5)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()

    runnable: list[tuple[str, str]] = []  # (interpreter given, python to run)
    builds: dict[str, Build | None] = {}
    for python in args.pythons or found_interpreters():
        run, builds[python], how = environment(python)
        note(f"{python}: {how}")
        if run is not None:
            runnable.append((python, run))
    if not runnable:
        print("no interpreter could run the loop", file=sys.stderr)
        return 1

    times: dict[str, list[float]] = {python: [] for python, _ in runnable}
    versions: dict[str, str] = {}
    for r in range(args.rounds):
        note(f"round {r + 1}/{args.rounds}")
        for python, run in list(runnable):
            try:
                versions[python], seconds = one_round(run)
            except RuntimeError as exc:  # one interpreter failing leaves the others measured
                note(f"{python}: left out ({exc})")
                runnable.remove((python, run))
                del times[python]
                continue
            times[python].append(seconds)
    if not runnable:
        print("no interpreter could run the loop", file=sys.stderr)
        return 1

    print("agendaparse on each interpreter: the reference agenda -> AKN, in-process")
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, {cpu_model() or 'CPU unknown'}")
    print(f"{args.rounds} alternated rounds, each the median of 15 batches of 200 conversions\n")
    first = statistics.median(times[runnable[0][0]])
    rows: list[dict[str, Any]] = []
    for python, _ in runnable:
        median = statistics.median(times[python])
        low, high = min(times[python]), max(times[python])
        build = builds[python]
        linkage = linkage_label(build.shared if build is not None else None)
        rows.append(
            {
                "interpreter": python,
                "version": versions[python],
                "installation": build.prefix if build is not None else None,
                "libpython_shared": build.shared if build is not None else None,
                "median_s": median,
                "round_medians_s": times[python],
                "over_first": median / first,
            }
        )
        print(
            f"CPython {versions[python]:8s} {median * 1e3:6.3f} ms"
            f"  (rounds {low * 1e3:.3f}-{high * 1e3:.3f})  {median / first:5.2f}x the first"
            f"  [{linkage}; {build.prefix if build is not None else python}]"
        )
    if args.json:
        args.json.write_text(json.dumps({"rounds": args.rounds, "results": rows}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
