"""Batch glue for the members' avatar page: OUT/avatar-page/, a site that needs no server.

One job writes the page itself (HTML, script, style, fonts, logo, avatar-page.json and a
preview avatar for the contact sheet); one job per unit (and one for no unit) writes the
frame overlays the page composes, as PNG and as a script for pages opened from disk.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from PIL import Image

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, NoOptions, PlanContext
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.encode import encode_jpeg, encode_png
from assets_gen.layout.text import plain
from assets_gen.render.avatar import render_avatar
from assets_gen.render.frame import SIZE, render_frame
from assets_gen.render.page import frame_path, frame_script, page_files

DIR = "avatar-page"


def _static_digest() -> str:
    """The page's own files are inputs too: a new script means a new page."""
    h = hashlib.sha256()
    static = resources.files("assets_gen.render").joinpath("static")
    for item in sorted(static.iterdir(), key=lambda p: p.name):
        h.update(item.name.encode())
        h.update(item.read_bytes())
    return h.hexdigest()


def plan(ctx: PlanContext, opts: NoOptions) -> Iterator[Job]:
    if not ctx.wants("page"):
        return
    kit = ctx.kit
    units = tuple((u.name, u.short_name, u.slug) for u in ctx.units)
    photos = [p for p in kit.data.photos if p.is_file()][:1]
    yield Job(
        kind="page",
        format="page",
        path=f"{DIR}/index.html",
        params=freeze(
            {"units": units, "static": _static_digest(), "photo": str(photos[0]) if photos else None}
        ),
        files=tuple(
            str(p) for p in (*kit.fonts.all().values(), kit.logo.full_on_dark, kit.logo.mark, *photos)
        ),
        extra=freeze({"preview": f"{DIR}/preview.jpg"}),
    )
    yield _frames_job(kit, None)
    for unit in ctx.units:
        yield _frames_job(kit, unit)


def _frames_job(kit: Kit, unit: Unit | None) -> Job:
    """Every style's frame for one unit (or none); the first style's PNG is the main file."""
    slug = unit.slug if unit else None
    return Job(
        kind="page",
        format="page",
        path=f"{DIR}/{frame_path(kit.frames[0].name, slug)}",
        unit=slug,
        where=unit.where if unit else None,
        params=freeze({"part": "frames", "slug": slug, "label": unit.short_name if unit else None}),
    )


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    if p.get("part") == "frames":
        return _render_frames(kit, job, p["slug"], p["label"])
    units = [Unit(name=n, short_name=s, slug=g) for n, s, g in p["units"]]
    files = [OutFile(f"{DIR}/{f.path}", f.data) for f in page_files(kit, units)]
    preview = _preview(kit, Path(p["photo"]) if p["photo"] else None)
    files.append(OutFile(f"{DIR}/preview.jpg", encode_jpeg(preview)))
    return Rendered(
        files=tuple(files),
        width=SIZE,
        height=SIZE,
        alt=(
            f"Trang lồng khung ảnh đại diện “{plain(kit.campaign.name)}”: thành viên chọn ảnh, "
            f"căn chỉnh và tải ảnh 1080×1080 về ngay trên điện thoại; ảnh không rời khỏi máy."
        ),
    )


def _render_frames(kit: Kit, job: Job, slug: str | None, label: str | None) -> Rendered:
    files = []
    for style in kit.frames:
        png = encode_png(render_frame(kit, style, label))
        files.append(OutFile(f"{DIR}/{frame_path(style.name, slug)}", png))
        files.append(
            OutFile(f"{DIR}/{frame_path(style.name, slug, 'js')}", frame_script(style.name, slug, png))
        )
    who = f" của {label}" if label else ""
    return Rendered(
        files=tuple(files),
        width=SIZE,
        height=SIZE,
        alt=f"Khung ảnh đại diện{who} cho trang lồng khung, mọi kiểu khung.",
    )


def _preview(kit: Kit, photo: Path | None) -> Image.Image:
    """A framed sample avatar stands for the page on the contact sheet."""
    style = kit.frames[0]
    if photo is not None:
        return render_avatar(kit, photo, photo.name, style)
    frame = render_frame(kit, style)
    base = Image.new("RGBA", frame.size, kit.colors.light.rgba())
    base.alpha_composite(frame)
    return base.convert("RGB")


KIND = Kind("page", plan, render, sizes=("page",))
