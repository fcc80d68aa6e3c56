"""Is the text on an asset big enough to read, and whole?

A social post is seen on a phone about 360 px wide: text under 2.6% of the asset's width
(28 px on a 1080 px post, 50 px on a 1920 px cover) comes out under about 9 px there,
too small to read at arm's length. Web-ad sizes (under 1000 px wide) are shown at their
own size, where 11 px is the least a reader can make out. The build and `check` report
every block of text under the floor and every word that had to be broken across lines.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from assets_gen.layout.drawn import DrawnText

SOCIAL_WIDTH = 1000  # assets at least this wide are social sizes
SOCIAL_FLOOR = 0.026  # of the width
WEB_FLOOR_PX = 11


def floor_px(width: int) -> int:
    """The smallest text size, in px, an asset `width` px wide may carry."""
    if width >= SOCIAL_WIDTH:
        return max(WEB_FLOOR_PX, round(width * SOCIAL_FLOOR))
    return WEB_FLOOR_PX


def text_problems(width: int, texts: Iterable[DrawnText]) -> Iterator[str]:
    """One line for each block of text under the floor or with a word broken."""
    floor = floor_px(width)
    for text in texts:
        shown = " / ".join(text.lines)
        if text.px < floor:
            yield (
                f'{text.role} "{_short(shown)}" is {text.px} px, under the {floor} px floor '
                f"for an asset {width} px wide: it cannot be read on a phone"
            )
        if text.split:
            yield f'{text.role} "{_short(shown)}" breaks a word across lines: nothing else fit; shorten it'


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
