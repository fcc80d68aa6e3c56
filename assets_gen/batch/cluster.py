"""Render on a Dask cluster (`--scheduler tcp://HOST:PORT`): same jobs, same files.

Dask's `distributed` does the distributing: scheduling, retries when a worker dies
(its tasks run again elsewhere, up to the scheduler's `allowed-failures`), and moving
data. The kit travels once, broadcast to every worker as a content-addressed pack
(batch/kitpack.py); each task is one design-family chunk whose files from outside the
kit travel with it. Workers send the rendered bytes back, and this process writes them
with the same atomic rules and manifest entries as a local build (pool.write_rendered),
so a cluster build's output is the local build's, byte for byte. Only a bounded window
of chunks is in flight, and each chunk's result is fetched and released as it finishes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from concurrent.futures import CancelledError
from pathlib import Path
from typing import Any

from assets_gen import __version__
from assets_gen.batch.families import Chunk
from assets_gen.batch.jobs import Job, Rendered
from assets_gen.batch.kitpack import KitPack, Rebase, pack_kit, shipped_files, worker_kit
from assets_gen.batch.pool import Done, Message, Stopped, chunk_messages, execute, write_rendered
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError

CONNECT_SECONDS = 5
WINDOW = 2  # chunks in flight per worker thread


def connect(address: str) -> Any:
    """A Dask client for the scheduler at `address`, or one clear error line."""
    where = f"--scheduler {address}"
    try:
        from distributed import Client
    except ImportError:
        raise AssetsGenError(
            where,
            "Dask is not installed: install the tool with its cluster extra, "
            "pip install '.[cluster]' (here and on every worker)",
        ) from None
    quiet = logging.getLogger("distributed")
    level = quiet.level
    quiet.setLevel(logging.CRITICAL)  # its own log lines about the failed attempts
    try:
        client = Client(address, timeout=CONNECT_SECONDS, set_as_default=False)
    except Exception as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise AssetsGenError(where, f"cannot reach the Dask scheduler ({reason})") from None
    finally:
        quiet.setLevel(level)
    # Losing the scheduler mid-build is reported once, as an error line (see run).
    logging.getLogger("distributed.client").setLevel(logging.CRITICAL)
    try:
        _check_workers(client, where)
    except BaseException:
        client.close()
        raise
    return client


def _check_workers(client: Any, where: str) -> None:
    """Workers must be there and run the same version of the tool (same bytes out)."""
    try:
        client.wait_for_workers(1, timeout=CONNECT_SECONDS)
    except Exception:
        raise AssetsGenError(where, "the Dask scheduler has no workers: start `dask worker` first") from None
    try:
        versions = client.run(_tool_version)
    except ModuleNotFoundError:
        raise AssetsGenError(where, "a Dask worker does not have assets-gen installed") from None
    wrong = sorted(f"{addr} runs {v}" for addr, v in versions.items() if v != __version__)
    if wrong:
        raise AssetsGenError(
            where,
            f"every worker needs assets-gen {__version__} ({', '.join(wrong)}): install the same version",
        )


def _tool_version() -> str:
    from assets_gen import __version__ as version

    return version


def run(client: Any, kit: Kit, chunks: Iterable[Chunk], out: Path, thumbs: bool = True) -> Iterator[Message]:
    """Every message of the build, as chunks finish on the cluster; files written here."""
    from distributed import as_completed

    pack = pack_kit(kit)
    pack_future = client.scatter(pack, broadcast=True, hash=False)
    window = WINDOW * max(1, sum(client.nthreads().values()))
    source = iter(chunks)
    inflight: dict[Any, Chunk] = {}

    def submit() -> Any:
        chunk = next(source, None)
        if chunk is None:
            return None
        jobs = [job for job, _ in chunk]
        future = client.submit(render_chunk, pack_future, jobs, shipped_files(jobs, pack), pure=False)
        inflight[future] = chunk
        return future

    initial = [f for f in (submit() for _ in range(window)) if f is not None]
    if not initial:
        pack_future.release()
        return
    finished = as_completed(initial, loop=client.loop)

    try:
        for future in finished:
            chunk = inflight.pop(future)
            more = submit()  # the cluster stays busy while this chunk's files are written
            if more is not None:
                finished.add(more)
            try:
                messages = future.result()
            except Exception as exc:  # the task's workers kept dying, or the cluster went away
                reason = " ".join(f"{type(exc).__name__}: {exc}".split())
                if isinstance(exc, CancelledError) or client.status != "running":
                    # Not this chunk's fault: stop (what is done is kept; the next build resumes).
                    raise AssetsGenError(
                        f"--scheduler {client.scheduler.address}", f"lost the Dask scheduler ({reason})"
                    ) from None
                messages = [
                    Done(job.path, AssetsGenError(job.where or job.path, f"the cluster failed: {reason}"))
                    for job, _ in chunk
                ]
            future.release()
            keys = {job.path: (job, key) for job, key in chunk}
            for message in messages:
                if isinstance(message, Done) and isinstance(message.entry, Rendered):
                    job, key = keys[message.path]
                    message = Done(message.path, write_rendered(job, key, message.entry, out, thumbs))
                yield message
    finally:
        for future in inflight:
            future.cancel()
        pack_future.release()


def render_chunk(pack: KitPack, jobs: list[Job], files: dict[str, bytes]) -> list[Message]:
    """Worker side: render a chunk with the kit of `pack`; rendered bytes come back."""
    kit, root = worker_kit(pack)
    rebase = Rebase(pack, root, files)
    local = [(rebase.job(job), "") for job in jobs]  # output paths are relative: unchanged
    messages: list[Message] = []
    for message in chunk_messages(local, kit, lambda job, _key: execute(job, kit)):
        if isinstance(message, Stopped):
            messages.append(Stopped(rebase.error(message.error), message.paths))
        elif isinstance(message.entry, AssetsGenError):
            messages.append(Done(message.path, rebase.error(message.entry)))
        else:
            messages.append(message)
    return messages
