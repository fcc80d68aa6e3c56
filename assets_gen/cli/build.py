"""`assets-gen build`: every asset of the campaign, for every unit, incrementally."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from assets_gen.batch.result import BuildResult
from assets_gen.cli.common import (
    base_url_option,
    brand_option,
    finish,
    handle_errors,
    jobs_option,
    load,
    only_option,
    out_option,
    parse_day_option,
    report,
    size_names,
    sizes_option,
    split_names,
    units_option,
)
from assets_gen.errors import AssetsGenError, DataWarning
from assets_gen.resources import default_brand_dir


def _resolved(path: Path | None) -> str | None:
    return str(path.resolve()) if path is not None else None


@click.command("build")
@brand_option
@out_option()
@units_option
@only_option()
@click.option(
    "--date",
    "day",
    callback=parse_day_option,
    help="YYYY-MM-DD: author-video makes only that day's author (a stable rotation over the authors file).",
)
@sizes_option()
@jobs_option
@base_url_option
@click.option("--force", is_flag=True, help="Render everything again, even what did not change.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only errors and the summary.")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Render on this Dask scheduler's workers (see README: cluster builds) instead of --jobs.",
)
@click.option(
    "--counter-url",
    metavar="URL",
    help="The participation counter the exported avatar page reports to "
    "(an `assets-gen serve` address + /api/downloads); without it the page counts nothing.",
)
@handle_errors
def command(
    brand_dir: Path | None,
    out: Path,
    units_file: Path | None,
    only: str | None,
    day: dt.date | None,
    sizes: str | None,
    jobs: int,
    base_url: str | None,
    force: bool,
    quiet: bool,
    scheduler: str | None,
    counter_url: str | None,
) -> None:
    """Make every asset of the brand kit into OUT, with a manifest and a contact sheet.

    Only assets whose inputs changed are rendered again; a build that is stopped keeps
    every finished file and the next one completes the rest.
    """
    from assets_gen.batch import uptodate

    if counter_url is not None and not counter_url.startswith(("https://", "http://")):
        raise AssetsGenError("--counter-url", f'"{counter_url}" is not a web address (http:// or https://)')
    record = uptodate.options_key(
        [
            _resolved(brand_dir or default_brand_dir()),
            _resolved(units_file),
            only,
            sorted(size_names(sizes) or ()),
            day,
            base_url,
            counter_url,
            scheduler,
        ]
    )
    same = None if force else uptodate.check(out, record)
    if same is not None:  # nothing read or written changed since the last build: say so
        for where, what in same.warnings:
            report(DataWarning(where, what))
        finish(BuildResult(unchanged=same.unchanged, warnings=[DataWarning(w, m) for w, m in same.warnings]))
        return

    from assets_gen.batch.kinds.author_video import AuthorVideoOptions
    from assets_gen.batch.kinds.counter import CounterOptions
    from assets_gen.batch.kinds.page import PageOptions
    from assets_gen.batch.kinds.video import VideoOptions
    from assets_gen.batch.progress import Progress
    from assets_gen.batch.runner import BuildOptions, run_build

    kit = load(brand_dir)
    opts = BuildOptions(
        out=out,
        only=split_names(only),
        units_file=units_file,
        sizes=size_names(sizes),
        jobs=jobs,
        force=force,
        scheduler=scheduler,
        prune=True,
        index=True,
        record=record,
        # Units named on the command line also get their own intro videos.
        kind_options={
            "video": VideoOptions(per_unit=units_file is not None),
            "page": PageOptions(counter_url=counter_url),
            "counter": CounterOptions(base_url=base_url),
            "author-video": AuthorVideoOptions(day=day, named_units=units_file is not None),
        },
    )
    result = run_build(kit, opts, Progress(enabled=not quiet), report=report)
    if not quiet:
        click.echo(f"wrote {out / 'manifest.json'} and {out / 'index.html'}", err=True)
    finish(result)
