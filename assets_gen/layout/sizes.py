"""The platform sizes, with the areas each platform crops or covers.

`safe` is where text, logos and other important content may go; `zones` name the areas
a platform crops away or covers with its own interface (shown as an overlay in the
contact sheet). Figures follow the 2025-2026 platform guidance (docs/ARCHITECTURE.md,
"Platform sizes").
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assets_gen.layout.geometry import Box


@dataclass(frozen=True)
class Zone:
    """An area a platform crops away or covers: keep important content out of it."""

    name: str
    box: Box
    soft: bool = False
    """Cropped only in some views (grid thumbnails) while the feed shows it whole: shown in
    the contact sheet's overlay, but the safe area may reach into it."""


SOCIAL_MIN_WIDTH = 1000
"""px: sizes at least this wide are shared to feeds and seen shrunk on a phone."""
MIN_TEXT_SHARE = 0.026
"""The least font size on a social size, as a share of its width."""
WEB_MIN_TEXT = 11
"""px: the least font size on a web-ad size."""


@dataclass(frozen=True)
class Size:
    name: str
    width: int
    height: int
    use: str
    safe: Box
    zones: tuple[Zone, ...] = ()
    circle: bool = False  # shown cropped to the inscribed circle (profile pictures)
    budget_kb: int | None = None  # file-size budget (IAB web banners)

    @property
    def social(self) -> bool:
        """Shared to feeds and seen shrunk on a phone (else a web ad, seen at its size)."""
        return self.width >= SOCIAL_MIN_WIDTH

    @property
    def min_text(self) -> int:
        """The smallest font size (px) readable on this size once a phone shows it.

        Social sizes (1,000 px wide or more) are seen about 360 px wide, so their text is
        at least 2.6% of the width (28 px at 1080, 50 px at 1920); web ads are shown at
        their own size, where 11 px is the least a screen reader can take in.
        """
        if self.social:
            return round(self.width * MIN_TEXT_SHARE)
        return WEB_MIN_TEXT

    @property
    def aspect(self) -> float:
        return self.width / self.height

    @property
    def box(self) -> Box:
        return Box(0, 0, self.width, self.height)

    @property
    def hard_zones(self) -> tuple[Zone, ...]:
        """The zones no text or logo may enter."""
        return tuple(z for z in self.zones if not z.soft)

    def scaled(self, k: int) -> Size:
        """The same size drawn `k` times larger (small sizes are drawn large, then reduced)."""
        if k == 1:
            return self
        return replace(
            self,
            width=self.width * k,
            height=self.height * k,
            safe=_scale(self.safe, k),
            zones=tuple(replace(z, box=_scale(z.box, k)) for z in self.zones),
        )


def _scale(box: Box, k: float) -> Box:
    return Box(box.x * k, box.y * k, box.w * k, box.h * k)


def _inset(w: int, h: int, dx: float, dy: float | None = None) -> Box:
    return Box(0, 0, w, h).inset(dx, dy)


SIZES: dict[str, Size] = {
    s.name: s
    for s in (
        Size(
            "avatar",
            1080,
            1080,
            "Profile picture and frame (Facebook, Zalo)",
            safe=_inset(1080, 1080, 0),
            circle=True,
        ),
        Size(
            "fb-cover",
            1640,
            924,
            "Facebook page cover",
            # Desktop shows the middle 1640x624; mobile the middle 16:9. Both keep this band.
            safe=Box(150, 170, 1340, 584),
            zones=(
                Zone("desktop crop (top)", Box(0, 0, 1640, 150)),
                Zone("desktop crop (bottom)", Box(0, 774, 1640, 150)),
                Zone("profile picture (mobile)", Box(620, 774, 400, 150)),
            ),
        ),
        Size(
            "fb-event",
            1920,
            1005,
            "Facebook event cover",
            safe=Box(160, 70, 1600, 865),
            zones=(
                Zone("mobile crop (left)", Box(0, 0, 110, 1005)),
                Zone("mobile crop (right)", Box(1810, 0, 110, 1005)),
            ),
        ),
        Size("fb-post", 1080, 1080, "Facebook and Zalo square feed post", safe=_inset(1080, 1080, 64)),
        Size(
            "fb-portrait",
            1080,
            1350,
            "Facebook 4:5 feed post and carousel page",
            safe=_inset(1080, 1350, 64),
            # The feed shows it whole; profile grids crop their thumbnails to the middle square.
            zones=(
                Zone("grid thumbnail crop (top)", Box(0, 0, 1080, 135), soft=True),
                Zone("grid thumbnail crop (bottom)", Box(0, 1215, 1080, 135), soft=True),
            ),
        ),
        Size(
            "story",
            1080,
            1920,
            "Facebook and Zalo story, vertical video",
            safe=Box(64, 250, 952, 1330),
            zones=(
                Zone("profile and progress bar", Box(0, 0, 1080, 250)),
                Zone("reply box and buttons", Box(0, 1580, 1080, 340)),
            ),
        ),
        Size(
            "zalo-cover",
            1920,
            1080,
            "Zalo Official Account cover",
            safe=Box(200, 110, 1520, 740),  # above the avatar and name mobile lays over it
            zones=(Zone("avatar and name (mobile)", Box(0, 860, 620, 220)),),
        ),
        Size(
            "youtube-thumb",
            1280,
            720,
            "YouTube thumbnail (under 2 MB)",
            safe=Box(64, 48, 1152, 584),  # above the video length badge
            zones=(Zone("video length badge", Box(1080, 640, 200, 80)),),
            budget_kb=2000,
        ),
        Size(
            "web-hero",
            1920,
            600,
            "Website header",
            # Narrow screens crop the sides ("cover"): keep the text in the middle 1240 px.
            safe=Box(340, 60, 1240, 480),
            zones=(
                Zone("narrow-screen crop (left)", Box(0, 0, 300, 600)),
                Zone("narrow-screen crop (right)", Box(1620, 0, 300, 600)),
            ),
        ),
        Size(
            "og",
            1200,
            630,
            "Open Graph link preview (Facebook, Zalo, X): og:image of the portal and unit pages",
            safe=_inset(1200, 630, 60, 48),
        ),
        Size("leaderboard", 728, 90, "IAB leaderboard", safe=_inset(728, 90, 8, 6), budget_kb=150),
        Size("rectangle", 300, 250, "IAB medium rectangle", safe=_inset(300, 250, 12), budget_kb=150),
        Size("billboard", 970, 250, "IAB billboard", safe=_inset(970, 250, 16), budget_kb=250),
        Size("mobile-banner", 320, 50, "IAB mobile banner", safe=_inset(320, 50, 5, 4), budget_kb=50),
        Size("skyscraper", 160, 600, "IAB wide skyscraper", safe=_inset(160, 600, 10), budget_kb=150),
        Size("half-page", 300, 600, "IAB half page", safe=_inset(300, 600, 12), budget_kb=150),
    )
}


def get_size(name: str) -> Size:
    try:
        return SIZES[name]
    except KeyError:
        raise KeyError(f'unknown size "{name}" (known: {", ".join(SIZES)})') from None
