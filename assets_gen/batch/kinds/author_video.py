""" "Mỗi ngày 1 sáng kiến": a video per author (9:16 and 1:1), or the day's author only.

With a day (`build --date YYYY-MM-DD`), the author is picked by a stable rotation over
the authors file (the day's ordinal modulo the number of good rows, in file order), so a
scheduled job posts a different author each day and the same day always gives the same
author. The file is read twice as a stream, never held whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from assets_gen.batch.jobs import Job, freeze
from assets_gen.batch.kinds import video
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.brand.authors import Author, read_authors
from assets_gen.errors import AssetsGenError, DataError
from assets_gen.video.formats import get_aspect

ASPECTS = ("9:16", "1:1")


@dataclass(frozen=True)
class AuthorVideoOptions:
    day: dt.date | None = None
    """Only that day's author (stable rotation); None: every author."""
    authors_file: Path | None = None
    """Authors CSV (None: the kit's)."""
    dest: str = "units/{unit}/video"
    """Folder inside the output folder ({unit}: the author's unit slug)."""
    named_units: bool = False
    """Units were named on the command line (`build --units`): such a build is about their
    cards and intros, and makes author videos only for a day (`--date`)."""


def author_of_day(count: int, day: dt.date) -> int:
    """Which of `count` authors (0-based, file order) is the author of `day`."""
    return day.toordinal() % count


def plan(ctx: PlanContext, opts: AuthorVideoOptions) -> Iterator[Job | AssetsGenError]:
    path = opts.authors_file or ctx.kit.data.authors
    if path is None or (opts.named_units and opts.day is None):
        return
    units = ctx.directory()
    building = {u.slug for u in ctx.units}
    aspects = [a for a in (get_aspect(n) for n in ASPECTS) if ctx.wants(a.size_name)]

    def authors() -> Iterator[Author | AssetsGenError]:
        return read_authors(Path(path), units)

    pick = None
    if opts.day is not None:
        count = sum(1 for item in authors() if isinstance(item, Author))
        if count == 0:
            yield DataError(str(path), "no author to pick for the day")
            return
        pick = author_of_day(count, opts.day)
    index = -1
    music = video._existing(ctx.kit.data.music)
    for item in authors():
        if isinstance(item, AssetsGenError):
            if pick is None:
                yield item  # once: a daily pick reports bad rows only when making all
            continue
        index += 1
        if pick is not None and index != pick:
            continue
        if pick is None and building and item.unit_slug not in building:
            continue
        fields = asdict(item)
        fields["photo"] = str(item.photo) if item.photo else None
        folder = opts.dest.replace("{unit}", item.unit_slug).strip("/")
        files = (*music, str(item.photo)) if item.photo else music
        for aspect in aspects:
            yield Job(
                kind="author-video",
                size=aspect.size_name,
                path=f"{folder}/author-{item.id}-{aspect.slug}.mp4".lstrip("/"),
                unit=item.unit_slug,
                params=freeze(
                    {
                        "video": "author",
                        "aspect": aspect.name,
                        "unit": None,
                        "guide": None,
                        "duration": None,
                        "author": freeze(fields),
                    }
                ),
                files=files,
                where=item.where,
                extra=freeze(
                    {"video": "author", "aspect": aspect.name, "author": item.id}
                    | ({"date": opts.day.isoformat()} if opts.day else {})
                ),
            )


def owns(entry: dict[str, Any], ctx: PlanContext) -> bool:
    """A run for one day (`build --date`) owns that day's video only: the videos of the
    other days (and of a full build) stay in the output folder."""
    day = ctx.options_for(KIND).day
    return day is None or entry.get("date") == day.isoformat()


KIND = Kind(
    "author-video",
    plan,
    video.render,
    sizes=tuple(get_aspect(a).size_name for a in ASPECTS),
    options=AuthorVideoOptions,
    design=lambda job: ("author-video", job.size),
    owns=owns,
    cost=300,
)
