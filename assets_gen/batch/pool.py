"""Render jobs, in this process or in worker processes, one design family at a time.

A family is every job of one design: the story banner of every unit, the ring frame of
every unit. Its shared layers (background, logo, template artwork, fixed texts) are
drawn when its first job starts and reused for the rest, so each is drawn about once per
build rather than once per worker: families, not single jobs, are handed to workers
(largest first, so the last ones to finish are small). Workers write their files
themselves (atomically) and stream one message per asset back to the parent, which keeps
the progress bar and the manifest checkpoints fine-grained.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from queue import Empty
from typing import Any

from assets_gen.batch.jobs import Job, Rendered
from assets_gen.batch.kinds import KINDS
from assets_gen.batch.thumbs import thumb_path
from assets_gen.brand.model import Kit
from assets_gen.encode import write_atomic
from assets_gen.errors import AssetsGenError
from assets_gen.layout.sizes import SIZES

Planned = tuple[Job, str]  # a job and its key
Chunk = list[Planned]
# ("done", path, manifest entry or error) for one asset;
# ("stopped", error, paths) for a family's problem that stops those assets (reported once);
# ("begin", path, None), from workers only, as an asset starts.
Message = tuple[str, Any, Any]

MIN_CHUNK = 16  # a family is split only into pieces this large or larger
MAX_ATTEMPTS = 3  # tries for an asset whose worker process died making it
COSTLY = 10.0  # kinds this costly (Kind.cost) are handed out one job at a time
DRAIN_SECONDS = 3.0  # how long to wait for the last messages once every worker has returned

_WORKER_KIT: Kit | None = None
_RESULTS: Any = None


def _init_worker(kit: Kit, results: Any) -> None:
    global _WORKER_KIT, _RESULTS
    _WORKER_KIT, _RESULTS = kit, results


def execute(job: Job, kit: Kit) -> Rendered | AssetsGenError:
    """Render one job; user errors come back as values (picklable, no traceback)."""
    try:
        return KINDS[job.kind].render(kit, job)
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


def build_one(job: Job, key: str, out: Path, kit: Kit) -> dict[str, Any] | AssetsGenError:
    """Render one job and write its files; return its manifest entry or the error."""
    outcome = execute(job, kit)
    if isinstance(outcome, AssetsGenError):
        return outcome
    entry = manifest_entry(job, key, outcome)
    for f in outcome.files:
        write_atomic(out / f.path, f.data)
    if outcome.thumb is not None:
        entry["thumb"] = thumb_path(entry["sha256"], outcome.thumb)
        if not (out / entry["thumb"]).exists():
            write_atomic(out / entry["thumb"], outcome.thumb)
    return entry


def manifest_entry(job: Job, key: str, rendered: Rendered) -> dict[str, Any]:
    import hashlib

    main = rendered.main
    entry: dict[str, Any] = {
        "kind": job.kind,
        "unit": job.unit,
        "format": job.format,
        "path": job.path,
        "width": rendered.width,
        "height": rendered.height,
        "alt": rendered.alt,
        "sha256": hashlib.sha256(main.data).hexdigest(),
        "bytes": len(main.data),
    }
    entry.update(dict(job.extra))
    entry.update(dict(rendered.extra))
    if len(rendered.files) > 1:
        entry["files"] = [f.path for f in rendered.files[1:]]
    entry["key"] = key
    return entry


def chunk_messages(chunk: Chunk, out: Path, kit: Kit, begin: Any = None) -> Iterator[Message]:
    """Run one piece of a family: its shared problems once, then each asset."""
    jobs = [job for job, _ in chunk]
    stopped: set[str] = set()
    prepare = KINDS[jobs[0].kind].prepare
    if prepare is not None:
        try:
            for err, paths in prepare(kit, jobs):
                stopped |= paths
                yield ("stopped", err, sorted(paths))
        except AssetsGenError as err:
            yield ("stopped", err, [job.path for job in jobs])
            return
    for job, key in chunk:
        if job.path not in stopped:
            if begin is not None:
                begin(("begin", job.path, None))
            yield ("done", job.path, build_one(job, key, out, kit))


def _run_chunk(chunk: Chunk, out: Path) -> int:
    """Worker side: stream the chunk's messages to the parent, saying when each asset
    begins (should the process die, the parent knows which asset it was making)."""
    assert _WORKER_KIT is not None, "worker started without a kit"
    for message in chunk_messages(chunk, out, _WORKER_KIT, begin=_RESULTS.put):
        _RESULTS.put(message)
    return len(chunk)


def families(planned: list[Planned], workers: int) -> list[Chunk]:
    """Jobs grouped by design (kind and file name), split only when there are too few
    pieces to keep every worker busy (costly kinds: one job each), costliest first."""
    groups: dict[tuple[str, str], Chunk] = {}
    for job, key in planned:
        groups.setdefault((job.kind, job.path.rsplit("/", 1)[-1]), []).append((job, key))
    cap = max(MIN_CHUNK, math.ceil(len(planned) / max(workers * 3, 1)))
    chunks = []
    for (kind, _), group in groups.items():
        costly = KINDS[kind].cost >= COSTLY
        chunks.extend(_split(group, len(group) if costly else max(1, len(group) // cap)))
    chunks.sort(key=_estimated_cost, reverse=True)
    return chunks


def _split(group: Chunk, pieces: int) -> list[Chunk]:
    """`group` in `pieces` runs of nearly equal length."""
    size, extra = divmod(len(group), pieces)
    out, start = [], 0
    for i in range(pieces):
        end = start + size + (1 if i < extra else 0)
        out.append(group[start:end])
        start = end
    return out


def _estimated_cost(chunk: Chunk) -> float:
    job = chunk[0][0]
    size = SIZES.get(job.format)
    return len(chunk) * KINDS[job.kind].cost * (size.width * size.height if size else 1_000_000)


def run(kit: Kit, planned: list[Planned], out: Path, workers: int) -> Iterator[Message]:
    """Every message of the build, as assets finish (in this process when workers <= 1)."""
    chunks = families(planned, workers)
    if workers <= 1 or len(chunks) == 0:
        for chunk in chunks:
            yield from chunk_messages(chunk, out, kit)
        return
    yield from _run_pool(kit, chunks, out, min(workers, len(chunks)))


def _run_pool(kit: Kit, chunks: list[Chunk], out: Path, workers: int) -> Iterator[Message]:
    """Run the chunks in a process pool; if a worker process dies (killed, out of memory),
    what it left unmade goes round again in a fresh pool, up to MAX_ATTEMPTS times for the
    assets it was working on, so a crash costs a retry, not the batch."""
    attempts: dict[str, int] = {}
    while chunks:
        retry: list[Chunk] = []
        yield from _pool_round(kit, chunks, out, workers, attempts, retry)
        chunks = retry


def _pool_round(
    kit: Kit, chunks: list[Chunk], out: Path, workers: int, attempts: dict[str, int], retry: list[Chunk]
) -> Iterator[Message]:
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    results = context.Queue()
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(kit, results))
    try:
        futures: dict[Future, Chunk] = {pool.submit(_run_chunk, chunk, out): chunk for chunk in chunks}
        waiting = {job.path for chunk in chunks for job, _ in chunk}
        begun: set[str] = set()
        quiet_since: float | None = None
        while waiting:
            try:
                kind, first, second = results.get(timeout=0.2)
            except Empty:
                if not all(f.done() for f in futures):
                    continue
                # Every worker has returned or died; what they sent may still be in flight.
                broken = any(f.exception() is not None for f in futures)
                quiet_since = quiet_since or time.monotonic()
                if time.monotonic() - quiet_since > (DRAIN_SECONDS / 6 if broken else DRAIN_SECONDS):
                    break
                continue
            quiet_since = None
            if kind == "begin":
                begun.add(first)
                continue
            waiting.difference_update([first] if kind == "done" else second)
            yield kind, first, second
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        results.close()
    for future, chunk in futures.items():
        left = [(job, key) for job, key in chunk if job.path in waiting]
        if not left:
            continue
        for job, _ in left:  # the assets being made when the worker died are the suspects
            if job.path in begun or not begun:  # (nothing began at all: the pool itself failed)
                attempts[job.path] = attempts.get(job.path, 0) + 1
        again = []
        for job, key in left:
            if attempts.get(job.path, 0) >= MAX_ATTEMPTS:
                reason = _failure(future)
                yield (
                    "done",
                    job.path,
                    AssetsGenError(job.where or job.path, f"the worker process died: {reason}"),
                )
            else:
                again.append((job, key))
        if again:
            retry.append(again)


def _failure(future: Future) -> str:
    if not future.done():
        return "stopped"
    exc = future.exception()
    return f"{type(exc).__name__}: {exc}" if exc else "its results were lost"
