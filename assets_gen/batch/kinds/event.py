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
from assets_gen.render.event import SIZES, event_alt, render_event


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
        files = (str(path), *photos, *kit_files(ctx.kit, "calendar-days"))
        for size in SIZES:
            if ctx.wants(size):
                yield Job(
                    kind="event",
                    format=size,
                    path=f"{dest}/{event.slug}-{size}.png".lstrip("/"),
                    params=freeze({"event": str(path)}),
                    files=files,
                    where=display_path(path),
                    extra=freeze({"event": event.slug, "start": event.start.isoformat()}),
                )


def render(kit: Kit, job: Job) -> Rendered:
    event = load_event(kit, Path(job.p["event"]))
    return png(job.path, render_event(kit, event, job.format), event_alt(kit, event))


KIND = Kind("event", plan, render, sizes=tuple(SIZES), options=EventOptions, uses_units=False)
