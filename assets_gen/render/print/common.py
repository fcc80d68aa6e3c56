"""What every printed product shares: the kit's red ground, text styles, Vietnamese dates."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assets_gen.brand.model import Kit
from assets_gen.layout.color import Color
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import Align, TextStyle, VAlign
from assets_gen.render.print.page import Page
from assets_gen.render.print.products import Product


def style(
    font: Path,
    max_size: float,
    min_size: float,
    lines: int = 1,
    align: Align = "center",
    line_height: float = 1.18,
    valign: VAlign = "middle",
) -> TextStyle:
    """A text style in design units (sizes rounded to whole units)."""
    return TextStyle(
        font, max(1, round(max_size)), max(1, round(min_size)), lines, line_height, align, valign, True
    )


def keep_together(name: str) -> str:
    """A person's name bound into one unbreakable line: names are never broken."""
    return " ".join(name.split()).replace(" ", "\u00a0")


def long_date(place: str, day: dt.date) -> str:
    """ "Hà Nội, ngày 27 tháng 11 năm 2026", as Vietnamese documents write it: days below
    10 and the months January and February take a leading zero (Decree 30/2020)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def new_page(product: Product) -> Page:
    return Page(product)


def brand_ground(page: Page, kit: Kit, ripples: tuple[float, float] = (0.98, 0.96)) -> None:
    """The campaign's red gradient over the whole bleed, with faint concentric ripples
    running off a corner (as on the screen assets). No soft glow: a gradient fading to
    transparent becomes a coarse bitmap when Ghostscript converts the file to CMYK."""
    p, c = page.product, kit.colors
    bleed = p.bleed
    bands(page, bleed, c.primary, c.primary_dark)
    unit = min(p.trim.w, p.trim.h)
    page.defs.append(
        f'<clipPath id="bleed"><rect x="{bleed.x:.2f}" y="{bleed.y:.2f}" width="{bleed.w:.2f}" '
        f'height="{bleed.h:.2f}"/></clipPath>'
    )
    cx, cy = p.trim.w * ripples[0], p.trim.h * ripples[1]
    rings = "".join(
        f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{unit * k:.1f}" fill="none" stroke="{c.on_primary.hex}" '
        f'stroke-opacity="{a:g}" stroke-width="{unit * 0.006:.2f}"/>'
        for k, a in ((0.28, 0.13), (0.44, 0.1), (0.6, 0.07))
    )
    page.add(f'<g clip-path="url(#bleed)">{rings}</g>')


def mark_on_red(kit: Kit) -> dict[str, str]:
    """The mark's strokes in the primary colour vanish on the red ground: draw them gold."""
    return {
        kit.colors.primary.hex: kit.colors.accent.hex,
        kit.colors.primary.hex.lower(): kit.colors.accent.hex,
    }


def bands(page: Page, box: Box, top: Color, bottom: Color, steps: int = 160) -> None:
    """A vertical gradient as `steps` solid bands: plain vector fills that every RIP and
    Ghostscript's CMYK conversion keep sharp (a PDF shading can come back as a bitmap)."""
    h = box.h / steps
    # Each band overlaps the next a little (no hairline gaps), never past the box.
    rects = "".join(
        f'<rect x="{box.x:.2f}" y="{box.y + i * h:.2f}" width="{box.w:.2f}" '
        f'height="{min(h * 1.02 + 0.5, box.bottom - box.y - i * h):.2f}" '
        f'fill="{top.mix(bottom, i / (steps - 1)).hex}"/>'
        for i in range(steps)
    )
    page.add(f"<g>{rects}</g>")


def pill(page: Page, kit: Kit, text: str, box: Box, st: TextStyle, what: str, pad: float) -> Box:
    """Text on a gold rounded label sized to it, aligned in `box` like the text; the label's box."""
    from assets_gen.layout.text import fit_text

    c = kit.colors
    block = fit_text(text, Box(0, 0, box.w - 2 * pad, box.h - pad), st, what)
    w, h = block.width + 2 * pad, block.height + pad
    if st.align == "left":
        x = box.x
    elif st.align == "right":
        x = box.right - w
    else:
        x = box.cx - w / 2
    label = Box(x, box.cy - h / 2, w, h)
    page.rect(label, c.accent, radius=h / 2)
    page.text(block, label.inset(pad, pad / 2), c.on_accent, what)
    return label
