"""Batch glue for milestone cards (fb-post, story): one per milestone the data reached."""

from __future__ import annotations

from collections.abc import Iterator

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.batch.kinds.daily import DailyOptions, daily, join
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError
from assets_gen.render.milestone import SIZES, Milestone, milestone_alt, reached, render_milestone


def plan(ctx: PlanContext, opts: DailyOptions) -> Iterator[Job | AssetsGenError]:
    source = yield from daily(ctx, opts)
    if source is None:
        return
    for ms in reached(source.stats, source.day, ctx.kit.campaign.milestones, source.units):
        for size in SIZES:
            if ctx.wants(size):
                yield Job(
                    kind="milestone",
                    size=size,
                    path=join(opts.dest, f"milestones/milestone-{ms.slug}-{size}.png"),
                    params=freeze(ms.params()),
                    files=kit_files(ctx.kit),
                    where=source.stats.file,
                    extra=freeze({"date": ms.day.isoformat(), "milestone": ms.number}),
                )


def render(kit: Kit, job: Job) -> Rendered:
    ms = Milestone.from_params(job.p)
    return png(job.path, render_milestone(kit, ms, job.size), milestone_alt(kit, ms))


KIND = Kind("milestone", plan, render, sizes=SIZES, options=DailyOptions, uses_units=False)
