"""`assets-gen sizes`: the platform sizes every asset is made in."""

from __future__ import annotations

import json
from pathlib import Path

import click

from assets_gen.cli.common import brand_option, handle_errors, load
from assets_gen.layout.sizes import SIZES


@click.command("sizes")
@brand_option
@click.option("--json", "as_json", is_flag=True, help='Print [{"name", "width", "height", "use"}] as JSON.')
@handle_errors
def command(brand_dir: Path | None, as_json: bool) -> None:
    """List the named sizes (for --sizes): pixels, safe area, budget, use, and whether the
    kit has a designer template for its banner."""
    if as_json:
        rows = [{"name": s.name, "width": s.width, "height": s.height, "use": s.use} for s in SIZES.values()]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
        return
    from assets_gen.render.banner import template_path

    kit = load(brand_dir)
    header = ("name", "size", "safe area (x,y w×h)", "budget", "template", "use")
    rows = [
        (
            s.name,
            f"{s.width}x{s.height}",
            f"{s.safe.x:g},{s.safe.y:g} {s.safe.w:g}×{s.safe.h:g}" + (" circle" if s.circle else ""),
            f"{s.budget_kb} kB" if s.budget_kb else "",
            "yes" if template_path(kit, s) else "",
            s.use,
        )
        for s in SIZES.values()
    ]
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header) - 1)]
    for row in (header, *rows):
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=False)) + "  " + row[-1])
