"""The member page's files, the same for the server and for the static export.

The page frames photos in the browser, so it needs no server: `build` writes these files
to OUT/avatar-page/ and `serve` serves them from memory. Both use one URL layout:

    index.html                     the page (kit texts, styles and units filled in)
    avatar-page.json               campaign, styles and units, for integrations
    assets/app.js, style.css       the page's script and style (package data)
    assets/theme.css               the kit's colours as CSS custom properties
    assets/fonts/<role>.ttf        the kit's fonts (Vietnamese coverage checked by the kit)
    assets/logo.svg                the kit's logo for dark backgrounds
    frames/<style>.png             frame overlays, and frames/<unit slug>/<style>.png
    frames/...js                   the same as scripts, for a page opened from disk

Only kit texts go into the page, HTML-escaped; no inline script or style runs, so a
Content-Security-Policy without 'unsafe-inline' holds.
"""

from __future__ import annotations

import base64
import html
import json
from dataclasses import dataclass, fields
from importlib import resources
from string import Template

from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit, slugify
from assets_gen.encode import JPEG_QUALITY
from assets_gen.layout.text import plain
from assets_gen.photo import DEFAULT_PLACEMENT, MAX_PIXELS
from assets_gen.render.frame import SIZE

FONT_ROLES = ("body", "medium", "heading")

# The page's own policy: everything from its origin, photos as local blobs, nothing else.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'"
)


@dataclass(frozen=True)
class PageFile:
    path: str
    data: bytes
    media_type: str


def static_text(name: str) -> str:
    return resources.files("assets_gen.render").joinpath("static", name).read_text(encoding="utf-8")


def download_name(kit: Kit) -> str:
    """The saved avatar's file name, after the campaign: anh-dai-dien-1-trieu-sang-kien.jpg."""
    return f"anh-dai-dien-{slugify(kit.campaign.name) or 'chien-dich'}.jpg"


def frame_path(style: str, unit: str | None, ext: str = "png") -> str:
    return f"frames/{unit}/{style}.{ext}" if unit else f"frames/{style}.{ext}"


def page_config(kit: Kit, units: list[Unit]) -> dict:
    """What the page's script needs, and what integrations may read (avatar-page.json)."""
    p = DEFAULT_PLACEMENT
    return {
        "campaign": plain(kit.campaign.name),
        "download": download_name(kit),
        "size": SIZE,
        "jpegQuality": JPEG_QUALITY / 100,
        "maxPixels": MAX_PIXELS,
        "placement": {"x": p.x, "y": p.y, "zoom": p.zoom, "rotate": p.rotate},
        "styles": [{"name": s.name, "label": s.label} for s in kit.frames],
        "units": [{"slug": u.slug, "name": u.name, "label": u.short_name} for u in units],
    }


def render_index(kit: Kit, units: list[Unit], *, server: bool) -> bytes:
    """index.html; `server` adds a form that posts to the API for browsers without JavaScript."""
    c = kit.campaign
    config = json.dumps(page_config(kit, units), ensure_ascii=False, separators=(",", ":"))
    values = {
        "csp": CSP,
        "primary": kit.colors.primary.hex,
        "campaign": c.name,
        "organisation": c.organisation,
        "slogan": c.slogan,
        "tagline": c.tagline,
        "hashtag": c.hashtag,
        "portal": kit.links.portal,
        "website": kit.links.website,
        "hotline": kit.links.hotline,
        "download": download_name(kit),
    }
    # No-break spaces stay: they keep "lao động" and "1 triệu" on one line in the page too.
    values = {k: html.escape(v) for k, v in values.items()}
    # JSON inside <script type="application/json">: only "</" could end the element early.
    values["config"] = config.replace("</", "<\\/")
    values["style_choices"] = _style_choices(kit)
    values["unit_block"] = _unit_block(units)
    values["noscript"] = _noscript(kit, units) if server else ""
    return Template(static_text("index.html")).substitute(values).encode("utf-8")


def _style_choices(kit: Kit) -> str:
    items = []
    for i, style in enumerate(kit.frames):
        checked = " checked" if i == 0 else ""
        items.append(
            f'<label class="style-choice"><input type="radio" name="style" '
            f'value="{html.escape(style.name)}"{checked}>'
            f'<img src="{frame_path(style.name, None)}" alt="" width="96" height="96" loading="lazy">'
            f"<span>{html.escape(style.label)}</span></label>"
        )
    return "".join(items)


def _unit_options(units: list[Unit]) -> str:
    return "".join(f'<option value="{html.escape(u.slug)}">{html.escape(u.name)}</option>' for u in units)


def _unit_block(units: list[Unit]) -> str:
    """A searchable list of radio buttons: long unit names wrap, arrows move, no script needed."""
    if not units:
        return ""
    radios = "".join(
        f'<label class="unit-choice"><input type="radio" name="unit" value="{html.escape(u.slug)}">'
        f"<span>{html.escape(u.name)}</span></label>"
        for u in units
    )
    return (
        '<fieldset class="unit"><legend>Đơn vị của bạn '
        '<span class="optional">(không bắt buộc)</span></legend>'
        '<label class="visually-hidden" for="unit-search">Tìm đơn vị</label>'
        '<input type="search" id="unit-search" placeholder="Tìm đơn vị, ví dụ: Hà Nội" '
        'autocomplete="off" aria-controls="units" aria-describedby="unit-help">'
        '<div class="unit-list" id="units">'
        '<label class="unit-choice none"><input type="radio" name="unit" value="" checked>'
        "<span>Không ghi tên đơn vị</span></label>"
        f"{radios}</div>"
        '<p class="help" id="unit-help">Tên đơn vị được in trên khung. Gõ vài chữ, không cần dấu.</p>'
        '<p class="help" id="unit-empty" hidden>Không tìm thấy đơn vị nào.</p></fieldset>'
    )


def _noscript(kit: Kit, units: list[Unit]) -> str:
    styles = "".join(
        f'<option value="{html.escape(s.name)}">{html.escape(s.label)}</option>' for s in kit.frames
    )
    unit_field = (
        '<label for="ns-unit">Đơn vị</label><select id="ns-unit" name="unit">'
        f'<option value="">Không ghi tên đơn vị</option>{_unit_options(units)}</select>'
        if units
        else ""
    )
    return (
        '<noscript><section aria-labelledby="ns-title">'
        '<h2 id="ns-title">Trình duyệt không chạy JavaScript?</h2>'
        '<p class="help">Gửi ảnh lên máy chủ để ghép khung. Ảnh chỉ dùng để tạo ảnh đại diện, '
        "không được lưu lại.</p>"
        '<form class="unit" method="post" action="api/avatar" enctype="multipart/form-data">'
        '<label for="ns-photo">Ảnh</label>'
        '<input id="ns-photo" type="file" name="photo" accept="image/*" required>'
        f'<label for="ns-style">Kiểu khung</label><select id="ns-style" name="style">{styles}</select>'
        f'{unit_field}<button class="button primary wide" type="submit">Ghép khung và tải về</button>'
        "</form></section></noscript>"
    )


def theme_css(kit: Kit) -> bytes:
    """The kit's colours as custom properties (a file: the CSP allows no inline style)."""
    c = kit.colors
    props = {f.name.replace("_", "-"): getattr(c, f.name) for f in fields(c)}
    lines = [f"  --{k}: {v.hex};" for k, v in props.items()]
    lines += ["  --muted: #4a5572;", "  --line: #e3e6ee;"]
    return (":root {\n" + "\n".join(lines) + "\n}\n").encode()


def page_files(kit: Kit, units: list[Unit], *, server: bool = False) -> list[PageFile]:
    """Every file of the page except the frames."""
    files = [
        PageFile("index.html", render_index(kit, units, server=server), "text/html; charset=utf-8"),
        PageFile(
            "avatar-page.json",
            json.dumps(page_config(kit, units), ensure_ascii=False, indent=1).encode() + b"\n",
            "application/json",
        ),
        PageFile("assets/app.js", static_text("app.js").encode(), "text/javascript; charset=utf-8"),
        PageFile("assets/style.css", static_text("style.css").encode(), "text/css; charset=utf-8"),
        PageFile("assets/theme.css", theme_css(kit), "text/css; charset=utf-8"),
        PageFile("assets/logo.svg", kit.logo.full_on_dark.read_bytes(), "image/svg+xml"),
        PageFile("assets/icon.svg", kit.logo.mark.read_bytes(), "image/svg+xml"),
    ]
    fonts = kit.fonts.all()
    files += [
        PageFile(f"assets/fonts/{role}.ttf", fonts[role].read_bytes(), "font/ttf") for role in FONT_ROLES
    ]
    return files


def frame_script(style: str, unit: str | None, png: bytes) -> bytes:
    """A frame as a script, for pages opened from disk, where a file:// image would taint
    the canvas and block the download."""
    key = frame_path(style, unit, "")[:-1]
    data = base64.b64encode(png).decode()
    return f'avatarFrame("{key}","data:image/png;base64,{data}");\n'.encode()
