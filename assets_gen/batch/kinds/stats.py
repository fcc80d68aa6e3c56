"""Batch glue for the daily statistics card (fb-post and story)."""

from __future__ import annotations

from collections.abc import Iterator

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.batch.kinds.daily import daily, dest, join
from assets_gen.brand.model import Kit
from assets_gen.render.stats_card import SIZES, DailyFigures, daily_figures, render_stats, stats_alt


def plan(ctx: PlanContext) -> Iterator[Job]:
    """Options: stats_file (default the kit's), day (date; default the file's last), dest."""
    source = yield from daily(ctx)
    if source is None:
        return
    fig = daily_figures(source.stats, source.day, ctx.kit.campaign.goal)
    for size in SIZES:
        if ctx.wants(size):
            yield Job(
                kind="stats",
                format=size,
                path=join(dest(ctx), f"stats-{size}.png"),
                params=freeze(fig.params()),
                files=kit_files(ctx.kit),
                where=source.stats.file,
                extra=freeze({"date": source.day.isoformat(), "total": fig.total}),
            )


def render(kit: Kit, job: Job) -> Rendered:
    fig = DailyFigures.from_params(job.p)
    return png(job.path, render_stats(kit, fig, job.format), stats_alt(kit, fig))


KIND = Kind("stats", plan, render, uses_units=False)
