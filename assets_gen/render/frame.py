"""Profile-frame overlays: transparent PNGs that members put over their photo.

Facebook and Zalo crop profile pictures to the inscribed circle, so every logo and
letter lies inside it and the middle stays fully transparent. A frame is two layers:
`decor` (rings, gradients, the corners a platform crops away) and `content` (logo and
text); tests check the content layer never leaves the circle.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from assets_gen.brand.model import FrameStyle, Kit
from assets_gen.layout import drawn, shapes
from assets_gen.layout.geometry import Box, chord_half_width
from assets_gen.layout.sizes import get_size
from assets_gen.layout.svg import render_svg_fit
from assets_gen.layout.text import (
    ArcText,
    LineText,
    PlacedText,
    TextStyle,
    draw_on_arc,
    draw_text,
    fit_arc_text,
    fit_text,
)

SIZE = 1080
C = SIZE / 2
R = SIZE / 2  # the circle platforms crop to
MIN_TEXT = get_size("avatar").min_text  # px: the least size a phone shows readably


@dataclass(frozen=True)
class FrameLayers:
    decor: Image.Image
    content: Image.Image

    def flatten(self) -> Image.Image:
        out = self.decor.copy()
        out.alpha_composite(self.content)
        return out


def render_frame(kit: Kit, style: FrameStyle, unit_label: str | None = None) -> Image.Image:
    """The frame overlay, 1080x1080 RGBA (a cached copy: do not modify it)."""
    return _cached_frame(kit, style, unit_label).flatten()


@drawn.replay_cache(maxsize=32)
def _cached_frame(kit: Kit, style: FrameStyle, unit_label: str | None) -> FrameLayers:
    return frame_layers(kit, style, unit_label)


def frame_overlay(kit: Kit, style: FrameStyle, unit_label: str | None = None) -> Image.Image:
    """The flattened overlay, cached per kit, style and unit: composited on every avatar."""
    return _cached_overlay(kit, style, unit_label)


@drawn.replay_cache(maxsize=32)
def _cached_overlay(kit: Kit, style: FrameStyle, unit_label: str | None) -> Image.Image:
    return frame_layers(kit, style, unit_label).flatten()


def frame_layers(kit: Kit, style: FrameStyle, unit_label: str | None = None) -> FrameLayers:
    base = frame_base(kit, style, unit_label is not None)
    content = base.content.copy()
    for text in label_text(kit, style, unit_label):
        text.draw(content)
    return FrameLayers(base.decor, content)


@drawn.replay_cache(maxsize=16)
def frame_base(kit: Kit, style: FrameStyle, for_unit: bool) -> FrameLayers:
    """Everything of a frame but the texts `label_text` names: the same for every unit
    (the member page draws a unit's name on it in the browser, from `label_text`)."""
    if style.kind == "ring":
        base = _ring_base(kit)
        return FrameLayers(base.decor, base.content)
    base = _ribbon_base(kit)
    content = base.content.copy()
    fixed, _ = _ribbon_rows(kit, "-" if for_unit else None)
    for text in fixed:
        text.draw(content)
    return FrameLayers(base.decor, content)


def label_text(kit: Kit, style: FrameStyle, unit_label: str | None) -> list[PlacedText]:
    """The texts that name the unit (or, without one, the organisation), set and placed."""
    if style.kind == "ring":
        return _ring_label(kit, unit_label)
    return _ribbon_rows(kit, unit_label)[1]


def _blank() -> Image.Image:
    return Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))


def _shadow(layer: Image.Image, offset: tuple[int, int], blur: float, opacity: float) -> Image.Image:
    """A soft shadow, clipped to the circle: nothing of a frame's content lies outside it."""
    shadow = shapes.drop_shadow(layer, offset, blur, opacity)
    alpha = shapes.multiply_masks(shadow.getchannel("A"), _circle_mask())
    shadow.putalpha(alpha)
    return shadow


@lru_cache(maxsize=1)
def _circle_mask() -> Image.Image:
    return shapes.disc_mask(SIZE, SIZE, C, C, R - 1)


def _logo_badge(kit: Kit, content: Image.Image, cx: float, cy: float, radius: float) -> None:
    """A white disc with the logo mark, with a soft shadow, centred at (cx, cy)."""
    disc = shapes.fill_layer((SIZE, SIZE), kit.colors.light, shapes.disc_mask(SIZE, SIZE, cx, cy, radius))
    content.alpha_composite(_shadow(disc, (0, 6), 10, 0.35))
    content.alpha_composite(disc)
    rim = shapes.fill_layer(
        (SIZE, SIZE),
        kit.colors.accent,
        shapes.ring_mask(SIZE, SIZE, cx, cy, radius - 7, radius - 2),
    )
    content.alpha_composite(rim)
    mark = render_svg_fit(kit.logo.mark, height=round(radius * 1.56))
    content.alpha_composite(mark, (round(cx - mark.width / 2), round(cy - mark.height / 2)))


def _ring_label(kit: Kit, unit_label: str | None) -> list[PlacedText]:
    """The unit (or organisation) along the bottom of the red ring."""
    bottom = (unit_label or kit.campaign.organisation).upper()
    size = fit_arc_text(
        bottom,
        kit.fonts.heading,
        RING_SPAN * RING_MID,
        RING_THICKNESS,
        _ring_base(kit).top_size,
        MIN_TEXT,
        "unit name" if unit_label else "campaign.organisation",
    )
    white = kit.colors.on_primary.rgba()
    role = "unit" if unit_label else "organisation"
    return [ArcText(bottom, kit.fonts.heading, size, white, (C, C), RING_MID, "bottom", role)]


RING_OUT, RING_BAND = R - 1, 124
RING_IN = RING_OUT - RING_BAND
RING_MID = (RING_IN + 8 + RING_OUT - 16) / 2  # text runs between the two gold rules
RING_THICKNESS = (RING_OUT - 16) - (RING_IN + 8) - 26
RING_SPAN = math.radians(150)  # each arc text may take up to 150 degrees


@dataclass(frozen=True)
class _Base:
    decor: Image.Image
    content: Image.Image
    top_size: int


@drawn.replay_cache(maxsize=8)
def _ring_base(kit: Kit) -> _Base:
    """Everything of the ring style but the unit's name: drawn once per kit."""
    colors, fonts = kit.colors, kit.fonts
    decor, content = _blank(), _blank()
    gradient = shapes.linear_gradient(SIZE, SIZE, colors.primary, colors.primary_dark, 90)
    ring = shapes.ring_mask(SIZE, SIZE, C, C, RING_IN, SIZE)
    decor.alpha_composite(shapes.fill_layer((SIZE, SIZE), gradient, ring))
    # Gold rules inside the band: a strong one at the photo's edge, a fine one outside.
    for a, b in ((RING_IN - 2, RING_IN + 8), (RING_OUT - 16, RING_OUT - 12)):
        decor.alpha_composite(
            shapes.fill_layer((SIZE, SIZE), colors.accent, shapes.ring_mask(SIZE, SIZE, C, C, a, b))
        )
    top = kit.campaign.slogan.upper()
    size_top = fit_arc_text(
        top, fonts.heading, RING_SPAN * RING_MID, RING_THICKNESS, 46, MIN_TEXT, "campaign.slogan"
    )
    white = colors.on_primary.rgba()
    draw_on_arc(content, top, fonts.heading, size_top, white, (C, C), RING_MID, "top", "slogan")
    # A gold spark at nine o'clock, the logo badge at three.
    spark = shapes.sparkle(54, colors.accent)
    content.alpha_composite(spark, (round(C - RING_MID - 27), round(C - 27)))
    _logo_badge(kit, content, C + R - 88, C, 74)  # wholly inside the circle
    # The tagline on a small gold plate resting on the ring at the bottom of the photo, in
    # two short lines, so it covers the edge of the picture, not its middle.
    _tagline_plate(kit, content, bottom=C + RING_IN - 20)
    return _Base(decor, content, size_top)


def _tagline_plate(kit: Kit, content: Image.Image, bottom: float) -> None:
    """The tagline on a gold plate whose bottom corners sit just inside the photo's circle."""
    colors, fonts = kit.colors, kit.fonts
    pad_x, pad_y = 26, 12
    style = TextStyle(
        fonts.heading, max_size=30, min_size=MIN_TEXT, max_lines=2, line_height=1.15, align="center"
    )
    block = fit_text(kit.campaign.tagline, Box(0, 0, 300, 90), style, "campaign.tagline")
    width, height = block.width + 2 * pad_x, block.height + 2 * pad_y
    # Lift the plate until its bottom corners clear the inner rule of the ring.
    corner = C + math.sqrt(max(RING_IN - 14, 0) ** 2 - (width / 2) ** 2)
    box = Box(C - width / 2, min(bottom, corner) - height, width, height)
    plate = shapes.fill_layer(
        (SIZE, SIZE),
        colors.accent,
        shapes.rounded_rect_mask((SIZE, SIZE), box.rounded(), 22),
    )
    content.alpha_composite(_shadow(plate, (0, 5), 8, 0.3))
    content.alpha_composite(plate)
    draw_text(content, box, block, colors.on_accent.rgba())


def _ribbon_rows(kit: Kit, unit_label: str | None) -> tuple[list[PlacedText], list[PlacedText]]:
    """The banner's slogan and tagline rows, and the unit's row under them: a curved red
    banner across the bottom of the circle, crowned with the logo badge."""
    fonts = kit.fonts
    white = kit.colors.on_primary.rgba()
    inner_r = R - 35
    shift = 0 if unit_label else 30  # without a unit line, the two rows sit lower
    rows = [
        (kit.campaign.slogan, fonts.display, 46, 1, 768 + shift, 62, "campaign.slogan"),
        (kit.campaign.tagline, fonts.medium, 34, 1, 842 + shift, 46, "campaign.tagline"),
    ]
    if unit_label:
        rows.append((unit_label.upper(), fonts.heading, 30, 1, 904, 40, "unit name"))
    placed: list[list[PlacedText]] = []
    for text, font, size, lines, y, h, what in rows:
        half = chord_half_width(inner_r, y + h - C) - 24
        box = Box(C - half, y, 2 * half, h)
        style = TextStyle(font, max_size=size, min_size=MIN_TEXT, max_lines=lines, line_height=1.12)
        block = fit_text(text, box, style, what)
        ink = block.place(box)
        placed.append(
            [
                # The first line carries the block's role and lines for the record of drawn text.
                LineText(
                    line,
                    font,
                    block.size,
                    white,
                    ink.x + ox,
                    ink.y + oy,
                    *((drawn.role_of(what), block.lines) if i == 0 else ()),
                )
                for i, (line, (ox, oy)) in enumerate(zip(block.lines, block.origins, strict=True))
            ]
        )
    fixed = [t for row in placed[:2] for t in row]
    return fixed, [t for row in placed[2:] for t in row]


RIM = 9  # px: the gold rim around the ribbon frame's window
RIBBON_TOP = 690  # the banner's top edge at the middle...
RIBBON_EDGE = 760  # ...and where it meets the circle's sides


@drawn.replay_cache(maxsize=8)
def _ribbon_base(kit: Kit) -> _Base:
    colors = kit.colors
    decor, content = _blank(), _blank()
    r_out = R - 1
    gradient = shapes.linear_gradient(SIZE, SIZE, colors.primary, colors.primary_dark, 90)
    decor.alpha_composite(
        shapes.fill_layer((SIZE, SIZE), gradient, shapes.ring_mask(SIZE, SIZE, C, C, r_out - 22, SIZE))
    )
    # The window's gold rim: one weight all round, along the circle and the banner's edge.
    decor.alpha_composite(
        shapes.fill_layer(
            (SIZE, SIZE),
            colors.accent,
            shapes.ring_mask(SIZE, SIZE, C, C, r_out - 22 - RIM, r_out - 21),
        )
    )
    # The banner: the part of the circle below an arc that rises towards the middle.
    bend_cy, bend_r = _arc_through(RIBBON_TOP, RIBBON_EDGE)
    inside = shapes.disc_mask(SIZE, SIZE, C, C, r_out - 22)
    banner_mask = shapes.multiply_masks(inside, shapes.disc_mask(SIZE, SIZE, C, bend_cy, bend_r))
    stripe_mask = shapes.multiply_masks(
        inside, shapes.ring_mask(SIZE, SIZE, C, bend_cy, bend_r - 1, bend_r + RIM)
    )
    banner = shapes.fill_layer((SIZE, SIZE), gradient, banner_mask)
    content.alpha_composite(_shadow(banner, (0, -4), 12, 0.35))
    content.alpha_composite(shapes.fill_layer((SIZE, SIZE), colors.accent, stripe_mask))
    content.alpha_composite(banner)
    _logo_badge(kit, content, C, RIBBON_TOP - 8, 72)
    return _Base(decor, content, 0)


def _arc_through(top_mid: float, edge_y: float) -> tuple[float, float]:
    """Centre y and radius of the circle through (C, top_mid) and (0 and SIZE, edge_y)."""
    # (C - 0)^2 + (edge_y - cy)^2 = (cy - top_mid)^2
    cy = (C * C + edge_y * edge_y - top_mid * top_mid) / (2 * (edge_y - top_mid))
    return cy, cy - top_mid
