"""Text blocks as vector outlines, for print: sharp at any size, no font to embed.

The engine (layout/text.py) fits and wraps text with Pillow's raqm layout, which shapes
with HarfBuzz. Outlines are shaped by HarfBuzz too, so kerning and the placement of
Vietnamese marks are the ones the engine measured; the glyph shapes come straight from
the font file (fontTools). A PDF made from them carries paths: never a font, never a
bitmap of text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import uharfbuzz as hb
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from assets_gen.layout.geometry import Box
from assets_gen.layout.text import TextBlock


@cache
def _fonts(path: Path) -> tuple[hb.Font, TTFont, int]:
    face = hb.Face(hb.Blob.from_file_path(str(path)))
    tt = TTFont(path, lazy=False)
    return hb.Font(face), tt, tt["head"].unitsPerEm


def _number(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def line_path(text: str, font: Path, size: float, x: float, y: float) -> tuple[str, float]:
    """One shaped line as SVG path data with its baseline's left end at (x, y), and its
    advance width. `text` must already be NFC and covered by the font (the engine checks)."""
    hb_font, tt, upem = _fonts(Path(font))
    buf = hb.Buffer()
    buf.add_str(text)
    buf.guess_segment_properties()
    hb.shape(hb_font, buf, {"kern": True, "liga": True})
    glyphs = tt.getGlyphSet()
    order = tt.getGlyphOrder()
    scale = size / upem
    pen = SVGPathPen(glyphs, ntos=_number)
    cursor = 0
    for info, pos in zip(buf.glyph_infos, buf.glyph_positions, strict=True):
        gx = x + (cursor + pos.x_offset) * scale
        gy = y - pos.y_offset * scale
        glyphs[order[info.codepoint]].draw(TransformPen(pen, (scale, 0, 0, -scale, gx, gy)))
        cursor += pos.x_advance
    return pen.getCommands(), cursor * scale


def block_path(block: TextBlock, ink: Box) -> str:
    """Every line of `block` as one path, placed where the engine draws it in `ink` (the
    box `TextBlock.place` returned)."""
    parts = []
    for line, (ox, oy) in zip(block.lines, block.origins, strict=True):
        d, _ = line_path(line, block.style.font, block.size, ink.x + ox, ink.y + oy)
        parts.append(d)
    return " ".join(p for p in parts if p)
