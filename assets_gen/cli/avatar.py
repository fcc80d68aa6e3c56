"""`assets-gen avatar`: members' photos framed, ready to set as a profile picture."""

from __future__ import annotations

from pathlib import Path

import click

from assets_gen.cli.common import (
    brand_option,
    build,
    check_styles,
    find_unit,
    handle_errors,
    jobs_option,
    load,
    out_option,
    units_option,
)


@click.command("avatar")
@click.argument("photos", nargs=-1, required=True, type=click.Path(path_type=Path))
@brand_option
@click.option("--style", help="Frame style (default: the kit's first style).")
@click.option("--unit", "unit_slug", help="Unit slug whose name goes on the frame.")
@units_option
@click.option(
    "--filetype",
    "--format",
    "filetype",
    type=click.Choice(["jpg", "png"]),
    default="jpg",
    show_default=True,
    help="Output file type (--format, its old name, still works).",
)
@out_option("outputs/avatars")
@jobs_option
@handle_errors
def command(
    photos: tuple[Path, ...],
    brand_dir: Path | None,
    style: str | None,
    unit_slug: str | None,
    units_file: Path | None,
    filetype: str,
    out: Path,
    jobs: int,
) -> None:
    """Frame PHOTO_OR_FOLDER... as 1080x1080 avatars (JPEG, PNG, WebP, GIF, HEIC).

    EXIF rotation is honoured and no EXIF or GPS data is kept. A bad file gives one
    error line; the other photos are still written.
    """
    from assets_gen.batch.kinds.avatar import AvatarOptions
    from assets_gen.batch.runner import BuildOptions
    from assets_gen.photo import PhotoInput, list_photos

    kit = load(brand_dir)
    check_styles(kit, [style] if style else None)
    unit = find_unit(kit, units_file, unit_slug)
    options = AvatarOptions(
        photos=tuple(PhotoInput(p.path.resolve(), p.name) for p in list_photos(list(photos))),
        styles=(style or kit.frames[0].name,),
        unit=unit,
        filetype="png" if filetype == "png" else "jpg",
        dest="",
    )
    opts = BuildOptions(out=out, only=["avatar"], jobs=jobs, kind_options={"avatar": options})
    build(kit, opts)
