"""One entry point for every video: what to make (a spec) to an MP4 file and a poster."""

from __future__ import annotations

import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from assets_gen.brand.authors import Author
from assets_gen.brand.guides import Guide
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.errors import AssetsGenError
from assets_gen.render.milestone import Milestone
from assets_gen.video.formats import get_aspect
from assets_gen.video.stage import Video

KINDS = ("intro", "guide", "milestone", "author")
MIN_DURATION, MAX_DURATION = 1.0, 600.0


@dataclass(frozen=True)
class VideoSpec:
    """What to make: a kind ("intro" or "guide"), an aspect, and its options."""

    kind: str
    aspect: str
    unit: Unit | None = None
    guide: str | None = None
    """The guide's slug (file name without .toml), for kind "guide"."""
    duration: float | None = None
    """Total length in seconds (None: the design's own length)."""
    music: bool = True
    """Mix the kit's music bed in (when the kit names one)."""
    milestone: Milestone | None = None
    """What a "milestone" video celebrates (render/milestone.py)."""
    author: Author | None = None
    """Whose "Mỗi ngày 1 sáng kiến" video an "author" video is (video/author.py)."""


@dataclass(frozen=True)
class MadeVideo:
    frames: int
    duration: float
    width: int
    height: int
    poster: Image.Image
    alt: str


def check_duration(duration: float | None, where: str = "--duration") -> None:
    if duration is not None and not MIN_DURATION <= duration <= MAX_DURATION:
        raise AssetsGenError(
            where, f"{duration:g} s is out of range ({MIN_DURATION:g} to {MAX_DURATION:g} seconds)"
        )


def _guide(kit: Kit, spec: VideoSpec) -> Guide:
    from assets_gen.brand.guides import load_guides

    guides = {g.slug: g for g in load_guides(kit)}
    if spec.guide not in guides:
        known = ", ".join(guides) or "none"
        raise AssetsGenError("--guide", f'no guide "{spec.guide}" in the kit (guides: {known})')
    return guides[spec.guide]


def _check_kind(spec: VideoSpec) -> None:
    if spec.kind not in KINDS:
        raise AssetsGenError("--kind", f'unknown video kind "{spec.kind}" (kinds: {", ".join(KINDS)})')


def design_duration(kit: Kit, spec: VideoSpec) -> float:
    """The design's own length in seconds, known without rendering anything."""
    _check_kind(spec)
    if spec.kind == "intro":
        from assets_gen.video.intro import DURATION

        return DURATION
    if spec.kind == "milestone":
        from assets_gen.video.milestone import DURATION as MILESTONE

        return MILESTONE
    if spec.kind == "author":
        from assets_gen.video.author import DURATION as AUTHOR

        return AUTHOR
    from assets_gen.video.guide import schedule

    return schedule(_guide(kit, spec))[1]


def build(kit: Kit, spec: VideoSpec) -> Video:
    """The video's recipe (layers and cues), without rendering any frame."""
    _check_kind(spec)
    aspect = get_aspect(spec.aspect)
    if spec.kind == "intro":
        from assets_gen.video.intro import build_intro

        return build_intro(kit, aspect, spec.unit)
    if spec.kind == "milestone":
        from assets_gen.video.milestone import build_milestone

        if spec.milestone is None:
            raise AssetsGenError("milestone", "a milestone video needs the milestone it celebrates")
        return build_milestone(kit, aspect, spec.milestone)
    if spec.kind == "author":
        from assets_gen.video.author import build_author

        if spec.author is None:
            raise AssetsGenError("author", "an author video needs its author")
        return build_author(kit, aspect, spec.author)
    from assets_gen.video.guide import build_guide

    return build_guide(kit, aspect, _guide(kit, spec))


def make_video(kit: Kit, spec: VideoSpec, out: Path) -> MadeVideo:
    """Render `spec` to the MP4 file `out`; return its facts and its poster frame.

    The music is prepared in a thread while the layers are drawn (the two overlap on a
    second core), then the frames are composed and encoded with the music muxed in.
    """
    from assets_gen.video.write import Timing, poster, write_audio, write_mp4  # moviepy: 0.5 s to load

    check_duration(spec.duration)
    timing = Timing.of(design_duration(kit, spec), spec.duration)
    music = kit.data.music if spec.music else None
    with tempfile.TemporaryDirectory(prefix="assets-gen-video-") as tmp, ThreadPoolExecutor(1) as pool:
        audio = pool.submit(write_audio, music, timing.duration, Path(tmp) / "music.m4a") if music else None
        video = build(kit, spec)
        bed = audio.result() if audio else None  # raises the music's error, if any
        write_mp4(video, out, timing, bed)
    return MadeVideo(
        frames=timing.frames,
        duration=timing.duration,
        width=video.aspect.width,
        height=video.aspect.height,
        poster=poster(video),
        alt=video.alt,
    )
