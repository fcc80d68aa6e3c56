"""A printed page being laid out: SVG shapes, outlined text, vector QR codes, logos and
photos, in design units with the trim's top-left corner at (0, 0).

Text goes through the shared engine (fit, wrap, Vietnamese rules) and is drawn as glyph
outlines; every text's ink box is recorded so tests can hold it to the safe margin.
Photos and text are kept apart from the SVG: pdf.py places photos as JPEG and draws
the glyph outlines straight into cairo.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from assets_gen.layout.color import Color
from assets_gen.layout.geometry import Box
from assets_gen.layout.outline import Glyph, block_glyphs
from assets_gen.layout.svg import kit_svg, svg_aspect
from assets_gen.layout.text import TextBlock, TextStyle, fit_text
from assets_gen.render.print.products import MARK_GAP_MM, MARK_LENGTH_MM, MARK_WIDTH_PT, MM_PER_PT, Product

QR_QUIET_ZONE = 4  # modules


@dataclass(frozen=True)
class Photo:
    """A photo placed on the page, cropped to fill `box` (a circle when `circle`)."""

    path: Path
    box: Box
    circle: bool = True


@dataclass(frozen=True)
class Text:
    """Outlined text: glyphs drawn straight into cairo (no SVG path to parse), one colour."""

    glyphs: tuple[Glyph, ...]
    fill: Color


@dataclass
class Page:
    product: Product
    parts: list[str | Photo | Text] = field(default_factory=list)
    texts: list[tuple[str, Box]] = field(default_factory=list)
    """(what, ink box) of every text drawn."""
    qr_boxes: list[Box] = field(default_factory=list)
    defs: list[str] = field(default_factory=list)

    # -- shapes --------------------------------------------------------------------

    def add(self, element: str) -> None:
        self.parts.append(element)

    def rect(
        self, box: Box, fill: Color | str, radius: float = 0, opacity: float = 1, stroke: str = ""
    ) -> None:
        paint = fill.hex if isinstance(fill, Color) else fill
        extra = f' fill-opacity="{opacity:g}"' if opacity != 1 else ""
        self.add(
            f'<rect x="{box.x:.2f}" y="{box.y:.2f}" width="{box.w:.2f}" height="{box.h:.2f}" '
            f'rx="{radius:.2f}" fill="{paint}"{extra}{stroke}/>'
        )

    def circle(self, cx: float, cy: float, r: float, fill: str = "none", stroke: str = "") -> None:
        self.add(f'<circle cx="{cx:.2f}" cy="{cy:.2f}" r="{r:.2f}" fill="{fill}"{stroke}/>')

    def gradient(self, name: str, start: Color, end: Color, angle_box: Box) -> str:
        """A linear gradient from the top-left to the bottom-right of `angle_box`; its url."""
        b = angle_box
        self.defs.append(
            f'<linearGradient id="{name}" gradientUnits="userSpaceOnUse" x1="{b.x:.1f}" '
            f'y1="{b.y:.1f}" x2="{b.right:.1f}" y2="{b.bottom:.1f}">'
            f'<stop offset="0" stop-color="{start.hex}"/><stop offset="1" stop-color="{end.hex}"/>'
            "</linearGradient>"
        )
        return f"url(#{name})"

    # -- text ----------------------------------------------------------------------

    def text(self, block: TextBlock, box: Box, fill: Color, what: str) -> Box:
        """Draw a set block aligned in `box` as outlines; return its ink box."""
        ink = block.place(box)
        self.parts.append(Text(tuple(block_glyphs(block, ink)), fill))
        self.texts.append((what, ink))
        return ink

    def fit(self, text: str, box: Box, style: TextStyle, fill: Color, what: str) -> Box:
        """Fit `text` into `box` with the engine and draw it; return its ink box."""
        return self.text(fit_text(text, box, style, what), box, fill, what)

    # -- marks, codes, pictures ------------------------------------------------------

    def logo(self, path: Path, box: Box, align: str = "center", recolor: dict[str, str] | None = None) -> Box:
        """An SVG logo as vector art, as large as fits `box` ("left": at its left edge);
        `recolor` swaps stroke colours (the mark's red rays turn gold on the red ground)."""
        placed = box.fit_aspect(svg_aspect(path))
        if align == "left":
            placed = Box(box.x, placed.y, placed.w, placed.h)
        svg = _origin_at_zero(kit_svg(path))  # checked and cleaned: nothing active or external
        for old, new in (recolor or {}).items():
            svg = svg.replace(f'stroke="{old}"'.encode(), f'stroke="{new}"'.encode())
        data = base64.b64encode(svg).decode()
        self.add(
            f'<image x="{placed.x:.2f}" y="{placed.y:.2f}" width="{placed.w:.2f}" '
            f'height="{placed.h:.2f}" href="data:image/svg+xml;base64,{data}"/>'
        )
        return placed

    def qr(self, data: str, box: Box, dark: Color, light: Color, logo: Path | None = None) -> Box:
        """A QR code as vector modules (quiet zone included) filling the square `box`."""
        matrix = _qr_matrix(data)
        n = len(matrix)
        side = min(box.w, box.h)
        x0, y0, m = box.cx - side / 2, box.cy - side / 2, side / n
        placed = Box(x0, y0, side, side)
        self.rect(placed, light)
        runs = []
        for y, row in enumerate(matrix):
            x = 0
            while x < n:
                if row[x]:
                    start = x
                    while x < n and row[x]:
                        x += 1
                    runs.append(f"M{start} {y}h{x - start}v1h{start - x}z")
                else:
                    x += 1
        self.add(
            f'<path transform="translate({x0:.3f} {y0:.3f}) scale({m:.5f})" d="{"".join(runs)}" '
            f'fill="{dark.hex}" shape-rendering="crispEdges"/>'
        )
        if logo is not None:
            inner = n - 2 * QR_QUIET_ZONE
            plate = max(int(inner * 0.24) | 1, 5) * m
            self.rect(Box(placed.cx - plate / 2, placed.cy - plate / 2, plate, plate), light, radius=m)
            self.logo(
                logo, Box(placed.cx - plate * 0.43, placed.cy - plate * 0.43, plate * 0.86, plate * 0.86)
            )
        self.qr_boxes.append(placed)
        return placed

    def photo(self, path: Path, box: Box, circle: bool = True) -> None:
        self.parts.append(Photo(Path(path), box, circle))

    # -- the sheet -----------------------------------------------------------------

    def crop_marks(self) -> None:
        """Trim marks at each corner, in the slug: they start MARK_GAP_MM (of the file)
        outside the bleed, so none of them reaches into the printed area."""
        p = self.product
        t, b = p.trim, p.bleed
        gap = p.units(MARK_GAP_MM * p.scale)
        length = p.units(MARK_LENGTH_MM * p.scale)
        width = p.units(MARK_WIDTH_PT * MM_PER_PT * p.scale)
        lines = []
        for x, sx in ((t.x, -1), (t.right, 1)):
            for y, sy in ((t.y, -1), (t.bottom, 1)):
                # a vertical mark on the trim's x, beyond the bleed's edge in y
                y_out = b.y if sy < 0 else b.bottom
                lines.append((x, y_out + sy * gap, x, y_out + sy * (gap + length)))
                x_out = b.x if sx < 0 else b.right
                lines.append((x_out + sx * gap, y, x_out + sx * (gap + length), y))
        d = "".join(f"M{x1:.2f} {y1:.2f}L{x2:.2f} {y2:.2f}" for x1, y1, x2, y2 in lines)
        self.add(f'<path d="{d}" stroke="#000000" stroke-width="{width:.3f}" fill="none"/>')

    def svg(self, parts: list[str]) -> bytes:
        """An SVG document of `parts` covering the whole sheet (trim, bleed and slug)."""
        p = self.product
        media = p.media
        w_mm, h_mm = p.file_mm(media.w), p.file_mm(media.h)
        head = (
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="{w_mm:.4f}mm" height="{h_mm:.4f}mm" '
            f'viewBox="{media.x:.4f} {media.y:.4f} {media.w:.4f} {media.h:.4f}">'
        )
        defs = f"<defs>{''.join(self.defs)}</defs>" if self.defs else ""
        return (head + defs + "".join(parts) + "</svg>").encode("utf-8")


def _origin_at_zero(svg: bytes) -> bytes:
    """The SVG with its viewBox starting at 0 0: CairoSVG ignores a nested image's viewBox
    origin, which would shift a logo and cut off what lies left of or above 0 (the mark's
    top ray)."""
    text = svg.decode("utf-8")
    found = re.search(r'viewBox="\s*([-\d.]+)[\s,]+([-\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"', text)
    if found is None:
        return svg
    x, y, w, h = found.groups()
    if float(x) == 0 and float(y) == 0:
        return svg
    text = text[: found.start()] + f'viewBox="0 0 {w} {h}"' + text[found.end() :]
    head_end = text.index(">", text.index("<svg")) + 1
    tail = text.rindex("</svg>")
    return (
        text[:head_end]
        + f'<g transform="translate({-float(x):g} {-float(y):g})">'
        + text[head_end:tail]
        + "</g></svg>"
    ).encode("utf-8")


@lru_cache(maxsize=64)
def _qr_matrix(data: str) -> tuple[tuple[bool, ...], ...]:
    import qrcode
    from qrcode.constants import ERROR_CORRECT_H

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_H, border=QR_QUIET_ZONE, box_size=1)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(row) for row in code.get_matrix())


def attr(text: str) -> str:
    """Text made safe for an XML attribute or element."""
    return escape(text, {'"': "&quot;"})


Shape = Literal["circle", "rect"]
