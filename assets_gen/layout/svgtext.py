"""Text as SVG outlines, for SVGs that must look the same in every browser.

An SVG embedded in someone else's page cannot load our font, and a browser that lacks
Be Vietnam Pro would draw the Vietnamese marks in whatever font it has. Glyph outlines
taken from the kit's font (with fontTools) need no font at all.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

from assets_gen.layout.text import font_face
from assets_gen.resources import file_version


@dataclass(frozen=True)
class PathText:
    """One line of text as path data, placed with its baseline's left end at (x, y)."""

    d: str
    width: float
    """Advance width in px."""


@cache
def _font(path: Path, _mtime_ns: int, _bytes: int) -> TTFont:
    return TTFont(path, lazy=False)


def text_path(text: str, font: Path, size: float, x: float = 0, y: float = 0, what: str = "text") -> PathText:
    """Outline `text` (one line, NFC) at `size` px; GlyphError for characters the font lacks."""
    text = font_face(font).require(text, what)
    tt = _font(font, *file_version(font))
    glyphs = tt.getGlyphSet()
    cmap = tt.getBestCmap()
    scale = size / tt["head"].unitsPerEm
    pen = SVGPathPen(glyphs, ntos=lambda v: f"{v:.1f}".rstrip("0").rstrip("."))
    cursor = 0.0
    for ch in text:
        name = cmap.get(ord(ch)) or cmap[ord(" ")]
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x + cursor * scale, y)))
        cursor += glyphs[name].width
    return PathText(pen.getCommands(), cursor * scale)


def fit_path_size(text: str, font: Path, max_size: float, min_size: float, width: float) -> float:
    """The largest size (in whole px, from `max_size` down to `min_size`) at which `text` is
    at most `width` wide. Advance width grows in proportion to the size."""
    per_px = text_path(text, font, 1).width
    size = min(max_size, math.floor(width / per_px)) if per_px else max_size
    if size > min_size and text_path(text, font, size).width > width:  # rounding at the edge
        size -= 1
    return max(min_size, size)
