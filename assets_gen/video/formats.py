"""The three video aspects, each with its own safe area for text and logos."""

from __future__ import annotations

from dataclasses import dataclass

from assets_gen.layout.geometry import Box
from assets_gen.layout.readable import floor_px
from assets_gen.layout.sizes import get_size

FPS = 30


@dataclass(frozen=True)
class Aspect:
    """A frame size and where content may go in it."""

    name: str
    """As users write it: "1:1", "9:16", "16:9"."""
    width: int
    height: int
    safe: Box
    """Text and logos stay inside (platform UI and crop zones lie outside)."""

    @property
    def slug(self) -> str:
        """For file names: "1x1"."""
        return self.name.replace(":", "x")

    @property
    def size_name(self) -> str:
        """The size name its jobs are made in (what --sizes selects)."""
        return f"video-{self.slug}"

    @property
    def min_text(self) -> int:
        """The least font size (px) on this aspect: videos are seen on a phone like posts
        (2.6% of the width: 28 px at 1080, 50 px at 1920)."""
        return floor_px(self.width)

    @property
    def tall(self) -> bool:
        return self.height > self.width

    @property
    def wide(self) -> bool:
        return self.width > self.height


def _aspects() -> dict[str, Aspect]:
    post, story = get_size("fb-post"), get_size("story")
    return {
        a.name: a
        for a in (
            Aspect("1:1", post.width, post.height, post.safe),
            # Stories cover the top 250 px (profile, progress) and bottom 340 px (reply box).
            Aspect("9:16", story.width, story.height, story.safe),
            # Feed and YouTube players show the whole 16:9 frame; keep a 5% title-safe margin.
            Aspect("16:9", 1920, 1080, Box(96, 64, 1728, 952)),
        )
    }


ASPECTS: dict[str, Aspect] = _aspects()


def get_aspect(name: str) -> Aspect:
    """The aspect called `name` ("1:1", "9:16", "16:9"; "1x1" works too)."""
    aspect = ASPECTS.get(name.strip().replace("x", ":"))
    if aspect is None:
        raise KeyError(f'unknown aspect "{name}" (aspects: {", ".join(ASPECTS)})')
    return aspect
