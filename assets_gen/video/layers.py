"""Layers: pieces of a video frame rendered once, kept ready for fast blending.

Each layer is drawn by the project's own renderers (text engine, CairoSVG logos and
icons, branded QR codes, shapes) and stored as premultiplied colour and alpha arrays,
cropped to the pixels it covers, so blending it onto a frame is a few integer numpy
operations on its bounding box.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from assets_gen.layout import drawn, shapes
from assets_gen.layout.color import Color
from assets_gen.layout.geometry import Box
from assets_gen.layout.qr import qr_image
from assets_gen.layout.svg import render_icon, render_svg_fit
from assets_gen.layout.text import TextBlock, pil_font
from assets_gen.resources import file_version


@dataclass(eq=False)
class Layer:
    """An RGBA sprite as premultiplied uint8 colour and alpha, with the offset of its
    top-left corner from the origin of the image it was cut from."""

    pixels: Image.Image = field(repr=False)
    """The pixels, premultiplied ("RGBa"): scaled as they are, no conversion."""
    ox: int = 0
    oy: int = 0
    role: str = "art"
    """"text", "logo", "qr" or "art": tests hold text and logos to the safe area."""
    text: str = ""
    """The words a text layer shows (one line, or a block's lines joined): captions."""
    rgb: np.ndarray = field(init=False, repr=False)
    alpha: np.ndarray = field(init=False, repr=False)
    inv: np.ndarray = field(init=False, repr=False)
    """255 - alpha as uint16, ready to multiply with the frame under it."""
    opaque: bool = field(init=False)
    core: tuple[int, int, int, int] | None = field(init=False)
    """A rectangle (x0, y0, x1, y1, layer coordinates) of fully opaque pixels, large
    enough to be worth copying instead of blending (panels, QR codes), or None."""
    core_colour: tuple[int, int, int] | None = field(init=False)
    """The one colour of the core, when it has one (panels): fading it is a plain mix."""

    def __post_init__(self) -> None:
        premultiplied = np.asarray(self.pixels)
        # Contiguous copies: blending runs faster on them than on strided views.
        self.rgb = np.ascontiguousarray(premultiplied[..., :3])
        self.alpha = np.ascontiguousarray(premultiplied[..., 3:4])
        self.inv = (255 - self.alpha).astype(np.uint16)
        self.opaque = bool(self.alpha.min() == 255)
        self.core = _opaque_core(self.alpha[..., 0])
        self.core_colour = None
        if self.core is not None:
            x0, y0, x1, y1 = self.core
            middle = self.rgb[y0:y1, x0:x1]
            first = middle[0, 0]
            if (middle == first).all():
                self.core_colour = tuple(int(v) for v in first)
        self._scaled: dict[int, Layer] = {}
        self._halves: dict[tuple[int, int], Image.Image] = {}

    @property
    def image(self) -> Image.Image:
        """Straight-alpha RGBA (for drawing into other images and for inspection)."""
        return self.pixels.convert("RGBA")

    @property
    def width(self) -> int:
        return self.pixels.width

    @property
    def height(self) -> int:
        return self.pixels.height

    @classmethod
    def of(cls, image: Image.Image, ox: int = 0, oy: int = 0, role: str = "art", text: str = "") -> Layer:
        """A layer of `image` placed at (ox, oy), cropped to its visible pixels."""
        image = image.convert("RGBA")
        bbox = image.getchannel("A").getbbox()
        if bbox is None:
            bbox = (0, 0, 1, 1)
        if bbox != (0, 0, image.width, image.height):
            image = image.crop(bbox)
        return cls(image.convert("RGBa"), ox + bbox[0], oy + bbox[1], role, text)

    def shifted(self, dx: float, dy: float) -> Layer:
        """The same pixels placed (dx, dy) further (arrays are shared, not copied)."""
        moved = copy.copy(self)
        moved.ox, moved.oy = self.ox + round(dx), self.oy + round(dy)
        moved._scaled, moved._halves = {}, {}
        return moved

    def scaled(self, scale: float) -> Layer:
        """This layer zoomed about its centre (cached per 1/500 step of scale)."""
        step = round(scale * 500)
        if step == 500:
            return self
        cached = self._scaled.get(step)
        if cached is None:
            s = step / 500
            w, h = max(1, round(self.width * s)), max(1, round(self.height * s))
            # Mid-motion frames: bilinear (with Pillow's antialiasing) is as sharp to the
            # eye as bicubic when shrinking, and a third faster.
            method = Image.Resampling.BILINEAR if s < 1 else Image.Resampling.BICUBIC
            image = self._source(s).resize((w, h), method)
            cx, cy = self.ox + self.width / 2, self.oy + self.height / 2
            cached = Layer(image, round(cx - w / 2), round(cy - h / 2), self.role, self.text)
            self._scaled[step] = cached
        return cached

    def _source(self, scale: float) -> Image.Image:
        """The pixels, halved (box filter, cached) while still twice the target size:
        shrinking from them is as sharp, and cheaper."""
        image = self.pixels
        while scale <= 0.5 and min(image.size) >= 64:
            smaller = self._halves.get(image.size)
            if smaller is None:
                smaller = self._halves[image.size] = image.reduce(2)
            image, scale = smaller, scale * 2
        return image


def _opaque_core(alpha: np.ndarray) -> tuple[int, int, int, int] | None:
    """A large fully opaque rectangle around the centre of `alpha`, if there is one."""
    h, w = alpha.shape
    if h < 16 or w < 16:
        return None
    solid = alpha == 255
    row = solid[h // 2]
    if not row[w // 2]:
        return None
    x0 = w // 2 - int(np.argmin(row[w // 2 :: -1])) + 1 if not row[: w // 2 + 1].all() else 0
    x1 = w // 2 + int(np.argmin(row[w // 2 :])) if not row[w // 2 :].all() else w
    rows = solid[:, x0:x1].all(axis=1)
    y0 = h // 2 - int(np.argmin(rows[h // 2 :: -1])) + 1 if not rows[: h // 2 + 1].all() else 0
    y1 = h // 2 + int(np.argmin(rows[h // 2 :])) if not rows[h // 2 :].all() else h
    if (x1 - x0) * (y1 - y0) < 0.25 * w * h:
        return None
    return (x0, y0, x1, y1)


# -- text ------------------------------------------------------------------------------


def text_lines(block: TextBlock, box: Box, fill: Color | tuple[int, ...]) -> list[Layer]:
    """One layer per line of a fitted block aligned in `box`: lines can enter one by one.
    The block is recorded as drawn (layout/drawn.py: the manifest and the size floor)."""
    drawn.record(drawn.role_of(block.what), block.size, block.lines, block.split)
    rgba = fill.rgba() if isinstance(fill, Color) else fill
    ink = block.place(box)
    font = block.font
    layers = []
    pad = 4
    for line, (ox, oy) in zip(block.lines, block.origins, strict=True):
        left, top, right, bottom = font.getbbox(line, anchor="ls")
        x, y = ink.x + ox, ink.y + oy  # baseline origin in frame coordinates
        image = Image.new("RGBA", (right - left + 2 * pad, bottom - top + 2 * pad), (0, 0, 0, 0))
        ImageDraw.Draw(image).text((pad - left, pad - top), line, font=font, fill=rgba, anchor="ls")
        layers.append(Layer.of(image, round(x + left - pad), round(y + top - pad), "text", line))
    return layers


def text_layer(block: TextBlock, box: Box, fill: Color | tuple[int, ...]) -> Layer:
    """The whole block as one layer, aligned in `box` (recorded as drawn)."""
    drawn.record(drawn.role_of(block.what), block.size, block.lines, block.split)
    rgba = fill.rgba() if isinstance(fill, Color) else fill
    ink = block.place(box)
    pad = 4
    image = Image.new("RGBA", (block.width + 2 * pad, block.height + 2 * pad), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    for line, (ox, oy) in zip(block.lines, block.origins, strict=True):
        draw.text((pad + ox, pad + oy), line, font=block.font, fill=rgba, anchor="ls")
    return Layer.of(image, ink.x - pad, ink.y - pad, "text", " ".join(block.lines))


@dataclass(frozen=True)
class DigitSet:
    """Sprites of 0-9 and the thousands separator at one size, sharing one baseline.

    Every digit sits centred in a cell as wide as the widest digit, so a counting
    number never shifts sideways (tabular figures, whatever the font's defaults).
    """

    digits: tuple[Layer, ...]
    separator: Layer
    cell: int
    sep_width: int
    height: int
    size: int
    """The font size in px (the record of drawn text)."""

    def width(self, text: str) -> int:
        return sum(self.sep_width if ch == "." else self.cell for ch in text)


def digit_set(font: Path, size: int, fill: Color) -> DigitSet:
    return _digit_set(font, size, fill, file_version(font))


def digits_width(font_path: Path, size: int, text: str) -> int:
    """Width `text` takes in a DigitSet of this font and size, without drawing it."""
    font = pil_font(font_path, size)
    cell = round(max(font.getlength(d) for d in "0123456789"))
    sep = round(font.getlength("."))
    return sum(sep if ch == "." else cell for ch in text)


@lru_cache(maxsize=16)
def _digit_set(font_path: Path, size: int, fill: Color, _version: tuple[int, int]) -> DigitSet:
    font = pil_font(font_path, size)
    cell = round(max(font.getlength(d) for d in "0123456789"))
    sep_width = round(font.getlength("."))
    ascent, descent = font.getmetrics()
    height = ascent + descent

    def sprite(ch: str, width: int) -> Layer:
        image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
        ImageDraw.Draw(image).text((width / 2, ascent), ch, font=font, fill=fill.rgba(), anchor="ms")
        return Layer.of(image, role="text")

    return DigitSet(
        tuple(sprite(d, cell) for d in "0123456789"),
        sprite(".", sep_width),
        cell,
        sep_width,
        height,
        size,
    )


# -- shapes and artwork -----------------------------------------------------------------


def svg_layer(path: Path, width: int | None = None, height: int | None = None, role: str = "logo") -> Layer:
    return Layer.of(render_svg_fit(path, width, height), role=role)


def icon_layer(path: Path, size: int, color: Color) -> Layer:
    return Layer.of(render_icon(path, size, color.hex))


def qr_layer(data: str, size: int, dark: Color, light: Color, logo: Path | None = None) -> Layer:
    return Layer.of(qr_image(data, size, dark, light, logo), role="qr")


def rounded_alpha(width: int, height: int, radius: float) -> np.ndarray:
    """An anti-aliased rounded-rectangle alpha (uint8), computed only in the corners."""
    alpha = np.full((height, width), 255, dtype=np.uint8)
    r = max(0, min(int(np.ceil(radius)), width // 2, height // 2))
    if r:
        ys, xs = np.mgrid[0:r, 0:r].astype(np.float32) + 0.5
        d = np.hypot(r - xs, r - ys)  # distance from the corner circle's centre
        corner = (np.clip(radius - d + 0.5, 0, 1) * 255 + 0.5).astype(np.uint8)
        alpha[:r, :r] = corner
        alpha[:r, width - r :] = corner[:, ::-1]
        alpha[height - r :, :r] = corner[::-1, :]
        alpha[height - r :, width - r :] = corner[::-1, ::-1]
    return alpha


def panel_image(
    width: int,
    height: int,
    radius: float,
    fill: Color,
    shadow: float = 0.0,
    shadow_offset: int = 10,
    blur: float = 18,
) -> tuple[Image.Image, int]:
    """A rounded panel, with an optional soft shadow; returns (image, margin) where the
    panel's top-left corner is at (margin, margin) of the image."""
    alpha = rounded_alpha(width, height, radius)
    if not shadow:
        panel = np.empty((height, width, 4), dtype=np.uint8)
        panel[..., :3] = fill.rgb
        panel[..., 3] = alpha
        return Image.fromarray(panel), 0
    margin = round(blur * 2 + shadow_offset)
    w, h = width + 2 * margin, height + 2 * margin
    # The shadow is soft: blur it at a quarter of the size, then scale it up.
    q = 4
    small = Image.new("L", (w // q + 1, h // q + 1), 0)
    small.paste(
        Image.fromarray(alpha).resize((max(1, width // q), max(1, height // q)), Image.Resampling.BOX),
        (margin // q, (margin + shadow_offset) // q),
    )
    small = small.filter(ImageFilter.GaussianBlur(blur / q))
    shade = np.asarray(small.resize((w // q * q + q, h // q * q + q), Image.Resampling.BILINEAR))[:h, :w]
    shade = shade.astype(np.float32) * shadow
    panel_a = np.zeros((h, w), dtype=np.float32)
    panel_a[margin : margin + height, margin : margin + width] = alpha
    a = panel_a / 255
    out_a = panel_a + shade * (1 - a)  # panel over its shadow
    out = np.zeros((h, w, 4), dtype=np.uint8)
    # Straight alpha: where the panel covers, its colour; elsewhere the black shadow.
    share = np.divide(panel_a, out_a, out=np.zeros_like(out_a), where=out_a > 0)[..., None]
    out[..., :3] = (np.array(fill.rgb, dtype=np.float32) * share + 0.5).astype(np.uint8)
    out[..., 3] = (out_a + 0.5).astype(np.uint8)
    return Image.fromarray(out), margin


def panel_layer(box: Box, radius: float, fill: Color, shadow: float = 0.0) -> Layer:
    """A rounded panel filling `box` (frame coordinates), with an optional shadow."""
    image, margin = panel_image(round(box.w), round(box.h), radius, fill, shadow)
    return Layer.of(image, round(box.x) - margin, round(box.y) - margin)


def sparkle_layer(cx: float, cy: float, size: int, fill: Color) -> Layer:
    return Layer.of(shapes.sparkle(size, fill), round(cx - size / 2), round(cy - size / 2))
