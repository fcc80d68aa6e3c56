"""The text engine every asset kind shares: Vietnamese-safe, fitted, placed by ink.

Why it exists (docs/ARCHITECTURE.md, "Text and fonts"):
- decomposed (NFD) input puts tone marks at the wrong height, so every text is NFC;
- a font without a glyph draws an empty box, so missing characters are refused by name;
- without raqm, Pillow lays Vietnamese out badly, so raqm is required;
- stacked marks (Ệ, Ễ, Ỗ) reach above the font's ascent, so text is measured and placed
  by its ink box (`getbbox`), never by `getmetrics()`.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from fontTools.ttLib import TTFont
from PIL import Image, ImageDraw, ImageFont, features

from assets_gen.errors import FitError, GlyphError, SystemDependencyError
from assets_gen.layout import drawn, words
from assets_gen.layout.geometry import Box
from assets_gen.resources import file_version

Align = Literal["left", "center", "right"]
ARC_TILE = 16  # px: the side of the squares text on an arc is bent in (layout of draw_on_arc)
MIN_LINE_GAP = 0.06  # clear space between the ink of two lines, as a fraction of the size
VAlign = Literal["top", "middle", "bottom"]

_SPACES = re.compile(r"[ \t]+")  # no-break spaces (U+00A0) are kept: they bind words
# Characters that are never drawn as glyphs: line breaks and zero-width joiners.
_INVISIBLE = {"\n", "\r", "\u200b", "\u200c", "\u200d", "\ufeff"}


def normalize(text: str) -> str:
    """NFC, single spaces, Unix line breaks, no leading or trailing blanks."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return "\n".join(lines).strip()


def plain(text: str) -> str:
    """Kit text for alt texts and HTML: no-break spaces become plain spaces."""
    return text.replace("\u00a0", " ")


@dataclass(frozen=True)
class FontFace:
    """A font file, with the set of characters it can draw."""

    path: Path
    family: str
    style: str
    codepoints: frozenset[int] = field(repr=False)

    @property
    def name(self) -> str:
        return self.family if self.style in ("", "Regular") else f"{self.family} {self.style}"

    def missing(self, text: str) -> list[str]:
        """Characters of `text` this font has no glyph for, in order, each once."""
        text = normalize(text)
        if self.codepoints.issuperset(map(ord, text)):
            return []  # the common case, without the loop
        seen: dict[str, None] = {}
        for ch in text:
            if ch in _INVISIBLE or ch in " \u00a0":
                continue
            if ord(ch) not in self.codepoints:
                seen.setdefault(ch, None)
        return list(seen)

    def require(self, text: str, what: str) -> str:
        """Return `text` in NFC, or raise GlyphError naming the characters it lacks."""
        text = normalize(text)
        missing = self.missing(text)
        if missing:
            raise GlyphError(None, f'{what} "{text}": font {self.name} has no glyph for {", ".join(missing)}')
        return text


def font_face(path: Path) -> FontFace:
    """Read a font's name and character map (cached per file and version).

    The names come from FreeType (Pillow): fontTools' name table pulls in its OpenType
    table machinery, a tenth of a second that every command would pay at kit load."""
    return _font_face(Path(path), *file_version(path))


@cache
def _font_face(path: Path, _mtime_ns: int, _size: int) -> FontFace:
    with TTFont(path, lazy=True) as font:
        cmap = font.getBestCmap() or {}
    family, style = ImageFont.truetype(str(path), 12).getname()
    return FontFace(Path(path), family or Path(path).stem, style or "", frozenset(cmap))


def require_raqm() -> None:
    if not features.check("raqm"):
        raise SystemDependencyError(
            None,
            "Pillow's raqm text layout is unavailable (libfribidi missing): "
            "install it with: sudo apt-get install libfribidi0",
        )


def pil_font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    """A Pillow font at `size` px with raqm layout (cached per file version and size)."""
    return _pil_font(str(path), size, *file_version(path))


@cache
def _pil_font(path: str, size: int, _mtime_ns: int, _bytes: int) -> ImageFont.FreeTypeFont:
    require_raqm()
    return ImageFont.truetype(str(path), size=size, layout_engine=ImageFont.Layout.RAQM)


def ink_box(path: Path, size: int, line: str) -> tuple[int, int, int, int]:
    """The ink box of one line at `size`, from the left end of its baseline; cached per
    file version: fitting tries each line at several sizes, and every size of a design
    sets the same lines again (three in five measurements of a build repeat one)."""
    return _ink_box(str(path), size, *file_version(path), line)


@lru_cache(maxsize=16384)
def _ink_box(path: str, size: int, mtime_ns: int, nbytes: int, line: str) -> tuple[int, int, int, int]:
    return _pil_font(path, size, mtime_ns, nbytes).getbbox(line, anchor="ls")


@dataclass(frozen=True)
class TextStyle:
    """How a piece of text is set: font, size range, line limit and alignment."""

    font: Path
    max_size: int
    min_size: int
    max_lines: int = 1
    line_height: float = 1.18  # baseline to baseline, as a multiple of the size
    align: Align = "center"
    valign: VAlign = "middle"
    balance: bool = True  # even out line lengths, like CSS text-wrap: balance
    upper: bool = False


@dataclass(frozen=True)
class TextBlock:
    """Text set at one size, wrapped into lines, measured by its ink."""

    text: str
    lines: tuple[str, ...]
    size: int
    style: TextStyle
    width: int  # ink box
    height: int
    # Where each line's origin (left end of its baseline) lies, relative to the
    # top-left corner of the block's ink box.
    origins: tuple[tuple[int, int], ...]
    what: str = "text"
    """What the text is, for messages and the record of drawn text."""
    split: bool = False
    """A word had to be broken across lines: nothing else fit (reported by the build)."""

    @property
    def font(self) -> ImageFont.FreeTypeFont:
        return pil_font(self.style.font, self.size)

    def place(self, box: Box) -> Box:
        """The ink box this block occupies when aligned inside `box`."""
        style = self.style
        if style.align == "left":
            x = box.x
        elif style.align == "right":
            x = box.right - self.width
        else:
            x = box.cx - self.width / 2
        if style.valign == "top":
            y = box.y
        elif style.valign == "bottom":
            y = box.bottom - self.height
        else:
            y = box.cy - self.height / 2
        return Box(math.floor(x), math.floor(y), self.width, self.height)


@lru_cache(maxsize=65536)
def _advance(path: Path, size: int, text: str) -> float:
    """Advance width of a syllable or a space (cached: the same words recur on every asset)."""
    return pil_font(path, size).getlength(text)


def _paragraph_lines(
    paragraph: str, style: TextStyle, size: int, width: float, max_lines: int, strict: bool
) -> tuple[list[str], int] | None:
    """One paragraph broken into lines no wider than `width`, and the harm done.

    Breaks fall only at free gaps (`layout/words.py`) when `strict`; otherwise at any
    space, choosing the least harm. With `style.balance`, among the settings with the
    fewest lines the one with the most even lines wins (the least sum of squared line
    widths, as CSS `text-wrap: balance` does for headings); otherwise lines are filled
    greedily. None when no setting fits in `max_lines`.
    """
    gaps = words.gaps(paragraph)
    syllables = gaps.syllables
    if not syllables:
        return [""], 0
    if style.upper:
        syllables = tuple(s.upper() for s in syllables)
    n = len(syllables)
    space = _advance(style.font, size, " ")
    ends = list(itertools.accumulate((_advance(style.font, size, s) + space for s in syllables), initial=0.0))

    def line_width(i: int, j: int) -> float:  # syllables i..j-1
        return ends[j] - ends[i] - space

    def allowed(j: int) -> bool:  # may a line end after syllable j-1?
        return j == n or not strict or gaps.cost[j - 1] == words.FREE

    def harm(j: int) -> int:
        return 0 if j == n else gaps.cost[j - 1]

    if strict and not style.balance:
        starts = _greedy(n, line_width, allowed, width)
        if starts is None or len(starts) > max_lines:
            return None
    else:
        starts = _balanced(n, line_width, allowed, harm, width, max_lines, strict)
        if starts is None:
            return None
    bounds = [*starts, n]
    lines = [" ".join(syllables[a:b]) for a, b in itertools.pairwise(bounds)]
    return lines, sum(harm(b) for b in bounds[1:])


def _greedy(n: int, line_width: Callable[[int, int], float], allowed: Callable[[int], bool], width: float):
    """Line starts of the greedy fill (fewest lines), or None if a run does not fit."""
    starts, i = [0], 0
    while i < n:
        best = None
        for j in range(i + 1, n + 1):
            if line_width(i, j) > width:
                break
            if allowed(j):
                best = j
        if best is None:
            return None
        i = best
        if i < n:
            starts.append(i)
    return starts


def _balanced(
    n: int,
    line_width: Callable[[int, int], float],
    allowed: Callable[[int], bool],
    harm: Callable[[int], int],
    width: float,
    max_lines: int,
    strict: bool,
) -> list[int] | None:
    """Line starts that do the least harm, then take the fewest lines, then are the most
    even (dynamic programming over every allowed break, lines at most `width`)."""
    inf = (math.inf, math.inf)
    # best[k][j]: (harm, sum of squared widths) of the first j syllables in k lines.
    best = [[inf] * (n + 1) for _ in range(max_lines + 1)]
    back = [[0] * (n + 1) for _ in range(max_lines + 1)]
    best[0][0] = (0, 0.0)
    for k in range(1, max_lines + 1):
        row, prev = best[k], best[k - 1]
        for i in range(n):
            if prev[i] == inf:
                continue
            h0, q0 = prev[i]
            for j in range(i + 1, n + 1):
                w = line_width(i, j)
                if w > width:
                    break
                if not allowed(j):
                    continue
                cand = (h0 + harm(j), q0 + w * w)
                if cand < row[j]:
                    row[j], back[k][j] = cand, i
        if strict and row[n] != inf:
            break  # the fewest lines that fit
    options = [(best[k][n][0], k, best[k][n][1]) for k in range(1, max_lines + 1) if best[k][n] != inf]
    if not options:
        return None
    _, k, _ = min(options)
    starts, j = [], n
    while k:
        j = back[k][j]
        starts.append(j)
        k -= 1
    return starts[::-1]


def _wrap_paragraphs(
    text: str, style: TextStyle, size: int, width: float, strict: bool
) -> tuple[list[str], int] | None:
    lines: list[str] = []
    harm = 0
    for paragraph in text.split("\n"):
        wrapped = _paragraph_lines(paragraph, style, size, width, style.max_lines - len(lines), strict)
        if wrapped is None:
            return None
        lines.extend(wrapped[0])
        harm += wrapped[1]
    return lines, harm


def _measure(lines: list[str], style: TextStyle, size: int) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """Ink width and height of `lines`, and each line's origin within the ink box."""
    version = file_version(style.font)
    boxes = [_ink_box(str(style.font), size, *version, line) for line in lines]
    # Vietnamese capitals stack marks above (Ễ, Ộ) and below (Ự, Ệ): a line step that is
    # fine for Latin text lets one line's dots touch the next line's marks. The step grows
    # (evenly, for every line) until every line's ink clears the next by a small gap.
    gap = max(2, round(size * MIN_LINE_GAP))
    step = round(size * style.line_height)
    for (_, _, _, bottom_above), (_, top_below, _, _) in itertools.pairwise(boxes):
        step = max(step, bottom_above - top_below + gap)
    width = max(r - left for left, _, r, _ in boxes)
    top = min(i * step + t for i, (_, t, _, _) in enumerate(boxes))
    bottom = max(i * step + b for i, (_, _, _, b) in enumerate(boxes))
    origins = []
    for i, (left, _, r, _) in enumerate(boxes):
        ink = r - left
        if style.align == "left":
            dx = 0
        elif style.align == "right":
            dx = width - ink
        else:
            dx = (width - ink) // 2
        origins.append((dx - left, i * step - top))
    return width, bottom - top, tuple(origins)


def set_text(
    text: str, style: TextStyle, size: int, width: float, strict: bool = True, what: str = "text"
) -> TextBlock | None:
    """Set `text` at one size within `width`; None if it does not fit in `style.max_lines`.

    `strict`: break only where Vietnamese allows (never inside a word, a name, a kit
    phrase, after a dash); otherwise at the least harmful spaces, and the block says so.
    """
    text = normalize(text)
    wrapped = _wrap_paragraphs(text, style, size, width, strict)
    if wrapped is None:
        return None
    lines, harm = wrapped
    w, h, origins = _measure(lines, style, size)
    shown = " ".join(lines) if style.upper else text
    return TextBlock(shown, tuple(lines), size, style, w, h, origins, what, harm > 0)


def fit_text(
    text: str, box: Box, style: TextStyle, what: str = "text", split_words: bool = True
) -> TextBlock:
    """The largest setting of `text` whose ink fits `box`, between min and max size.

    Lines break only between Vietnamese words at every size first. Only when no size
    fits that way, and `split_words` allows it, a word is broken at the least harmful
    place (the block is marked `split`, which the build reports). Callers that have
    another way out (a unit's short name) try it first with `split_words=False`.

    Raises GlyphError for characters the font lacks and FitError when the text does not
    fit even at the minimum size.
    """
    text = font_face(style.font).require(text, what)
    if not text:
        raise FitError(None, f"{what} is empty")
    for strict in (True, False) if split_words else (True,):
        best = _largest(text, box, style, what, strict)
        if best is not None:
            return _fewer_lines(text, box, style, what, strict, best)
    raise FitError(
        None,
        f'{what} "{text}" does not fit {round(box.w)}x{round(box.h)} px in '
        f"{style.max_lines} line{'s' if style.max_lines > 1 else ''} "
        f"even at {style.min_size} px{'' if split_words else ' without breaking a word'}: shorten it",
    )


FEWER_LINES_SIZE = 0.9  # a setting in fewer lines wins if its size is at least this much


def _fewer_lines(
    text: str, box: Box, style: TextStyle, what: str, strict: bool, best: TextBlock
) -> TextBlock:
    """The fewest lines whose largest size is nearly the best size: two full lines
    rather than three at a size hardly larger. (Only nearly: in a tall layout three
    lines at a clearly larger size read better than two small ones.)"""
    for lines in range(1, len(best.lines)):
        fewer = replace(style, max_lines=lines, max_size=best.size)
        if fewer.min_size > fewer.max_size:
            continue
        block = _largest(text, box, fewer, what, strict)
        if block is not None and block.size >= best.size * FEWER_LINES_SIZE:
            return replace(block, style=style)
    return best


SLACK = 1e-6
"""Ink is measured in whole pixels, boxes come out of float arithmetic: a box made to an
ink's height (51.999999 for 52) must still hold that ink."""

def _largest(text: str, box: Box, style: TextStyle, what: str, strict: bool) -> TextBlock | None:
    def attempt(size: int) -> TextBlock | None:
        block = set_text(text, style, size, box.w, strict, what)
        if block is None or block.width > box.w + SLACK or block.height > box.h + SLACK:
            return None
        return block

    lo, hi = style.min_size, max(style.max_size, style.min_size)
    best = attempt(lo)
    if best is None:
        return None
    lo += 1
    while lo <= hi:
        mid = (lo + hi) // 2
        block = attempt(mid)
        if block is not None:
            best, lo = block, mid + 1
        else:
            hi = mid - 1
    return best


def draw_text(
    image: Image.Image,
    box: Box,
    block: TextBlock,
    fill: tuple[int, ...],
    role: str | None = None,
) -> Box:
    """Draw `block` aligned in `box` and record it (`layout/drawn.py`, as `role` or by
    its `what`); return the ink box it occupies."""
    ink = block.place(box)
    draw = ImageDraw.Draw(image)
    font = block.font
    for line, (ox, oy) in zip(block.lines, block.origins, strict=True):
        draw.text((ink.x + ox, ink.y + oy), line, font=font, fill=fill, anchor="ls")
    drawn.record(role or drawn.role_of(block.what), block.size, block.lines, block.split)
    return ink


def fit_and_draw(
    image: Image.Image,
    box: Box,
    text: str,
    style: TextStyle,
    fill: tuple[int, ...],
    what: str = "text",
) -> Box:
    """Fit `text` into `box` and draw it; return its ink box."""
    return draw_text(image, box, fit_text(text, box, style, what), fill)


def text_layer(block: TextBlock, fill: tuple[int, ...], pad: int = 2) -> Image.Image:
    """The block drawn alone on a transparent image just larger than its ink."""
    layer = Image.new("RGBA", (block.width + 2 * pad, block.height + 2 * pad), (0, 0, 0, 0))
    draw_text(layer, Box(pad, pad, block.width, block.height), block, fill)
    return layer


def draw_on_arc(
    image: Image.Image,
    text: str,
    font_path: Path,
    size: int,
    fill: tuple[int, ...],
    center: tuple[float, float],
    radius: float,
    where: Literal["top", "bottom"],
    role: str = "text",
) -> None:
    """Draw one line of text along a circle, upright, centred at its top or bottom.

    The line is set once (so kerning and Vietnamese marks stay intact), as a coverage
    mask, and bent onto the circle by Pillow's mesh transform: the sector is cut into
    ARC_TILE px squares, each mapped to the quadrilateral of the line it shows (the polar
    mapping at its corners; the circle's bend within a tile is under a tenth of a pixel).
    The ink takes `fill`; only its coverage is resampled, so its edges keep their colour.
    On the top arc the glyphs point outward, on the bottom arc inward; either way `radius`
    is the middle of the ink, so a ring band of any thickness can centre its text.
    """
    import numpy as np  # here, not at the top: only frames bend text

    font = pil_font(font_path, size)
    text = normalize(text)
    drawn.record(role, size, (text.replace("\u00a0", " "),))
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    pad = 4
    mask = Image.new("L", (right - left + 2 * pad, bottom - top + 2 * pad), 0)
    ImageDraw.Draw(mask).text((pad - left, pad - top), text, font=font, fill=255, anchor="ls")
    sw, sh = mask.size
    mid_v = sh / 2  # radial middle of the ink in strip rows

    cx, cy = center
    # Only the annular sector the text covers is drawn.
    half = min(sw / 2 / radius + 0.05, math.pi)
    sign = -1 if where == "top" else 1
    angles = np.linspace(-half, half, 64)
    xs_, ys_ = [], []
    for rr in (radius - sh, radius + sh):
        xs_.extend(cx + rr * np.sin(angles))
        ys_.extend(cy + sign * rr * np.cos(angles))
    x0, x1 = max(int(min(xs_)) - 2, 0), min(int(max(xs_)) + 3, image.width)
    y0, y1 = max(int(min(ys_)) - 2, 0), min(int(max(ys_)) + 3, image.height)
    if x1 <= x0 or y1 <= y0:
        return
    gx = np.unique(np.append(np.arange(x0, x1, ARC_TILE), x1))
    gy = np.unique(np.append(np.arange(y0, y1, ARC_TILE), y1))
    dx, dy = gx[None, :] - cx, gy[:, None] - cy
    r = np.hypot(dx, dy)
    angle = np.arctan2(dx, sign * dy)
    u = sw / 2 + angle * radius
    v = mid_v + sign * (r - radius)
    mesh = []
    for j in range(len(gy) - 1):
        for i in range(len(gx) - 1):
            corners = ((j, i), (j + 1, i), (j + 1, i + 1), (j, i + 1))  # Pillow's quad order
            us = [u[c] for c in corners]
            vs = [v[c] for c in corners]
            if max(vs) < 0 or min(vs) > sh or max(us) < 0 or min(us) > sw:
                continue  # nothing of the line here
            if max(us) - min(us) > math.pi * radius:
                continue  # the far side of the circle, where the angle wraps round
            box = (int(gx[i]) - x0, int(gy[j]) - y0, int(gx[i + 1]) - x0, int(gy[j + 1]) - y0)
            mesh.append((box, tuple(float(c) for uv in zip(us, vs, strict=True) for c in uv)))
    coverage = mask.transform(
        (x1 - x0, y1 - y0), Image.Transform.MESH, mesh, Image.Resampling.BILINEAR, fillcolor=0
    )
    if len(fill) > 3 and fill[3] < 255:
        coverage = coverage.point(lambda a: a * fill[3] // 255)
    layer = Image.new("RGBA", coverage.size, (*fill[:3], 255))
    layer.putalpha(coverage)
    image.alpha_composite(layer, dest=(x0, y0))


@dataclass(frozen=True)
class LineText:
    """One line set at a fixed size, the left end of its baseline at (x, y): what a
    renderer draws, and what the member page draws again in the browser (web/page.py)."""

    text: str
    font: Path
    size: int
    fill: tuple[int, ...]
    x: int
    y: int
    role: str = ""
    block: tuple[str, ...] = ()
    """On the first line of a block set in several lines, the block's lines: drawing it
    records the whole block (layout/drawn.py); empty on the lines after it."""

    def draw(self, image: Image.Image) -> None:
        font = pil_font(self.font, self.size)
        ImageDraw.Draw(image).text((self.x, self.y), self.text, font=font, fill=self.fill, anchor="ls")
        if self.block:
            drawn.record(self.role or "text", self.size, self.block)


@dataclass(frozen=True)
class ArcText:
    """One line bent along a circle (`draw_on_arc`)."""

    text: str
    font: Path
    size: int
    fill: tuple[int, ...]
    center: tuple[float, float]
    radius: float
    where: Literal["top", "bottom"]
    role: str = "text"

    def draw(self, image: Image.Image) -> None:
        draw_on_arc(
            image, self.text, self.font, self.size, self.fill, self.center, self.radius, self.where, self.role
        )


PlacedText = LineText | ArcText


def arc_text_extent(text: str, font_path: Path, size: int) -> tuple[int, int]:
    """(length, thickness) of one line's ink, for fitting text onto an arc."""
    left, top, right, bottom = ink_box(font_path, size, normalize(text))
    return right - left, bottom - top


def fit_arc_text(
    text: str,
    font_path: Path,
    max_length: float,
    max_thickness: float,
    max_size: int,
    min_size: int,
    what: str = "text",
) -> int:
    """The largest size at which one line of `text` fits an arc of the given length and
    band thickness; raises FitError when even `min_size` does not fit."""
    text = font_face(font_path).require(text, what)
    best = None
    for size in range(max_size, min_size - 1, -1):
        length, thickness = arc_text_extent(text, font_path, size)
        if length <= max_length and thickness <= max_thickness:
            best = size
            break
    if best is None:
        raise FitError(
            None,
            f'{what} "{text}" does not fit around the frame even at {min_size} px: shorten it',
        )
    return best
