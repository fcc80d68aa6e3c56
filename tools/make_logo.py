"""Draw the default kit's logo: a light bulb with the "1 TRIỆU SÁNG KIẾN" wordmark.

Why a script: the wordmark is converted to outlines (SVG paths) from the bundled font,
because CairoSVG cannot draw Vietnamese text reliably. Re-run it after changing the
colours or the words: python tools/make_logo.py brand
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools.pens.boundsPen import BoundsPen
from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
FONT = ROOT / "fonts" / "BeVietnamPro-ExtraBold.ttf"

RED, RED_DARK, BLUE, GOLD, GOLD_LIGHT, WHITE = (
    "#C8102E",
    "#8E0B20",
    "#0B3C8C",
    "#FFC62B",
    "#FFE38A",
    "#FFFFFF",
)


def text_path(text: str, x: float, baseline: float, cap_height: float, tracking: float = 0.02):
    """SVG path data of `text` with its cap height `cap_height`, and its advance width."""
    font = TTFont(FONT)
    glyphs = font.getGlyphSet()
    cmap = font.getBestCmap()
    cap = font["OS/2"].sCapHeight
    scale = cap_height / cap
    pen = SVGPathPen(glyphs)
    bounds = BoundsPen(glyphs)
    cursor = 0.0
    for ch in text:
        name = cmap[ord(ch)]
        for target in (pen, bounds):
            tpen = TransformPen(target, (scale, 0, 0, -scale, x + cursor * scale, baseline))
            glyphs[name].draw(tpen)
        cursor += glyphs[name].width + tracking * font["head"].unitsPerEm
    width = (cursor - tracking * font["head"].unitsPerEm) * scale
    return pen.getCommands(), width, bounds.bounds


def bulb(x: float, y: float, s: float, glass: str, base: str, rays: str, digit: str) -> str:
    """The bulb mark in a 200x240 box at (x, y), scaled by s."""
    digit_path, digit_w, _ = text_path("1", 0, 0, 64)
    return f"""
  <g transform="translate({x} {y}) scale({s})">
    <g stroke="{rays}" stroke-width="11" stroke-linecap="round" fill="none">
      <line x1="100" y1="14" x2="100" y2="0"/>
      <line x1="40" y1="38" x2="30" y2="28"/>
      <line x1="160" y1="38" x2="170" y2="28"/>
      <line x1="16" y1="98" x2="2" y2="98"/>
      <line x1="184" y1="98" x2="198" y2="98"/>
    </g>
    <path d="M72 176 C72 150 36 136 36 100 A64 64 0 1 1 164 100 C164 136 128 150 128 176 Z"
          fill="{glass}"/>
    <path d="M60 96 A40 40 0 0 1 96 58" stroke="{WHITE}" stroke-opacity="0.55"
          stroke-width="9" stroke-linecap="round" fill="none"/>
    <g transform="translate({100 - digit_w / 2:.2f} {100 + 32})">
      <path d="{digit_path}" fill="{digit}"/>
    </g>
    <rect x="70" y="182" width="60" height="14" rx="7" fill="{base}"/>
    <rect x="70" y="200" width="60" height="14" rx="7" fill="{base}"/>
    <path d="M80 218 H120 A4 4 0 0 1 124 222 A24 18 0 0 1 76 222 A4 4 0 0 1 80 218 Z"
          fill="{base}"/>
  </g>"""


def lockup(line1: str, line2: str, c1: str, c2: str, glass: str, base: str, rays: str) -> str:
    """Mark on the left, two lines of wordmark on the right, placed by their ink."""
    p1, w1, (_, top1, _, bottom1) = text_path(line1, 0, 0, 58)
    p2, w2, (_, top2, _, bottom2) = text_path(line2, 0, 0, 46)
    gap = 12
    # Ink boxes in SVG coordinates (y down): line 1 from top1 to bottom1 around baseline 0.
    block_top = top1
    baseline2 = bottom1 + gap - top2
    block_h = baseline2 + bottom2 - block_top
    pad = 8
    scale = (block_h + 20) / 240
    mark_w = 200 * scale
    text_x = pad + mark_w + 26
    width = text_x + max(w1, w2) + pad
    height = 240 * scale + 2 * pad
    y1 = pad + (240 * scale - block_h) / 2 - block_top
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:.1f} {height:.1f}"
     width="{width:.1f}" height="{height:.1f}">
  <title>1 TRIỆU SÁNG KIẾN</title>{bulb(pad, pad, scale, glass, base, rays, RED)}
  <g transform="translate({text_x:.1f} {y1:.1f})"><path d="{p1}" fill="{c1}"/></g>
  <g transform="translate({text_x:.1f} {y1 + baseline2:.1f})"><path d="{p2}" fill="{c2}"/></g>
</svg>
"""


def mark() -> str:
    size = 'viewBox="-8 -8 216 256" width="216" height="256"'
    return f"""<svg xmlns="http://www.w3.org/2000/svg" {size}>
  <title>1 TRIỆU SÁNG KIẾN</title>{bulb(0, 0, 1, GOLD, BLUE, RED, RED)}
</svg>
"""


def main(dest: Path) -> None:
    (dest / "logo.svg").write_text(
        lockup("1 TRIỆU", "SÁNG KIẾN", RED, BLUE, GOLD, BLUE, RED), encoding="utf-8"
    )
    (dest / "logo-on-dark.svg").write_text(
        lockup("1 TRIỆU", "SÁNG KIẾN", WHITE, GOLD, GOLD, WHITE, GOLD_LIGHT), encoding="utf-8"
    )
    (dest / "logo-mark.svg").write_text(mark(), encoding="utf-8")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "brand")
