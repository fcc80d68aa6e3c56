"""Batch glue for framed avatars: the kit's sample photos (build) or members' photos."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.thumbs import thumbnail
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.encode import encode_jpeg, encode_png
from assets_gen.errors import DataWarning
from assets_gen.photo import PhotoInput, soft_photo_warnings, unique_names
from assets_gen.render.avatar import avatar_alt, render_avatar
from assets_gen.render.frame import SIZE


@dataclass(frozen=True)
class AvatarOptions:
    photos: tuple[PhotoInput, ...] | None = None
    """Members' photos, each with its own output name (None: the kit's sample photos)."""
    styles: tuple[str, ...] | None = None
    """Frame styles (None: every style of the kit)."""
    unit: Unit | None = None
    """The unit whose short name goes on the frame."""
    filetype: Literal["jpg", "png"] = "jpg"
    dest: str = "campaign/avatars"
    """Folder inside the output folder."""


def plan(ctx: PlanContext, opts: AvatarOptions) -> Iterator[Job | DataWarning]:
    if not ctx.wants("avatar"):
        return
    photos = opts.photos or unique_names([(p, p.stem) for p in ctx.kit.data.photos])
    styles = opts.styles or [s.name for s in ctx.kit.frames]
    filetype = opts.filetype
    dest = opts.dest
    unit = opts.unit
    yield from soft_photo_warnings([given.path for given in photos], SIZE)
    for given in photos:
        photo = given.path
        for style in styles:
            suffix = f"-{unit.slug}" if unit else ""
            name = f"{given.name}-{style}{suffix}.{filetype}"
            yield Job(
                kind="avatar",
                size="avatar",
                path=f"{dest}/{name}".lstrip("/"),
                unit=unit.slug if unit else None,
                params=freeze(
                    {
                        "photo": str(photo),
                        "style": style,
                        "filetype": filetype,
                        "label": unit.short_name if unit else None,
                    }
                ),
                files=(str(photo),) if photo.is_file() else (),
                where=str(photo),
                extra=freeze({"style": style}),
            )


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    style = kit.frame_style(p["style"])
    photo = Path(p["photo"])
    image = render_avatar(kit, photo, photo.name, style, p["label"])
    data = encode_png(image) if p["filetype"] == "png" else encode_jpeg(image)
    return Rendered(
        files=(OutFile(job.path, data),),
        width=SIZE,
        height=SIZE,
        alt=avatar_alt(kit, style, p["label"]),
        thumb=thumbnail(image),
    )


def soft_samples(kit: Kit) -> Iterator[str]:
    """`assets-gen check`: sample photos too small for a 1080 px avatar."""
    yield from (str(w) for w in soft_photo_warnings(kit.data.photos, SIZE))


KIND = Kind(
    "avatar",
    plan,
    render,
    sizes=("avatar",),
    options=AvatarOptions,
    preview="circle",
    uses_units=False,
    design=lambda job: job.p["style"],
    notes=(soft_samples,),
)
