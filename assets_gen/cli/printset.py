"""`assets-gen print`: the print set as print-ready PDF."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import (
    brand_option,
    build,
    handle_errors,
    jobs_option,
    load,
    only_option,
    out_option,
    split_names,
    units_option,
)


@click.command("print")
@brand_option
@units_option
@only_option(
    "Comma-separated products: poster-a4, poster-a3, rollup, street-banner, backdrop, certificate, booklet."
)
@click.option(
    "--authors",
    "authors_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Authors CSV for certificates and the booklet; default: the kit's.",
)
@out_option("outputs")
@click.option("--cmyk", is_flag=True, help="Also write NAME.cmyk.pdf, converted to CMYK by Ghostscript.")
@jobs_option
@handle_errors
def command(
    brand_dir: Path | None,
    units_file: Path | None,
    only: str | None,
    authors_file: Path | None,
    out: Path,
    cmyk: bool,
    jobs: int,
) -> None:
    """Posters, roll-ups, street banners, stage backdrops, certificates and the authors'
    booklet as print-ready PDF (trim, bleed, crop marks; text as outlines) into OUT.

    Campaign-wide files go to OUT/campaign/print/, a unit's to OUT/units/UNIT/print/;
    each PDF has a PNG preview of its first page beside it.
    """
    from assets_gen.batch.kinds.printset import PrintOptions, check_products
    from assets_gen.batch.runner import BuildOptions

    kit = load(brand_dir)
    options = PrintOptions(products=check_products(split_names(only)), cmyk=cmyk, authors_file=authors_file)
    if cmyk:
        from assets_gen.render.print.cmyk import ghostscript

        ghostscript()
    opts = BuildOptions(
        out=out, only=["print"], units_file=units_file, jobs=jobs, kind_options={"print": options}
    )
    build(kit, opts)
