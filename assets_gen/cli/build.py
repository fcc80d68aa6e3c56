"""`assets-gen build`: every asset of the campaign, for every unit, incrementally."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import (
    brand_option,
    finish,
    handle_errors,
    jobs_option,
    load,
    out_option,
    report,
    size_names,
    split_names,
    units_option,
)


@click.command("build")
@brand_option
@out_option()
@units_option
@click.option("--only", help="Comma-separated kinds to make (e.g. frame,avatar).")
@click.option("--formats", help="Comma-separated size names to make (see `assets-gen sizes`).")
@jobs_option
@click.option("--force", is_flag=True, help="Render everything again, even what did not change.")
@click.option("--quiet", "-q", is_flag=True, help="No progress, only errors and the summary.")
@click.option(
    "--scheduler",
    metavar="tcp://HOST:PORT",
    help="Render on this Dask scheduler's workers (see README: cluster builds) instead of --jobs.",
)
@handle_errors
def command(
    brand_dir: Path | None,
    out: Path,
    units_file: Path | None,
    only: str | None,
    formats: str | None,
    jobs: int,
    force: bool,
    quiet: bool,
    scheduler: str | None,
) -> None:
    """Make every asset of the brand kit into OUT, with a manifest and a contact sheet.

    Only assets whose inputs changed are rendered again; a build that is stopped keeps
    every finished file and the next one completes the rest.
    """
    from assets_gen.batch.kinds.video import VideoOptions
    from assets_gen.batch.progress import Progress
    from assets_gen.batch.runner import BuildOptions, run_build

    kit = load(brand_dir)
    opts = BuildOptions(
        out=out,
        only=split_names(only),
        units_file=units_file,
        formats=size_names(formats),
        jobs=jobs,
        force=force,
        scheduler=scheduler,
        prune=True,
        index=True,
        # Units named on the command line also get their own intro videos.
        kind_options={"video": VideoOptions(per_unit=units_file is not None)},
    )
    result = run_build(kit, opts, Progress(enabled=not quiet), report=report)
    if not quiet:
        click.echo(f"wrote {out / 'manifest.json'} and {out / 'index.html'}", err=True)
    finish(result)
