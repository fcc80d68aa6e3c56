"""The statistics file and date that every statistics kind shares.

The kinds (stats, leaderboard, counter, unit-stats, milestone...) plan from one reading
of the file: its bad lines and unknown units are reported once, not once per kind, the
date asked for is checked once, and nothing is planned from a file with errors.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Generator
from dataclasses import dataclass
from pathlib import Path

from assets_gen.batch.kinds.base import PlanContext
from assets_gen.brand.stats import Stats, StatsErrors, read_stats
from assets_gen.brand.units import Unit
from assets_gen.errors import AssetsGenError


@dataclass(frozen=True)
class DailyOptions:
    """The options every statistics kind takes (the same instance for all of them)."""

    stats_file: Path | None = None
    """Statistics CSV (None: the kit's)."""
    day: dt.date | None = None
    """The day shown (None: the file's last)."""
    dest: str = "campaign/stats"
    """Folder inside the output folder."""


@dataclass(frozen=True)
class Daily:
    stats: Stats
    day: dt.date
    file: Path
    units: dict[str, Unit]
    """Every unit known by slug (ctx.directory()), for names."""


def daily(ctx: PlanContext, opts: DailyOptions) -> Generator[AssetsGenError, None, Daily | None]:
    """The stats file (opts.stats_file, else the kit's) read once per run, and the day
    (opts.day, else the file's last). Use as `source = yield from daily(ctx, opts)`: the
    first kind to ask yields the file's errors and warnings; None when there is no file or
    it has errors."""
    path = opts.stats_file or ctx.kit.data.stats
    key = ("daily", path, opts.day)
    if key in ctx.shared:
        return ctx.shared[key]
    ctx.shared[key] = None
    if path is None:
        return None
    units = ctx.directory()
    try:
        stats = read_stats(Path(path), units.values())
    except StatsErrors as errors:
        yield from errors.lines()
        return None
    except AssetsGenError as err:
        yield err
        return None
    yield from stats.warnings
    try:
        day = stats.resolve_day(opts.day)
    except AssetsGenError as err:
        yield err
        return None
    ctx.shared[key] = Daily(stats, day, Path(path).resolve(), units)
    return ctx.shared[key]


def join(folder: str, name: str) -> str:
    return f"{folder}/{name}".lstrip("/")
