"""The member page's files, the same for the server and for the static export.

The page frames photos in the browser, so it needs no server: `build` writes these files
to OUT/avatar-page/ and `serve` serves them from memory. Both use one URL layout:

    index.html                     the page (kit texts, styles and units filled in)
    sw.js                          service worker: the page works offline after one visit
    avatar-page.json               campaign, styles and units, for integrations
    assets/app.js, style.css       the page's script and style (package data)
    assets/theme.css               the kit's colours and fonts (@font-face)
    assets/fonts/<role>.woff2      the kit's fonts (Vietnamese coverage checked by the kit)
    assets/logo.svg, icon.svg      the kit's logo for dark backgrounds, and its mark
    frames/<style>.webp            each style's frame without a unit (lossless WebP)
    frames/<style>.unit.webp       each style without the unit's name, which the page
                                   draws in the browser from `label_text` (render/frame.py)
    frames/<style>[.unit].preview.webp   the same, 720 px and lossy: what a first visit
                                   draws at once (a third of the bytes and pixels); the
                                   exact frame follows and is what the download uses
    frames/<...>.js                the frames as scripts, for a page opened from disk
    assets/jpeg-encoder.js         jpeg-js's encoder (npm, vendored when installed): the
                                   download in 4:4:4, as the CLI writes it
    assets/jpeg-worker.js, .wasm   libjpeg-turbo (npm @cwasm/jpeg-turbo, vendored when
                                   installed): JPEGs over 50 MP decoded at reduced scale

The export stays the same size whatever the number of units: a unit costs its row in the
page and the placed text of its name (a few hundred bytes), never an image.

Only kit texts go into the page, HTML-escaped. One script is inline, static/boot.js (it
starts loading the first frame before the page's style and script arrive); the
Content-Security-Policy allows it by its hash, never with 'unsafe-inline'.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
from dataclasses import dataclass, fields
from functools import cache
from importlib import resources
from pathlib import Path
from string import Template
from urllib.parse import urlsplit

from PIL import Image

from assets_gen import __version__
from assets_gen.brand.model import FrameStyle, Kit, file_digest
from assets_gen.brand.units import Unit, slugify
from assets_gen.encode import JPEG_QUALITY, script_json
from assets_gen.layout.svg import kit_svg
from assets_gen.layout.text import ArcText, LineText, PlacedText, pil_font, plain
from assets_gen.photo import DEFAULT_PLACEMENT, MAX_PIXELS
from assets_gen.render.frame import SIZE, frame_base, label_text, render_frame
from assets_gen.resources import npm_file

JPEG_ENCODER = "assets/jpeg-encoder.js"
JPEG_WORKER = "assets/jpeg-worker.js"
JPEG_WASM = "assets/jpeg-turbo.wasm"
PAGE_FONTS = {"body": 400, "medium": 600, "heading": 700}
"""The kit's font roles the page's own text uses, with the CSS weight each stands for."""
COUNTER_PATH = "api/downloads"


def static_text(name: str) -> str:
    return resources.files("assets_gen.render").joinpath("static", name).read_text(encoding="utf-8")


def boot_script() -> str:
    """The page's one inline script, exactly as it stands between its tags."""
    return static_text("boot.js")


def script_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def csp(counter_url: str | None = None) -> str:
    """The page's own policy: everything from its origin (and the inline boot script, by its
    hash), photos as local blobs, and the participation counter's origin when it lives
    elsewhere. 'wasm-unsafe-eval' lets the huge-photo worker compile its own WebAssembly
    decoder (it allows no JavaScript eval)."""
    connect = "'self'"
    if counter_url and "://" in counter_url:
        parts = urlsplit(counter_url)
        connect += f" {parts.scheme}://{parts.netloc}"
    return (
        f"default-src 'self'; script-src 'self' {script_hash(boot_script())} 'wasm-unsafe-eval'; "
        "style-src 'self'; "
        "img-src 'self' blob: data:; "
        f"font-src 'self'; connect-src {connect}; worker-src 'self'; object-src 'none'; "
        "base-uri 'none'; form-action 'self'"
    )


CSP = csp()


@dataclass(frozen=True)
class PageFile:
    path: str
    data: bytes
    media_type: str


def download_name(kit: Kit) -> str:
    """The saved avatar's file name, after the campaign: anh-dai-dien-1-trieu-sang-kien.jpg."""
    return f"anh-dai-dien-{slugify(kit.campaign.name) or 'chien-dich'}.jpg"


def frame_path(style: str, for_unit: bool, ext: str = "webp") -> str:
    return f"frames/{style}.unit.{ext}" if for_unit else f"frames/{style}.{ext}"


def preview_path(style: str, for_unit: bool) -> str:
    return frame_path(style, for_unit, "preview.webp")


def thumb_path(style: str) -> str:
    """The style's picture on its radio button: small, so a first visit loads one frame."""
    return f"frames/{style}.thumb.webp"


def unit_link(kit: Kit, unit: Unit | None) -> str:
    """The page with this unit chosen, as a union shares it."""
    return kit.links.avatar_page + (f"?unit={unit.slug}" if unit else "")


# -- the unit's name, placed as the CLI places it ------------------------------------------


def _font_roles(kit: Kit) -> dict[Path, str]:
    roles: dict[Path, str] = {}
    for role, path in kit.fonts.all().items():
        roles.setdefault(path, role)
    return roles


def _hex(fill: tuple[int, ...]) -> str:
    return "#" + "".join(f"{v:02x}" for v in (*fill[:3], fill[3] if len(fill) > 3 else 255))


def placed_json(text: PlacedText, roles: dict[Path, str]) -> dict:
    """A placed text as the page's script draws it (assets/app.js, drawText)."""
    out = {"text": text.text, "font": roles[text.font], "size": text.size, "fill": _hex(text.fill)}
    if isinstance(text, LineText):
        out["at"] = [text.x, text.y]
        return out
    assert isinstance(text, ArcText)
    out["arc"] = [text.center[0], text.center[1], text.radius, text.where]
    out["box"] = list(pil_font(text.font, text.size).getbbox(text.text, anchor="ls"))
    return out


def unit_texts(kit: Kit, unit: Unit) -> dict[str, list[dict]]:
    roles = _font_roles(kit)
    return {s.name: [placed_json(t, roles) for t in label_text(kit, s, unit.short_name)] for s in kit.frames}


def text_fonts(kit: Kit) -> set[str]:
    """Font roles the unit texts use (drawn on the canvas, so they must be in the page)."""
    roles = _font_roles(kit)
    probe = Unit("A", "A", "a")
    return {roles[t.font] for s in kit.frames for t in label_text(kit, s, probe.short_name)}


# -- configuration and HTML -------------------------------------------------------------


def page_config(kit: Kit, units: list[Unit], counter_url: str | None = None) -> dict:
    """What the page's script needs, and what integrations may read (avatar-page.json)."""
    p = DEFAULT_PLACEMENT
    return {
        "campaign": plain(kit.campaign.name),
        "organisation": plain(kit.campaign.organisation),
        "hashtag": kit.campaign.hashtag,
        "caption": kit.campaign.caption,
        "link": kit.links.avatar_page,
        "download": download_name(kit),
        "size": SIZE,
        "jpegQuality": JPEG_QUALITY / 100,
        "jpegEncoder": JPEG_ENCODER if vendored_encoder() else None,
        "jpegDecoder": {"worker": JPEG_WORKER, "wasm": JPEG_WASM} if vendored_decoder() else None,
        "maxPixels": MAX_PIXELS,
        "counter": counter_url,
        "placement": {"x": p.x, "y": p.y, "zoom": p.zoom, "rotate": p.rotate},
        "styles": [
            {
                "name": s.name,
                "label": s.label,
                "frame": frame_path(s.name, False),
                "unitFrame": frame_path(s.name, True),
                "preview": preview_path(s.name, False),
                "unitPreview": preview_path(s.name, True),
            }
            for s in kit.frames
        ],
        "units": [
            {
                "slug": u.slug,
                "name": u.name,
                "label": u.short_name,
                "aliases": list(u.aliases),
                "group": u.group,
                "text": unit_texts(kit, u),
            }
            for u in units
        ],
    }


def render_index(kit: Kit, units: list[Unit], *, server: bool, counter_url: str | None = None) -> bytes:
    """index.html; `server` adds a form that posts to the API for browsers without JavaScript."""
    c = kit.campaign
    values = {
        "csp": csp(counter_url),
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
    # Inside <script type="application/json">: no unit name can end it or open a comment.
    values["config"] = script_json(page_config(kit, units, counter_url))
    values["boot"] = boot_script()
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
            f'<img src="{thumb_path(style.name)}" alt="" width="56" height="56">'
            f"<span>{html.escape(style.label)}</span></label>"
        )
    return "".join(items)


def _unit_options(units: list[Unit]) -> str:
    return "".join(f'<option value="{html.escape(u.slug)}">{html.escape(u.name)}</option>' for u in units)


def _unit_radios(units: list[Unit]) -> str:
    """Radio buttons, under a heading per group (provinces, sector unions) when the units
    file names groups."""
    out, group, n = [], None, 0
    for u in units:
        if u.group != group:
            if group is not None:
                out.append("</div>")
            group, n = u.group, n + 1
            if group:
                out.append(
                    f'<div class="unit-group" role="group" aria-labelledby="group-{n}">'
                    f'<p class="group-title" id="group-{n}">{html.escape(group)}</p>'
                )
            else:
                out.append('<div class="unit-group">')
        out.append(
            f'<label class="unit-choice"><input type="radio" name="unit" value="{html.escape(u.slug)}">'
            f"<span>{html.escape(u.name)}</span></label>"
        )
    if group is not None:
        out.append("</div>")
    return "".join(out)


def _unit_block(units: list[Unit]) -> str:
    """A searchable list of radio buttons: long unit names wrap, arrows move, no script needed."""
    if not units:
        return ""
    return (
        '<fieldset class="unit"><legend>Đơn vị của bạn '
        '<span class="optional">(không bắt buộc)</span></legend>'
        '<label class="visually-hidden" for="unit-search">Tìm đơn vị</label>'
        '<input type="search" id="unit-search" placeholder="Tìm đơn vị, ví dụ: hcm, y tế" '
        'autocomplete="off" aria-controls="units" aria-describedby="unit-help">'
        '<p class="message" id="frame-error" role="alert" hidden></p>'
        '<div class="unit-list" id="units">'
        '<label class="unit-choice none"><input type="radio" name="unit" value="" checked>'
        "<span>Không ghi tên đơn vị</span></label>"
        f"{_unit_radios(units)}</div>"
        '<p class="help" id="unit-help">Tên đơn vị được in trên khung. Gõ tên, tên viết tắt, '
        "không cần dấu.</p>"
        '<p class="help" id="unit-empty" role="status"></p></fieldset>'
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
        '<p class="help"><strong>Cách này gửi ảnh của bạn lên máy chủ</strong> để ghép khung '
        "(khác với cách thường, khi ảnh không rời khỏi điện thoại). Máy chủ chỉ dùng ảnh để "
        "tạo ảnh đại diện rồi bỏ đi, không lưu lại. Nếu không muốn gửi ảnh, hãy bật JavaScript "
        "hoặc mở trang bằng trình duyệt khác.</p>"
        '<form class="unit" method="post" action="api/avatar" enctype="multipart/form-data">'
        '<label for="ns-photo">Ảnh</label>'
        '<input id="ns-photo" type="file" name="photo" accept="image/*" required>'
        f'<label for="ns-style">Kiểu khung</label><select id="ns-style" name="style">{styles}</select>'
        f'{unit_field}<button class="button primary wide" type="submit">Gửi ảnh lên, ghép khung và tải về'
        "</button></form></section></noscript>"
    )


# -- vendored browser code ------------------------------------------------------------------


@cache
def vendored_encoder() -> bytes | None:
    """jpeg-js's baseline encoder, which writes colour at full resolution (4:4:4) at any
    quality: Chromium's canvas.toBlob writes 4:2:0 below quality 1.0 (a pink fringe round
    white text on the campaign red) and 4:4:4 only at 1.0 (~1 MB). None when
    scripts/install-page-deps.sh has not installed it: the page then uses toBlob."""
    path = npm_file("jpeg-js/lib/encoder.js")
    if path is None:
        return None
    head = b"// jpeg-js 0.4.4 (npm), lib/encoder.js, BSD-3-Clause: vendored by assets-gen unchanged.\n"
    return head + path.read_bytes()


@cache
def vendored_decoder() -> bytes | None:
    """libjpeg-turbo 2.x in WebAssembly (npm @cwasm/jpeg-turbo, MIT/BSD-style/IJG), 139 kB:
    the TurboJPEG calls that decode at a reduced scale. Loaded by the page only when a JPEG
    over 50 MP is picked; None when not installed (the browser then decodes it itself)."""
    path = npm_file("@cwasm/jpeg-turbo/jpeg-turbo.wasm")
    return path.read_bytes() if path is not None else None


# -- fonts, theme, service worker -----------------------------------------------------------


# Latin and Vietnamese: ASCII, Latin-1, the Vietnamese letters of Latin Extended-A/B, the
# combining tone marks, Latin Extended Additional's Vietnamese block, punctuation, ₫ and €.
LATIN_VIETNAMESE = (
    "U+0020-007E,U+00A0-00FF,U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,"
    "U+01AF-01B0,U+0300-0303,U+0309,U+0323,U+1EA0-1EF9,U+2000-206F,U+20AB-20AC,U+2122,U+2212"
)


@cache
def woff2(path: Path, digest: str, also: str = "") -> bytes:
    """A font as WOFF2 (brotli), cut down to Latin and Vietnamese and the characters in
    `also` (the page's own texts: unit names are drawn with these files): 14 kB instead of
    19 kB for Be Vietnam Pro, same outlines and layout rules."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    subsetter = subset.Subsetter(options)
    unicodes = subset.parse_unicodes(LATIN_VIETNAMESE) + [ord(ch) for ch in also]
    subsetter.populate(unicodes=unicodes)
    font = TTFont(str(path), recalcTimestamp=False)
    subsetter.subset(font)
    font.flavor = "woff2"
    buf = io.BytesIO()
    font.save(buf)
    return buf.getvalue()


def page_font_roles(kit: Kit) -> list[str]:
    return sorted(set(PAGE_FONTS) | text_fonts(kit))


def theme_css(kit: Kit) -> bytes:
    """The kit's colours as custom properties and its fonts (a file: the CSP allows no
    inline style). The page's text uses "Kit" in three weights; the canvas draws a unit's
    name with "kit-ROLE", the very file the CLI draws it with."""
    c = kit.colors
    props = {f.name.replace("_", "-"): getattr(c, f.name) for f in fields(c)}
    lines = [f"  --{k}: {v.hex};" for k, v in props.items()]
    lines += ["  --muted: #4a5572;", "  --line: #e3e6ee;", "  --border: #767f93;"]
    faces = []
    for role in page_font_roles(kit):
        src = f'url("fonts/{role}.woff2") format("woff2")'
        if role in PAGE_FONTS:
            faces.append(
                f'@font-face {{ font-family: "Kit"; font-weight: {PAGE_FONTS[role]}; font-display: swap; '
                f"src: {src}; }}"
            )
        faces.append(f'@font-face {{ font-family: "kit-{role}"; font-display: block; src: {src}; }}')
    return (":root {\n" + "\n".join(lines) + "\n}\n" + "\n".join(faces) + "\n").encode()


def service_worker(files: list[str], version: str) -> bytes:
    """sw.js: caches the page's files on the first visit; `version` names the cache, so a
    new build replaces the old files at once."""
    template = Template(static_text("sw.js"))
    return template.substitute(version=version, files=json.dumps(["./", *files])).encode()


def page_version(kit: Kit, units: list[Unit], counter_url: str | None) -> str:
    """Everything the page's files are made from (frames included, without drawing them)."""
    h = hashlib.sha256()
    h.update(__version__.encode())
    h.update(kit.digest.encode())
    static = resources.files("assets_gen.render").joinpath("static")
    for item in sorted(static.iterdir(), key=lambda p: p.name):
        h.update(item.read_bytes())
    for path in (*kit.fonts.all().values(), kit.logo.full_on_dark, kit.logo.mark):
        h.update(file_digest(Path(path)).encode())
    h.update(json.dumps([(u.name, u.short_name, u.slug, u.aliases, u.group) for u in units]).encode())
    h.update(str(counter_url).encode())
    h.update(hashlib.sha256(vendored_encoder() or b"").digest())
    h.update(hashlib.sha256(vendored_decoder() or b"").digest())
    return h.hexdigest()[:16]


def page_files(
    kit: Kit,
    units: list[Unit],
    *,
    server: bool = False,
    counter: bool = False,
    counter_url: str | None = None,
) -> list[PageFile]:
    """Every file of the page except the frames (`frame_files`); `counter`: the server
    counts downloads itself, `counter_url`: an exported page reports to that one."""
    if server:
        counter_url = COUNTER_PATH if counter else None
    config = page_config(kit, units, counter_url)
    files = [
        PageFile(
            "index.html",
            render_index(kit, units, server=server, counter_url=counter_url),
            "text/html; charset=utf-8",
        ),
        PageFile(
            "avatar-page.json",
            json.dumps(config, ensure_ascii=False, indent=1).encode() + b"\n",
            "application/json",
        ),
        PageFile("assets/app.js", static_text("app.js").encode(), "text/javascript; charset=utf-8"),
        PageFile("assets/style.css", static_text("style.css").encode(), "text/css; charset=utf-8"),
        PageFile("assets/theme.css", theme_css(kit), "text/css; charset=utf-8"),
        PageFile("assets/logo.svg", kit_svg(kit.logo.full_on_dark), "image/svg+xml"),
        PageFile("assets/icon.svg", kit_svg(kit.logo.mark), "image/svg+xml"),
    ]
    encoder = vendored_encoder()
    if encoder is not None:
        files.append(PageFile(JPEG_ENCODER, encoder, "text/javascript; charset=utf-8"))
    decoder = vendored_decoder()
    if decoder is not None:
        worker = static_text("jpeg-worker.js").encode()
        files.append(PageFile(JPEG_WORKER, worker, "text/javascript; charset=utf-8"))
        files.append(PageFile(JPEG_WASM, decoder, "application/wasm"))
    fonts = kit.fonts.all()
    texts = "".join(sorted({ch for f in files[:1] for ch in f.data.decode()} | set(static_text("style.css"))))
    files += [
        PageFile(
            f"assets/fonts/{role}.woff2", woff2(fonts[role], file_digest(fonts[role]), texts), "font/woff2"
        )
        for role in page_font_roles(kit)
    ]
    # Not the huge-photo decoder: 139 kB few members need, fetched when one is picked.
    cached = [f.path for f in files if f.path not in ("avatar-page.json", JPEG_WORKER, JPEG_WASM)]
    cached += [
        place(s.name, unit)
        for s in kit.frames
        for unit in (False, True)
        for place in (frame_path, preview_path)
    ]
    cached += [thumb_path(s.name) for s in kit.frames]
    version = page_version(kit, units, counter_url)
    files.append(PageFile("sw.js", service_worker(cached, version), "text/javascript; charset=utf-8"))
    return files


# -- frames -----------------------------------------------------------------------------------


def encode_webp(image: Image.Image) -> bytes:
    """Lossless WebP: the exact pixels, in half the bytes of a PNG."""
    buf = io.BytesIO()
    image.save(buf, "WEBP", lossless=True, quality=100, method=4)
    return buf.getvalue()


def frame_image(kit: Kit, style: FrameStyle, for_unit: bool) -> Image.Image:
    """The frame without a unit (complete), or the base the page draws a unit's name on."""
    return frame_base(kit, style, True).flatten() if for_unit else render_frame(kit, style)


THUMB = 112  # 56 CSS px on a 2x screen
PREVIEW = 720  # the preview canvas of a 360 px phone at 2x


def encode_preview(kit: Kit, style: FrameStyle, for_unit: bool) -> bytes:
    """The frame for a first visit's preview: 720 px, lossy colour, alpha nearly exact. The
    page swaps in the exact frame once it arrives; downloads only ever use that one."""
    small = frame_image(kit, style, for_unit).resize((PREVIEW, PREVIEW), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, "WEBP", quality=75, alpha_quality=80, method=4)
    return buf.getvalue()


def encode_thumb(kit: Kit, style: FrameStyle) -> bytes:
    """The frame without a unit, small and lossy (a picture on a button, never drawn)."""
    small = render_frame(kit, style).resize((THUMB, THUMB), Image.Resampling.LANCZOS)
    buf = io.BytesIO()
    small.save(buf, "WEBP", quality=85, method=4)
    return buf.getvalue()


def frame_files(kit: Kit, style: FrameStyle, *, scripts: bool) -> list[PageFile]:
    """A style's two frames as WebP, and as scripts for pages opened from disk, where a
    file:// image would taint the canvas and block the download; and its thumbnail."""
    files = []
    for for_unit in (False, True):
        data = encode_webp(frame_image(kit, style, for_unit))
        path = frame_path(style.name, for_unit)
        files.append(PageFile(path, data, "image/webp"))
        if scripts:
            files.append(
                PageFile(
                    frame_path(style.name, for_unit, "js"),
                    frame_script(path, data),
                    "text/javascript; charset=utf-8",
                )
            )
    files.append(PageFile(thumb_path(style.name), encode_thumb(kit, style), "image/webp"))
    for for_unit in (False, True):
        data = encode_preview(kit, style, for_unit)
        files.append(PageFile(preview_path(style.name, for_unit), data, "image/webp"))
    return files


def frame_script(path: str, webp: bytes) -> bytes:
    data = base64.b64encode(webp).decode()
    return f'avatarFrame("{path}","data:image/webp;base64,{data}");\n'.encode()
