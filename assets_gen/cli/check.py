"""`assets-gen check`: lint a brand kit."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import brand_option, handle_errors, load


@click.command("check")
@brand_option
@handle_errors
def command(brand_dir: Path | None) -> None:
    """Lint the brand kit: font coverage, text contrast, logos, units, readable text.

    Exits 1 with one `error:` line per problem; `warning:` lines (text under the size
    floor, a word broken across lines, naming the asset) do not change the exit status.
    """
    from assets_gen.batch.check import check_kit, check_notes
    from assets_gen.batch.readable import check_readability

    kit = load(brand_dir)
    problems = check_kit(kit)
    from assets_gen.batch.kinds.printset import photo_warnings

    for line in [*photo_warnings(kit), *check_notes(kit)]:  # worth a look, stops nothing
        click.echo(f"warning: {line}", err=True)
    for line in problems:
        click.echo(f"error: {line}", err=True)
    warnings = list(check_readability(kit))
    for line in warnings:
        click.echo(f"warning: {line}", err=True)
    if problems:
        raise SystemExit(1)
    note = f" ({len(warnings)} warning{'s' if len(warnings) != 1 else ''})" if warnings else ""
    click.echo(f"{kit.file.parent.name}: brand kit OK{note}", err=True)
