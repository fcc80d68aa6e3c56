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

_CACHE = "_daily_stats"


@dataclass(frozen=True)
class Daily:
    stats: Stats
    day: dt.date
    file: Path
    units: dict[str, Unit]
    """Every unit known by slug (ctx.directory()), for names."""


def daily(ctx: PlanContext) -> Generator[AssetsGenError, None, Daily | None]:
    """The stats file (option stats_file, else the kit's) read once per run, and the day
    (option day, else the file's last). Use as `source = yield from daily(ctx)`: the first
    kind to ask yields the file's errors and warnings; None when there is no file or it
    has errors."""
    cache = ctx.options.setdefault(_CACHE, {})
    if "value" in cache:
        return cache["value"]
    cache["value"] = None
    path = ctx.options.get("stats_file") or ctx.kit.data.stats
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
        day = stats.resolve_day(ctx.options.get("day"))
    except AssetsGenError as err:
        yield err
        return None
    cache["value"] = Daily(stats, day, Path(path).resolve(), units)
    return cache["value"]


def dest(ctx: PlanContext) -> str:
    return ctx.options.get("dest", "campaign/stats")


def join(folder: str, name: str) -> str:
    return f"{folder}/{name}".lstrip("/")
