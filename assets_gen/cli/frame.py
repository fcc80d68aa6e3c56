"""`assets-gen frame`: the transparent profile-frame overlays."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import (
    brand_option,
    build,
    check_styles,
    handle_errors,
    jobs_option,
    load,
    out_option,
    split_names,
    units_option,
)


@click.command("frame")
@brand_option
@units_option
@click.option("--style", "styles", help="Comma-separated frame styles (default: all).")
@out_option()
@jobs_option
@handle_errors
def command(
    brand_dir: Path | None, units_file: Path | None, styles: str | None, out: Path, jobs: int
) -> None:
    """Write 1080x1080 transparent PNG frames: one per style, and one per style and unit.

    Logo and text stay inside the circle Facebook and Zalo crop to; the middle is clear.
    """
    from assets_gen.batch.kinds.frame import FrameOptions
    from assets_gen.batch.runner import BuildOptions

    kit = load(brand_dir)
    names = split_names(styles)
    check_styles(kit, names)
    opts = BuildOptions(
        out=out,
        only=["frame"],
        units_file=units_file,
        jobs=jobs,
        kind_options={"frame": FrameOptions(styles=tuple(names) if names else None)},
    )
    build(kit, opts)
