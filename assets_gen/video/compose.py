"""Frames composed from pre-rendered layers with integer numpy blending.

Per frame, each element says where its layers are (`Placed`). Only what changed since
the previous frame is redrawn: the union of the old and new boxes of every element that
moved, faded or changed is restored from the background and re-blended; a frame where
nothing moved costs nothing. Blending works on uint8/uint16 arrays over bounding boxes
only, never on full-frame floats.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from assets_gen.layout import drawn
from assets_gen.video.layers import DigitSet, Layer
from assets_gen.video.timeline import Ease, Motion, State, ease_in_out_cubic, eased, motion_state

Rect = tuple[int, int, int, int]  # x0, y0, x1, y1


@dataclass(frozen=True)
class Placed:
    """A layer at a position (its top-left corner) with an opacity 0-255."""

    layer: Layer
    x: int
    y: int
    opacity: int = 255
    clip: Rect | None = None
    """Only this part of the frame shows the layer (a reveal)."""

    def rect(self) -> Rect:
        r = (self.x, self.y, self.x + self.layer.width, self.y + self.layer.height)
        return r if self.clip is None else _intersect(r, self.clip)


class Element(Protocol):
    def at(self, t: float) -> tuple[Placed, ...]:
        """The layers to show at time t (seconds), bottom first."""
        ...


def _placed(layer: Layer, state: State) -> tuple[Placed, ...]:
    opacity = round(state.opacity * 255)
    if opacity <= 0:
        return ()
    if state.scale != 1:
        layer = layer.scaled(state.scale)
    return (Placed(layer, layer.ox + round(state.dx), layer.oy + round(state.dy), opacity),)


@dataclass(frozen=True)
class Move:
    """A change of place and size while an element is shown: (dx, dy) moves its centre,
    `scale` multiplies its size, eased over `duration` from `start`."""

    start: float
    duration: float
    dx: float = 0.0
    dy: float = 0.0
    scale: float = 1.0
    ease: Ease = ease_in_out_cubic


@dataclass(eq=False)
class Cue:
    """A layer shown from `start` to `end` (None: to the end) with eased motions, and
    moves in between (the logo that settles in the corner, then returns)."""

    layer: Layer
    start: float
    end: float | None = None
    enter: Motion | None = None
    exit: Motion | None = None
    moves: tuple[Move, ...] = ()

    def at(self, t: float) -> tuple[Placed, ...]:
        state = motion_state(t, self.start, self.end, self.enter, self.exit)
        if self.moves and state.opacity > 0:
            dx, dy, scale = state.dx, state.dy, state.scale
            for move in self.moves:
                p = eased(t, move.start, move.duration, move.ease)
                dx, dy = dx + move.dx * p, dy + move.dy * p
                scale *= 1 + (move.scale - 1) * p
            state = State(dx, dy, scale, state.opacity)
        return _placed(self.layer, state)


@dataclass(frozen=True)
class Resize:
    """A card's change of box (frame coordinates), eased over `duration` from `start`."""

    start: float
    duration: float
    box: Rect
    ease: Ease = ease_in_out_cubic


@dataclass(eq=False)
class Card:
    """A rounded panel that enters, changes size and leaves: one card can carry one
    scene into the next, so the eye never loses it.

    `layer` is the panel drawn once at least as large as every box it takes, with its
    top-left corner at the origin. Any smaller box is drawn exactly from four clipped
    quarters of it, each placed at one corner of the box: a panel's edges and middle are
    the same all along, only its corners differ. No pixels are drawn per frame.
    """

    layer: Layer
    size: tuple[int, int]
    """The panel's width and height in `layer` (its shadow lies outside)."""
    box: Rect
    start: float
    end: float | None = None
    enter: Motion | None = None
    exit: Motion | None = None
    resizes: tuple[Resize, ...] = ()

    def box_at(self, t: float) -> Rect:
        box = self.box
        for resize in self.resizes:
            p = eased(t, resize.start, resize.duration, resize.ease)
            box = tuple(round(a + (b - a) * p) for a, b in zip(box, resize.box, strict=True))
        return box

    def at(self, t: float) -> tuple[Placed, ...]:
        state = motion_state(t, self.start, self.end, self.enter, self.exit)
        opacity = round(state.opacity * 255)
        if opacity <= 0:
            return ()
        x0, y0, x1, y1 = self.box_at(t)
        if state.scale != 1:
            cx, cy, s = (x0 + x1) / 2, (y0 + y1) / 2, state.scale
            x0, x1 = round(cx - (cx - x0) * s), round(cx + (x1 - cx) * s)
            y0, y1 = round(cy - (cy - y0) * s), round(cy + (y1 - cy) * s)
        dx, dy = round(state.dx), round(state.dy)
        x0, y0, x1, y1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
        w, h = self.size
        layer = self.layer
        if (x1 - x0, y1 - y0) == (w, h):
            return (Placed(layer, layer.ox + x0, layer.oy + y0, opacity),)
        mx, my = (x0 + x1) // 2, (y0 + y1) // 2
        far = 1 << 20
        return tuple(
            Placed(layer, layer.ox + left, layer.oy + top, opacity, clip)
            for left, top, clip in (
                (x0, y0, (-far, -far, mx, my)),
                (x1 - w, y0, (mx, -far, far, my)),
                (x0, y1 - h, (-far, my, mx, far)),
                (x1 - w, y1 - h, (mx, my, far, far)),
            )
        )


@dataclass(eq=False)
class Reveal:
    """A layer uncovered from its left edge (or from its middle) as `progress(t)` goes
    0 to 1: bars that grow, rules that draw themselves."""

    layer: Layer
    start: float
    duration: float
    end: float | None
    ease: Callable[[float], float]
    from_center: bool = False
    exit: Motion | None = None

    def at(self, t: float) -> tuple[Placed, ...]:
        state = motion_state(t, self.start, self.end, None, self.exit)
        if state.opacity <= 0:
            return ()
        p = eased(t, self.start, self.duration, self.ease)
        w = self.layer.width
        x0 = self.layer.ox + round(state.dx)
        y0 = self.layer.oy + round(state.dy)
        shown = round(w * p)
        if shown <= 0:
            return ()
        left = x0 + (w - shown) // 2 if self.from_center else x0
        clip = (left, y0, left + shown, y0 + self.layer.height)
        return (Placed(self.layer, x0, y0, round(state.opacity * 255), clip),)


@dataclass(eq=False)
class Counter:
    """A number counting up from 0 to `value`, centred on `center`, drawn from digit
    sprites in fixed cells: digits never shift as they change.

    The number is right-aligned while it counts, centred for the width it has most of
    the time; when it gains its last digit (999.999 -> 1.000.000) it glides, eased, to
    be centred again. Nothing jumps.
    """

    digits: DigitSet
    value: int
    center: int
    top: int
    start: float
    count_for: float
    end: float | None
    ease: Callable[[float], float]
    enter: Motion | None = None
    exit: Motion | None = None
    format: Callable[[int], str] = field(default=lambda n: f"{n:,}".replace(",", "."))
    glide: float = 0.6

    def __post_init__(self) -> None:
        final = self.format(self.value)
        drawn.record("counter", self.digits.size, (final,))
        self.final_width = self.digits.width(final)
        # When the count first shows as many digits as the final value, and how wide
        # it was just before.
        self.full_at = self.start + self.count_for
        self.before_width = self.final_width
        steps = 240
        for k in range(steps + 1):
            t = self.start + self.count_for * k / steps
            text = self.format(self.shown(t))
            if len(text) == len(final):
                self.full_at = t
                break
            self.before_width = self.digits.width(text)

    def shown(self, t: float) -> int:
        p = eased(t, self.start, self.count_for, self.ease)
        return round(self.value * p)

    def right(self, t: float) -> float:
        """Where the number's right edge is at time t."""
        p = min(max((t - self.full_at) / self.glide, 0.0), 1.0)
        p = p * p * (3 - 2 * p)  # smoothstep: starts and stops softly
        width = self.before_width + (self.final_width - self.before_width) * p
        return self.center + width / 2

    def at(self, t: float) -> tuple[Placed, ...]:
        state = motion_state(t, self.start, self.end, self.enter, self.exit)
        opacity = round(state.opacity * 255)
        if opacity <= 0:
            return ()
        text = self.format(self.shown(t))
        x = round(self.right(t) + state.dx)
        y = self.top + round(state.dy)
        out = []
        for ch in reversed(text):
            sprite = self.digits.separator if ch == "." else self.digits.digits[int(ch)]
            width = self.digits.sep_width if ch == "." else self.digits.cell
            x -= width
            out.append(Placed(sprite, x + sprite.ox, y + sprite.oy, opacity))
        return tuple(reversed(out))


# -- the compositor ---------------------------------------------------------------------


def _intersect(a: Rect, b: Rect) -> Rect:
    return (max(a[0], b[0]), max(a[1], b[1]), min(a[2], b[2]), min(a[3], b[3]))


def _empty(r: Rect) -> bool:
    return r[2] <= r[0] or r[3] <= r[1]


def _union(a: Rect, b: Rect) -> Rect:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _area(r: Rect) -> int:
    return (r[2] - r[0]) * (r[3] - r[1])


def merge_rects(rects: list[Rect]) -> list[Rect]:
    """Merge overlapping (or nearly touching) rectangles until none overlap."""
    rects = [r for r in rects if not _empty(r)]
    merged = True
    while merged and len(rects) > 1:
        merged = False
        out: list[Rect] = []
        for r in rects:
            for i, o in enumerate(out):
                grown = (o[0] - 8, o[1] - 8, o[2] + 8, o[3] + 8)
                if not _empty(_intersect(grown, r)):
                    out[i] = _union(o, r)
                    merged = True
                    break
            else:
                out.append(r)
        rects = out
    return rects


def _div255(x: np.ndarray) -> np.ndarray:
    """round(x / 255) for uint16 x <= 255 * 255, in place, with shifts only."""
    x += 128
    x += x >> 8
    x >>= 8
    return x


def blend(dst: np.ndarray, placed: Placed, rect: Rect) -> None:
    """Blend `placed` onto the frame `dst` inside `rect` (premultiplied source-over)."""
    x0, y0, x1, y1 = _intersect(rect, placed.rect())
    if x1 <= x0 or y1 <= y0:
        return
    layer = placed.layer
    core = layer.core
    opaque = placed.opacity >= 255
    if core is not None and not layer.opaque and (opaque or layer.core_colour is not None):
        # The opaque middle is copied (or, fading, mixed with one colour); only the
        # edges around it need a full blend.
        cx0, cy0 = placed.x + core[0], placed.y + core[1]
        inner = _intersect((x0, y0, x1, y1), (cx0, cy0, placed.x + core[2], placed.y + core[3]))
        if not _empty(inner):
            ix0, iy0, ix1, iy1 = inner
            _blend_box(dst, placed, (x0, y0, x1, iy0))
            _blend_box(dst, placed, (x0, iy1, x1, y1))
            _blend_box(dst, placed, (x0, iy0, ix0, iy1))
            _blend_box(dst, placed, (ix1, iy0, x1, iy1))
            out = dst[iy0:iy1, ix0:ix1]
            if opaque:
                lx, ly = ix0 - placed.x, iy0 - placed.y
                out[...] = layer.rgb[ly : ly + iy1 - iy0, lx : lx + ix1 - ix0]
            else:
                o = placed.opacity
                acc = np.multiply(out, np.uint16(255 - o), dtype=np.uint16)
                acc += np.array(layer.core_colour, dtype=np.uint16) * o
                out[...] = _div255(acc)
            return
    _blend_box(dst, placed, (x0, y0, x1, y1))


def _blend_box(dst: np.ndarray, placed: Placed, box: Rect) -> None:
    x0, y0, x1, y1 = box
    if x1 <= x0 or y1 <= y0:
        return
    layer = placed.layer
    lx0, ly0 = x0 - placed.x, y0 - placed.y
    lx1, ly1 = lx0 + (x1 - x0), ly0 + (y1 - y0)
    out = dst[y0:y1, x0:x1]
    rgb = layer.rgb[ly0:ly1, lx0:lx1]
    if placed.opacity >= 255:
        if layer.opaque:
            out[...] = rgb
            return
        acc = np.multiply(out, layer.inv[ly0:ly1, lx0:lx1], dtype=np.uint16)
        _div255(acc)
        acc += rgb
    else:
        # dst * (255 - a*o/255) + src * o stays below 2**16: one rounding division.
        o = np.uint16(placed.opacity)
        inv = np.multiply(layer.alpha[ly0:ly1, lx0:lx1], o, dtype=np.uint16)
        _div255(inv)
        np.subtract(np.uint16(255), inv, out=inv)
        acc = np.multiply(out, inv, dtype=np.uint16)
        acc += np.multiply(rgb, o, dtype=np.uint16)
        _div255(acc)
    out[...] = acc


class Compositor:
    """Composes frame after frame of `elements` over `background`, redrawing only what
    changed since the frame before."""

    def __init__(self, background: np.ndarray, elements: Sequence[Element]) -> None:
        self.background = np.ascontiguousarray(background[..., :3], dtype=np.uint8)
        self.height, self.width = self.background.shape[:2]
        self.elements = list(elements)
        self.frame = self.background.copy()
        self._last: list[tuple[Placed, ...]] | None = None
        self.full = (0, 0, self.width, self.height)

    def render(self, t: float) -> np.ndarray:
        """The frame at time t (a buffer reused by the next call: copy it to keep it)."""
        states = [element.at(t) for element in self.elements]
        if self._last is None:
            dirty = [self.full]
        else:
            dirty = []
            for old, new in zip(self._last, states, strict=True):
                if old != new:
                    dirty.extend(p.rect() for p in old)
                    dirty.extend(p.rect() for p in new)
            dirty = [_intersect(r, self.full) for r in dirty]
            dirty = merge_rects(dirty)
            if sum(_area(r) for r in dirty) > 0.7 * _area(self.full):
                dirty = [self.full]
        self._last = states
        placed = [p for group in states for p in group]
        for rect in dirty:
            x0, y0, x1, y1 = rect
            self.frame[y0:y1, x0:x1] = self.background[y0:y1, x0:x1]
            for p in placed:
                blend(self.frame, p, rect)
        return self.frame

    def snapshot(self, t: float) -> np.ndarray:
        """The frame at time t composed from scratch (a new array)."""
        self._last = None
        return self.render(t).copy()
