"""Batch glue for the daily statistics card (fb-post and story)."""

from __future__ import annotations

from collections.abc import Iterator

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.batch.kinds.daily import DailyOptions, daily, join
from assets_gen.brand.model import Kit
from assets_gen.render.stats_card import SIZES, DailyFigures, daily_figures, render_stats, stats_alt


def plan(ctx: PlanContext, opts: DailyOptions) -> Iterator[Job]:
    source = yield from daily(ctx, opts)
    if source is None:
        return
    fig = daily_figures(source.stats, source.day, ctx.kit.campaign.goal)
    for size in SIZES:
        if ctx.wants(size):
            yield Job(
                kind="stats",
                size=size,
                path=join(opts.dest, f"stats-{size}.png"),
                params=freeze(fig.params()),
                files=kit_files(ctx.kit),
                where=source.stats.file,
                extra=freeze({"date": source.day.isoformat(), "total": fig.total}),
            )


def render(kit: Kit, job: Job) -> Rendered:
    fig = DailyFigures.from_params(job.p)
    return png(job.path, render_stats(kit, fig, job.size), stats_alt(kit, fig))


KIND = Kind("stats", plan, render, sizes=SIZES, options=DailyOptions, uses_units=False)
