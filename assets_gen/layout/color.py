"""Brand colours and the WCAG contrast rule the kit's text colours must meet."""

from __future__ import annotations

import re
from dataclasses import dataclass

_HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class Color:
    """An sRGB colour, written in the kit as #RRGGBB."""

    r: int
    g: int
    b: int

    @classmethod
    def parse(cls, value: object) -> Color:
        """Parse `#RRGGBB`; raise ValueError with a message fit for the user."""
        if not isinstance(value, str) or not _HEX.match(value):
            raise ValueError(f"{_show(value)} is not a #RRGGBB colour")
        return cls(int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16))

    @property
    def rgb(self) -> tuple[int, int, int]:
        return (self.r, self.g, self.b)

    def rgba(self, alpha: int = 255) -> tuple[int, int, int, int]:
        return (self.r, self.g, self.b, alpha)

    @property
    def hex(self) -> str:
        return f"#{self.r:02X}{self.g:02X}{self.b:02X}"

    def mix(self, other: Color, t: float) -> Color:
        """The colour `t` of the way from self to other (0 = self, 1 = other)."""
        return Color(*(round(a + (b - a) * t) for a, b in zip(self.rgb, other.rgb, strict=True)))

    def luminance(self) -> float:
        def channel(c: int) -> float:
            s = c / 255
            return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in self.rgb)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: Color, b: Color) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    la, lb = sorted((a.luminance(), b.luminance()), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _show(value: object) -> str:
    return f'"{value}"' if isinstance(value, str) else repr(value)
