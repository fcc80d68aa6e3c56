"""`assets-gen stats`: the daily statistics card, leaderboard and newspaper counter."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from assets_gen.cli.common import (
    base_url_option,
    brand_option,
    build,
    handle_errors,
    jobs_option,
    load,
    out_option,
    parse_day_option,
    units_option,
)


@click.command("stats")
@brand_option
@click.option(
    "--data",
    "data_file",
    type=click.Path(path_type=Path),
    default=None,
    help="CSV with columns date,unit,count (default: the kit's stats file).",
)
@click.option(
    "--date",
    "day",
    callback=parse_day_option,
    help="Day to show, YYYY-MM-DD (default: the last in the file).",
)
@units_option
@out_option("outputs/stats")
@jobs_option
@base_url_option
@handle_errors
def command(
    brand_dir: Path | None,
    data_file: Path | None,
    day: dt.date | None,
    units_file: Path | None,
    out: Path,
    jobs: int,
    base_url: str | None,
) -> None:
    """Statistics card (fb-post, story), leaderboards (fb-portrait, story), counter, milestones.

    Writes stats-SIZE.png, leaderboard-SIZE.png (and clusters/CLUSTER/leaderboard-SIZE.png
    per emulation cluster), counter.svg with counter.html (the snippet to paste into the
    newspaper's page) and counter.png, and milestones/milestone-N-SIZE.png for each
    milestone reached, into OUT. Run it daily from a scheduled job: the names stay the same.
    """
    from assets_gen.batch.kinds.counter import CounterOptions
    from assets_gen.batch.kinds.daily import DailyOptions
    from assets_gen.batch.runner import BuildOptions

    kit = load(brand_dir)
    kinds = ["stats", "leaderboard", "counter", "milestone"]
    options = DailyOptions(stats_file=data_file, day=day, dest="")
    counter = CounterOptions(stats_file=data_file, day=day, dest="", base_url=base_url)
    opts = BuildOptions(
        out=out,
        only=kinds,
        units_file=units_file,
        jobs=jobs,
        kind_options={**dict.fromkeys(kinds, options), "counter": counter},
    )
    build(kit, opts)
