"""Batch glue for the emulation leaderboards: the top ten units by running total, nationally
and in each emulation cluster (units.csv `cluster` column), one file per cluster."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.batch.kinds.daily import DailyOptions, daily, join
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.errors import AssetsGenError
from assets_gen.render.leaderboard import (
    SIZES,
    Entry,
    cluster_entries,
    leaderboard_alt,
    leaderboard_entries,
    render_leaderboard,
)


def plan(ctx: PlanContext, opts: DailyOptions) -> Iterator[Job | AssetsGenError]:
    source = yield from daily(ctx, opts)
    if source is None:
        return
    boards = [("", "", leaderboard_entries(source.stats, source.day, source.units))]
    clusters: dict[str, list[Unit]] = {}
    for unit in source.units.values():
        if unit.cluster:
            clusters.setdefault(unit.cluster, []).append(unit)
    for name, members in clusters.items():
        boards.append((name, members[0].cluster_slug, cluster_entries(source.stats, source.day, members)))
    for cluster, slug, entries in boards:
        rows = tuple((e.slug, e.name, e.short_name, e.total, e.today) for e in entries)
        folder = join(opts.dest, f"clusters/{slug}") if slug else opts.dest
        for size in SIZES:
            if ctx.wants(size):
                yield Job(
                    kind="leaderboard",
                    size=size,
                    path=join(folder, f"leaderboard-{size}.png"),
                    params=freeze({"day": source.day.isoformat(), "entries": rows, "cluster": cluster}),
                    files=kit_files(ctx.kit, "trophy"),
                    where=source.stats.file,
                    extra=freeze(
                        {"date": source.day.isoformat(), **({"cluster": cluster} if cluster else {})}
                    ),
                )


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    day = dt.date.fromisoformat(p["day"])
    entries = [Entry(*row) for row in p["entries"]]
    cluster = p.get("cluster", "")
    return png(
        job.path,
        render_leaderboard(kit, day, entries, job.size, cluster),
        leaderboard_alt(kit, day, entries, cluster),
    )


KIND = Kind("leaderboard", plan, render, sizes=SIZES, options=DailyOptions)
