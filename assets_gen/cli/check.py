"""`assets-gen check`: lint a brand kit."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import brand_option, handle_errors, load


@click.command("check")
@brand_option
@handle_errors
def command(brand_dir: Path | None) -> None:
    """Lint the brand kit: font coverage, text contrast, logos, units.

    Exits 0 when the kit is clean, 1 with one line per problem otherwise.
    """
    from assets_gen.batch.check import check_kit

    kit = load(brand_dir)
    problems = check_kit(kit)
    from assets_gen.batch.kinds.printset import photo_warnings

    for line in photo_warnings(kit):  # worth a look, stops nothing
        click.echo(f"warning: {line}", err=True)
    for line in problems:
        click.echo(f"error: {line}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo(f"{kit.file.parent.name}: brand kit OK", err=True)
