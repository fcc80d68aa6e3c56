"""Batch glue for author spotlights: one card per authors.csv row and size, streamed.

Rows are planned one at a time from the CSV (a national call can list hundreds of
thousands of authors), and a bad row is one error line; the other cards still come.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.brand.authors import Author, read_authors
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError, PhotoError
from assets_gen.photo import open_photo, soft_photo_warnings
from assets_gen.render.card_template import card_templates, check_card_templates
from assets_gen.render.spotlight import PORTRAIT_MAX, SIZES, render_spotlight, spotlight_alt, spotlight_data


@dataclass(frozen=True)
class SpotlightOptions:
    authors_file: Path | None = None
    """Authors CSV (None: the kit's)."""
    dest: str = "units/{unit}/spotlights"
    """Folder inside the output folder; "{unit}" is replaced by the author's unit slug."""


def plan(ctx: PlanContext, opts: SpotlightOptions) -> Iterator[Job | AssetsGenError]:
    path = opts.authors_file or ctx.kit.data.authors
    if path is None:
        return
    dest = opts.dest
    sizes = [s for s in SIZES if ctx.wants(s)]
    units = ctx.directory()
    building = {u.slug for u in ctx.units}
    shared = (*kit_files(ctx.kit, "award"), *card_templates(ctx.kit, "spotlight"))
    looked_at: set[Path] = set()
    for item in read_authors(Path(path), units):
        if isinstance(item, AssetsGenError):
            yield item
            continue
        if building and item.unit_slug not in building:
            continue  # a build for some units makes only their authors' cards
        if item.photo is not None:
            problem = _photo_problem(item.photo, item.photo.stat().st_mtime_ns)
            if problem:
                yield PhotoError(item.where, problem)
                continue
            if item.photo not in looked_at:
                looked_at.add(item.photo)
                yield from soft_photo_warnings([item.photo], PORTRAIT_MAX)
        fields = asdict(item)
        fields["photo"] = str(item.photo) if item.photo else None
        folder = dest.replace("{unit}", item.unit_slug).strip("/")
        files = (*shared, str(item.photo)) if item.photo else shared
        for size in sizes:
            yield Job(
                kind="spotlight",
                size=size,
                path=f"{folder}/{item.id}-{size}.png".lstrip("/"),
                unit=item.unit_slug,
                params=freeze(fields),
                files=files,
                where=item.where,
                extra=freeze({"author": item.name}),
            )


@lru_cache(maxsize=256)
def _photo_problem(photo: Path, mtime_ns: int) -> str | None:
    """Whether a photo can be used, from its header only (once per file: rows share photos)."""
    try:
        open_photo(photo, photo.name).close()
    except PhotoError as err:
        return str(err)
    return None


def _first_author(kit: Kit):
    """A template check fills the templates with the first author of the kit's file."""
    if kit.data.authors is None:
        return None
    from assets_gen.brand.units import load_units

    units = {u.slug: u for u in load_units(kit, None)[0]}
    try:
        first = next((a for a in read_authors(kit.data.authors, units) if isinstance(a, Author)), None)
    except AssetsGenError:
        return None  # the authors check reports it
    return None if first is None else spotlight_data(first)


def render(kit: Kit, job: Job) -> Rendered:
    fields = job.p
    photo = fields.pop("photo")
    author = Author(**fields, photo=Path(photo) if photo else None)
    return png(job.path, render_spotlight(kit, author, job.size), spotlight_alt(kit, author))


def soft_photos(kit: Kit) -> Iterator[str]:
    """`assets-gen check`: authors' photos too small for the largest portrait."""
    if kit.data.authors is None:
        return
    try:
        photos = {a.photo for a in read_authors(kit.data.authors, {}) if isinstance(a, Author) and a.photo}
    except AssetsGenError:
        return  # the authors check reports it
    yield from (str(w) for w in soft_photo_warnings(sorted(photos), PORTRAIT_MAX))


KIND = Kind(
    "spotlight",
    plan,
    render,
    sizes=tuple(SIZES),
    options=SpotlightOptions,
    checks=(lambda kit: check_card_templates(kit, "spotlight", SIZES, _first_author(kit)),),
    design=lambda job: job.size,  # one design per size
    notes=(soft_photos,),
)
