"""Text blocks as vector outlines, for print: sharp at any size, no font to embed.

The engine (layout/text.py) fits and wraps text with Pillow's raqm layout, which shapes
with HarfBuzz. Outlines are shaped by HarfBuzz too, so kerning and the placement of
Vietnamese marks are the ones the engine measured; the glyph shapes come straight from
the font file (fontTools), each read once per font version. A PDF made from them
carries paths: never a font, never a bitmap of text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from assets_gen.layout.geometry import Box
from assets_gen.layout.text import TextBlock
from assets_gen.resources import file_version

Segment = tuple  # ("M", x, y) | ("L", x, y) | ("C", x1, y1, x2, y2, x, y) | ("Z",)


@dataclass(frozen=True)
class Glyph:
    """One glyph placed on the page: its outline in font units, drawn at (x, y) on the
    baseline, `scale` page units per font unit (y of the outline points up)."""

    outline: tuple[Segment, ...]
    x: float
    y: float
    scale: float


@lru_cache(maxsize=16)
def _fonts(path: str, _mtime_ns: int, _bytes: int):
    import uharfbuzz as hb
    from fontTools.ttLib import TTFont

    tt = TTFont(path, lazy=False)
    return hb.Font(hb.Face(hb.Blob.from_file_path(path))), tt, tt["head"].unitsPerEm


@lru_cache(maxsize=4096)
def _outline(path: str, version: tuple[int, int], name: str) -> tuple[Segment, ...]:
    from fontTools.pens.basePen import BasePen

    class Recorder(BasePen):  # quadratic TrueType curves come out as cubics
        def __init__(self, glyphs) -> None:
            super().__init__(glyphs)
            self.segments: list[Segment] = []

        def _moveTo(self, pt) -> None:
            self.segments.append(("M", *pt))

        def _lineTo(self, pt) -> None:
            self.segments.append(("L", *pt))

        def _curveToOne(self, p1, p2, p3) -> None:
            self.segments.append(("C", *p1, *p2, *p3))

        def _closePath(self) -> None:
            self.segments.append(("Z",))

    _, tt, _ = _fonts(path, *version)
    glyphs = tt.getGlyphSet()
    pen = Recorder(glyphs)
    glyphs[name].draw(pen)
    return tuple(pen.segments)


def shape_line(text: str, font: Path, size: float, x: float, y: float) -> tuple[list[Glyph], float]:
    """One line shaped at `size` with its baseline's left end at (x, y): its glyphs and
    its advance width. `text` must be NFC and covered by the font (the engine checks)."""
    import uharfbuzz as hb

    path, version = str(font), file_version(Path(font))
    hb_font, tt, upem = _fonts(path, *version)
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb_font, buf, {"kern": True, "liga": True})
    order = tt.getGlyphOrder()
    scale = size / upem
    placed, cursor = [], 0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        outline = _outline(path, version, order[info.codepoint])
        if outline:
            gx, gy = x + (cursor + pos.x_offset) * scale, y - pos.y_offset * scale
            placed.append(Glyph(outline, gx, gy, scale))
        cursor += pos.x_advance
    return placed, cursor * scale


def block_glyphs(block: TextBlock, ink: Box) -> list[Glyph]:
    """Every glyph of `block`, placed where the engine draws it in `ink` (the box
    `TextBlock.place` returned)."""
    glyphs: list[Glyph] = []
    for line, (ox, oy) in zip(block.lines, block.origins, strict=True):
        glyphs.extend(shape_line(line, block.style.font, block.size, ink.x + ox, ink.y + oy)[0])
    return glyphs


def draw_glyphs(context, glyphs: list[Glyph]) -> None:
    """Add the glyphs' outlines to a cairo context's path (fill it with the text colour)."""
    for g in glyphs:
        context.save()
        context.translate(g.x, g.y)
        context.scale(g.scale, -g.scale)
        for seg in g.outline:
            op = seg[0]
            if op == "C":
                context.curve_to(*seg[1:])
            elif op == "L":
                context.line_to(*seg[1:])
            elif op == "M":
                context.move_to(*seg[1:])
            else:
                context.close_path()
        context.restore()
