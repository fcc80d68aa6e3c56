"""Batch glue for author spotlights: one card per authors.csv row and size, streamed.

Rows are planned one at a time from the CSV (a national call can list hundreds of
thousands of authors), and a bad row is one error line; the other cards still come.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.brand.authors import Author, read_authors
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError
from assets_gen.render.spotlight import SIZES, render_spotlight, spotlight_alt


def plan(ctx: PlanContext) -> Iterator[Job | AssetsGenError]:
    """Options: authors_file (default the kit's), dest (folder with "{unit}";
    default units/{unit}/spotlights)."""
    path = ctx.options.get("authors_file") or ctx.kit.data.authors
    if path is None:
        return
    dest = ctx.options.get("dest", "units/{unit}/spotlights")
    sizes = [s for s in SIZES if ctx.wants(s)]
    units = {u.slug: u for u in ctx.units}
    shared = kit_files(ctx.kit, "award")
    for item in read_authors(Path(path), units):
        if isinstance(item, AssetsGenError):
            yield item
            continue
        fields = asdict(item)
        fields["photo"] = str(item.photo) if item.photo else None
        folder = dest.replace("{unit}", item.unit_slug).strip("/")
        files = (*shared, str(item.photo)) if item.photo else shared
        for size in sizes:
            yield Job(
                kind="spotlight",
                format=size,
                path=f"{folder}/{item.id}-{size}.png".lstrip("/"),
                unit=item.unit_slug,
                params=freeze(fields),
                files=files,
                where=item.where,
                extra=freeze({"author": item.name}),
            )


def render(kit: Kit, job: Job) -> Rendered:
    fields = job.p
    photo = fields.pop("photo")
    author = Author(**fields, photo=Path(photo) if photo else None)
    return png(job.path, render_spotlight(kit, author, job.format), spotlight_alt(kit, author))


KIND = Kind("spotlight", plan, render)
