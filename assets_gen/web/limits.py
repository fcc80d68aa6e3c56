"""What keeps slow and greedy clients harmless: timeouts for every phase of a request,
admission gates for uploads and decoding, and memory handed back once a load is over.

- `ServerLimits`: every timeout and cap in one place (`assets-gen serve` options).
- `Gate`: admits work while both a count and a weight (decoded pixels) stay under their
  caps; a bounded number of requests wait their turn, the rest get 503 at once.
- `Budget`: bytes of upload bodies held in memory, taken as they arrive (a client that
  trickles holds what it sent, not what it declared) and given back once rendered.
- `give_back_memory`: glibc keeps freed heap pages resident; `malloc_trim` returns them.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import sys
from collections import deque
from collections.abc import AsyncIterator
from dataclasses import dataclass

from assets_gen.photo import MAX_PIXELS


@dataclass(frozen=True)
class ServerLimits:
    """Timeouts in seconds; sizes in bytes; `decode_budget` in bytes of decoded pixels."""

    header_timeout: float = 10.0  # from the first byte of a request to the end of its headers
    body_idle_timeout: float = 15.0  # longest wait for the next piece of a body
    body_timeout: float = 60.0  # a whole body, however steadily it trickles in
    keep_alive: float = 5.0  # an idle connection between requests
    max_uploads: int = 64  # uploads received or rendered at once
    upload_queue: int = 64  # uploads waiting for one of those slots; more get 503
    queue_timeout: float = 20.0  # longest wait in that queue (or for memory) before a 503
    upload_memory: int = 160 * 1024 * 1024  # bytes of bodies received and not yet rendered
    decode_budget: int = 2 * MAX_PIXELS * 4  # photos being decoded, at 4 bytes a pixel
    worker_memory: int = 500 * 1024 * 1024  # a render process past this resident size is replaced
    worker_jobs: int = 5000  # and any after this many photos (each respawn costs seconds of CPU)
    linger_timeout: float = 2.0  # reading (and dropping) the rest of a refused body
    linger_bytes: int = 20 * 1024 * 1024  # past the 15 MB limit: a 16 MB upload still reads its 413

    def validated(self) -> ServerLimits:
        for name in ("header_timeout", "body_idle_timeout", "body_timeout", "keep_alive", "queue_timeout"):
            if not 0 < getattr(self, name) < 3600:
                raise ValueError(f"{name} must be between 0 and 3600 seconds")
        if self.max_uploads < 1 or self.upload_queue < 0 or self.worker_jobs < 1 or self.worker_memory < 1:
            raise ValueError("max_uploads and worker_jobs must be at least 1, upload_queue at least 0")
        return self


class Busy(Exception):
    """No slot came free in time: answer 503 with Retry-After."""


class Gate:
    """At most `slots` holders whose weights sum to at most `capacity`; first come, first in.

    A weight above the capacity is admitted alone (it is capped, not refused: the caller
    checks sizes). `queue` holders may wait, each at most `wait` seconds.
    """

    def __init__(self, slots: int, capacity: int, queue: int, wait: float) -> None:
        self.slots = slots
        self.capacity = capacity
        self.queue = queue
        self.wait = wait
        self.active = 0
        self.weight = 0
        self._waiters: deque[tuple[int, asyncio.Future[None]]] = deque()
        self.on_idle: list = []  # callbacks run when the last holder leaves

    def _fits(self, weight: int) -> bool:
        return self.active < self.slots and (self.active == 0 or self.weight + weight <= self.capacity)

    @contextlib.asynccontextmanager
    async def admit(self, weight: int = 0) -> AsyncIterator[None]:
        weight = min(max(0, weight), self.capacity)
        if self._waiters or not self._fits(weight):
            if len(self._waiters) >= self.queue:
                raise Busy
            future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
            entry = (weight, future)
            self._waiters.append(entry)
            try:
                await asyncio.wait_for(asyncio.shield(future), self.wait)
            except TimeoutError:
                self._give_up(entry)
                raise Busy from None
            except asyncio.CancelledError:  # the client went away while waiting
                self._give_up(entry)
                raise
        else:
            self.active += 1
            self.weight += weight
        try:
            yield
        finally:
            self._release(weight)

    def _give_up(self, entry: tuple[int, asyncio.Future[None]]) -> None:
        weight, future = entry
        if future.done() and not future.cancelled():  # admitted just as it gave up
            self._release(weight)
            return
        future.cancel()
        with contextlib.suppress(ValueError):
            self._waiters.remove(entry)
        self._wake()

    def _release(self, weight: int) -> None:
        self.active -= 1
        self.weight -= weight
        self._wake()
        if self.active == 0:
            for callback in self.on_idle:
                callback()

    def _wake(self) -> None:
        while self._waiters:
            weight, future = self._waiters[0]
            if future.done():
                self._waiters.popleft()
                continue
            if not self._fits(weight):
                return
            self._waiters.popleft()
            self.active += 1
            self.weight += weight
            future.set_result(None)


class Budget:
    """Bytes shared by every upload in flight, taken as they arrive.

    Uploads that each hold part of their body and wait for room for the rest would wait
    on each other until all time out. So the oldest upload in flight may always take what
    it needs (it is bounded by the upload size limit) and finishes, giving its bytes back;
    the others wait for room, each at most `wait` seconds.
    """

    def __init__(self, capacity: int, wait: float) -> None:
        self.capacity = capacity
        self.wait = wait
        self.used = 0
        self._holdings: dict[Holding, None] = {}  # uploads reading, in the order they began
        self._freed = asyncio.Event()

    def _may_take(self, holding: Holding, size: int) -> bool:
        return self.used + size <= self.capacity or next(iter(self._holdings)) is holding

    async def _take(self, holding: Holding, size: int) -> None:
        try:
            async with asyncio.timeout(self.wait):
                while not self._may_take(holding, size):
                    self._freed.clear()
                    await self._freed.wait()
        except TimeoutError:
            raise Busy from None
        self.used += size

    def _leave(self, holding: Holding) -> None:
        self.used -= holding.size
        self._holdings.pop(holding, None)
        self._freed.set()


class Holding:
    """What one upload has taken from a Budget, all given back at once by `release`."""

    def __init__(self, budget: Budget) -> None:
        self.budget = budget
        self.size = 0

    async def take(self, size: int) -> None:
        # In line from its first piece: an upload still waiting to be admitted reads
        # nothing, so it must not be the oldest that the others wait for.
        self.budget._holdings.setdefault(self, None)
        await self.budget._take(self, size)
        self.size += size

    def release(self) -> None:
        self.budget._leave(self)
        self.size = 0


def give_back_memory() -> None:
    """Return freed heap pages to the system (glibc only; elsewhere nothing to do)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)
