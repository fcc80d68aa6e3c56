"""Events kept in the kit as data: brand/events/*.toml, one file per event.

The quarterly meet-up "Điểm hẹn sáng kiến" gets a poster per edition; communicators
add a file with the date, guests and livestream link, and `build` makes the posters.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from assets_gen.brand.model import Kit
from assets_gen.brand.tomldata import TomlFile


@dataclass(frozen=True)
class Guest:
    name: str
    title: str
    """What the guest does, one line: "Chuyên gia sở hữu trí tuệ"."""
    photo: Path | None = None
    """Portrait; without one the poster shows a drawn silhouette in the kit colours."""


@dataclass(frozen=True)
class Event:
    slug: str
    """The file name without .toml: used in output paths."""
    title: str
    """The event's name: "Điểm hẹn sáng kiến"."""
    start: dt.datetime
    """Local date and time it starts."""
    format: str
    """How to attend: "Trực tuyến", "Trực tiếp tại ..."."""
    livestream: str
    """Where to watch: the poster's QR code."""
    guests: tuple[Guest, ...]
    file: Path
    edition: str = ""
    """Which edition, e.g. "Kỳ 4 · Quý IV/2026" (optional)."""
    theme: str = ""
    """This edition's topic (optional)."""
    platform: str = ""
    """Where it is streamed, in words (optional)."""


KEYS = ("title", "edition", "theme", "start", "format", "platform", "livestream", "guests")


def event_files(kit: Kit) -> list[Path]:
    folder = kit.data.events
    return sorted(folder.glob("*.toml")) if folder is not None else []


def load_event(kit: Kit, path: Path) -> Event:
    """Read one event file; DataError names the file, the key and the problem."""
    doc = TomlFile(kit, path)
    doc.no_unknown(doc.data, KEYS)
    start = doc.data.get("start")
    if start is None:
        raise doc.fail("start", "missing key (a date and time like 2026-12-18T19:30:00)")
    if not isinstance(start, dt.datetime) or start.tzinfo is not None:
        raise doc.fail("start", f"{start!r} is not a local date and time like 2026-12-18T19:30:00")
    livestream = doc.text(doc.data, "livestream")
    if not livestream.startswith(("https://", "http://")):
        raise doc.fail("livestream", f'"{livestream}" is not a web address (http:// or https://)')
    guests = []
    raw_guests = doc.data.get("guests", [])
    if raw_guests:
        raw_guests = doc.tables("guests", "one per guest")
    if len(raw_guests) > 4:
        raise doc.fail("guests", f"{len(raw_guests)} guests: a poster shows at most 4")
    for i, item in enumerate(raw_guests):
        prefix = f"guests[{i}]."
        doc.no_unknown(item, ("name", "title", "photo"), f"guests[{i}]")
        photo = doc.text(item, "photo", prefix, required=False)
        guests.append(
            Guest(
                name=doc.text(item, "name", prefix),
                title=doc.text(item, "title", prefix),
                photo=doc.file(photo, f"{prefix}photo") if photo else None,
            )
        )
    return Event(
        slug=path.stem,
        title=doc.text(doc.data, "title"),
        start=start,
        format=doc.text(doc.data, "format"),
        livestream=livestream,
        guests=tuple(guests),
        file=path,
        edition=doc.text(doc.data, "edition", required=False),
        theme=doc.text(doc.data, "theme", required=False),
        platform=doc.text(doc.data, "platform", required=False),
    )
