"""Batch glue for the emulation leaderboard: the top ten units by running total."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.batch.kinds.daily import DailyOptions, daily, join
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError
from assets_gen.render.leaderboard import (
    SIZES,
    Entry,
    leaderboard_alt,
    leaderboard_entries,
    render_leaderboard,
)


def plan(ctx: PlanContext, opts: DailyOptions) -> Iterator[Job | AssetsGenError]:
    source = yield from daily(ctx, opts)
    if source is None:
        return
    entries = leaderboard_entries(source.stats, source.day, source.units)
    rows = tuple((e.slug, e.name, e.short_name, e.total, e.today) for e in entries)
    for size in SIZES:
        if ctx.wants(size):
            yield Job(
                kind="leaderboard",
                format=size,
                path=join(opts.dest, f"leaderboard-{size}.png"),
                params=freeze({"day": source.day.isoformat(), "entries": rows}),
                files=kit_files(ctx.kit, "trophy"),
                where=source.stats.file,
                extra=freeze({"date": source.day.isoformat()}),
            )


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    day = dt.date.fromisoformat(p["day"])
    entries = [Entry(*row) for row in p["entries"]]
    return png(
        job.path, render_leaderboard(kit, day, entries, job.format), leaderboard_alt(kit, day, entries)
    )


KIND = Kind("leaderboard", plan, render, sizes=SIZES, options=DailyOptions)
