"""Batch glue for each unit's statistics card (fb-post and story)."""

from __future__ import annotations

from collections.abc import Iterator

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.batch.kinds.daily import DailyOptions, daily
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError
from assets_gen.render.unit_stats import SIZES, UnitFigures, render_unit_stats, unit_figures, unit_stats_alt


def plan(ctx: PlanContext, opts: DailyOptions) -> Iterator[Job | AssetsGenError]:
    """One card per unit being built and size; each job's parameters are the unit's
    figures as of its last report, so a day it did not report leaves its cards unchanged."""
    source = yield from daily(ctx, opts)
    if source is None:
        return
    wanted = {u.slug for u in ctx.units}
    for fig in unit_figures(source.stats, source.day, source.units):
        if fig.slug not in wanted:
            continue
        for size in SIZES:
            if ctx.wants(size):
                yield Job(
                    kind="unit-stats",
                    size=size,
                    path=f"units/{fig.slug}/unit-stats-{size}.png",
                    unit=fig.slug,
                    params=freeze(fig.params()),
                    files=kit_files(ctx.kit),
                    where=source.stats.unit_lines.get(fig.slug, source.stats.file),
                    extra=freeze({"date": fig.day.isoformat(), "total": fig.total, "rank": fig.rank}),
                )


def render(kit: Kit, job: Job) -> Rendered:
    fig = UnitFigures.from_params(job.p)
    return png(job.path, render_unit_stats(kit, fig, job.size), unit_stats_alt(kit, fig))


KIND = Kind("unit-stats", plan, render, sizes=SIZES, options=DailyOptions)
