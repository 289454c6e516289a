"""Converting whole archives: many inputs, in parallel, atomically, resumably, with a manifest.

    for result in agendaparse.convert_many(["archive/"], out="converted", jobs=4):
        print(result.input, result.status, result.seconds)

One job function, :func:`convert_one`, turns one input into its output files and returns a
small, picklable :class:`Result`. Two executors run it: a local process pool
(``executor="local"``; with one job it runs in this process) and a Dask distributed cluster
(``executor="dask"``, the optional extra ``agendaparse[dask]``). Either way:

- inputs are streamed (folders walked lazily, at most ``2 x jobs`` groups of at most 8
  inputs in flight), so memory does not grow with the number of files;
- every output is written to a temporary file and renamed into place
  (:func:`write_atomic`), so no output file is ever half-written;
- ``OUT/agendaparse-manifest.jsonl`` gets one JSON line per input as soon as it is done
  (appended and flushed, so it survives a crash); a rerun skips the inputs whose record
  shows the same input sha256, tool version and options (format, strict, lang) and whose
  outputs are still there with the recorded sha256 -- timestamps are never looked at.
"""

from __future__ import annotations

import contextlib
import enum
import errno
import fnmatch
import hashlib
import importlib
import itertools
import json
import os
import queue
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Protocol

from agendaparse.errors import AgendaError

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

__all__ = [
    "FORMATS",
    "MANIFEST_NAME",
    "BatchError",
    "Input",
    "Output",
    "Result",
    "Status",
    "Task",
    "convert_many",
    "convert_one",
    "count_inputs",
    "iter_inputs",
    "write_atomic",
]

MANIFEST_NAME = "agendaparse-manifest.jsonl"
"""The manifest's file name inside the output folder."""
TMP_DIR_NAME = ".agendaparse-tmp"
"""Where a batch writes its temporary files (inside the output folder)."""
FORMATS: dict[str, tuple[str, ...]] = {"akn": ("akn",), "json": ("json",), "both": ("akn", "json")}
"""``to`` values and the output formats each one writes."""
SUFFIX = {"akn": ".xml", "json": ".json"}
EXECUTORS = ("local", "dask")

WINDOW_PER_JOB = 2
"""Groups of inputs in flight per worker: enough to keep workers busy, few enough to stay
small."""
GROUP_FILES = 8
"""At most this many inputs go to a worker at once: one message each way for the group
rather than for every input (the parent's share of the work per input, which bounds how
many workers it can keep busy, falls by about that much)."""
GROUP_BYTES = 1 << 20
"""...and at most this much input (about 0.1 s of converting), so that a group of large
files does not keep one worker busy while the others wait, and Ctrl-C is not kept waiting."""


class BatchError(Exception):
    """A batch could not start or go on (output folder unusable, scheduler unreachable)."""


# ---------------------------------------------------------------- atomic writes

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def write_atomic(path: Path, data: bytes, *, tmp_dir: Path | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file renamed into place.

    The temporary file is made in ``tmp_dir`` (same file system) or beside ``path``; on any
    error, Ctrl-C included, it is removed and ``path`` is left as it was. The file gets the
    usual permissions (0666 less the umask), not the private ones of a temporary file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    where = path.parent if tmp_dir is None else tmp_dir
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=where)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o666 & ~_UMASK)
            handle.write(data)
        try:
            os.replace(tmp, path)
        except OSError as exc:
            if tmp_dir is None or exc.errno != errno.EXDEV:
                raise
            # the output folder spans file systems: write beside the target instead
            Path(tmp).unlink(missing_ok=True)
            write_atomic(path, data)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---------------------------------------------------------------- inputs


@dataclass(frozen=True, slots=True)
class Input:
    """One input found on the command line or in a folder.

    ``target`` is where its outputs go, relative to the output folder and without the
    suffix (``sub/001_TD_TIMBER.3_1`` -> ``sub/001_TD_TIMBER.3_1.xml``).
    """

    source: str
    target: str
    error: str | None = None


def _stem(name: str) -> str:
    """``PurePath(name).stem`` without building a path: only the last suffix goes
    (``001_TD_TIMBER.3_1.txt`` -> ``001_TD_TIMBER.3_1``)."""
    dot = name.rfind(".")
    return name[:dot] if 0 < dot < len(name) - 1 else name


def _walk(root: Path, pattern: str, skip: tuple[int, int] | None) -> Iterator[Input]:
    """Files under ``root`` whose name matches ``pattern``, depth first, each folder sorted
    by name. Holds one folder listing per level, never the whole tree; symlinked folders
    are followed once. Paths are plain strings here: pathlib would intern every name."""
    seen: set[tuple[int, int]] = set()

    def visit(directory: str, relative: str) -> Iterator[Input]:
        try:
            st = os.stat(directory)
            ident = (st.st_dev, st.st_ino)
            if ident in seen:
                return
            seen.add(ident)
            with os.scandir(directory) as it:
                entries = sorted((e.name, e.is_dir()) for e in it)
        except OSError as exc:
            yield Input(directory, relative or ".", f"cannot read folder: {_why(exc)}")
            return
        for name, is_dir in entries:
            path = os.path.join(directory, name)
            if is_dir:
                if skip is not None:
                    with contextlib.suppress(OSError):
                        sub = os.stat(path)
                        if (sub.st_dev, sub.st_ino) == skip:
                            continue  # the output folder inside an input folder
                yield from visit(path, f"{relative}{name}/")
            elif fnmatch.fnmatchcase(name, pattern):
                yield Input(path, f"{relative}{_stem(name)}")

    yield from visit(str(root), "")


def _identity(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


def iter_inputs(
    paths: Iterable[str | os.PathLike[str]], *, glob: str = "*.txt", exclude: Path | None = None
) -> Iterator[Input]:
    """The inputs named by ``paths``, lazily: a file as itself (outputs at ``<stem>``), a
    folder searched recursively for names matching ``glob`` (outputs keep the path relative
    to that folder), ``-`` for stdin (outputs at ``stdin``). ``exclude`` is a folder never
    entered (the output folder)."""
    skip = _identity(exclude)
    for raw in paths:
        name = os.fspath(raw)
        if name == "-":
            yield Input("-", "stdin")
            continue
        path = Path(name)
        if path.is_dir():
            yield from _walk(path, glob, skip)
        else:
            yield Input(name, path.stem)


def count_inputs(
    paths: Iterable[str | os.PathLike[str]], *, glob: str = "*.txt", exclude: Path | None = None
) -> int:
    """How many inputs :func:`iter_inputs` yields (walks the folders, keeps nothing)."""
    return sum(1 for _ in iter_inputs(paths, glob=glob, exclude=exclude))


# ---------------------------------------------------------------- results


class Status(enum.StrEnum):
    """What happened to one input."""

    converted = "converted"
    skipped = "skipped"
    """Its outputs were up to date (same input, tool version and options)."""
    failed = "failed"


@dataclass(frozen=True, slots=True)
class Output:
    """One output file: its path relative to the output folder, and its sha256."""

    path: str
    sha256: str


@dataclass(frozen=True, slots=True)
class Result:
    """What became of one input: the fields of its manifest record.

    ``messages`` (the warnings as ``file:line:col: warning: kind: message`` lines) is not
    written to the manifest.
    """

    input: str
    """The input's path as given (``-`` for stdin)."""
    target: str
    """Its outputs' path relative to the output folder, without the suffix."""
    status: Status
    outputs: tuple[Output, ...] = ()
    input_sha256: str | None = None
    warnings: int = 0
    warning_kinds: tuple[str, ...] = ()
    seconds: float = 0.0
    error: str | None = None
    version: str = ""
    to: str = "akn"
    strict: bool = False
    lang: str | None = None
    messages: tuple[str, ...] = field(default=(), compare=False)

    @property
    def ok(self) -> bool:
        """Converted or up to date."""
        return self.status is not Status.failed

    def record(self) -> dict[str, Any]:
        """The manifest record (JSON-ready)."""
        return {
            "input": self.input,
            "target": self.target,
            "status": self.status.value,
            "outputs": [{"path": o.path, "sha256": o.sha256} for o in self.outputs],
            "input_sha256": self.input_sha256,
            "warnings": self.warnings,
            "warning_kinds": list(self.warning_kinds),
            "seconds": self.seconds,
            "error": self.error,
            "version": self.version,
            "to": self.to,
            "strict": self.strict,
            "lang": self.lang,
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Result:
        """A result read back from a manifest record."""
        return cls(
            input=str(record["input"]),
            target=str(record["target"]),
            status=Status(record["status"]),
            outputs=tuple(Output(str(o["path"]), str(o["sha256"])) for o in record["outputs"]),
            input_sha256=record.get("input_sha256"),
            warnings=int(record.get("warnings", 0)),
            warning_kinds=tuple(record.get("warning_kinds", ())),
            seconds=float(record.get("seconds", 0.0)),
            error=record.get("error"),
            version=str(record.get("version", "")),
            to=str(record.get("to", "akn")),
            strict=bool(record.get("strict", False)),
            lang=record.get("lang"),
        )


@dataclass(frozen=True, slots=True)
class Previous:
    """The last good record of an input's outputs, to decide whether they are up to date."""

    input_sha256: str
    outputs: tuple[Output, ...]
    warnings: int
    warning_kinds: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Task:
    """Everything a worker needs to convert one input (small and picklable)."""

    source: str
    """The input as given: named in messages and the manifest."""
    path: str
    """Absolute path to read (workers may run in another folder or on another machine)."""
    target: str
    out: str
    """Absolute output folder."""
    to: str
    strict: bool
    lang: str | None
    version: str
    previous: Previous | None = None
    data: bytes | None = None
    """The input itself when it is not a file (stdin)."""


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc)


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _up_to_date(task: Task, digest: str) -> bool:
    previous = task.previous
    if previous is None or previous.input_sha256 != digest:
        return False
    expected = [f"{task.target}{SUFFIX[fmt]}" for fmt in FORMATS[task.to]]
    if [o.path for o in previous.outputs] != expected:
        return False
    for output in previous.outputs:
        try:
            if _sha256((Path(task.out) / output.path).read_bytes()) != output.sha256:
                return False
        except OSError:
            return False
    return True


def convert_one(task: Task) -> Result:
    """The job function: convert one input to its output files (or find them up to date).

    Never raises for a bad input: a failure is a ``Result`` with ``status=failed`` and the
    error message.
    """
    from agendaparse import api

    start = time.perf_counter()

    def result(status: Status, **fields: Any) -> Result:
        return Result(
            input=task.source,
            target=task.target,
            status=status,
            seconds=round(time.perf_counter() - start, 6),
            version=task.version,
            to=task.to,
            strict=task.strict,
            lang=task.lang,
            **fields,
        )

    try:
        data = task.data if task.data is not None else Path(task.path).read_bytes()
    except OSError as exc:
        return result(Status.failed, error=f"{task.source}: cannot read: {_why(exc)}")
    digest = _sha256(data)
    if _up_to_date(task, digest):
        assert task.previous is not None
        return result(
            Status.skipped,
            outputs=task.previous.outputs,
            input_sha256=digest,
            warnings=task.previous.warnings,
            warning_kinds=task.previous.warning_kinds,
        )
    source = "<stdin>" if task.source == "-" else task.source
    try:
        agenda = api.parse_bytes(data, source=source, strict=task.strict, lang=task.lang)
        rendered = [
            (
                f"{task.target}{SUFFIX[fmt]}",
                api.to_akn(agenda) if fmt == "akn" else api.to_json(agenda).encode("utf-8"),
            )
            for fmt in FORMATS[task.to]
        ]
    except AgendaError as exc:
        return result(Status.failed, input_sha256=digest, error=str(exc))
    except Exception as exc:  # noqa: BLE001 - a bug in agendaparse: report it, go on
        return result(
            Status.failed,
            input_sha256=digest,
            error=f"{source}: internal error: {type(exc).__name__}: {exc}",
        )
    out = Path(task.out)
    outputs: list[Output] = []
    for relative, blob in rendered:
        try:
            write_atomic(out / relative, blob, tmp_dir=out / TMP_DIR_NAME)
        except OSError as exc:
            return result(
                Status.failed,
                input_sha256=digest,
                outputs=tuple(outputs),
                error=f"{out / relative}: cannot write: {_why(exc)}",
            )
        outputs.append(Output(relative, _sha256(blob)))
    where = agenda.source or "<input>"
    return result(
        Status.converted,
        outputs=tuple(outputs),
        input_sha256=digest,
        warnings=len(agenda.diagnostics),
        warning_kinds=tuple(sorted({d.kind for d in agenda.diagnostics})),
        messages=tuple(
            f"{where}:{d.line}:{d.column}: {d.severity.value}: {d.kind}: {d.message}"
            for d in agenda.diagnostics
        ),
    )


def _convert_group(tasks: list[Task]) -> list[Result]:
    """The job a worker runs: ``convert_one`` on each task of a group, in order."""
    return [convert_one(task) for task in tasks]


# ---------------------------------------------------------------- the manifest


class _Manifest:
    """``OUT/agendaparse-manifest.jsonl``: one record per input, appended and flushed as
    each one is done. Records of earlier runs stay until a later record for the same
    ``(target, to)`` replaces them; at the end of a run the file is compacted to the last
    record of each."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.handle: IO[str] = open(path, "a", encoding="utf-8")  # noqa: SIM115 - held for the run
        try:
            self._lock()
            self.existed = self.handle.tell() > 0
            if self.existed and not self._ends_with_newline():
                self.handle.write("\n")  # a record cut by a crash: start on a new line
                self.handle.flush()
        except BaseException:
            self.handle.close()
            raise

    def _lock(self) -> None:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            return
        try:
            fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise BatchError(
                f"{self.path}: another agendaparse run is writing to this folder"
            ) from exc

    def _ends_with_newline(self) -> bool:
        with open(self.path, "rb") as handle:
            handle.seek(-1, os.SEEK_END)
            return handle.read(1) == b"\n"

    def records(self) -> Iterator[dict[str, Any]]:
        """The records in the file, skipping lines a crash may have cut."""
        with open(self.path, encoding="utf-8", errors="replace") as handle:
            for line in handle:
                try:
                    record = json.loads(line)
                except ValueError:
                    continue
                if isinstance(record, dict) and "target" in record and "to" in record:
                    yield record

    def previous(
        self, version: str, to: str, strict: bool, lang: str | None
    ) -> dict[str, Previous]:
        """The last good record of each target written with these options."""
        state: dict[str, Previous] = {}
        if not self.existed:
            return state
        for record in self.records():
            if record["to"] != to:
                continue
            target = str(record["target"])
            good = (
                record.get("status") in (Status.converted, Status.skipped)
                and record.get("version") == version
                and record.get("strict") == strict
                and record.get("lang") == lang
                and isinstance(record.get("input_sha256"), str)
            )
            if not good:
                state.pop(target, None)
                continue
            try:
                result = Result.from_record(record)
            except (KeyError, TypeError, ValueError):
                state.pop(target, None)
                continue
            state[target] = Previous(
                str(result.input_sha256), result.outputs, result.warnings, result.warning_kinds
            )
        return state

    def write(self, result: Result) -> None:
        self.handle.write(json.dumps(result.record(), ensure_ascii=False) + "\n")
        self.handle.flush()

    def close(self) -> None:
        """Compact (when earlier runs left records) and release the folder."""
        try:
            if self.existed:
                self._compact()
        finally:
            self.handle.close()

    def _compact(self) -> None:
        last: dict[tuple[str, str], int] = {}
        for number, record in enumerate(self.records()):
            last[(str(record["target"]), str(record["to"]))] = number
        keep = set(last.values())
        del last
        lines = (
            json.dumps(record, ensure_ascii=False) + "\n"
            for number, record in enumerate(self.records())
            if number in keep
        )
        fd, tmp = tempfile.mkstemp(
            prefix=f".{self.path.name}.", suffix=".tmp", dir=self.path.parent
        )
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                if hasattr(os, "fchmod"):
                    os.fchmod(handle.fileno(), 0o666 & ~_UMASK)
                handle.writelines(lines)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


# ---------------------------------------------------------------- executors


class _Pool(Protocol):
    """What the scheduling loop needs from an executor."""

    def submit(self, group: list[Task]) -> Any:
        """A future of the group's results (``_convert_group``), with ``add_done_callback``
        (``concurrent.futures`` or Dask's)."""
        ...

    def results(self, future: Any, group: list[Task]) -> list[Result]:
        """The group's results, or a failure for each of its tasks when the worker failed."""
        ...

    def close(self, pending: Iterable[Any]) -> None:
        """Cancel what has not started, let running conversions finish, release workers."""
        ...


def _lost(task: Task, why: str) -> Result:
    return Result(
        input=task.source,
        target=task.target,
        status=Status.failed,
        error=f"{task.source}: {why}",
        version=task.version,
        to=task.to,
        strict=task.strict,
        lang=task.lang,
    )


def _worker_init(parent: int) -> None:
    """In each pool worker: Ctrl-C is the parent's business (the worker finishes its file),
    and a worker whose parent died (kill -9) exits instead of lingering."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    ppid = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(0.5)
            try:
                os.kill(parent, 0)
            except ProcessLookupError:
                os._exit(1)
            except OSError:
                pass
            if os.getppid() != ppid:
                os._exit(1)

    threading.Thread(target=watch, name="agendaparse-parent-watch", daemon=True).start()


def _mp_context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        # not fork: the parent may have threads (progress bar, Dask); workers fork from a
        # small server that has imported agendaparse once (and the command line, when that
        # is what runs: workers re-import the main script, which imports it)
        context = multiprocessing.get_context("forkserver")
        preload = ["agendaparse.batch", "agendaparse.api"]
        if "agendaparse.cli" in sys.modules:
            preload.append("agendaparse.cli")
        context.set_forkserver_preload(preload)
        return context
    return multiprocessing.get_context("spawn")


class _LocalPool:
    """``concurrent.futures.ProcessPoolExecutor``; a pool broken by a dead worker is
    replaced, the conversions it had in flight are reported as failed."""

    def __init__(self, jobs: int) -> None:
        # imported when workers start, not with the module: multiprocessing takes about
        # 15 ms to import, which a single input or -j1 never needs
        from concurrent.futures.process import BrokenProcessPool, ProcessPoolExecutor

        self._executor = ProcessPoolExecutor
        self._broken = BrokenProcessPool
        self.jobs = jobs
        self.context = _mp_context()
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return self._executor(
            max_workers=self.jobs,
            mp_context=self.context,
            initializer=_worker_init,
            initargs=(os.getpid(),),
        )

    def submit(self, group: list[Task]) -> Future[list[Result]]:
        try:
            return self.executor.submit(_convert_group, group)
        except self._broken:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = self._new()
            return self.executor.submit(_convert_group, group)

    def results(self, future: Future[list[Result]], group: list[Task]) -> list[Result]:
        try:
            return future.result()
        except self._broken:
            why = (
                "worker process died while converting this file or another one; run again to retry"
            )
        except Exception as exc:  # noqa: BLE001 - e.g. a result that could not be pickled
            why = f"internal error: {type(exc).__name__}: {exc}"
        return [_lost(task, why) for task in group]

    def close(self, pending: Iterable[Future[list[Result]]]) -> None:
        for future in pending:
            future.cancel()
        self.executor.shutdown(wait=True, cancel_futures=True)


class _DaskPool:
    """``dask.distributed``: ``Client.submit`` of the same job function."""

    def __init__(self, scheduler: str | None, jobs: int | None) -> None:
        try:
            self.distributed = importlib.import_module("distributed")
        except ImportError as exc:
            raise BatchError(
                "--executor dask needs the dask extra: pip install 'agendaparse[dask]'"
            ) from exc
        self.cluster: Any = None
        try:
            if scheduler is None:
                import logging

                self.cluster = self.distributed.LocalCluster(
                    n_workers=jobs or _cpu_count(),
                    threads_per_worker=1,
                    processes=True,
                    dashboard_address=":0",
                    silence_logs=logging.ERROR,
                )
                self.client: Any = self.distributed.Client(self.cluster)
            else:
                # how long to try: dask's distributed.comm.timeouts.connect (30 s)
                self.client = self.distributed.Client(scheduler)
        except (OSError, TimeoutError, ValueError) as exc:  # unreachable, malformed address
            if self.cluster is not None:
                self.cluster.close()
            where = scheduler or "a local cluster"
            raise BatchError(f"cannot connect to the Dask scheduler at {where}: {exc}") from exc
        self.threads = max(1, sum(self.client.nthreads().values()))

    def submit(self, group: list[Task]) -> Any:
        return self.client.submit(_convert_group, group, pure=False)

    def results(self, future: Any, group: list[Task]) -> list[Result]:
        try:
            value = future.result()
        except Exception as exc:  # noqa: BLE001 - KilledWorker, lost connection, ...
            return [_lost(t, f"Dask worker error: {type(exc).__name__}: {exc}") for t in group]
        if not (
            isinstance(value, list)
            and len(value) == len(group)
            and all(isinstance(r, Result) for r in value)
        ):
            why = f"Dask worker returned {type(value).__name__}, not the group's results"
            return [_lost(task, why) for task in group]
        return value

    def close(self, pending: Iterable[Any]) -> None:
        try:
            pending = list(pending)
            if pending:
                self.client.cancel(pending)
        finally:
            self.client.close()
            if self.cluster is not None:
                self.cluster.close()


def _windowed(
    pool: _Pool, items: Iterator[Task | Result], workers: int, late: Callable[[Result], None]
) -> Iterator[Result]:
    """Send the tasks to ``pool``'s ``workers`` in groups (``_groups``), at most
    ``WINDOW_PER_JOB`` groups a worker in flight; yield results as groups complete (a
    ready-made result among the items is passed on at once). When the consumer stops early,
    conversions already running finish and go to ``late``."""
    window = WINDOW_PER_JOB * workers
    inflight: dict[Any, list[Task]] = {}
    finished: queue.SimpleQueue[Any] = queue.SimpleQueue()  # futures, as they complete
    try:
        for group in _groups(items, lambda: len(inflight) < workers):
            if isinstance(group, Result):
                yield group
                continue
            future = pool.submit(group)
            inflight[future] = group
            future.add_done_callback(finished.put)
            while len(inflight) >= window:
                future = finished.get()
                yield from pool.results(future, inflight.pop(future))
        while inflight:
            future = finished.get()
            yield from pool.results(future, inflight.pop(future))
    finally:
        pending = list(inflight)
        pool.close(pending)
        for future in pending:
            if future.done() and not future.cancelled():
                for result in pool.results(future, inflight[future]):
                    if result.ok:
                        late(result)


def _groups(
    items: Iterator[Task | Result], idle: Callable[[], bool]
) -> Iterator[list[Task] | Result]:
    """The tasks of ``items`` in groups of up to ``GROUP_FILES`` inputs and ``GROUP_BYTES``
    of input, in order; a group goes as soon as it is full, or at once while ``idle()``
    says a worker has nothing to do (the first inputs of a batch go one by one, so that a
    batch of a few files is shared out). The last group goes when the items end; a
    ready-made result is passed on as it comes."""
    group: list[Task] = []
    size = 0
    for item in items:
        if isinstance(item, Result):
            yield item
            continue
        group.append(item)
        size += _input_size(item)
        if len(group) >= GROUP_FILES or size >= GROUP_BYTES or idle():
            yield group
            group, size = [], 0
    if group:
        yield group


def _input_size(task: Task) -> int:
    """The size of a task's input in bytes (0 when it cannot be read: the worker says why)."""
    if task.data is not None:
        return len(task.data)
    try:
        return os.stat(task.path).st_size
    except OSError:
        return 0


def _peek_tasks(items: Iterator[Task | Result], count: int) -> tuple[int, Iterator[Task | Result]]:
    """How many of the first ``count`` tasks ``items`` holds (fewer: it ends before), and
    the same items again, read from where they stand (ready-made results among them)."""
    head: list[Task | Result] = []
    tasks = 0
    for item in items:
        head.append(item)
        if isinstance(item, Task):
            tasks += 1
            if tasks == count:
                break
    return tasks, itertools.chain(head, items)


def _cpu_count() -> int:
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


# ---------------------------------------------------------------- the API


def convert_many(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    *,
    out: str | os.PathLike[str],
    to: str = "akn",
    jobs: int | None = None,
    strict: bool = False,
    lang: str | None = None,
    force: bool = False,
    executor: str = "local",
    scheduler: str | None = None,
    glob: str = "*.txt",
) -> Generator[Result, None, None]:
    """Convert many agenda texts into ``out``, yielding one :class:`Result` per input as
    each completes (not in input order).

    Args:
        paths: files, folders (searched recursively for ``glob``) and ``-`` for stdin.
            A file is written as ``out/<stem>.xml``; a file found in a folder keeps its path
            relative to that folder.
        out: the output folder; its manifest ``agendaparse-manifest.jsonl`` records every
            input.
        to: ``akn``, ``json`` or ``both``.
        jobs: worker processes (default: the CPUs this process may use); 1 converts in this
            process, as does a single input whatever the number (starting workers costs
            more than converting one agenda). With Dask and no scheduler, the local
            cluster's worker processes; with a scheduler, groups of inputs in flight are
            2 x jobs (default: 2 x its threads).
        strict, lang: as for :func:`agendaparse.parse`.
        force: convert even the inputs whose outputs are up to date.
        executor: ``local`` (process pool) or ``dask`` (needs ``agendaparse[dask]``).
        scheduler: a Dask scheduler address (``tcp://host:8786``); without it ``dask`` starts
            a local cluster.
        glob: file-name pattern for folders.

    Raises:
        ValueError: a wrong argument (raised at once).
        BatchError: the output folder or the cluster cannot be used (when iteration starts).

    Stopping early (``break``, ``close()``, Ctrl-C) cancels what has not started; conversions
    already running finish and are recorded in the manifest, so a rerun does not redo them.
    """
    from agendaparse.lang import LANGUAGES

    if to not in FORMATS:
        raise ValueError(f"to must be one of {', '.join(FORMATS)}, not {to!r}")
    if executor not in EXECUTORS:
        raise ValueError(f"executor must be one of {', '.join(EXECUTORS)}, not {executor!r}")
    if scheduler is not None and executor != "dask":
        raise ValueError("a scheduler address needs executor='dask'")
    if jobs is not None and jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGUAGES)}")
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    return _run(
        paths,
        out=Path(out),
        to=to,
        jobs=jobs,
        strict=strict,
        lang=lang,
        force=force,
        executor=executor,
        scheduler=scheduler,
        glob=glob,
    )


def _run(
    paths: Iterable[str | os.PathLike[str]],
    *,
    out: Path,
    to: str,
    jobs: int | None,
    strict: bool,
    lang: str | None,
    force: bool,
    executor: str,
    scheduler: str | None,
    glob: str,
) -> Generator[Result, None, None]:
    import agendaparse

    version = agendaparse.__version__
    try:
        out.mkdir(parents=True, exist_ok=True)
        tmp_dir = out / TMP_DIR_NAME
        manifest = _Manifest(out / MANIFEST_NAME)
    except OSError as exc:
        raise BatchError(f"{out}: cannot use as output folder: {_why(exc)}") from exc
    try:
        _clean(tmp_dir)
        tmp_dir.mkdir(exist_ok=True)
        state = {} if force else manifest.previous(version, to, strict, lang)
        out_abs = str(out.absolute())
        cwd = os.getcwd()

        def tasks() -> Iterator[Task | Result]:
            for item in iter_inputs(paths, glob=glob, exclude=out):
                if item.error is not None:
                    failure = Result(
                        input=item.source,
                        target=item.target,
                        status=Status.failed,
                        error=f"{item.source}: {item.error}",
                        version=version,
                        to=to,
                        strict=strict,
                        lang=lang,
                    )
                    yield failure
                    continue
                data = sys.stdin.buffer.read() if item.source == "-" else None
                yield Task(
                    source=item.source,
                    path=item.source if data is not None else os.path.join(cwd, item.source),
                    target=item.target,
                    out=out_abs,
                    to=to,
                    strict=strict,
                    lang=lang,
                    version=version,
                    previous=state.pop(item.target, None),
                    data=data,
                )

        results: Iterator[Result]
        items: Iterator[Task | Result] = tasks()
        if executor == "dask":
            dask = _DaskPool(scheduler, jobs)
            workers = jobs or dask.threads
            results = _windowed(dask, items, workers, manifest.write)
        else:
            n = jobs or _cpu_count()
            if n > 1:
                # workers only when there are two conversions or more to share: starting
                # them costs more than converting one agenda
                head, items = _peek_tasks(items, 2)
                if head < 2:
                    n = 1
            if n == 1:
                results = (
                    item if isinstance(item, Result) else convert_one(item) for item in items
                )
            else:
                local = _LocalPool(n)
                results = _windowed(local, items, n, manifest.write)
        try:
            for result in results:
                manifest.write(result)
                yield result
        finally:
            close = getattr(results, "close", None)
            if close is not None:
                close()
    finally:
        try:
            manifest.close()
        finally:
            with contextlib.suppress(OSError):
                tmp_dir.rmdir()


def _clean(tmp_dir: Path) -> None:
    """Remove temporary files a killed run left behind."""
    try:
        entries = list(os.scandir(tmp_dir))
    except OSError:
        return
    for entry in entries:
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
