"""The shared look of every data card: background, panels, pills, logo, icons, QR, photos.

One small design system so guides, statistics, spotlights and posters read as one
campaign: the red gradient ground of the frames, cream panels with navy text, gold for
highlights, and only the kit's text/background colour pairs. A `Card` also records the
ink box of everything important it draws, so tests can prove nothing leaves the size's
safe area and every QR code is where it should be.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

from assets_gen.brand.model import Kit
from assets_gen.errors import FitError
from assets_gen.layout import shapes
from assets_gen.layout.color import Color
from assets_gen.layout.geometry import Box
from assets_gen.layout.qr import qr_image, view_scale
from assets_gen.layout.sizes import Size, get_size
from assets_gen.layout.svg import render_icon, render_svg_fit, svg_aspect
from assets_gen.layout.text import Align, TextBlock, TextStyle, VAlign, draw_text, fit_text, ink_box
from assets_gen.photo import square_photo


@dataclass
class Card:
    """An image being drawn at one registered size, and what was placed where."""

    kit: Kit
    size: Size
    image: Image.Image
    placed: list[tuple[str, Box]] = field(default_factory=list)
    """(what, ink box) of every text, logo, photo and QR code drawn."""
    qr_codes: list[tuple[str, Box]] = field(default_factory=list)
    """(encoded text, box) of every QR code drawn."""
    panels: list[Box] = field(default_factory=list)
    """Every raised panel: content is either wholly on one or clear of it."""

    @classmethod
    def new(cls, kit: Kit, size_name: str, ground: str = "brand") -> Card:
        size = get_size(size_name)
        return cls(kit, size, background(kit, size.width, size.height, ground))

    @property
    def safe(self) -> Box:
        return self.size.safe

    # -- text ----------------------------------------------------------------------

    def fit(self, box: Box, text: str, style: TextStyle, what: str) -> TextBlock:
        return fit_text(text, box, self.legible(style), what)

    def legible(self, style: TextStyle) -> TextStyle:
        """`style` kept at or above the size's smallest readable font size: a layout that
        cannot hold a text at that size leaves it out (`fits`), it never sets it smaller."""
        floor = self.size.min_text
        if style.min_size >= floor:
            return style
        return replace(style, min_size=floor, max_size=max(style.max_size, floor))

    def fits(self, box: Box, text: str, style: TextStyle) -> bool:
        """Whether `text` fits `box` at a readable size (optional text is left out if not)."""
        try:
            self.fit(box, text, style, "")
        except FitError:
            return False
        return True

    def fit_all(self, texts: list[str], boxes: list[Box], style: TextStyle, what: str) -> list[TextBlock]:
        """Texts that play the same role fitted at one common, readable size (`fit_all`)."""
        return fit_all(texts, boxes, self.legible(style), what)

    def draw(self, box: Box, block: TextBlock, color: Color, what: str) -> Box:
        ink = draw_text(self.image, box, block, color.rgba())
        self.placed.append((what, ink))
        return ink

    def draw_on_baseline(self, x: float, baseline: float, block: TextBlock, color: Color, what: str) -> Box:
        """Draw a one-line `block` from `x` with its baseline at `baseline`: texts side by
        side share a baseline whatever their sizes and marks."""
        top = baseline - block.origins[0][1]
        return self.draw(Box(x, top, block.width, block.height), block, color, what)

    def text(self, box: Box, text: str, style: TextStyle, color: Color, what: str) -> Box:
        """Fit `text` into `box`, draw it and return its ink box."""
        return self.draw(box, self.fit(box, text, style, what), color, what)

    def pill(
        self,
        x: float,
        y: float,
        text: str,
        font: Path,
        height: int,
        fill: Color,
        color: Color,
        what: str,
        anchor: str = "left",
        max_width: float | None = None,
    ) -> Box:
        """A rounded label sized to its text; `x` is its left, centre or right edge."""
        pad = round(height * 0.55)
        box, style = _pill_text(self.size.width, height, max_width, font)
        block = self.fit(box, text, style, what)
        w = block.width + 2 * pad
        left = {"left": x, "center": x - w / 2, "right": x - w}[anchor]
        box = Box(left, y, w, height)
        self.rect(box, fill, radius=height / 2)
        self.draw(box, block, color, what)
        self.placed.append((what, box))
        return box

    def pill_fits(self, text: str, font: Path, height: int, max_width: float | None = None) -> bool:
        """Whether `text` fits a `pill` of this height and width at a readable size."""
        box, style = _pill_text(self.size.width, height, max_width, font)
        return self.fits(box, text, style)

    # -- shapes --------------------------------------------------------------------

    def rect(self, box: Box, fill: Color, radius: float = 0, alpha: int = 255) -> None:
        """A rounded rectangle, anti-aliased (drawn on a small local layer)."""
        x0, y0 = math.floor(box.x), math.floor(box.y)
        w, h = math.ceil(box.right) - x0, math.ceil(box.bottom) - y0
        local = (box.x - x0, box.y - y0, box.right - x0, box.bottom - y0)
        self.image.alpha_composite(_rect_layer((w, h), local, radius, fill, alpha), (x0, y0))

    def panel(self, box: Box, fill: Color, radius: float = 36, shadow: float = 0.22) -> None:
        """A raised panel: rounded rectangle over a soft shadow."""
        if shadow:
            self.shadow(box, radius, shadow)
        self.rect(box, fill, radius)
        self.panels.append(box)

    def shadow(self, box: Box, radius: float, opacity: float, blur: int = 22, dy: int = 12) -> None:
        pad = blur * 3
        layer = _shadow_layer(round(box.w), round(box.h), radius, opacity, blur)
        self.image.alpha_composite(layer, (round(box.x) - pad, round(box.y) - pad + dy))

    def disc(self, cx: float, cy: float, r: float, fill: Color, r_in: float = 0) -> None:
        """A disc (or a ring from r_in to r), anti-aliased."""
        x0, y0 = math.floor(cx - r - 1), math.floor(cy - r - 1)
        side = math.ceil(2 * r) + 3
        mask = shapes.ring_mask(side, side, cx - x0, cy - y0, r_in, r)
        self.image.alpha_composite(shapes.fill_layer((side, side), fill, mask), (x0, y0))

    # -- artwork -------------------------------------------------------------------

    def logo(self, box: Box, on_dark: bool = True, align: Align = "left", mark: bool = False) -> Box:
        """The campaign logo (or its mark) fitted into `box`."""
        logo = self.kit.logo
        path = logo.mark if mark else logo.full_on_dark if on_dark else logo.full
        fit = box.fit_aspect(svg_aspect(path))
        image = render_svg_fit(path, width=max(1, round(fit.w)))
        x = {"left": box.x, "center": box.cx - image.width / 2, "right": box.right - image.width}[align]
        y = box.cy - image.height / 2
        self.image.alpha_composite(image, (round(x), round(y)))
        placed = Box(round(x), round(y), image.width, image.height)
        self.placed.append(("logo", placed))
        return placed

    def icon(self, path: Path, cx: float, cy: float, size: int, color: Color) -> None:
        image = render_icon(path, size, color.hex)
        self.image.alpha_composite(image, (round(cx - size / 2), round(cy - size / 2)))

    def icon_disc(
        self, path: Path, cx: float, cy: float, r: float, fill: Color, color: Color, scale: float = 0.52
    ) -> None:
        """A line icon centred on a disc: the drawn pictogram of a step."""
        self.disc(cx, cy, r, fill)
        self.icon(path, cx, cy, round(2 * r * scale), color)

    def qr(self, data: str, box: Box, logo: bool = True) -> Box:
        """A scannable QR code (dark on light, quiet zone included) filling a square box."""
        side = round(min(box.w, box.h))
        c = self.kit.colors
        scale = view_scale(self.size.width, self.size.height)
        image = qr_image(data, side, c.dark, c.light, self.kit.logo.mark if logo else None, scale)
        x, y = round(box.cx - side / 2), round(box.cy - side / 2)
        self.image.alpha_composite(image, (x, y))
        placed = Box(x, y, side, side)
        self.placed.append(("qr", placed))
        self.qr_codes.append((data, placed))
        return placed

    def portrait(
        self,
        photo: Path | None,
        name: str,
        cx: float,
        cy: float,
        r: float,
        ring: Color | None = None,
        ring_width: float = 0,
        what: str = "photo",
    ) -> None:
        """A photo cropped to a circle, or a drawn silhouette for people without one."""
        d = round(2 * r)
        layer = circle_photo(photo, d) if photo is not None else placeholder(self.kit, d)
        if ring is not None and ring_width:
            self.disc(cx, cy, r + ring_width, ring)
        self.image.alpha_composite(layer, (round(cx - d / 2), round(cy - d / 2)))
        self.placed.append((what, Box(round(cx - d / 2), round(cy - d / 2), d, d)))

    def finish(self) -> Image.Image:
        """The card as an RGB image, ready to encode."""
        return self.image.convert("RGB")


def _pill_text(width: int, height: int, max_width: float | None, font: Path) -> tuple[Box, TextStyle]:
    """The box and style of a pill's text."""
    pad = round(height * 0.55)
    box = Box(0, 0, (max_width or width) - 2 * pad, height * 0.62)
    return box, TextStyle(font, round(height * 0.5), round(height * 0.3))


def fit_all(texts: list[str], boxes: list[Box], style: TextStyle, what: str) -> list[TextBlock]:
    """Fit texts that play the same role at one common size (the largest all can take).

    Rows of a list must not jump between sizes because one text is a little longer.
    """
    sizes = [fit_text(t, b, style, what).size for t, b in zip(texts, boxes, strict=True)]
    common = replace(style, max_size=min(sizes))
    return [fit_text(t, b, common, what) for t, b in zip(texts, boxes, strict=True)]


def stack(
    card: Card, box: Box, items: list[tuple[TextBlock, Color, str, float]], valign: VAlign = "middle"
) -> list[Box]:
    """Draw blocks one under the other (each followed by its gap), the group aligned in `box`."""
    height = stack_height(items)
    y = {"top": box.y, "middle": box.cy - height / 2, "bottom": box.bottom - height}[valign]
    inks = []
    for block, color, what, gap in items:
        inks.append(card.draw(Box(box.x, y, box.w, block.height), block, color, what))
        y += block.height + gap
    return inks


def stack_height(items: list[tuple[TextBlock, Color, str, float]]) -> float:
    """The height `stack` gives a group of blocks: inks plus the gaps between them."""
    return sum(b.height + gap for b, _, _, gap in items) - items[-1][3]


def spread(top: float, bottom: float, heights: list[float], gaps: list[float]) -> list[float]:
    """The tops of blocks stacked from `top` so that the last one ends at `bottom`.

    `gaps` are the least spaces between neighbours (one fewer than `heights`); the room
    left over is shared among them in proportion, so a page with short content keeps its
    rhythm and still fills its safe area instead of stopping short above an empty band.
    """
    spare = bottom - top - sum(heights) - sum(gaps)
    total = sum(gaps) or 1.0
    tops, y = [], top
    for i, height in enumerate(heights):
        tops.append(y)
        if i < len(gaps):
            y += height + max(0.0, gaps[i] + spare * gaps[i] / total)
    return tops


def style(
    font: Path,
    max_size: int,
    min_size: int | None = None,
    lines: int = 1,
    align: Align = "left",
    valign: VAlign = "top",
    line_height: float = 1.2,
) -> TextStyle:
    """A TextStyle with the card defaults (left, top, not upper-cased)."""
    return TextStyle(
        font,
        max_size,
        min_size or max(12, round(max_size * 0.6)),
        max_lines=lines,
        line_height=line_height,
        align=align,
        valign=valign,
    )


def card_icon(kit: Kit, name: str) -> Path:
    """A kit icon by name, for the cards' own pictograms (phone, calendar...)."""
    from assets_gen.errors import BrandError

    folder = kit.data.icons
    path = folder / f"{name}.svg" if folder else None
    if path is None or not path.is_file():
        raise BrandError(str(folder or kit.file), f'the cards need the icon "{name}.svg" in the icons folder')
    return path


def text_width(text: str, font: Path, size: int) -> int:
    left, _, right, _ = ink_box(font, size, text)
    return right - left


@lru_cache(maxsize=24)
def _background(kit: Kit, width: int, height: int, ground: str) -> Image.Image:
    c = kit.colors
    if ground == "light":
        image = Image.new("RGBA", (width, height), c.light.rgba())
        return image
    # The frames' red gradient, lit from the top left.
    image = shapes.linear_gradient(width, height, c.primary, c.primary_dark, 60).convert("RGBA")
    unit = min(width, height)
    image.alpha_composite(
        _glow(width, height, width * 0.1, height * 0.05, unit * 0.9, c.primary.mix(c.accent, 0.2), 0.5)
    )
    # Concentric rings bleeding off the bottom-right corner, like ripples of an idea.
    cx, cy = width * 0.98, height * 0.96
    for i, r in enumerate((unit * 0.28, unit * 0.44, unit * 0.6)):
        ring = shapes.ring_mask(width, height, cx, cy, r - 3, r + 3)
        faint = ring.point(lambda a, i=i: a * (34 - 8 * i) // 255)
        image.alpha_composite(shapes.fill_layer((width, height), c.on_primary, faint))
    return image


def _glow(width: int, height: int, cx: float, cy: float, radius: float, color: Color, strength: float):
    """`color` fading out from (cx, cy) over `radius`: soft light on a gradient."""
    import numpy as np

    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    t = np.clip(1 - np.hypot(xs - cx, ys - cy) / radius, 0, 1)
    alpha = (t * t * strength * 255 + 0.5).astype(np.uint8)
    return shapes.fill_layer((width, height), color, Image.fromarray(alpha))


def background(kit: Kit, width: int, height: int, ground: str = "brand") -> Image.Image:
    """The card ground ("brand": red gradient with ripples; "light": cream), a fresh copy."""
    return _background(kit, width, height, ground).copy()


@lru_cache(maxsize=64)
def _circle_photo(photo: Path, mtime_ns: int, diameter: int) -> Image.Image:
    square = square_photo(photo, photo.name, diameter).convert("RGBA")
    square.putalpha(shapes.disc_mask(diameter, diameter, diameter / 2, diameter / 2, diameter / 2))
    return square


@lru_cache(maxsize=32)
def _rect_layer(
    size: tuple[int, int], local: tuple[float, float, float, float], radius: float, fill: Color, alpha: int
) -> Image.Image:
    """A rounded rectangle's layer; cached, since every card of a size draws the same panels
    (the caller may not modify it)."""
    mask = shapes.rounded_rect_mask(size, local, radius)
    if alpha != 255:
        mask = mask.point(lambda a: a * alpha // 255)
    return shapes.fill_layer(size, fill, mask)


@lru_cache(maxsize=16)
def _shadow_layer(w: int, h: int, radius: float, opacity: float, blur: int) -> Image.Image:
    """A panel's soft shadow (a blur, the costliest part of a card), cached per shape."""
    pad = blur * 3
    mask = Image.new("L", (w + 2 * pad, h + 2 * pad), 0)
    ImageDraw.Draw(mask).rounded_rectangle((pad, pad, pad + w, pad + h), radius, fill=round(255 * opacity))
    layer = Image.new("RGBA", mask.size, (0, 0, 0, 0))
    layer.putalpha(mask.filter(ImageFilter.GaussianBlur(blur)))
    return layer


def circle_photo(photo: Path, diameter: int) -> Image.Image:
    """A photo cropped to a circle (cached per file version and size: many cards share one)."""
    return _circle_photo(photo, photo.stat().st_mtime_ns, diameter)


def initial(name: str) -> str:
    """The initial Vietnamese use for a person: the given name, which comes last."""
    words = [w for w in name.split() if w[:1].isalpha()]
    return words[-1][0].upper() if words else "?"


def placeholder(kit: Kit, diameter: int) -> Image.Image:
    """A portrait stand-in for people without a photo: a drawn silhouette (head and
    shoulders) in the kit's cream on its blue, with the gold rim of the photos, so a card
    without a photo looks designed rather than empty (a lone initial read as a mistake)."""
    return _placeholder(kit, diameter)


@lru_cache(maxsize=16)
def _placeholder(kit: Kit, diameter: int) -> Image.Image:
    c = kit.colors
    d = diameter
    inside = shapes.disc_mask(d, d, d / 2, d / 2, d / 2)
    ground = shapes.linear_gradient(d, d, c.secondary.mix(c.light, 0.12), c.secondary.mix(c.dark, 0.3), 90)
    image = shapes.fill_layer((d, d), ground, inside)
    k = 4  # drawn 4x and reduced: smooth edges
    figure = Image.new("L", (d * k, d * k), 0)
    draw = ImageDraw.Draw(figure)
    D = d * k
    draw.ellipse((D * 0.33, D * 0.2, D * 0.67, D * 0.54), fill=255)  # head
    draw.ellipse((D * 0.14, D * 0.6, D * 0.86, D * 1.3), fill=255)  # shoulders
    draw.ellipse((D * 0.31, D * 0.18, D * 0.69, D * 0.56), outline=0, width=max(1, round(D * 0.018)))
    figure = figure.resize((d, d), Image.Resampling.LANCZOS)
    figure = shapes.multiply_masks(figure, shapes.disc_mask(d, d, d / 2, d / 2, d / 2 - max(3, d * 0.035)))
    image.alpha_composite(shapes.fill_layer((d, d), c.light, figure))
    rim = shapes.ring_mask(d, d, d / 2, d / 2, d / 2 - max(3, d * 0.035), d / 2 - max(1, d * 0.012))
    image.alpha_composite(shapes.fill_layer((d, d), c.accent, rim))
    return image


def monogram(kit: Kit, name: str, diameter: int) -> Image.Image:
    """The portrait stand-in for `name` without a photo (card templates, author videos):
    the drawn silhouette, the same for everyone."""
    del name
    return placeholder(kit, diameter)
