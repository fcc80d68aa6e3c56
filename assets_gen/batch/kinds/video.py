"""Batch glue for videos: the intro in every aspect (and per unit when units are given),
or the how-to guides; an MP4 and its poster PNG per job."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.kinds.daily import daily
from assets_gen.brand.loader import display_path
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.encode import encode_png
from assets_gen.errors import AssetsGenError, DataError
from assets_gen.render.milestone import Milestone, reached
from assets_gen.video.formats import ASPECTS, FPS, get_aspect
from assets_gen.video.make import VideoSpec, make_video

MILESTONE_ASPECTS = ("1:1", "9:16")


def plan(ctx: PlanContext) -> Iterator[Job | AssetsGenError]:
    """Options: video_kind ("intro" or "guide"), aspects (names), unit (one Unit),
    explicit_units (units were named on the command line: one intro per unit too),
    video_duration (seconds), video_dest (folder inside the output folder)."""
    o = ctx.options
    kit = ctx.kit
    kind = o.get("video_kind", "intro")
    aspects = [get_aspect(a) for a in (o.get("aspects") or list(ASPECTS))]
    aspects = [a for a in aspects if ctx.wants(a.format)]
    duration = o.get("video_duration")
    dest = o.get("video_dest", "campaign/video")
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
    unit: Unit | None = o.get("unit")
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
    if "video_kind" not in o:  # `build`; `assets-gen video` makes the kind it is asked for
        yield from _milestones(ctx, [a for a in aspects if a.name in MILESTONE_ASPECTS], dest)
    if o.get("explicit_units"):
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
    source = yield from daily(ctx)
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
        format=get_aspect(aspect).format,
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
    p = job.p
    unit = Unit(*p["unit"]) if p["unit"] else None
    ms = Milestone.from_params(dict(p["milestone"])) if p.get("milestone") else None
    return VideoSpec(
        p["video"], p["aspect"], unit=unit, guide=p["guide"], duration=p["duration"], milestone=ms
    )


def render(kit: Kit, job: Job) -> Rendered:
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


KIND = Kind("video", plan, render, cost=300)  # hundreds of frames each: scheduled first, one by one
