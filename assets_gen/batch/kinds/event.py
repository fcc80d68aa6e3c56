"""Batch glue for event posters: each brand/events/*.toml in every poster size."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assets_gen.batch.jobs import Job, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.cards import kit_files, png
from assets_gen.brand.events import event_files, load_event
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError, display_path
from assets_gen.photo import soft_photo_warnings
from assets_gen.render.card_template import card_templates, check_card_templates
from assets_gen.render.event import GUEST_PORTRAIT_MAX, SIZES, event_alt, event_data, render_event


@dataclass(frozen=True)
class EventOptions:
    event_files: tuple[Path, ...] | None = None
    """Event TOML files (None: the kit's events folder)."""
    dest: str = "campaign/events"
    """Folder inside the output folder."""


def plan(ctx: PlanContext, opts: EventOptions) -> Iterator[Job | AssetsGenError]:
    dest = opts.dest
    paths = opts.event_files or event_files(ctx.kit)
    for path in paths:
        try:
            event = load_event(ctx.kit, path)
        except AssetsGenError as err:
            yield err
            continue
        photos = tuple(str(g.photo) for g in event.guests if g.photo)
        files = (str(path), *photos, *kit_files(ctx.kit, "calendar-days"), *card_templates(ctx.kit, "event"))
        yield from soft_photo_warnings([g.photo for g in event.guests if g.photo], GUEST_PORTRAIT_MAX)
        for size in SIZES:
            if ctx.wants(size):
                yield Job(
                    kind="event",
                    size=size,
                    path=f"{dest}/{event.slug}-{size}.png".lstrip("/"),
                    params=freeze({"event": str(path)}),
                    files=files,
                    where=display_path(path),
                    extra=freeze({"event": event.slug, "start": event.start.isoformat()}),
                )


def render(kit: Kit, job: Job) -> Rendered:
    event = load_event(kit, Path(job.p["event"]))
    return png(job.path, render_event(kit, event, job.size), event_alt(kit, event))


def soft_photos(kit: Kit) -> Iterator[str]:
    """`assets-gen check`: guests' photos too small for the largest portrait."""
    photos = set()
    for path in event_files(kit):
        try:
            photos.update(g.photo for g in load_event(kit, path).guests if g.photo)
        except AssetsGenError:
            continue  # the events check reports it
    yield from (str(w) for w in soft_photo_warnings(sorted(photos), GUEST_PORTRAIT_MAX))


def _first_event(kit: Kit):
    """A template check fills the templates with the kit's first event."""
    for path in event_files(kit):
        try:
            return event_data(load_event(kit, path))
        except AssetsGenError:
            continue  # the events check reports it
    return None


KIND = Kind(
    "event",
    plan,
    render,
    sizes=tuple(SIZES),
    options=EventOptions,
    checks=(lambda kit: check_card_templates(kit, "event", SIZES, _first_event(kit)),),
    uses_units=False,
    notes=(soft_photos,),
)
