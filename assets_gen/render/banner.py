"""Campaign banners in every platform size: the built-in design or a designer's template.

Everything but the unit's name (background, logo, fixed texts, template artwork) is
drawn once per size and process (`banner_base`) and copied for each unit, so a batch of
many units costs little more than encoding the files. Sizes under 1000 px are drawn two
or three times larger and reduced: small text then keeps even letter spacing (FreeType
hinting rounds every advance at 9 px).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from assets_gen.brand.model import Kit
from assets_gen.brand.slots import IMAGE_SLOTS, vocabulary
from assets_gen.errors import FitError
from assets_gen.layout import drawn
from assets_gen.layout.geometry import Box
from assets_gen.layout.sizes import SIZES, Size
from assets_gen.layout.svg import render_svg_fit, svg_to_image
from assets_gen.layout.template import Template, load_template
from assets_gen.layout.text import TextBlock, draw_text, fit_text, plain
from assets_gen.render.banner_layout import CTA, WHAT, BannerLayout, TextSpec, banner_layout, contents
from assets_gen.render.slots import fill_image, fit_in_slot, scaled_slot, text_spec

SLOTS = vocabulary("banner")
TEMPLATE_PREFIX = "banner-"


def banner_sizes() -> list[Size]:
    """The sizes a banner is made in: every registered size but profile pictures."""
    return [s for s in SIZES.values() if not s.circle]


def render_scale(size: Size) -> int:
    """How much larger than its size a banner is drawn before it is reduced."""
    longest = max(size.width, size.height)
    return 3 if longest <= 400 else 2 if longest <= 1000 else 1


def template_path(kit: Kit, size: Size) -> Path | None:
    """The designer's template for `size`, if the kit has one."""
    if kit.data.templates is None:
        return None
    path = kit.data.templates / f"{TEMPLATE_PREFIX}{size.name}.svg"
    return path if path.is_file() else None


@dataclass(frozen=True)
class BannerBase:
    """Everything of a banner but the unit's name, at the working scale."""

    image: Image.Image
    """RGB, copied for each unit."""
    scale: int
    ink: tuple[tuple[str, Box], ...]
    """Where the fixed texts' ink and the images lie (working pixels)."""
    unit: TextSpec | None
    """How and where the unit's name is set (None: the template has no unit slot)."""


def banner_base(kit: Kit, size: Size) -> BannerBase:
    """The shared layer of `size`, cached per kit, size and template version."""
    path = template_path(kit, size)
    version = path.stat().st_mtime_ns if path else 0
    return _base(kit, size, path, version)


@drawn.replay_cache(maxsize=32)
def _base(kit: Kit, size: Size, path: Path | None, _version: int) -> BannerBase:
    k = render_scale(size)
    if path is not None:
        return _template_base(kit, load_template(path, size, SLOTS, kit.dir), k)
    return _builtin_base(kit, banner_layout(kit, size, k))


# -- the built-in design ---------------------------------------------------------------


def _builtin_base(kit: Kit, lay: BannerLayout) -> BannerBase:
    size = lay.size
    blocks = [(t, t.fit_first(contents(kit, t.slot))) for t in lay.texts]
    plate_box = plate_block = None
    if lay.plate is not None:
        spec, (pad_x, pad_y) = lay.plate, lay.plate_pad
        plate_block = spec.fit(contents(kit, "slogan")[0])
        w = plate_block.width + 2 * pad_x
        x = spec.box.cx - w / 2 if lay.plate_align == "center" else spec.box.x - pad_x
        plate_box = Box(x, spec.box.y - pad_y, w, spec.box.h + 2 * pad_y)
    taken = [b.place(t.box) for t, b in blocks] + [lay.logo] + ([lay.unit.box] if lay.unit else [])
    if plate_box is not None:
        taken.append(plate_box)
    if lay.cta is not None:
        taken.append(lay.cta.box)
    one_line = plate_block is None or len(plate_block.lines) == 1
    svg = _background_svg(kit, lay, plate_box, one_line, taken)
    image = svg_to_image(svg, size.width, size.height, f"banner {size.name}")
    logo = render_svg_fit(getattr(kit.logo, lay.logo_file), width=round(lay.logo.w))
    pos = (round(lay.logo.cx - logo.width / 2), round(lay.logo.cy - logo.height / 2))
    image.alpha_composite(logo, pos)
    ink = [("logo", Box(pos[0], pos[1], logo.width, logo.height))]
    for spec, block in blocks:
        ink.append((spec.slot, draw_text(image, spec.box, block, spec.color.rgba(), spec.slot)))
    if plate_box is not None and plate_block is not None and lay.plate is not None:
        inner = Box(plate_box.x + lay.plate_pad[0], lay.plate.box.y, plate_block.width, lay.plate.box.h)
        ink.append(("slogan", draw_text(image, inner, plate_block, lay.plate.color.rgba(), "slogan")))
    if lay.cta is not None:
        button = lay.cta.box
        words = Box(
            button.x + button.h * 0.4, button.y + button.h * 0.18, button.w - button.h * 0.8, button.h * 0.64
        )
        block = fit_text(CTA, words, lay.cta.style, WHAT["cta"])
        draw_text(image, words, block, lay.cta.color.rgba(), "cta")
        ink.append(("cta", button))
    return BannerBase(image.convert("RGB"), lay.scale, tuple(ink), lay.unit)


def _background_svg(kit: Kit, lay: BannerLayout, plate: Box | None, pill: bool, taken: list[Box]) -> bytes:
    """Field, glow, rays, panel with its stripe and shadow, the plate, sparks: as SVG,
    because cairo draws smooth curves and gradients fast."""
    c = kit.colors
    W, H = lay.size.width, lay.size.height
    rx, ry, step = lay.rays
    far = math.hypot(max(rx, W - rx), max(ry, H - ry))
    rays = "".join(
        f'<circle cx="{rx:.1f}" cy="{ry:.1f}" r="{step * (i + 1.5):.1f}"/>'
        for i in range(max(0, math.ceil(far / step)))
    )
    dx, dy = lay.stripe
    shadow = (dx * 1.7, 0) if dx else (0, dy * 1.7)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}"><defs>',
        f'<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="{c.primary.hex}"/>'
        f'<stop offset="1" stop-color="{c.primary_dark.hex}"/></linearGradient>',
        f'<radialGradient id="glow" cx="{rx:.1f}" cy="{ry:.1f}" r="{far * 0.75:.1f}" '
        f'gradientUnits="userSpaceOnUse"><stop offset="0" stop-color="{c.accent.hex}" stop-opacity="0.2"/>'
        f'<stop offset="1" stop-color="{c.accent.hex}" stop-opacity="0"/></radialGradient></defs>',
        f'<rect width="{W}" height="{H}" fill="url(#bg)"/><rect width="{W}" height="{H}" fill="url(#glow)"/>',
        f'<g fill="none" stroke="#FFFFFF" stroke-opacity="0.07" stroke-width="{max(step * 0.16, 1):.1f}">'
        f"{rays}</g>",
        f'<path d="{lay.panel}" transform="translate({shadow[0]:.1f} {shadow[1]:.1f})" fill="#000" '
        'fill-opacity="0.18"/>',
        f'<path d="{lay.panel}" transform="translate({dx:.1f} {dy:.1f})" fill="{c.accent.hex}"/>',
        f'<path d="{lay.panel}" fill="{c.light.hex}"/>',
    ]
    if lay.cta is not None:
        b = lay.cta.box
        parts.append(
            f'<rect x="{b.x:.1f}" y="{b.y + b.h * 0.08:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" '
            f'rx="{b.h / 2:.1f}" fill="#000" fill-opacity="0.22"/>'
            f'<rect x="{b.x:.1f}" y="{b.y:.1f}" width="{b.w:.1f}" height="{b.h:.1f}" '
            f'rx="{b.h / 2:.1f}" fill="{c.accent.hex}"/>'
        )
    if plate is not None:
        radius = (
            plate.h / 2 if plate.h < 2.2 * (lay.plate.style.max_size if lay.plate else 0) else plate.h / 5
        )
        parts.append(
            f'<rect x="{plate.x:.1f}" y="{plate.y:.1f}" width="{plate.w:.1f}" height="{plate.h:.1f}" '
            f'rx="{radius:.1f}" fill="{c.accent.hex}"/>'
        )
    for cx, cy, r in _sparks(lay, taken):
        parts.append(f'<path d="{_spark(cx, cy, r)}" fill="{c.accent.hex}"/>')
    parts.append("</svg>")
    return "".join(parts).encode()


def _spark(cx: float, cy: float, r: float) -> str:
    """A four-pointed star, the spark of an idea."""
    points = []
    for i in range(8):
        a = math.pi / 4 * i - math.pi / 2
        rr = r if i % 2 == 0 else r * 0.16
        points.append(f"{cx + rr * math.cos(a):.1f} {cy + rr * math.sin(a):.1f}")
    return "M" + " L".join(points) + " Z"


def _sparks(lay: BannerLayout, taken: list[Box]) -> list[tuple[float, float, float]]:
    """Gold sparks in corners of the red field that no text, plate or logo comes near."""
    W, H = lay.size.width, lay.size.height
    if lay.mode == "strip":
        return []
    r = min(W, H) * 0.05
    if lay.mode == "stack":
        candidates = [(W - r * 1.9, H - r * 2.2, r), (r * 1.9, H - r * 1.4, r * 0.6)]
    else:
        candidates = [
            (W - r * 2.2, r * 2.4, r),
            (W - r * 4.2, r * 1.3, r * 0.55),
            (W - r * 1.6, H - r * 2, r * 0.7),
        ]
    out = []
    for cx, cy, rr in candidates:
        if rr < 10 * lay.scale:  # a speck, not a spark
            continue
        spark = Box(cx - rr * 1.5, cy - rr * 1.5, rr * 3, rr * 3)
        if Box(0, 0, W, H).contains(spark) and not any(spark.overlaps(b) for b in taken):
            out.append((cx, cy, rr))
    return out


# -- designer templates ----------------------------------------------------------------


def _template_base(kit: Kit, tpl: Template, k: int) -> BannerBase:
    art = tpl.artwork(k)
    image = Image.new("RGBA", art.size, kit.colors.light.rgba())  # under transparent artwork
    image.alpha_composite(art)
    ink: list[tuple[str, Box]] = []
    unit = None
    for slot in (scaled_slot(s, k) for s in tpl.slots):
        if slot.name in IMAGE_SLOTS:
            ink.append((slot.name, fill_image(kit, image, slot, tpl)))
            continue
        spec = text_spec(kit, image, slot, tpl)
        if slot.name == "unit":
            unit = spec
            continue
        block = fit_in_slot(spec, contents(kit, slot.name)[0], tpl)
        ink.append((slot.name, draw_text(image, spec.box, block, spec.color.rgba(), slot.name)))
    return BannerBase(image.convert("RGB"), k, tuple(ink), unit)


# -- one banner ------------------------------------------------------------------------


@dataclass(frozen=True)
class BannerImage:
    image: Image.Image
    """RGB, exactly the size."""
    ink: dict[str, Box]
    """Where each text's ink and each image lies, in output pixels (tests check the safe area)."""


def render_banner(
    kit: Kit, size: Size, unit_name: str | None = None, unit_short: str | None = None, density: int = 1
) -> BannerImage:
    """A banner for a unit (its name, or its short name where the name does not fit) or
    campaign-wide (the organisation's name); `density` 2 gives it at twice the size, for
    sharp phone and retina screens (web ads: `banner-leaderboard@2x.png`)."""
    with drawn.scaled(1 / render_scale(size)):  # text is recorded in the banner's own pixels
        base = banner_base(kit, size)
        image = base.image.copy()
        ink = dict(base.ink)
        if base.unit is not None:
            spec = base.unit
            block = fit_unit_name(kit, spec, unit_name, unit_short)
            ink["unit"] = draw_text(image, spec.box, block, spec.color.rgb, "unit")
    k = base.scale
    if density != 1:
        target = (size.width * density, size.height * density)
        if image.size != target:
            image = image.resize(target, Image.Resampling.LANCZOS)
        ink = {name: _unscale(box, k / density) for name, box in ink.items()}
    elif k > 1:
        image = image.reduce(k)
        ink = {name: _unscale(box, k) for name, box in ink.items()}
    return BannerImage(image, ink)


def _unscale(box: Box, k: float) -> Box:
    """A working-pixel box in output pixels, rounded outward."""
    x0, y0 = math.floor(box.x / k), math.floor(box.y / k)
    return Box(x0, y0, math.ceil(box.right / k) - x0, math.ceil(box.bottom / k) - y0)


def fit_unit_name(kit: Kit, spec: TextSpec, name: str | None, short: str | None) -> TextBlock:
    """The unit's name set in its slot; its short name where the name cannot fit."""
    if name is None:
        return fit_text(kit.campaign.organisation, spec.box, spec.style, "campaign.organisation")
    tries = [(name, "unit name")]
    if short and short != name:
        tries.append((short, "unit short_name"))
    for text, what in tries:
        try:
            return fit_text(text, spec.box, spec.style, what, split_words=False)
        except FitError:
            pass
    # Neither fits without breaking a word: the last resort breaks one of the shortest
    # (at the least harmful place), and the build reports it.
    text, what = tries[-1]
    return fit_text(text, spec.box, spec.style, what)


def banner_alt(kit: Kit, size: Size, unit_name: str | None) -> str:
    """Vietnamese alt text: what the banner shows, for screen readers and the contact sheet."""
    c = kit.campaign
    return (
        f"Banner chiến dịch “{plain(c.name)}” của {plain(unit_name or c.organisation)}: "
        f"khẩu hiệu “{plain(c.slogan)}”, “{plain(c.tagline)}”, biểu trưng bóng đèn và địa chỉ "
        f"{kit.links.website}."
    )
