"""The render pool survives what a hostile photo can do to a decoder: an unexpected
exception, or a worker process that dies. Either way the member gets a 4xx."""

from __future__ import annotations

import asyncio
import os

import pytest

from assets_gen.web.errors import ApiError
from assets_gen.web.pool import RenderPool, _outcome, frame_png

pytestmark = pytest.mark.slow


def explode() -> tuple:
    return _outcome(lambda: bytes(1 // 0))


def die() -> tuple:
    os._exit(1)


def test_pool_turns_failures_into_4xx_and_recovers(kit) -> None:
    async def scenario() -> None:
        pool = RenderPool(kit, 1)
        await pool.start()
        try:
            with pytest.raises(ApiError) as bug:
                await pool.run(explode)
            assert (bug.value.status, bug.value.code) == (422, "photo_unreadable")
            with pytest.raises(ApiError) as crash:
                await pool.run(die)
            assert crash.value.status == 422
            png = await pool.run(frame_png, kit.frames[0].name, None)  # a fresh pool answers
            assert png.startswith(b"\x89PNG")
        finally:
            pool.close()

    asyncio.run(scenario())


def worker_pid() -> tuple:
    return _outcome(lambda: str(os.getpid()).encode())


def test_a_worker_past_its_memory_mark_is_replaced_by_a_warmed_one(kit) -> None:
    """Render processes are replaced when they grow past the mark (here: at once), not
    every few hundred photos: a respawn costs CPU the members waiting would need."""

    async def scenario() -> None:
        pool = RenderPool(kit, 1, memory_mark=1)
        roomy = RenderPool(kit, 1)
        await pool.start()
        await roomy.start()
        try:
            first = await pool.run(worker_pid)
            assert pool._recycling is not None
            await pool._recycling
            assert await pool.run(worker_pid) != first
            same = {await roomy.run(worker_pid) for _ in range(3)}
            assert len(same) == 1 and roomy._recycling is None
        finally:
            pool.close()
            roomy.close()

    asyncio.run(scenario())
