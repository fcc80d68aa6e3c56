"""Time on the video: easing curves, entrance and exit motions, scenes laid end to end.

Motion is described, not computed per frame by hand: an element has a time span and an
entrance and exit `Motion` (fade, slide, scale, each eased). `Motion.at` turns a time
into where the element is, how opaque and how large; the compositor does the rest.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

Ease = Callable[[float], float]


def clamp01(x: float) -> float:
    return 0.0 if x <= 0 else 1.0 if x >= 1 else x


def eased(t: float, start: float, duration: float, ease: Ease) -> float:
    """How far (0 to 1, eased) a change running from `start` for `duration` is at `t`."""
    return ease(clamp01((t - start) / duration))


def ease_out_cubic(t: float) -> float:
    """Fast start, gentle landing: the default for things arriving."""
    return 1 - (1 - t) ** 3


def ease_out_quint(t: float) -> float:
    """A longer, softer landing, for big moves and counters."""
    return 1 - (1 - t) ** 5


def ease_in_cubic(t: float) -> float:
    """Gentle start, fast end: for things leaving."""
    return t**3


def ease_in_quad(t: float) -> float:
    """Gentle start, then ever faster: for things falling away."""
    return t * t


def ease_in_out_cubic(t: float) -> float:
    return 4 * t**3 if t < 0.5 else 1 - (-2 * t + 2) ** 3 / 2


def ease_out_back(t: float, overshoot: float = 1.4) -> float:
    """Lands slightly past the mark and settles: a lively pop for logos and badges."""
    c3 = overshoot + 1
    return 1 + c3 * (t - 1) ** 3 + overshoot * (t - 1) ** 2


@dataclass(frozen=True)
class Motion:
    """An entrance or exit: from hidden (offset, scaled, transparent) to at rest."""

    duration: float = 0.6
    dx: float = 0.0
    """Horizontal offset in px while hidden."""
    dy: float = 0.0
    """Vertical offset in px while hidden (positive: below its place)."""
    scale: float = 1.0
    """Scale while hidden (1: no zoom)."""
    fade: bool = True
    ease: Ease = ease_out_cubic
    fade_for: float = 0.6
    """Share of the duration the fade takes: things are opaque before they land."""


HANDOFF = 0.05
"""How long an element stays after the one taking its place has begun to enter: the two
cross for a few frames, so the screen never empties between scenes."""

ENTER = Motion(0.7, dy=36, ease=ease_out_cubic)
EXIT = Motion(0.4, dy=-18, ease=ease_in_cubic)
CARD_OUT = Motion(0.45, dy=-50, ease=ease_in_cubic, fade_for=0.45)


def card_in(distance: float) -> Motion:
    """A card rising from below the frame's edge, `distance` px under its place: opaque
    all the way, so what it covers disappears behind it instead of showing through."""
    return Motion(0.8, dy=distance, ease=ease_out_cubic, fade=False)


def card_out(distance: float) -> Motion:
    """A card falling out below the frame's edge, `distance` px down: gentle to start,
    then quick, opaque all the way (its content has left before it)."""
    return Motion(0.5, dy=distance, ease=ease_in_quad, fade=False)


@dataclass(frozen=True)
class State:
    """Where an element is at one moment, relative to its resting place."""

    dx: float
    dy: float
    scale: float
    opacity: float


HIDDEN = State(0, 0, 1, 0)


def motion_state(
    t: float, start: float, end: float | None, enter: Motion | None, exit: Motion | None
) -> State:
    """The state at time `t` of an element shown from `start` to `end` (None: to the end).

    The entrance runs from `start` for `enter.duration`; the exit ends at `end`.
    """
    if t < start or (end is not None and t >= end):
        return HIDDEN
    dx = dy = 0.0
    scale = opacity = 1.0
    if enter is not None and enter.duration > 0 and t < start + enter.duration:
        hidden = 1 - enter.ease(clamp01((t - start) / enter.duration))
        dx, dy = enter.dx * hidden, enter.dy * hidden
        scale = 1 + (enter.scale - 1) * hidden
        if enter.fade:
            # Opacity follows a plain ease-out: an overshooting curve must not flash.
            opacity = ease_out_cubic(clamp01((t - start) / (enter.duration * enter.fade_for)))
    if exit is not None and end is not None and exit.duration > 0 and t > end - exit.duration:
        p = clamp01((t - (end - exit.duration)) / exit.duration)
        gone = exit.ease(p)
        dx, dy = dx + exit.dx * gone, dy + exit.dy * gone
        scale *= 1 + (exit.scale - 1) * gone
        if exit.fade:
            # The fade ends with the motion and starts late: things leave, then vanish.
            opacity *= 1 - ease_in_cubic(clamp01((p - (1 - exit.fade_for)) / exit.fade_for))
    return State(dx, dy, scale, opacity)


def frame_count(duration: float, fps: int) -> int:
    return max(1, round(duration * fps))
