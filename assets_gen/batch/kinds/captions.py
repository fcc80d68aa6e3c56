"""Batch glue for captions: a WebVTT and an SRT file beside every video the build makes.

Planned from the video kind's own plan (same parameters and files, so a caption is
remade exactly when its video is), drawn from the video's recipe without rendering a
frame (video/captions.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from assets_gen.batch.jobs import Job, OutFile, Rendered
from assets_gen.batch.kinds import author_video, video
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.brand.model import Kit
from assets_gen.errors import AssetsGenError

VTT, SRT = ".vi.vtt", ".vi_VN.srt"


@dataclass(frozen=True)
class CaptionsOptions:
    of: tuple[str, ...] = ("video", "author-video")
    """The video kinds to caption (`assets-gen video` captions the intro or guides only)."""


def plan(ctx: PlanContext, opts: CaptionsOptions) -> Iterator[Job | AssetsGenError]:
    kinds = {k.name: k for k in (video.KIND, author_video.KIND) if k.name in opts.of}
    videos = (item for kind in kinds.values() for item in kind.plan(ctx, ctx.options_for(kind)))
    for item in videos:
        if isinstance(item, AssetsGenError):
            continue  # the video kind reports it
        yield Job(
            kind="captions",
            size=item.size,
            path=item.path.removesuffix(".mp4") + VTT,
            unit=item.unit,
            params=item.params,
            files=item.files,
            where=item.where,
            extra=item.extra,
        )


def owns(entry: dict[str, Any], ctx: PlanContext) -> bool:
    """A caption belongs to the run that owns its video (an author's video of another
    day keeps its captions)."""
    if "author" in entry:  # an author video's captions (its job's facts: author, date)
        return author_video.owns(entry, ctx)
    return True


def render(kit: Kit, job: Job) -> Rendered:
    from assets_gen.layout import drawn
    from assets_gen.video.captions import captions, srt, webvtt
    from assets_gen.video.make import build, design_duration
    from assets_gen.video.write import Timing

    spec = video.spec_of(job)
    with drawn.recording():  # the video's own entry lists the text it draws, not its captions'
        recipe = build(kit, spec)
    timing = Timing.of(design_duration(kit, spec), spec.duration)
    cues = captions(recipe, timing.scale)
    stem = job.path.removesuffix(VTT)
    name = stem.rsplit("/", 1)[-1]
    return Rendered(
        files=(
            OutFile(job.path, webvtt(cues).encode("utf-8")),
            OutFile(stem + SRT, srt(cues).encode("utf-8")),
        ),
        width=recipe.aspect.width,
        height=recipe.aspect.height,
        alt=f"Phụ đề tiếng Việt của video {name}.mp4: {len(cues)} đoạn, theo chữ trên màn hình.",
        extra=(("video", f"{stem}.mp4"), ("cues", len(cues))),
    )


KIND = Kind("captions", plan, render, sizes=video.KIND.sizes, options=CaptionsOptions, owns=owns, cost=3)
