"""Every asset kind the batch knows, in build order."""

from assets_gen.batch.kinds import (
    author_video,
    avatar,
    banner,
    captions,
    counter,
    event,
    frame,
    leaderboard,
    milestone,
    page,
    printset,
    quote,
    spotlight,
    stats,
    steps,
    unit_stats,
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
        unit_stats.KIND,
        milestone.KIND,
        spotlight.KIND,
        event.KIND,
        quote.KIND,
        page.KIND,
        page.LINK_KIND,
        printset.KIND,
        video.KIND,
        author_video.KIND,
        captions.KIND,
    )
}

__all__ = ["KINDS", "Kind", "PlanContext"]
