"""Render jobs, in this process or in worker processes, one design family at a time.

Chunks of one design family (batch/families.py) are handed to workers, so a design's
shared layers are drawn about once per chunk rather than once per asset. Workers write
their files themselves (atomically) and stream one message per asset back to the parent,
which keeps the progress bar and the manifest checkpoints fine-grained. Chunks are pulled
from a stream and only a few per worker are in flight, so memory stays flat at any size.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from queue import Empty
from typing import Any

from assets_gen.batch.families import Chunk
from assets_gen.batch.jobs import Job, Rendered
from assets_gen.batch.kinds import KINDS
from assets_gen.batch.lifeline import tie_to_parent
from assets_gen.batch.thumbs import thumb_path
from assets_gen.brand.model import Kit
from assets_gen.encode import write_atomic
from assets_gen.errors import AssetsGenError
from assets_gen.layout import drawn, svg, words
from assets_gen.layout.readable import text_problems


@dataclass(frozen=True)
class Done:
    """One asset is finished."""

    path: str
    entry: dict[str, Any] | Rendered | AssetsGenError
    """Its manifest entry, or the error that stopped it (on a cluster worker: what was
    rendered, written by the parent)."""


@dataclass(frozen=True)
class Stopped:
    """A family's problem (a slogan too long for a size) stops these assets: reported once."""

    error: AssetsGenError
    paths: tuple[str, ...]


@dataclass(frozen=True)
class Begun:
    """From pool workers only, as an asset starts: should the process die, the parent
    knows which asset it was making."""

    path: str


Message = Done | Stopped
"""What a build's engine (this pool, or batch/cluster.py) tells the runner."""

MAX_ATTEMPTS = 3  # tries for an asset whose worker process died making it
WINDOW = 2  # chunks in flight per worker: one running, one queued behind it
DRAIN_SECONDS = 3.0  # how long to wait for the last messages once every worker has returned

_WORKER_KIT: Kit | None = None
_RESULTS: Any = None


def _init_worker(kit: Kit, results: Any, parent: int) -> None:
    global _WORKER_KIT, _RESULTS
    tie_to_parent(parent)
    _WORKER_KIT, _RESULTS = kit, results


def execute(job: Job, kit: Kit) -> Rendered | AssetsGenError:
    """Render one job, with the text it draws (layout/drawn.py); user errors come back
    as values (picklable, no traceback)."""
    try:
        words.use_phrases(kit.text.keep_together)
        with drawn.recording() as texts:
            rendered = KINDS[job.kind].render(kit, job)
        return dataclasses.replace(rendered, text=tuple(texts)) if texts else rendered
    except AssetsGenError as err:
        return _located(err, job)
    except Exception as exc:  # a bug: still one line, and the batch goes on
        if os.environ.get("ASSETS_GEN_DEBUG"):
            raise
        return AssetsGenError(job.where or job.path, f"internal error: {type(exc).__name__}: {exc}")


def _located(err: AssetsGenError, job: Job) -> AssetsGenError:
    if job.where and err.where != job.where:
        what = f"{err.where}: {err.what}" if err.where and err.where not in job.where else err.what
        return type(err)(job.where, what)
    return err


def build_one(
    job: Job, key: str, out: Path, kit: Kit, thumbs: bool = True
) -> dict[str, Any] | AssetsGenError:
    """Render one job and write its files; return its manifest entry or the error."""
    outcome = execute(job, kit)
    if isinstance(outcome, AssetsGenError):
        return outcome
    return write_rendered(job, key, outcome, out, thumbs)


def write_rendered(job: Job, key: str, rendered: Rendered, out: Path, thumbs: bool = True) -> dict[str, Any]:
    """Write a rendered job's files (and thumbnail) atomically; return its manifest entry.

    The one place outputs are written, whether the job ran here, in a worker process or
    on a cluster worker that sent the bytes back.
    """
    entry = manifest_entry(job, key, rendered)
    for f in rendered.files:
        write_atomic(out / f.path, f.data)
    if thumbs and rendered.thumb is not None:  # (thumbnails are for the contact sheet)
        entry["thumb"] = thumb_path(entry["sha256"], rendered.thumb)
        if not (out / entry["thumb"]).exists():
            write_atomic(out / entry["thumb"], rendered.thumb)
    return entry


def manifest_entry(job: Job, key: str, rendered: Rendered) -> dict[str, Any]:
    import hashlib

    main = rendered.main
    entry: dict[str, Any] = {
        "kind": job.kind,
        "unit": job.unit,
        "format": job.size,
        "path": job.path,
        "width": rendered.width,
        "height": rendered.height,
        "alt": rendered.alt,
        "sha256": hashlib.sha256(main.data).hexdigest(),
        "bytes": len(main.data),
    }
    entry.update(dict(job.extra))
    entry.update(dict(rendered.extra))
    if rendered.text:
        entry["text"] = [t.as_json() for t in rendered.text]
        problems = list(text_problems(rendered.width, rendered.text))
        if problems:
            entry["warnings"] = problems
    if len(rendered.files) > 1:
        entry["files"] = [f.path for f in rendered.files[1:]]
    entry["key"] = key
    return entry


def chunk_messages(
    chunk: Chunk, kit: Kit, make: Callable[[Job, str], Any], begin: Any = None
) -> Iterator[Message]:
    """Run one piece of a family: its shared problems once, then `make(job, key)` for each
    asset (render and write here; render only on a cluster worker)."""
    jobs = [job for job, _ in chunk]
    stopped: set[str] = set()
    prepare = KINDS[jobs[0].kind].prepare
    if prepare is not None:
        try:
            for err, paths in prepare(kit, jobs):
                stopped |= paths
                yield Stopped(err, tuple(sorted(paths)))
        except AssetsGenError as err:
            yield Stopped(err, tuple(job.path for job in jobs))
            return
    for job, key in chunk:
        if job.path not in stopped:
            if begin is not None:
                begin(Begun(job.path))
            yield Done(job.path, make(job, key))


def _run_chunk(chunk: Chunk, out: Path, thumbs: bool) -> int:
    """Worker side: stream the chunk's messages to the parent, saying when each asset
    begins (should the process die, the parent knows which asset it was making)."""
    kit = _WORKER_KIT
    assert kit is not None, "worker started without a kit"
    for message in chunk_messages(
        chunk, kit, lambda job, key: build_one(job, key, out, kit, thumbs), _RESULTS.put
    ):
        _RESULTS.put(message)
    return len(chunk)


def run(kit: Kit, chunks: Iterable[Chunk], out: Path, workers: int, thumbs: bool = True) -> Iterator[Message]:
    """Every message of the build, as assets finish (in this process when workers <= 1).

    `chunks` is consumed lazily: at most WINDOW chunks per worker are in flight, so the
    plan can be a stream of any length.
    """
    if workers <= 1:
        for chunk in chunks:
            yield from chunk_messages(chunk, kit, lambda job, key: build_one(job, key, out, kit, thumbs))
        return
    yield from _run_pool(kit, iter(chunks), out, workers, thumbs)


def _run_pool(kit: Kit, chunks: Iterator[Chunk], out: Path, workers: int, thumbs: bool) -> Iterator[Message]:
    """Run the chunks in a process pool; if a worker process dies (killed, out of memory),
    what it left unmade goes round again in a fresh pool, up to MAX_ATTEMPTS times for the
    assets it was working on, so a crash costs a retry, not the batch."""
    attempts: dict[str, int] = {}
    retry: deque[Chunk] = deque()

    def next_chunk() -> Chunk | None:
        return retry.popleft() if retry else next(chunks, None)

    while True:
        first = next_chunk()
        if first is None:
            return
        retry.appendleft(first)
        yield from _pool_round(kit, next_chunk, (out, thumbs), workers, attempts, retry)


class _InFlight:
    """The chunks handed to a pool and the assets each still owes a message for."""

    def __init__(self) -> None:
        self.chunks: dict[Future, Chunk] = {}
        self.owed: dict[Future, set[str]] = {}
        self.owner: dict[str, Future] = {}

    def add(self, future: Future, chunk: Chunk) -> None:
        self.chunks[future] = chunk
        self.owed[future] = {job.path for job, _ in chunk}
        for job, _ in chunk:
            self.owner[job.path] = future

    def settle(self, paths: Iterable[str]) -> None:
        for path in paths:
            future = self.owner.pop(path, None)
            if future is None:
                continue
            owed = self.owed[future]
            owed.discard(path)
            if not owed:
                self.remove(future)

    def remove(self, future: Future) -> tuple[Future, Chunk, set[str]]:
        """Stop waiting for a chunk: (its future, the chunk, the paths it still owed)."""
        chunk = self.chunks.pop(future)
        owed = self.owed.pop(future)
        for path in owed:
            self.owner.pop(path, None)
        return future, chunk, owed


def _load_before_fork() -> None:
    """What every worker would load for itself, loaded once in the parent so the forked
    workers share it: the word segmenter, CairoSVG and numpy (0.2 s a worker)."""
    import numpy  # noqa: F401

    words.load_segmenter()
    svg.load_cairosvg()


def _pool_round(
    kit: Kit,
    next_chunk: Callable[[], Chunk | None],
    target: tuple[Path, bool],
    workers: int,
    attempts: dict[str, int],
    retry: deque[Chunk],
) -> Iterator[Message]:
    _load_before_fork()
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    results = context.Queue()
    pool = ProcessPoolExecutor(
        workers, mp_context=context, initializer=_init_worker, initargs=(kit, results, os.getpid())
    )
    flight = _InFlight()
    begun: set[str] = set()
    lost: list[tuple[Future, Chunk, set[str]]] = []
    broken = False

    def fill() -> None:
        while len(flight.chunks) < workers * WINDOW:
            chunk = next_chunk()
            if chunk is None:
                return
            try:
                flight.add(pool.submit(_run_chunk, chunk, *target), chunk)
            except BrokenProcessPool:  # a worker died since the last look: the next round takes it
                retry.appendleft(chunk)
                return

    try:
        fill()
        quiet_since: float | None = None
        while flight.chunks:
            try:
                message: Message | Begun = results.get(timeout=0.2)
            except Empty:
                done = [f for f in flight.chunks if f.done()]
                if not done:
                    continue
                # A chunk's worker returned or died; what it sent may still be in flight.
                broken = any(f.exception() is not None for f in done)
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since <= (DRAIN_SECONDS / 6 if broken else DRAIN_SECONDS):
                    continue
                if broken:
                    break
                lost.extend(flight.remove(f) for f in done)
                fill()
                continue
            quiet_since = None
            if isinstance(message, Begun):
                begun.add(message.path)
                continue
            paths = (message.path,) if isinstance(message, Done) else message.paths
            begun.difference_update(paths)
            flight.settle(paths)
            yield message
            fill()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        results.close()
    if broken:
        lost.extend(flight.remove(f) for f in list(flight.chunks))
    for future, chunk, owed in lost:
        yield from _requeue(
            future, [(job, key) for job, key in chunk if job.path in owed], begun, attempts, retry
        )


def _requeue(
    future: Future, left: Chunk, begun: set[str], attempts: dict[str, int], retry: deque[Chunk]
) -> Iterator[Message]:
    """What a dead worker left unmade goes round again; the assets it was making when it
    died are the suspects, and fail after MAX_ATTEMPTS."""
    if not left:
        return
    for job, _ in left:
        if job.path in begun or not begun:  # (nothing began at all: the pool itself failed)
            attempts[job.path] = attempts.get(job.path, 0) + 1
    again = []
    for job, key in left:
        if attempts.get(job.path, 0) >= MAX_ATTEMPTS:
            error = AssetsGenError(job.where or job.path, f"the worker process died: {_failure(future)}")
            yield Done(job.path, error)
        else:
            again.append((job, key))
    if again:
        retry.append(again)


def _failure(future: Future) -> str:
    if not future.done():
        return "stopped"
    exc = future.exception()
    return f"{type(exc).__name__}: {exc}" if exc else "its results were lost"
