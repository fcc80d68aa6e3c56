"""The statistics file and date that the stats, leaderboard and counter kinds share.

The three kinds plan from one reading of the file: a bad file is reported once, not
three times, and the date asked for is checked once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from assets_gen.batch.kinds.base import PlanContext
from assets_gen.brand.stats import Stats, read_stats

_CACHE = "_daily_stats"


@dataclass(frozen=True)
class Daily:
    stats: Stats
    day: dt.date
    file: Path


def daily(ctx: PlanContext) -> Daily | None:
    """The stats file (option stats_file, else the kit's) read once per run, and the day
    (option day, else the file's last); None when there is none or it already failed."""
    cache = ctx.options.setdefault(_CACHE, {})
    if "value" in cache:
        return cache["value"]
    cache["value"] = None
    path = ctx.options.get("stats_file") or ctx.kit.data.stats
    if path is None:
        return None
    stats = read_stats(Path(path))  # raises once; later kinds see None
    day = stats.resolve_day(ctx.options.get("day"))
    cache["value"] = Daily(stats, day, Path(path).resolve())
    return cache["value"]


def dest(ctx: PlanContext) -> str:
    return ctx.options.get("dest", "campaign/stats")


def join(folder: str, name: str) -> str:
    return f"{folder}/{name}".lstrip("/")
