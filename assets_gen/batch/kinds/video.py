"""Batch glue for videos: the intro in every aspect (and per unit when units are given),
or the how-to guides; an MP4 and its poster PNG per job."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.daily import DailyOptions, daily
from assets_gen.brand.authors import Author
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.encode import encode_png
from assets_gen.errors import AssetsGenError, DataError, display_path
from assets_gen.render.milestone import Milestone, reached
from assets_gen.video.formats import ASPECTS, FPS, get_aspect

if TYPE_CHECKING:
    from assets_gen.video.make import VideoSpec

MILESTONE_ASPECTS = ("1:1", "9:16")


@dataclass(frozen=True)
class VideoOptions:
    video: Literal["intro", "guide"] = "intro"
    """The campaign intro, or one video per how-to guide."""
    aspects: tuple[str, ...] | None = None
    """Aspect names, 1:1, 9:16, 16:9 (None: all three)."""
    unit: Unit | None = None
    """Only the intro of this unit."""
    per_unit: bool = False
    """One intro per unit being built too (units were named on the command line)."""
    duration: float | None = None
    """Seconds (None: the design's own length)."""
    dest: str = "campaign/video"
    """Folder inside the output folder."""
    milestones: bool = True
    """A video per milestone the statistics reached (1:1, 9:16), beside the intro (not in a
    build for named units: those national videos are the full build's)."""


def plan(ctx: PlanContext, opts: VideoOptions) -> Iterator[Job | AssetsGenError]:
    kit = ctx.kit
    kind = opts.video
    aspects = [get_aspect(a) for a in (opts.aspects or list(ASPECTS))]
    aspects = [a for a in aspects if ctx.wants(a.size_name)]
    duration = opts.duration
    dest = opts.dest
    base_files = _existing(kit.data.music, kit.data.stats)
    if kind == "guide":
        from assets_gen.brand.guides import load_guides

        guides = load_guides(kit)
        if not guides:
            yield DataError(
                display_path(kit.file), "no how-to guides: [data] content names no folder of *.toml guides"
            )
        for guide in guides:
            files = base_files + tuple(sorted({str(guide.file), *(str(s.icon) for s in guide.steps)}))
            for aspect in aspects:
                yield _job(
                    f"{dest}/guide-{guide.slug}-{aspect.slug}.mp4",
                    "guide",
                    aspect.name,
                    None,
                    guide.slug,
                    duration,
                    files,
                    str(guide.file),
                )
        return
    unit = opts.unit
    if unit is not None:
        for aspect in aspects:
            yield _job(
                f"{dest}/intro-{unit.slug}-{aspect.slug}.mp4",
                "intro",
                aspect.name,
                unit,
                None,
                duration,
                base_files,
                unit.where or None,
            )
        return
    for aspect in aspects:
        yield _job(
            f"{dest}/intro-{aspect.slug}.mp4", "intro", aspect.name, None, None, duration, base_files, None
        )
    if opts.milestones and not opts.per_unit:  # a build for named units is about them
        yield from _milestones(ctx, [a for a in aspects if a.name in MILESTONE_ASPECTS], dest)
    if opts.per_unit:
        for u in ctx.units:
            for aspect in aspects:
                yield _job(
                    f"units/{u.slug}/video/intro-{aspect.slug}.mp4",
                    "intro",
                    aspect.name,
                    u,
                    None,
                    duration,
                    base_files,
                    u.where or None,
                )


def _milestones(ctx: PlanContext, aspects: list, dest: str) -> Iterator[Job | AssetsGenError]:
    """A video per milestone the statistics reached (its cards are the milestone kind's)."""
    source = yield from daily(ctx, DailyOptions())
    if source is None:
        return
    files = _existing(ctx.kit.data.music)
    for ms in reached(source.stats, source.day, ctx.kit.campaign.milestones, source.units):
        for aspect in aspects:
            job = _job(
                f"{dest}/milestone-{ms.slug}-{aspect.slug}.mp4",
                "milestone",
                aspect.name,
                None,
                None,
                None,
                files,
                source.stats.file,
            )
            params = dict(job.params)
            params["milestone"] = freeze(ms.params())
            yield replace(
                job, params=freeze(params), extra=freeze({**dict(job.extra), "milestone": ms.number})
            )


def _existing(*paths: Path | None) -> tuple[str, ...]:
    return tuple(str(p) for p in paths if p is not None and p.is_file())


def _job(
    path: str,
    kind: str,
    aspect: str,
    unit: Unit | None,
    guide: str | None,
    duration: float | None,
    files: tuple[str, ...],
    where: str | None,
) -> Job:
    return Job(
        kind="video",
        size=get_aspect(aspect).size_name,
        path=path.lstrip("/"),
        unit=unit.slug if unit else None,
        params=freeze(
            {
                "video": kind,
                "aspect": aspect,
                "unit": (unit.name, unit.short_name, unit.slug) if unit else None,
                "guide": guide,
                "duration": duration,
            }
        ),
        files=files,
        where=where,
        extra=freeze({"video": kind, "aspect": aspect}),
    )


def spec_of(job: Job) -> VideoSpec:
    """What a video job makes (captions are planned from the same jobs)."""
    from assets_gen.video.make import VideoSpec  # numpy, moviepy: only when rendering

    p = job.p
    unit = Unit(*p["unit"]) if p["unit"] else None
    ms = Milestone.from_params(dict(p["milestone"])) if p.get("milestone") else None
    author = _author(dict(p["author"])) if p.get("author") else None
    return VideoSpec(
        p["video"],
        p["aspect"],
        unit=unit,
        guide=p["guide"],
        duration=p["duration"],
        milestone=ms,
        author=author,
    )


def _author(fields: dict) -> Author:
    photo = fields.pop("photo")
    return Author(**fields, photo=Path(photo) if photo else None)


def render(kit: Kit, job: Job) -> Rendered:
    from assets_gen.video.make import make_video

    spec = spec_of(job)
    # The encoder writes a file: render it privately, then hand the bytes to the
    # runner, which writes them atomically like every other asset.
    with tempfile.TemporaryDirectory(prefix="assets-gen-video-") as tmp:
        out = Path(tmp) / "video.mp4"
        made = make_video(kit, spec, out)
        data = out.read_bytes()
    poster = job.path.removesuffix(".mp4") + ".png"
    return Rendered(
        files=(OutFile(job.path, data), OutFile(poster, encode_png(made.poster))),
        width=made.width,
        height=made.height,
        alt=made.alt,
        extra=freeze({"duration": round(made.duration, 3), "fps": FPS, "preview": poster}),
    )


def check_music(kit: Kit) -> Iterator[str]:
    """The music bed must be sound ffmpeg can read, or every video fails."""
    if kit.data.music is None:
        return
    from assets_gen.video.audio import check_audio

    try:
        check_audio(kit.data.music)
    except AssetsGenError as err:
        yield str(err)


# Hundreds of frames each: scheduled first, one by one.
KIND = Kind(
    "video",
    plan,
    render,
    sizes=tuple(aspect.size_name for aspect in ASPECTS.values()),
    options=VideoOptions,
    checks=(check_music,),
    cost=300,
)
