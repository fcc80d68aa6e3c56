"""`assets-gen preview`: build, serve the contact sheet, rebuild and reload on each kit edit."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import (
    brand_option,
    handle_errors,
    jobs_option,
    only_option,
    out_option,
    size_names,
    sizes_option,
    split_names,
    units_option,
)


@click.command("preview")
@brand_option
@out_option("outputs")
@units_option
@only_option()
@sizes_option()
@click.option(
    "--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port on 127.0.0.1."
)
@jobs_option
@handle_errors
def command(
    brand_dir: Path | None,
    out: Path,
    units_file: Path | None,
    only: str | None,
    sizes: str | None,
    port: int,
    jobs: int,
) -> None:
    """Build the kit into OUT and serve its contact sheet on http://127.0.0.1:PORT/.

    The kit folder is watched: after each change the assets it touches are rebuilt and
    open pages reload, the changed assets first. A change that breaks the kit shows its
    error on the page; fixing it rebuilds. GET /manifest.json is the current manifest.
    """
    from assets_gen.batch.kinds.video import VideoOptions
    from assets_gen.batch.runner import BuildOptions, check_sizes, selected_kinds
    from assets_gen.web.preview import run_preview

    kinds = selected_kinds(split_names(only))
    check_sizes(size_names(sizes), kinds)
    opts = BuildOptions(
        out=out,
        only=kinds,
        units_file=units_file,
        sizes=size_names(sizes),
        jobs=jobs,
        prune=True,
        index=True,
        kind_options={"video": VideoOptions(per_unit=units_file is not None)},
    )
    click.echo(f"preview: http://127.0.0.1:{port}/ (Ctrl-C to stop)", err=True)
    run_preview(brand_dir, opts, port=port)
