"""`assets-gen card`: data cards (how-to guides, author spotlights, event posters)."""

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


@click.group("card")
def command() -> None:
    """Render data cards: how-to guides, author spotlights, event posters."""


def _run(brand_dir, kind: str, out: Path, jobs: int, options: object, sizes=None, units_file=None) -> None:
    from assets_gen.batch.runner import BuildOptions

    kit = load(brand_dir)
    opts = BuildOptions(
        out=out,
        only=[kind],
        units_file=units_file,
        sizes=size_names(sizes),
        jobs=jobs,
        kind_options={kind: options},
    )
    build(kit, opts)


@command.command("steps")
@brand_option
@out_option("outputs/guides")
@sizes_option("Comma-separated size names to make (default: all the kind has).")
@jobs_option
@handle_errors
def steps(brand_dir: Path | None, out: Path, sizes: str | None, jobs: int) -> None:
    """Each guide of the kit's content folder as a Facebook carousel and summaries.

    Per guide: fb-portrait pages (cover, one or two steps per page with a page counter,
    a last page with the portal's QR code and the hotline) and one-image summaries in
    fb-post and story sizes, written to OUT/GUIDE/.
    """
    from assets_gen.batch.kinds.steps import StepsOptions

    _run(brand_dir, "steps", out, jobs, StepsOptions(dest=""), sizes)


@command.command("spotlight")
@brand_option
@click.option(
    "--authors",
    "authors_file",
    type=click.Path(path_type=Path),
    default=None,
    help="Authors CSV (name, unit, title; optional id, role, benefit, quote, photo); default: the kit's.",
)
@units_option
@out_option("outputs/spotlights")
@sizes_option("Comma-separated size names to make (default: all the kind has).")
@jobs_option
@handle_errors
def spotlight(
    brand_dir: Path | None,
    authors_file: Path | None,
    units_file: Path | None,
    out: Path,
    sizes: str | None,
    jobs: int,
) -> None:
    """One card per author in fb-post and story sizes, written to OUT/UNIT/ID-SIZE.png.

    Rows are read as a stream; a bad row (missing photo, unknown unit...) gives one error
    line and the other cards are still made. Unchanged cards are not rendered again.
    """
    from assets_gen.batch.kinds.spotlight import SpotlightOptions

    options = SpotlightOptions(authors_file=authors_file, dest="{unit}")
    _run(brand_dir, "spotlight", out, jobs, options, sizes, units_file)


@command.command("event")
@brand_option
@click.argument("events", nargs=-1, type=click.Path(path_type=Path))
@out_option("outputs/events")
@sizes_option("Comma-separated size names to make (default: all the kind has).")
@jobs_option
@handle_errors
def event(brand_dir: Path | None, events: tuple[Path, ...], out: Path, sizes: str | None, jobs: int) -> None:
    """Posters for events (default: every brand/events/*.toml) in fb-event, fb-post, story.

    EVENTS are event TOML files or folders of them.
    """
    files: list[Path] = []
    for path in events:
        files.extend(sorted(path.glob("*.toml")) if path.is_dir() else [path])
    from assets_gen.batch.kinds.event import EventOptions

    options = EventOptions(event_files=tuple(f.resolve() for f in files) or None, dest="")
    _run(brand_dir, "event", out, jobs, options, sizes)
