"""`assets-gen banner`: the campaign banner in every size, campaign-wide and per unit."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import (
    brand_option,
    build,
    handle_errors,
    jobs_option,
    load,
    out_option,
    size_names,
    sizes_option,
    units_option,
)


@click.command("banner")
@brand_option
@units_option
@sizes_option("Comma-separated size names (default: every banner size; see `assets-gen sizes`).")
@out_option()
@jobs_option
@click.option("--force", is_flag=True, help="Render again even what did not change.")
@handle_errors
def command(
    brand_dir: Path | None, units_file: Path | None, sizes: str | None, out: Path, jobs: int, force: bool
) -> None:
    """Render the campaign banner in every size: one campaign-wide, one per unit with its name.

    The layout adapts to each shape and keeps text out of crop and UI zones; a designer's
    SVG template (templates/banner-SIZE.svg in the kit) replaces it for its size. Web
    banners meet the IAB file-size budgets.
    """
    from assets_gen.batch.progress import Progress
    from assets_gen.batch.runner import BuildOptions

    kit = load(brand_dir)
    opts = BuildOptions(
        out=out,
        only=["banner"],
        units_file=units_file,
        sizes=size_names(sizes),
        jobs=jobs,
        force=force,
        index=True,
    )
    build(kit, opts, Progress())
