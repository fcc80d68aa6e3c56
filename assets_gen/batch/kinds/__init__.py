"""Every asset kind the batch knows, in build order."""

from assets_gen.batch.kinds import (
    avatar,
    banner,
    counter,
    event,
    frame,
    leaderboard,
    page,
    printset,
    spotlight,
    stats,
    steps,
    video,
)
from assets_gen.batch.kinds.base import Kind, PlanContext

KINDS: dict[str, Kind] = {
    k.name: k
    for k in (
        frame.KIND,
        banner.KIND,
        avatar.KIND,
        steps.KIND,
        stats.KIND,
        leaderboard.KIND,
        counter.KIND,
        spotlight.KIND,
        event.KIND,
        page.KIND,
        printset.KIND,
        video.KIND,
    )
}

__all__ = ["KINDS", "Kind", "PlanContext"]
