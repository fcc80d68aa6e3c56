"""A stage to build a video on: the background, the elements, and shared building blocks
(text that enters line by line, stacks of blocks, the corner logo, the call to action).

Scenes (intro.py, guide.py) say what is shown when and where for each aspect; the stage
turns that into layers and cues, so every video moves the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

from assets_gen.brand.model import Kit
from assets_gen.layout import shapes
from assets_gen.layout.color import Color
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import TextBlock, TextStyle, fit_text
from assets_gen.video.compose import Card, Compositor, Cue, Element, Resize
from assets_gen.video.formats import FPS, Aspect
from assets_gen.video.layers import (
    Layer,
    icon_layer,
    panel_layer,
    qr_layer,
    svg_layer,
    text_layer,
    text_lines,
)
from assets_gen.video.timeline import ENTER, EXIT, Motion, card_in, card_out, ease_out_back

WHITE = Color(255, 255, 255)
# Corner items enter towards the inside and leave by fading: never outside the safe area.
FADE_OUT = Motion(0.4, fade_for=1.0)


@dataclass
class Video:
    """Everything needed to render a video: its frames' recipe and its length."""

    aspect: Aspect
    background: np.ndarray
    elements: list[Element]
    duration: float
    """Design length in seconds (before any --duration scaling)."""
    poster_time: float
    """A moment where everything has settled: the poster frame."""
    alt: str
    """What the video says, for the manifest and screen readers."""
    keyframes: tuple[float, ...] = ()
    """Design seconds where the picture starts to move (a scene leaving): the encoder
    puts its full pictures there. Inside a hold, re-coding a full picture makes text and
    the QR code pulse where nothing else moves."""

    def compositor(self) -> Compositor:
        return Compositor(self.background, self.elements)

    @property
    def fps(self) -> int:
        return FPS


@dataclass
class Stage:
    kit: Kit
    aspect: Aspect
    elements: list[Element] = field(default_factory=list)

    def add(self, element: Element) -> Element:
        self.elements.append(element)
        return element

    def cue(
        self,
        layer: Layer,
        start: float,
        end: float | None,
        enter: Motion | None = ENTER,
        exit: Motion | None = EXIT,
    ) -> Cue:
        cue = Cue(layer, start, end, enter, exit)
        self.elements.append(cue)
        return cue

    def card(
        self,
        box: Box,
        start: float,
        end: float | None,
        resizes: tuple[tuple[float, float, Box], ...] = (),
        radius: float = 40,
    ) -> Card:
        """A light card with a soft shadow, rising from below the frame and, at `end`,
        falling back out of it; `resizes` (start, duration, box) let it carry one
        scene's content into the next."""
        boxes = [box] + [b for _, _, b in resizes]
        size = (max(round(b.w) for b in boxes), max(round(b.h) for b in boxes))
        layer = panel_layer(Box(0, 0, *size), radius, self.kit.colors.light, shadow=0.35)
        card = Card(
            layer,
            size,
            box.rounded(),
            start,
            end,
            card_in(self.aspect.height + 60 - box.y),
            card_out(self.aspect.height + 60 - boxes[-1].y),
            tuple(Resize(t, d, b.rounded()) for t, d, b in resizes),
        )
        self.elements.append(card)
        return card

    def lines(
        self,
        block: TextBlock,
        box: Box,
        fill: Color,
        start: float,
        end: float | None,
        stagger: float = 0.09,
        enter: Motion | None = ENTER,
        exit: Motion = EXIT,
        exit_stagger: float = 0.04,
    ) -> Box:
        """Show a fitted block line by line, each line entering a little after the one
        above; returns the ink box."""
        layers = text_lines(block, box, fill)
        n = len(layers)
        for i, layer in enumerate(layers):
            line_end = None if end is None else end - (n - 1 - i) * exit_stagger
            self.cue(layer, start + i * stagger, line_end, enter, exit)
        return block.place(box)


def stack(heights: list[float], region: Box, gaps: list[float], align: str = "middle") -> list[Box]:
    """Boxes for blocks of the given heights stacked with `gaps`, centred in `region`."""
    total = sum(heights) + sum(gaps)
    y = region.y if align == "top" else region.cy - total / 2
    boxes = []
    for i, h in enumerate(heights):
        boxes.append(Box(region.x, y, region.w, h))
        y += h + (gaps[i] if i < len(gaps) else 0)
    return boxes


# -- background -------------------------------------------------------------------------


def red_background(kit: Kit, aspect: Aspect) -> np.ndarray:
    """The campaign red: a diagonal gradient, a soft light behind the centre, and faint
    rings echoing the bulb's rays. Drawn once per aspect."""
    return _red_background(kit, aspect).copy()


@lru_cache(maxsize=8)
def _red_background(kit: Kit, aspect: Aspect) -> np.ndarray:
    # Everything here is soft, so it is computed at half size and scaled up (4x less work).
    w, h = aspect.width // 2, aspect.height // 2
    c = kit.colors
    xs = np.arange(w, dtype=np.float32) + np.float32(0.5)
    ys = np.arange(h, dtype=np.float32)[:, None] + np.float32(0.5)
    # Diagonal gradient, primary at the top left to primary_dark at the bottom right.
    angle = np.deg2rad(65)
    proj = xs * np.float32(np.cos(angle)) + ys * np.float32(np.sin(angle))
    t = (proj - proj.min()) / (proj.max() - proj.min())
    # A soft light above the centre: lighter red fading out over 62% of the frame.
    radius = np.float32(max(w, h) * 0.62)
    fade = np.clip(1 - np.hypot(xs - np.float32(w * 0.5), ys - np.float32(h * 0.38)) / radius, 0, 1)
    start, end = np.array(c.primary.rgb, np.float32), np.array(c.primary_dark.rgb, np.float32)
    light = np.array(c.primary.mix(WHITE, 0.10).rgb, np.float32)
    base = start + (end - start) * t[..., None]
    glow = end + (light - end) * fade[..., None]
    image = base + (glow - base) * (fade * np.float32(170 / 255))[..., None]
    # Faint rings, echoing the bulb's rays.
    m = min(w, h)
    for cx, cy, radii in ((w * 0.96, h * 0.98, (0.34, 0.52, 0.70)), (w * 0.02, h * 0.04, (0.22, 0.36))):
        for r in radii:
            _ring(image, cx, cy, r * m, 0.75, WHITE, 26 / 255)
    # Scaled up in floats, then dithered as it is rounded to 8 bits: rounded first, the
    # glow's slow slopes become flat steps that the encoder turns into visible bands.
    size = (aspect.width, aspect.height)
    full = np.empty((aspect.height, aspect.width, 3), np.float32)
    for k in range(3):
        channel = Image.fromarray(np.ascontiguousarray(image[..., k]))  # float32: mode "F"
        full[..., k] = np.asarray(channel.resize(size, Image.Resampling.BILINEAR))
    full += dither_noise(aspect.width, aspect.height)[..., None]
    return full.clip(0, 255).astype(np.uint8)


DITHER = 1.5
"""Amplitude of the background's dither, in 8-bit levels: x264 at our CRF smooths away
a finer one and bands come back; a stronger one shows as grain."""


def dither_noise(width: int, height: int, seed: int = 7) -> np.ndarray:
    """Triangular-PDF noise of +-DITHER levels plus the 0.5 that rounds, the same in
    every channel (grey grain, no colour speckle) and the same in every run."""
    rng = np.random.default_rng(seed)
    noise = rng.random((height, width), dtype=np.float32)
    noise -= rng.random((height, width), dtype=np.float32)
    noise *= np.float32(DITHER)
    noise += np.float32(0.5)
    return noise


def _ring(
    image: np.ndarray, cx: float, cy: float, r: float, half: float, colour: Color, opacity: float
) -> None:
    """Blend an anti-aliased circle line into a float RGB image, inside its bounding box."""
    h, w = image.shape[:2]
    x0, x1 = max(int(cx - r - half - 2), 0), min(int(cx + r + half + 2), w)
    y0, y1 = max(int(cy - r - half - 2), 0), min(int(cy + r + half + 2), h)
    if x1 <= x0 or y1 <= y0:
        return
    xs = np.arange(x0, x1, dtype=np.float32) + np.float32(0.5 - cx)
    ys = np.arange(y0, y1, dtype=np.float32)[:, None] + np.float32(0.5 - cy)
    d = np.abs(np.hypot(xs, ys) - np.float32(r))
    a = (np.clip(np.float32(half + 0.5) - d, 0, 1) * np.float32(opacity))[..., None]
    region = image[y0:y1, x0:x1]
    region += (np.array(colour.rgb, np.float32) - region) * a


# -- shared blocks ----------------------------------------------------------------------


def logo_big(kit: Kit, aspect: Aspect) -> tuple[Layer, Box]:
    """The full logo at its hero size, centred a little above the middle of the safe area."""
    safe = aspect.safe
    width = round(min(safe.w * (0.62 if aspect.wide else 0.8), 860))
    layer = svg_layer(kit.logo.full_on_dark, width=width)
    cy = safe.y + safe.h * (0.42 if not aspect.tall else 0.43)
    x = round(safe.cx - layer.width / 2)
    y = round(cy - layer.height / 2)
    moved = layer.shifted(x, y)
    return moved, Box(moved.ox, moved.oy, moved.width, moved.height)


def corner_logo_height(aspect: Aspect) -> int:
    return 84 if not aspect.wide else 96


def corner_logo_target(aspect: Aspect, logo: Box) -> tuple[float, float, float]:
    """(dx, dy, scale) that take the hero logo to the top-left corner of the safe area."""
    height = corner_logo_height(aspect)
    scale = height / logo.h
    safe = aspect.safe
    target_cx = safe.x + logo.w * scale / 2
    target_cy = safe.y + height / 2
    return target_cx - logo.cx, target_cy - logo.cy, scale


FROM_RIGHT, FROM_LEFT = Motion(0.6, dx=-30), Motion(0.6, dx=30)


def hashtag(stage: Stage, start: float, end: float | None, enter: Motion | None = FROM_RIGHT) -> None:
    """The hashtag at the top right, beside the corner logo (`enter` None: already there)."""
    kit, aspect = stage.kit, stage.aspect
    safe = aspect.safe
    height = corner_logo_height(aspect)
    style = TextStyle(kit.fonts.medium, max_size=36 if not aspect.wide else 40, min_size=20, align="right")
    box = Box(safe.cx, safe.y, safe.w / 2, height)
    block = fit(aspect, kit.campaign.hashtag, box, style, "campaign.hashtag")
    layer = text_layer(block, box, kit.colors.on_primary)
    layer.text = ""  # a corner signature, not a message: captions leave it out
    stage.cue(layer, start, end, enter, FADE_OUT)


def corner_logo(stage: Stage, start: float, end: float | None, enter: Motion | None = FROM_LEFT) -> None:
    """The logo small at the top left, drawn at its size (crisp), for the whole video
    (`enter` None: already there)."""
    kit, aspect = stage.kit, stage.aspect
    logo = svg_layer(kit.logo.full_on_dark, height=corner_logo_height(aspect))
    placed = logo.shifted(aspect.safe.x, aspect.safe.y)
    stage.cue(placed, start, end, enter, FADE_OUT)


def body_box(aspect: Aspect) -> Box:
    """The safe area below the corner logo and hashtag."""
    safe = aspect.safe
    top = 130 if not aspect.wide else 150
    return Box(safe.x, safe.y + top, safe.w, safe.h - top)


def hotline_row(
    stage: Stage,
    box: Box,
    size: int,
    start: float,
    end: float | None,
    align: str = "left",
) -> Box:
    """A phone icon on a red disc and "Đường dây nóng 1900 ...", in `box`."""
    kit, aspect = stage.kit, stage.aspect
    c, f = kit.colors, kit.fonts
    r = round(size * 0.95)
    gap = round(size * 0.45)
    style = TextStyle(f.heading, max_size=size, min_size=max(18, size // 2), max_lines=1, align="left")
    text_w = box.w - 2 * r - gap
    block = fit(
        aspect, f"Đường dây nóng {kit.links.hotline}", Box(0, 0, text_w, box.h), style, "links.hotline"
    )
    width = 2 * r + gap + block.width
    x = box.x if align == "left" else box.cx - width / 2
    text_box = Box(x + 2 * r + gap, box.y, block.width, box.h)
    ink = block.place(text_box)
    disc = shapes.fill_layer((2 * r, 2 * r), c.primary, shapes.disc_mask(2 * r, 2 * r, r, r, r))
    if _has_icon(kit, "phone"):
        icon = icon_layer(kit.data.icons / "phone.svg", round(r * 1.0), c.on_primary)
        disc.alpha_composite(icon.image, (r - icon.width // 2 - 1, r - icon.height // 2))
    pop = Motion(0.6, scale=0.6, ease=ease_out_back)
    stage.cue(Layer.of(disc, round(x), round(ink.cy - r)), start, end, pop)
    stage.lines(block, text_box, c.on_light, start + 0.08, None if end is None else end + 0.04)
    return Box(x, min(ink.y, ink.cy - r), width, max(ink.h, 2 * r))


def _has_icon(kit: Kit, name: str) -> bool:
    return kit.data.icons is not None and (kit.data.icons / f"{name}.svg").is_file()


def call_to_action(stage: Stage, card: Box, start: float, end: float | None, heading: str) -> None:
    """The portal's QR code, the web address and the hotline, entering one after the
    other from `start` on the light card `card` (drawn by the caller: it may carry over
    from the scene before). From `end` on they leave in the order they came, three
    times as fast: the card can go soon after."""
    kit, aspect = stage.kit, stage.aspect
    c, f = kit.colors, kit.fonts
    t = start

    def until(at: float) -> float | None:
        return None if end is None else end + (at - start) / 3

    def show(block: TextBlock, box: Box, at: float) -> None:
        stage.lines(block, box, c.on_light, at, until(at))

    if aspect.wide:
        inner = card.inset(80, 72)
        qr_side = round(min(inner.h, inner.w * 0.34))  # the column holds the hotline at 50 px
        col, qr_col = inner.split_h(inner.w - qr_side - 72, qr_side, gap=72)
        qr_box = Box(qr_col.x, inner.cy - qr_side / 2, qr_side, qr_side)
        head = fit(aspect, heading, col, text_style(f.display, 84, 3, "left", 1.1), "call to action")
        scan = fit(aspect, SCAN, col, text_style(f.body, 40, 1, "left"), "call to action")
        web = fit(aspect, kit.links.website, col, text_style(f.heading, 60, 1, "left"), "links.website")
        boxes = stack([head.height, scan.height, web.height, 80], col, [56, 18, 48])
        show(head, boxes[0], t)
        show(scan, boxes[1], t + 0.25)
        show(web, boxes[2], t + 0.33)
        hotline_row(stage, boxes[3], 44, t + 0.45, until(t + 0.45))
    elif aspect.tall:
        inner = card.inset(56, 64)
        qr_side = round(min(inner.w * 0.6, 540))
        head = fit(aspect, heading, inner, text_style(f.display, 84, 3, "center", 1.1), "call to action")
        scan = fit(aspect, SCAN, inner, text_style(f.body, 42, 1, "center"), "call to action")
        web = fit(aspect, kit.links.website, inner, text_style(f.heading, 62, 1, "center"), "links.website")
        boxes = stack([head.height, qr_side, scan.height, web.height, 84], inner, [56, 48, 16, 44])
        show(head, boxes[0], t)
        qr_box = Box(inner.cx - qr_side / 2, boxes[1].y, qr_side, qr_side)
        show(scan, boxes[2], t + 0.3)
        show(web, boxes[3], t + 0.38)
        hotline_row(stage, boxes[4], 46, t + 0.5, until(t + 0.5), "center")
    else:
        inner = card.inset(56, 48)
        qr_side = 330
        head = fit(aspect, heading, inner, text_style(f.display, 64, 2, "center", 1.1), "call to action")
        web = fit(aspect, kit.links.website, inner, text_style(f.heading, 50, 1, "center"), "links.website")
        boxes = stack([head.height, qr_side, web.height, 72], inner, [40, 30, 26])
        show(head, boxes[0], t)
        qr_box = Box(inner.cx - qr_side / 2, boxes[1].y, qr_side, qr_side)
        show(web, boxes[2], t + 0.33)
        hotline_row(stage, boxes[3], 40, t + 0.45, until(t + 0.45), "center")
    qr = qr_layer(kit.links.portal, round(qr_box.w), c.dark, c.light, kit.logo.mark)
    qr = qr.shifted(qr_box.x, qr_box.y)
    stage.cue(qr, t + 0.15, until(t + 0.15), Motion(0.7, scale=0.85, ease=ease_out_back))


SCAN = "Quét mã QR hoặc vào"
CTA_HEADING = "Gửi sáng kiến của bạn ngay hôm nay"


def fit(aspect: Aspect, text: str, box: Box, style: TextStyle, what: str) -> TextBlock:
    """`fit_text`, never under the aspect's readable floor (`Aspect.min_text`): a video is
    seen on a phone like a post. A text that cannot fit at the floor is an error; the
    scene must carry less text, not smaller text."""
    floor = aspect.min_text
    style = replace(style, min_size=max(style.min_size, floor), max_size=max(style.max_size, floor))
    return fit_text(text, box, style, what)


def text_style(font: Path, size: int, lines: int, align: str, line_height: float = 1.18) -> TextStyle:
    return TextStyle(
        font,
        max_size=size,
        min_size=max(18, size * 2 // 5),
        max_lines=lines,
        line_height=line_height,
        align=align,
    )
