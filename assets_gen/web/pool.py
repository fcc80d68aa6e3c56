"""Rendering off the event loop, in a bounded pool of worker processes.

Decoding a 12-megapixel photo takes ~0.1 s of CPU; on the event loop it would stall
health checks and every other request. Worker processes also keep a crashing decoder
from taking the server down: a broken pool is replaced and the request gets a 4xx.
At most `2 x workers` renders are queued; further requests wait their turn (asyncio).
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from assets_gen.batch.lifeline import tie_to_parent
from assets_gen.brand.model import Kit
from assets_gen.encode import encode_jpeg, encode_png
from assets_gen.errors import AssetsGenError, PhotoError
from assets_gen.photo import Placement
from assets_gen.render.avatar import render_avatar
from assets_gen.render.frame import frame_overlay, render_frame
from assets_gen.render.page import encode_preview, encode_thumb, encode_webp, frame_image
from assets_gen.web import errors
from assets_gen.web.limits import give_back_memory

log = logging.getLogger("assets_gen.web")

# -- worker side: results are (bytes, None) or (None, (error class name, what)) ----------

_KIT: Kit | None = None
Outcome = tuple[bytes | None, AssetsGenError | str | None, int]
"""The rendered bytes, or the user's error, or a traceback (a bug); and the worker's
resident memory in bytes once done (0 where it cannot be read)."""


def _init_worker(kit: Kit, parent: int) -> None:
    global _KIT
    tie_to_parent(parent)
    _KIT = kit


def _warm() -> None:
    """Load the modules and draw each style's base frame once, before the first request."""
    assert _KIT is not None
    for style in _KIT.frames:
        frame_overlay(_KIT, style, None)


def _outcome(func: Callable[[], bytes]) -> Outcome:
    try:
        data, error = func(), None
    except AssetsGenError as err:
        data, error = None, err
    except Exception:  # a decoder bug on a hostile file: the member gets a 4xx, the log the trace
        data, error = None, traceback.format_exc(limit=8)
    give_back_memory()  # a decoded photo's pages go back to the system, not to the heap
    return data, error, _resident_bytes()


def _resident_bytes() -> int:
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def avatar_jpeg(photo: bytes, name: str, style: str, label: str | None, placement: Placement) -> Outcome:
    assert _KIT is not None
    kit = _KIT
    return _outcome(
        lambda: encode_jpeg(render_avatar(kit, photo, name, kit.frame_style(style), label, placement))
    )


def frame_png(style: str, label: str | None) -> Outcome:
    assert _KIT is not None
    kit = _KIT
    return _outcome(lambda: encode_png(render_frame(kit, kit.frame_style(style), label)))


def frame_webp(style: str, variant: str) -> Outcome:
    """The page's frame of a style (render/page.py frame_files): "full", "unit", "thumb",
    "preview" or "unit-preview"."""
    assert _KIT is not None
    kit = _KIT
    if variant == "thumb":
        return _outcome(lambda: encode_thumb(kit, kit.frame_style(style)))
    if variant.endswith("preview"):
        return _outcome(lambda: encode_preview(kit, kit.frame_style(style), variant == "unit-preview"))
    return _outcome(lambda: encode_webp(frame_image(kit, kit.frame_style(style), variant == "unit")))


# -- server side ------------------------------------------------------------------------


class RenderPool:
    """`workers` processes, replaced by fresh ones (warmed first) once one of them holds more
    than `memory_mark` bytes, or after `recycle_after` jobs, so that whatever a decoder
    leaks or fragments does not stay for good. Not sooner: a respawn costs seconds of CPU,
    taken from the members waiting."""

    def __init__(
        self, kit: Kit, workers: int, recycle_after: int = 5000, memory_mark: int = 500 << 20
    ) -> None:
        self.kit = kit
        self.workers = max(1, workers)
        self.recycle_after = max(1, recycle_after)
        self.memory_mark = memory_mark
        self._executor: ProcessPoolExecutor | None = None
        self._slots: asyncio.Semaphore | None = None
        self._jobs = 0
        self._recycling: asyncio.Task | None = None

    def _new_executor(self) -> ProcessPoolExecutor:
        # spawn, not fork: the server process runs an event loop and threads.
        return ProcessPoolExecutor(
            max_workers=self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.kit, os.getpid()),
        )

    async def start(self) -> None:
        self._slots = asyncio.Semaphore(self.workers * 2)
        self._executor = await self._warmed()

    async def _warmed(self) -> ProcessPoolExecutor:
        executor = self._new_executor()
        loop = asyncio.get_running_loop()
        await asyncio.gather(*(loop.run_in_executor(executor, _warm) for _ in range(self.workers)))
        return executor

    async def _recycle(self) -> None:
        fresh = await self._warmed()
        old, self._executor = self._executor, fresh
        self._jobs = 0
        if old is not None:
            old.shutdown(wait=False)  # its running jobs finish, then its processes exit

    def _start_recycling(self) -> None:
        if self._recycling is None:
            self._recycling = asyncio.get_running_loop().create_task(self._recycle())
            self._recycling.add_done_callback(self._recycled)

    def _recycled(self, task: asyncio.Task) -> None:
        self._recycling = None
        if not task.cancelled() and task.exception() is not None:
            log.warning("could not start fresh render processes: %s", task.exception())

    def close(self) -> None:
        if self._recycling is not None:
            self._recycling.cancel()
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    async def run(self, func: Callable[..., Outcome], *args: Any) -> bytes:
        """Run `func(*args)` in a worker; user errors come back as ApiError."""
        assert self._slots is not None and self._executor is not None
        await self._slots.acquire()
        self._jobs += 1
        if self._jobs >= self.recycle_after:
            self._start_recycling()
        loop = asyncio.get_running_loop()
        try:
            future = self._executor.submit(func, *args)
        except BrokenProcessPool:  # a previous photo killed a worker: start afresh
            self._slots.release()
            self._restart()
            raise errors.not_processable() from None
        # The slot is freed when the work ends, even if the client has gone away.
        future.add_done_callback(lambda _: loop.call_soon_threadsafe(self._slots.release))
        try:
            data, error, resident = await asyncio.wrap_future(future)
        except BrokenProcessPool:
            log.warning("a worker process died while rendering; restarting the pool")
            self._restart()
            raise errors.not_processable() from None
        if resident > self.memory_mark:
            self._start_recycling()
        if isinstance(error, PhotoError):
            raise errors.from_photo_error(error)
        if isinstance(error, AssetsGenError):
            raise errors.ApiError(422, "cannot_render", "Không tạo được ảnh với lựa chọn này.", error.what)
        if error is not None:
            log.error("rendering failed unexpectedly:\n%s", error)
            raise errors.not_processable()
        assert data is not None
        return data

    def _restart(self) -> None:
        old = self._executor
        if old is not None and getattr(old, "_broken", False):
            self._executor = self._new_executor()
            old.shutdown(wait=False, cancel_futures=True)
