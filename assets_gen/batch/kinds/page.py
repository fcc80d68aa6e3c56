"""Batch glue for the members' avatar page: OUT/avatar-page/, a site that needs no server.

One job writes the page itself (HTML, script, style, fonts, logo, service worker,
avatar-page.json and a preview avatar for the contact sheet); one job writes the frames
(two per style, whatever the number of units: the page draws each unit's name itself).
Kind `page-link` writes each unit's link to the page and a QR code to it, for unions to
share their own link.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from PIL import Image

from assets_gen.batch.jobs import Job, OutFile, Rendered, freeze
from assets_gen.batch.kinds.base import Kind, NoOptions, PlanContext
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.encode import encode_jpeg, encode_png
from assets_gen.layout.color import Color
from assets_gen.layout.qr import qr_image
from assets_gen.layout.text import plain
from assets_gen.render.avatar import render_avatar
from assets_gen.render.frame import SIZE, render_frame
from assets_gen.render.page import frame_files, page_files, unit_link

DIR = "avatar-page"
QR_SIZE = 600
WHITE = Color.parse("#FFFFFF")


def _static_digest() -> str:
    """The page's own files are inputs too: a new script means a new page."""
    h = hashlib.sha256()
    static = resources.files("assets_gen.render").joinpath("static")
    for item in sorted(static.iterdir(), key=lambda p: p.name):
        h.update(item.name.encode())
        h.update(item.read_bytes())
    return h.hexdigest()


@dataclass(frozen=True)
class PageOptions:
    counter_url: str | None = None
    """The participation counter the exported page reports to (None: it counts nothing)."""


def _unit_row(u: Unit) -> tuple:
    return (u.name, u.short_name, u.slug, u.where, u.aliases, u.group)


def plan(ctx: PlanContext, opts: PageOptions) -> Iterator[Job]:
    if not ctx.wants("page"):
        return
    kit = ctx.kit
    units = tuple(_unit_row(u) for u in ctx.units)
    photos = [p for p in kit.data.photos if p.is_file()][:1]
    kit_files = tuple(str(p) for p in (*kit.fonts.all().values(), kit.logo.full_on_dark, kit.logo.mark))
    yield Job(
        kind="page",
        size="page",
        path=f"{DIR}/index.html",
        params=freeze(
            {
                "units": units,
                "static": _static_digest(),
                "photo": str(photos[0]) if photos else None,
                "counter": opts.counter_url,
            }
        ),
        files=(*kit_files, *(str(p) for p in photos)),
        extra=freeze({"preview": f"{DIR}/preview.jpg"}),
    )
    yield Job(
        kind="page",
        size="page",
        path=f"{DIR}/frames/{kit.frames[0].name}.webp",
        params=freeze({"part": "frames"}),
        files=kit_files,
    )


def render(kit: Kit, job: Job) -> Rendered:
    p = job.p
    if p.get("part") == "frames":
        return _render_frames(kit)
    units = [
        Unit(name=n, short_name=s, slug=g, where=w, aliases=a, group=gr) for n, s, g, w, a, gr in p["units"]
    ]
    files = [OutFile(f"{DIR}/{f.path}", f.data) for f in page_files(kit, units, counter_url=p["counter"])]
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


def _render_frames(kit: Kit) -> Rendered:
    files = [
        OutFile(f"{DIR}/{f.path}", f.data) for s in kit.frames for f in frame_files(kit, s, scripts=True)
    ]
    return Rendered(
        files=tuple(files),
        width=SIZE,
        height=SIZE,
        alt="Khung ảnh đại diện cho trang lồng khung, mọi kiểu khung, có và không có tên đơn vị.",
        thumb=None,
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


KIND = Kind("page", plan, render, sizes=("page",), options=PageOptions)


# -- page-link: each unit's own link and QR code ----------------------------------------------


def plan_links(ctx: PlanContext, opts: NoOptions) -> Iterator[Job]:
    if not ctx.wants("page"):
        return
    for unit in (None, *ctx.units):
        link = unit_link(ctx.kit, unit)
        yield Job(
            kind="page-link",
            size="page",
            path=f"page-links/{unit.slug if unit else 'chien-dich'}.png",
            unit=unit.slug if unit else None,
            where=unit.where if unit else None,
            params=freeze({"link": link, "name": unit.name if unit else None}),
            extra=freeze({"link": link}),
        )


def render_link(kit: Kit, job: Job) -> Rendered:
    p = job.p
    image = qr_image(p["link"], QR_SIZE, kit.colors.dark, WHITE, kit.logo.mark)
    who = p["name"] or plain(kit.campaign.organisation)
    return Rendered(
        files=(OutFile(job.path, encode_png(image)),),
        width=image.width,
        height=image.height,
        alt=f"Mã QR mở trang lồng khung ảnh đại diện của {who}: {p['link']}",
    )


LINK_KIND = Kind("page-link", plan_links, render_link, sizes=("page",))
