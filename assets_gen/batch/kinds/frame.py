"""Batch glue for profile frames: one per style, and one per style and unit."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, PlanContext
from assets_gen.batch.thumbs import thumbnail
from assets_gen.brand.model import Kit
from assets_gen.encode import encode_png
from assets_gen.errors import AssetsGenError
from assets_gen.layout.text import plain
from assets_gen.render.frame import SIZE, render_frame


@dataclass(frozen=True)
class FrameOptions:
    styles: tuple[str, ...] | None = None
    """Frame style names (None: every style of the kit)."""


def plan(ctx: PlanContext, opts: FrameOptions) -> Iterator[Job]:
    if not ctx.wants("avatar"):
        return
    styles = opts.styles or [s.name for s in ctx.kit.frames]
    # The kit files a frame is drawn from besides brand.toml: editing one re-renders it.
    files = (*map(str, ctx.kit.fonts.all().values()), str(ctx.kit.logo.mark))
    for name in styles:
        yield Job(
            kind="frame",
            size="avatar",
            path=f"campaign/frame-{name}.png",
            params=freeze({"style": name, "label": None}),
            files=files,
            extra=freeze({"style": name}),
        )
    for unit in ctx.units:
        for name in styles:
            yield Job(
                kind="frame",
                size="avatar",
                path=f"units/{unit.slug}/frame-{name}.png",
                unit=unit.slug,
                where=unit.where,
                params=freeze({"style": name, "label": unit.short_name}),
                files=files,
                extra=freeze({"style": name}),
            )


def prepare(kit: Kit, jobs: list[Job]) -> Iterator[tuple[AssetsGenError, set[str]]]:
    """Draw each style's shared layers once per chunk, in the worker that renders the
    chunk (batch/pool.py): a broken style is one error, not one per unit."""
    paths: dict[str, set[str]] = {}
    for job in jobs:
        paths.setdefault(job.p["style"], set()).add(job.path)
    for name, stopped in paths.items():
        try:
            render_frame(kit, kit.frame_style(name), None)
        except AssetsGenError as err:
            yield err, stopped


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    style = kit.frame_style(p["style"])
    image = render_frame(kit, style, p["label"])
    return Rendered(
        files=(OutFile(job.path, encode_png(image)),),
        width=SIZE,
        height=SIZE,
        alt=frame_alt(kit, style.label, p["label"]),
        thumb=thumbnail(image),
    )


def frame_alt(kit: Kit, style_label: str, unit_label: str | None) -> str:
    who = f" của {unit_label}" if unit_label else ""
    return (
        f"Khung ảnh đại diện chiến dịch “{plain(kit.campaign.name)}”{who}, kiểu {style_label}: "
        f"khẩu hiệu “{plain(kit.campaign.slogan)}”, biểu tượng bóng đèn và dòng chữ "
        f"“{plain(kit.campaign.tagline)}” trên nền đỏ; phần giữa trong suốt để lồng ảnh."
    )


KIND = Kind("frame", plan, render, sizes=("avatar",), options=FrameOptions, preview="circle", prepare=prepare)
