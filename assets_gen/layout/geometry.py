"""Boxes and the few geometric rules shared by every layout."""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Box:
    """An axis-aligned rectangle in pixels: left, top, width, height."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def inset(self, dx: float, dy: float | None = None) -> Box:
        dy = dx if dy is None else dy
        return Box(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)

    def contains(self, other: Box) -> bool:
        return (
            other.x >= self.x
            and other.y >= self.y
            and other.right <= self.right
            and other.bottom <= self.bottom
        )

    def overlaps(self, other: Box) -> bool:
        """Whether the two boxes share any area (touching edges do not count)."""
        across = self.x < other.right and other.x < self.right
        return across and self.y < other.bottom and other.y < self.bottom

    def split_v(self, *weights: float, gap: float = 0) -> list[Box]:
        """Cut into rows whose heights follow `weights`, with `gap` between them."""
        usable = self.h - gap * (len(weights) - 1)
        total = sum(weights)
        rows, y = [], self.y
        for weight in weights:
            h = usable * weight / total
            rows.append(Box(self.x, y, self.w, h))
            y += h + gap
        return rows

    def split_h(self, *weights: float, gap: float = 0) -> list[Box]:
        """Cut into columns whose widths follow `weights`, with `gap` between them."""
        usable = self.w - gap * (len(weights) - 1)
        total = sum(weights)
        cols, x = [], self.x
        for weight in weights:
            w = usable * weight / total
            cols.append(Box(x, self.y, w, self.h))
            x += w + gap
        return cols

    def fit_aspect(self, aspect: float) -> Box:
        """The largest box of width/height `aspect` centred inside this one."""
        if self.w / self.h > aspect:
            w = self.h * aspect
            return Box(self.cx - w / 2, self.y, w, self.h)
        h = self.w / aspect
        return Box(self.x, self.cy - h / 2, self.w, h)

    def rounded(self) -> tuple[int, int, int, int]:
        """(left, top, right, bottom) in whole pixels, for Pillow."""
        return (round(self.x), round(self.y), round(self.right), round(self.bottom))


def chord_half_width(radius: float, dy: float) -> float:
    """Half the width of a circle of `radius` at vertical distance `dy` from its centre."""
    return math.sqrt(max(radius * radius - dy * dy, 0.0))


def box_in_circle(box: Box, cx: float, cy: float, radius: float) -> bool:
    """True when every corner of `box` lies inside the circle."""
    corners = ((box.x, box.y), (box.right, box.y), (box.x, box.bottom), (box.right, box.bottom))
    return all(math.hypot(x - cx, y - cy) <= radius for x, y in corners)
