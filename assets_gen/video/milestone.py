"""The milestone video: 8 seconds, 1:1 and 9:16, the card's content paced for reading.

  0.0  the corner logo; "Phong trào đã cán mốc" rises
  0.35 the number counts up and lands at 1.65, in gold; "sáng kiến" and the date follow
  0.95 the three units that gave the most that day, one line each (all still by 1.95)
  4.25 everything leaves; the end card (logo, tagline, web address) is still from 5.45

Holds (tests/test_milestone_video.py): the number 1.65-3.85 s, the leaders 1.95-3.73 s
(at least 1.5 s each), the end card 5.45-8.0 s (at least 2.5 s).
"""

from __future__ import annotations

from assets_gen.brand.model import Kit
from assets_gen.brand.stats import format_date, format_number
from assets_gen.layout.text import TextStyle
from assets_gen.render.avatar import plain
from assets_gen.render.milestone import Milestone
from assets_gen.video.compose import Counter, Move
from assets_gen.video.formats import Aspect
from assets_gen.video.layers import digit_set, digits_width
from assets_gen.video.stage import (
    Stage,
    Video,
    body_box,
    corner_logo,
    fit,
    logo_big,
    red_background,
    stack,
)
from assets_gen.video.timeline import EXIT, Motion, ease_out_back, ease_out_quint

DURATION = 8.0
SCENE, END = 0.2, 4.25
MIN_TEXT = 34
"""Smallest type in a 1080-wide video: a little larger than on cards (it moves)."""


def build_milestone(kit: Kit, aspect: Aspect, ms: Milestone) -> Video:
    """The milestone video's recipe for one aspect."""
    from assets_gen.video.intro import _end_card

    stage = Stage(kit, aspect)
    c, f = kit.colors, kit.fonts
    tall = aspect.tall
    corner_logo(stage, 0.0, END + 0.2)
    body = body_box(aspect)
    region = body.inset(body.w * 0.04, 0)
    kicker = fit(
        aspect,
        "Phong trào đã cán mốc",
        region,
        TextStyle(f.heading, max_size=72 if tall else 60, min_size=MIN_TEXT),
        "milestone kicker",
    )
    final = format_number(ms.number)
    size = 250 if tall else 210
    while digits_width(f.display, size, final) > region.w and size > 80:
        size -= 6
    digits = digit_set(f.display, size, c.accent)
    number_h = digits.digits[0].height
    label = fit(
        aspect,
        f"sáng kiến · ngày {format_date(ms.day)}",
        region,
        TextStyle(f.medium, max_size=56 if tall else 46, min_size=MIN_TEXT),
        "milestone date",
    )
    leaders = None
    if ms.top:
        names = "\n".join(f"{i + 1}. {x.short_name}  +{format_number(x.added)}" for i, x in enumerate(ms.top))
        leaders = fit(
            aspect,
            f"Dẫn đầu ngày {ms.day:%d/%m}:\n{names}",
            region,
            TextStyle(f.medium, max_size=46 if tall else 38, min_size=MIN_TEXT, max_lines=4, line_height=1.3),
            "milestone leaders",
        )
    heights = [kicker.height, number_h, label.height] + ([leaders.height] if leaders else [])
    gaps = [48, 44, 72] if tall else [32, 30, 44]
    boxes = stack(heights, region, gaps[: len(heights) - 1])
    leave = END
    stage.lines(kicker, boxes[0], c.on_primary, SCENE, leave)
    stage.add(
        Counter(
            digits,
            ms.number,
            round(region.cx),
            round(boxes[1].y - digits.digits[0].oy),
            SCENE + 0.15,
            1.3,
            leave,
            ease_out_quint,
            Motion(0.6, dy=40),
            EXIT,
        )
    )
    stage.lines(label, boxes[2], c.on_primary, SCENE + 0.6, leave)
    if leaders:
        stage.lines(leaders, boxes[3], c.on_primary, SCENE + 0.75, leave, stagger=0.1)
    logo, logo_box = logo_big(kit, aspect)
    dx, dy, scale = _end_card(stage, None, logo_box, END + 0.1)
    cue = stage.cue(logo, END, None, Motion(0.8, scale=0.8, ease=ease_out_back), None)
    cue.moves = (Move(0.0, 0.001, dx, dy, scale),)  # already at its end-card place
    return Video(
        aspect, red_background(kit, aspect), stage.elements, DURATION, 3.0, milestone_video_alt(kit, ms)
    )


def milestone_video_alt(kit: Kit, ms: Milestone) -> str:
    leaders = ", ".join(f"{plain(x.name)} ({format_number(x.added)})" for x in ms.top)
    lead = f"; dẫn đầu ngày này: {leaders}" if leaders else ""
    return (
        f"Video chúc mừng chiến dịch “{plain(kit.campaign.name)}” cán mốc {format_number(ms.number)} "
        f"sáng kiến ngày {format_date(ms.day)}{lead}; kết thúc với khẩu hiệu "
        f"“{plain(kit.campaign.tagline)}” và {kit.links.website}."
    )


__all__ = ["DURATION", "build_milestone", "milestone_video_alt"]
