"""The built-in banner design, as boxes: one design that adapts to every shape.

A red field with faint rays of light, a cream panel carrying the logo (edged with a gold
stripe), and a text column: the speaker (the unit, or the organisation on campaign-wide
banners), the slogan as the headline, the tagline on a gold plate and the web address.
The arrangement follows the shape of the size's safe area:

- "strip" (728x90, 320x50): the logo beside the speaker and one line of slogan;
- "side" (covers, heroes, billboards, thumbnails): the panel on the left, text beside it;
- "stack" (posts, stories, the skyscraper, 300x250): the panel on top, the text below.

Only geometry and fitting live here (nothing is drawn), so tests can check every box
against the safe area and the platform zones.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from pathlib import Path

from assets_gen.brand.model import Kit
from assets_gen.brand.slots import BANNER_TEXT
from assets_gen.errors import FitError
from assets_gen.layout.color import Color
from assets_gen.layout.geometry import Box
from assets_gen.layout.sizes import Size
from assets_gen.layout.svg import svg_aspect
from assets_gen.layout.text import TextBlock, TextStyle, fit_text, set_text

# Each text's size as a share of the headline's: a steady hierarchy in every size.
HIERARCHY = {"unit": 0.5, "slogan": 0.56, "footer": 0.4}
CTA = "Gửi sáng kiến"
"""The web ads' call to action: what the reader does on the portal."""
WHAT = {
    **{slot: text.what for slot, text in BANNER_TEXT.items()},
    "cta": "call to action",
    "footer": "links.website",
}
"""How messages name each text (a kit text's key): the template slots', and the built-in
design's own call to action and last line."""


@dataclass(frozen=True)
class TextSpec:
    """A text to set: which slot, in which box, how, and in which kit text colour."""

    slot: str
    box: Box
    style: TextStyle
    color: Color
    what: str

    def fit(self, text: str) -> TextBlock:
        return fit_text(text, self.box, self.style, self.what)

    def fit_first(self, texts: list[str]) -> TextBlock:
        """The first of `texts` that fits well (the address with the hashtag, or alone)."""
        for text in texts[:-1]:
            try:
                block = fit_text(text, self.box, self.style, self.what, split_words=False)
            except FitError:
                continue
            if block.size >= self.style.max_size * 0.5:
                return block
        return self.fit(texts[-1])

    def moved(self, box: Box) -> TextSpec:
        return replace(self, box=box)


@dataclass(frozen=True)
class BannerLayout:
    """The built-in design for one size, in working pixels (the size times `scale`)."""

    size: Size
    """The size drawn at: the registry size scaled by `scale`."""
    scale: int
    mode: str
    panel: str
    """SVG path data of the cream panel; the gold stripe is the same shape, shifted."""
    stripe: tuple[float, float]
    rays: tuple[float, float, float]
    """Centre and spacing of the faint rays of light (they spread from the panel)."""
    logo: Box
    logo_file: str
    """Which kit logo: "full" or "mark"."""
    texts: tuple[TextSpec, ...]
    """The fixed texts (headline, footer: the web address and hashtag)."""
    plate: TextSpec | None
    """The tagline, set on a gold plate `plate_pad` wider and taller than its ink."""
    plate_pad: tuple[float, float]
    plate_align: str
    unit: TextSpec | None
    """Where the unit's name goes: the one text that changes per banner (None: a web ad too
    small for it beside the slogan and the button)."""
    cta: TextSpec | None = None
    """Web ads: the call-to-action button ("Gửi sáng kiến"); its box is the button."""

    def boxes(self) -> dict[str, Box]:
        """Every slot's box, in output pixels."""
        out = {"logo": self.logo}
        if self.unit:
            out["unit"] = self.unit.box
        if self.cta:
            out["cta"] = self.cta.box
        out.update({t.slot: t.box for t in self.texts})
        if self.plate:
            out["slogan"] = self.plate.box
        k = self.scale
        return {name: Box(b.x / k, b.y / k, b.w / k, b.h / k) for name, b in out.items()}


@dataclass(frozen=True)
class Row:
    """One text of a column: its largest share of the height, its lines and font, and the
    smallest size worth printing (optional rows below it are left out, not shrunk)."""

    slot: str
    share: float
    lines: int
    font: str
    optional: bool = False
    legible: int = 11


def contents(kit: Kit, slot: str) -> list[str]:
    """The texts a slot can show, preferred first."""
    if slot == "footer":  # the built-in design's last line
        return [f"{kit.links.website} · {kit.campaign.hashtag}", kit.links.website]
    return [kit.text_at(BANNER_TEXT[slot].what)]


def banner_layout(kit: Kit, size: Size, scale: int = 1) -> BannerLayout:
    """The built-in layout of `size` drawn at `scale`, chosen by the safe area's shape."""
    aspect = size.safe.w / size.safe.h
    mode = _strip if aspect >= 5 else _side if aspect >= 1.3 else _stack
    return mode(kit, size.scaled(scale), scale, size.min_text * scale, not size.social)


def _cta(kit: Kit, h: float, max_w: float, floor: int) -> tuple[float, float, TextStyle]:
    """Width, height and text style of a call-to-action button about `h` high, at most
    `max_w` wide (a narrower button is lower too); its text is never under `floor`."""
    font = kit.fonts.heading
    for _ in range(3):
        style = TextStyle(font, max(floor, round(h * 0.46)), floor, align="center", valign="middle")
        text = set_text(CTA, style, style.max_size, 1e9)
        width = (text.width if text else h * 3) + h * 0.9
        if width <= max_w or style.max_size == floor:
            break
        h *= max_w / width
    return width, h, style


def _cta_spec(kit: Kit, x: float, y: float, w: float, h: float, style: TextStyle) -> TextSpec:
    """The button's box and how its words are set in it (gold, like every action)."""
    return TextSpec("cta", Box(x, y, w, h), style, kit.colors.on_accent, WHAT["cta"])


def text_style(
    font: Path,
    box: Box,
    max_lines: int,
    align: str = "left",
    valign: str = "middle",
    upper: bool = False,
    min_size: int = 7,
) -> TextStyle:
    """A style whose sizes follow the box: up to one line filling it, down to legible."""
    per_line = box.h / max_lines / 1.12
    return TextStyle(
        font,
        max_size=max(min_size, math.floor(per_line * 1.05)),
        min_size=min_size,
        max_lines=max_lines,
        line_height=1.12,
        align=align,  # type: ignore[arg-type]
        valign=valign,  # type: ignore[arg-type]
        upper=upper,
    )


def _column(
    kit: Kit, region: Box, align: str, rows: list[Row], gap: float, k: int, floor: int, foot: float = 0.0
) -> tuple[tuple[TextSpec, ...], TextSpec | None, tuple[float, float], TextSpec | None, float]:
    """Stack the texts in `region`: fit the fixed ones, pack them, spread and centre.

    The unit's row keeps its full height (its text changes per banner); the others
    shrink to their ink; optional ones too small to read are dropped. A `foot` (the
    button, that high) follows the texts at the same gap, centred with them, so no
    empty band opens above it; returns where its top goes last.
    """
    fit_in = Box(region.x, region.y, region.w, region.h - (foot + gap if foot else 0.0))
    while True:
        placed, dropped = _fit_rows(kit, fit_in, align, rows, gap, k, floor)
        if dropped is None:
            break
        rows = [r for r in rows if r is not dropped]
    heights = [h for _, _, h, _ in placed] + ([foot] if foot else [])
    spare = region.h - sum(heights) - gap * (len(heights) - 1)
    gap += min(max(spare, 0) / max(len(heights) + 1, 1), gap * 1.5)  # breathe, then centre
    group = sum(heights) + gap * (len(heights) - 1)
    y = region.y + max(0.0, (region.h - group) / 2)
    texts: list[TextSpec] = []
    plate = unit = None
    pad = (0.0, 0.0)
    for row, spec, h, pad_y in placed:
        box = Box(spec.box.x, y + pad_y, spec.box.w, h - 2 * pad_y)
        if row.slot == "slogan":
            plate, pad = spec.moved(box), (spec.box.x - region.x, pad_y)
        elif row.slot == "unit":
            unit = spec.moved(box)
        else:
            texts.append(spec.moved(box))
        y += h + gap
    return tuple(texts), plate, pad, unit, y


def _fit_rows(
    kit: Kit, region: Box, align: str, rows: list[Row], gap: float, k: int, floor: int
) -> tuple[list[tuple[Row, TextSpec, float, float]], Row | None]:
    """Fit the rows' texts, none below `floor` (the size's readable minimum, in working
    pixels); returns the first optional row that cannot be read there, to be dropped."""
    c = kit.colors
    usable = region.h - gap * (len(rows) - 1)
    total = sum(r.share for r in rows)
    heights = {r.slot: usable * r.share / total for r in rows}
    # The unit's row holds its lines at the readable floor at least; the others give way.
    unit_lines = next((r.lines for r in rows if r.slot == "unit"), 0)
    unit_h = max(heights.get("unit", 0.0), unit_lines * floor * 1.3)
    if unit_lines and unit_h > heights["unit"]:
        others = usable - heights["unit"]
        k_others = max(others - (unit_h - heights["unit"]), 0) / others if others else 0
        heights = {slot: unit_h if slot == "unit" else h * k_others for slot, h in heights.items()}
    specs: dict[str, tuple[Row, TextSpec, float]] = {}
    for row in rows:
        h = heights[row.slot]
        font = getattr(kit.fonts, row.font)
        pad_y = 0.0
        if row.slot == "slogan":
            pad_y = h * 0.2
            pad_x = max(pad_y * 1.7, 6 * k)
            box = Box(region.x + pad_x, 0, region.w - 2 * pad_x, h - 2 * pad_y)
            style = text_style(font, box, row.lines, "center", min_size=max(row.legible * k, floor))
            spec = TextSpec(row.slot, box, style, c.on_accent, WHAT[row.slot])
        else:
            box = Box(region.x, 0, region.w, h)
            upper = row.slot in ("headline", "unit") and h / row.lines / k >= 30
            valign = "bottom" if row.slot == "unit" else "middle"
            legible = max(row.legible * k if row.optional else 11 * k, floor)
            style = text_style(font, box, row.lines, align, valign, upper, legible)
            spec = TextSpec(row.slot, box, style, c.on_primary, WHAT[row.slot])
        specs[row.slot] = (row, spec, pad_y)
    placed: list[tuple[Row, TextSpec, float, float]] = []
    head = specs["headline"][1].fit(contents(kit, "headline")[0])
    for row, spec, pad_y in specs.values():
        if row.slot in HIERARCHY:
            cap = max(spec.style.min_size, round(head.size * HIERARCHY[row.slot]))
            spec = replace(spec, style=replace(spec.style, max_size=min(spec.style.max_size, cap)))
        if row.slot == "unit":
            placed.append((row, spec, min(spec.box.h, _tallest(spec.style)), 0.0))
            continue
        try:
            block = head if row.slot == "headline" else spec.fit_first(contents(kit, row.slot))
        except FitError:
            if not row.optional:
                raise
            return placed, row
        placed.append((row, spec, block.height + 2 * pad_y, pad_y))
    return placed, None


def _tallest(style: TextStyle) -> float:
    """The ink height of `max_lines` lines of the tallest letters at the largest size."""
    sample = "\n".join(["ỆỖg"] * style.max_lines)
    block = set_text(sample, replace(style, balance=False), style.max_size, 1e9)
    return block.height if block else 0.0


def _logo_aspect(kit: Kit, which: str) -> float:
    return svg_aspect(getattr(kit.logo, which))


def _side(kit: Kit, size: Size, k: int, floor: int, cta: bool = False) -> BannerLayout:
    s, W, H = size.safe, size.width, size.height
    aspect = _logo_aspect(kit, "full")
    logo_w = min(s.h * 0.46 * aspect, s.w * 0.34)
    logo_h = logo_w / aspect
    pad = max(logo_h * 0.2, 8 * k)
    logo = Box(s.x + pad * 0.3, s.cy - logo_h / 2, logo_w, logo_h)
    edge = logo.right + pad * 1.2  # the panel's edge at its narrowest (top and bottom)
    bulge = min(W * 0.03, logo_w * 0.12)
    panel = f"M0 0 H{edge:.1f} Q{edge + 2 * bulge:.1f} {H / 2:.1f} {edge:.1f} {H} H0 Z"
    stripe = max(3.0 * k, H * 0.012)
    col_x = edge + bulge + stripe + max(pad * 1.4, s.w * 0.045)
    region = Box(col_x, s.y + s.h * 0.03, s.right - col_x, s.h * 0.94)
    button = None
    if cta:  # under the text, where the reading ends
        w, h, style = _cta(kit, s.h * 0.2, region.w, floor)
        button = _cta_spec(kit, region.x, region.bottom - h, w, h, style)
        region = Box(region.x, region.y, region.w, region.h - h - s.h * 0.06)
    deep = region.h / region.w > 0.75  # a tall text column takes the slogan in more lines
    rows = [
        Row("unit", 0.15, 2, "heading"),
        Row("headline", 0.55 if deep else 0.45, 4 if deep else 2, "display"),
        Row("slogan", 0.15, 1, "heading", optional=True),
        Row("footer", 0.075, 1, "medium", optional=True),
    ]
    texts, plate, pad2, unit, _ = _column(kit, region, "left", rows, max(s.h * 0.035, 3 * k), k, floor)
    rays = (edge, H / 2, max(H * 0.07, 10 * k))
    return BannerLayout(
        size, k, "side", panel, (stripe, 0), rays, logo, "full", texts, plate, pad2, "left", unit, button
    )


def _stack(kit: Kit, size: Size, k: int, floor: int, cta: bool = False) -> BannerLayout:
    s, W, H = size.safe, size.width, size.height
    narrow = s.w / k < 200  # the skyscraper
    tall = s.h / s.w > 1.2  # stories and portrait posts
    aspect = _logo_aspect(kit, "full")
    share = 0.92 if s.w / k < 400 else 0.7 if s.h / s.w > 1.2 else 0.56
    logo_w = min(s.w * share, s.h * 0.19 * aspect)
    logo_h = logo_w / aspect
    pad = max(logo_h * 0.2, 6 * k)
    logo = Box(s.cx - logo_w / 2, s.y + pad, logo_w, logo_h)
    bottom = logo.bottom + pad * 1.2  # the panel's edge at its lowest (the middle)
    dip = min(H * 0.025, pad)
    panel = f"M0 0 H{W} V{bottom - dip:.1f} Q{W / 2:.1f} {bottom + dip:.1f} 0 {bottom - dip:.1f} Z"
    stripe = max(3.0 * k, W * 0.012)
    top = bottom + stripe + max(s.h * 0.04, 6 * k)
    region = Box(s.x + s.w * 0.02, top, s.w * 0.96, s.bottom - top - s.h * 0.03)
    button = None
    foot = 0.0
    if cta:  # under the texts, centred: where the reading ends
        w, foot, style = _cta(kit, min(s.h * 0.14, s.w * 0.22), region.w, floor)
        button = _cta_spec(kit, region.cx - w / 2, 0, w, foot, style)
    rows = [
        Row("unit", 0.14, 3 if s.w / k < 400 else 2, "heading"),
        Row("headline", 0.5 if narrow else 0.66 if tall else 0.44, 4 if narrow or tall else 2, "display"),
        Row("slogan", 0.13, 3 if narrow else 1, "heading", optional=True, legible=10 if narrow else 11),
        Row("footer", 0.06, 1, "medium", optional=True, legible=10 if narrow else 11),
    ]
    gap = max(region.h * 0.03, 3 * k)
    texts, plate, pad2, unit, foot_y = _column(kit, region, "center", rows, gap, k, floor, foot)
    if button is not None:
        button = button.moved(Box(button.box.x, foot_y, button.box.w, button.box.h))
    rays = (W / 2, bottom, max(W * 0.07, 10 * k))
    return BannerLayout(
        size, k, "stack", panel, (0, stripe), rays, logo, "full", texts, plate, pad2, "center", unit, button
    )


def _strip(kit: Kit, size: Size, k: int, floor: int, cta: bool = False) -> BannerLayout:
    s, H = size.safe, size.height
    which = "full" if s.h / k >= 60 else "mark"
    aspect = _logo_aspect(kit, which)
    logo_h = s.h * (0.86 if which == "full" else 0.98)
    logo_w = logo_h * aspect
    pad = max(logo_h * 0.16, 4 * k)
    logo = Box(s.x + pad * 0.4, s.cy - logo_h / 2, logo_w, logo_h)
    edge = logo.right + pad
    bulge = H * 0.12
    panel = f"M0 0 H{edge:.1f} Q{edge + 2 * bulge:.1f} {H / 2:.1f} {edge:.1f} {H} H0 Z"
    stripe = max(2.0 * k, H * 0.04)
    col_x = edge + bulge + stripe + pad * 1.2
    region = Box(col_x, s.y, s.right - col_x - pad * 0.4, s.h)
    button = None
    if cta:  # at the right end, the last thing the eye reaches
        w, h, style = _cta(kit, s.h * 0.62, region.w * 0.4, floor)
        button = _cta_spec(kit, region.right - w, s.cy - h / 2, w, h, style)
        region = Box(region.x, region.y, region.w - w - pad, region.h)
    rows = [Row("unit", 0.36, 1, "heading"), Row("headline", 0.6, 1, "display")]
    gap = max(s.h * 0.04, 1 * k)
    try:
        texts, plate, pad2, unit, _ = _column(kit, region, "left", rows, gap, k, floor)
    except FitError:
        if button is None:
            raise
        # A mobile ad cannot hold the unit, the slogan and the button readably: it carries
        # the slogan and the button (less text, never smaller text).
        alone = [Row("headline", 1.0, 2, "display")]
        texts, plate, pad2, unit, _ = _column(kit, region, "left", alone, gap, k, floor)
    rays = (edge, H / 2, max(H * 0.16, 6 * k))
    return BannerLayout(
        size, k, "strip", panel, (stripe, 0), rays, logo, which, texts, plate, pad2, "left", unit, button
    )
