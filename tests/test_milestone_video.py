"""The milestone video: planned per milestone reached, held still long enough to read."""

from __future__ import annotations

import numpy as np
import pytest

from assets_gen.batch.jobs import Job
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.kinds.video import VideoOptions
from assets_gen.brand.stats import read_stats
from assets_gen.brand.units import read_units
from assets_gen.render.milestone import reached
from assets_gen.video.captions import captions
from assets_gen.video.make import VideoSpec, build


@pytest.fixture(scope="module")
def milestone(kit):
    units = {u.slug: u for u in read_units(kit.data.units, kit)}
    stats = read_stats(kit.data.stats, units.values())
    return reached(stats, stats.days[-1], kit.campaign.milestones, units)[-1]


def test_build_plans_a_square_and_a_vertical_video_per_milestone(kit):
    jobs = [
        j for j in KINDS["video"].plan(PlanContext(kit=kit, units=[]), VideoOptions()) if isinstance(j, Job)
    ]
    paths = [j.path for j in jobs if j.p["video"] == "milestone"]
    assert paths == [
        f"campaign/video/milestone-{n}00000-{a}.mp4" for n in range(1, 6) for a in ("1x1", "9x16")
    ]
    # `assets-gen video` makes only what it is asked for (cli/video.py).
    asked = VideoOptions(video="intro", milestones=False)
    planned = KINDS["video"].plan(PlanContext(kit=kit, units=[]), asked)
    assert not [j for j in planned if isinstance(j, Job) and j.p["video"] == "milestone"]


@pytest.mark.parametrize("aspect", ["1:1", "9:16"])
def test_holds_are_long_enough_to_read(kit, milestone, aspect):
    video = build(kit, VideoSpec("milestone", aspect, milestone=milestone))
    assert 6.0 <= video.duration <= 8.0

    def frame(t: float) -> np.ndarray:
        return video.compositor().render(t).copy()

    # The number and the leaders, then the end card: nothing moves while they hold.
    assert np.array_equal(frame(1.96), frame(1.96 + 1.5))
    assert np.array_equal(frame(5.46), frame(5.46 + 2.5))
    text = " ".join(c.text for c in captions(video))
    assert "500.000" in text and "Phong trào đã cán mốc" in text and "LĐLĐ TP. Hồ Chí Minh" in text
