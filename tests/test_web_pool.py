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
