"""The campaign's intro video: logo, the two slogans, the counter, the call to action,
the end card. 22 seconds; every message is on screen as text (feeds play muted).

Paced for reading: each scene moves in, then holds perfectly still while it is read
(the picture does not change at all), then moves on. Scenes, in design seconds (each
starts while the one before leaves: there is never an empty frame between them), with
the still hold that follows their entrance (measured on the decoded 9:16 file, the
slowest layout to enter):
  0.0  the logo, already on the first frame (the thumbnail feeds show), organisation
       (or unit) beneath; hold 1.7 s; the logo then flies to the corner
  2.9  the slogan rises, line by line, as the logo clears the middle; hold 1.8 s
  6.15 the counter: initiatives so far (from the stats) or the goal; hold 2 s (1.7 s
       for the goal, which glides to the middle as it gains its seventh digit)
  9.45 a light card slides up over the counter, with the tagline and the hashtag;
       hold 1.8 s
 13.0  the card grows into the call to action: QR code, web address, hotline; hold 3.3 s
 18.25 the card falls away as the logo returns to the middle for the end card, which
       holds to the end (2.7 s)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from assets_gen.brand.model import Kit
from assets_gen.brand.stats import format_date, format_number, format_percent, read_stats
from assets_gen.brand.units import Unit
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import TextBlock, TextStyle, pil_font, plain
from assets_gen.video.compose import Counter, Move, Reveal
from assets_gen.video.formats import Aspect
from assets_gen.video.layers import Layer, digit_set, digits_width, panel_layer, sparkle_layer
from assets_gen.video.stage import (
    CTA_HEADING,
    Stage,
    Video,
    body_box,
    call_to_action,
    corner_logo_target,
    fit,
    hashtag,
    logo_big,
    red_background,
    stack,
    text_style,
)
from assets_gen.video.timeline import (
    EXIT,
    HANDOFF,
    Motion,
    ease_out_back,
    ease_out_cubic,
    ease_out_quint,
)

DURATION = 22.0
LOGO, SLOGAN, COUNTER, TAGLINE, CTA, END = 0.0, 2.9, 6.15, 9.45, 13.0, 18.25
SETTLE = Motion(0.9, scale=0.94, fade=False, ease=ease_out_cubic)
"""The opening logo's entrance: whole and opaque from the first frame (the thumbnail),
it only settles to its size."""
KEYFRAMES = (SLOGAN - 0.4, COUNTER - 0.3, TAGLINE, CTA - 0.5, END - 0.8)
"""Moments where one scene starts to leave (the encoder's full pictures go there)."""
COUNT_FOR = 1.2
"""Seconds the counter takes to count up (then it stands still to be read)."""


@dataclass(frozen=True)
class Count:
    """What the counter shows: a number and the words around it."""

    value: int
    above: str
    below: str
    progress: float | None = None
    """Share of the goal reached, when counting real data (drawn as a bar)."""
    caption: tuple[str, ...] = ()
    """Under the bar: the share of the goal, and the date of the data."""


def campaign_count(kit: Kit) -> Count:
    """The running total from the stats file, or the goal when there is no data."""
    goal = kit.campaign.goal
    if kit.data.stats is not None:
        stats = read_stats(kit.data.stats)
        day = stats.days[-1]
        total = stats.total(day)
        progress = min(total / goal, 1.0)
        return Count(
            total,
            "Đã có",
            "sáng kiến gửi về chương\u00a0trình",
            progress,
            (f"{format_percent(progress)} mục tiêu {format_number(goal)}", f"cập nhật {format_date(day)}"),
        )
    return Count(goal, "Mục tiêu", "sáng kiến của người lao động cả nước")


def build_intro(kit: Kit, aspect: Aspect, unit: Unit | None = None, count: Count | None = None) -> Video:
    """The intro's recipe for one aspect (layers rendered once, cues on the timeline)."""
    count = count or campaign_count(kit)
    stage = Stage(kit, aspect)
    logo, logo_box = _opening(stage, unit)
    hashtag(stage, SLOGAN + 0.2, END - 0.2)
    body = body_box(aspect)
    _slogan(stage, body)
    _counter(stage, count, body, COUNTER - 0.05, TAGLINE)
    # One light card carries the tagline, then grows into the call to action.
    tagline_box, cta_box = _tagline_card_box(aspect, body), _cta_card_box(aspect, body)
    stage.card(tagline_box, TAGLINE, END + 0.1, ((CTA - 0.35, 0.6, cta_box),))
    _tagline(stage, tagline_box)
    call_to_action(stage, cta_box, CTA, END - 0.5, CTA_HEADING)
    end_dx, end_dy, end_scale = _end_card(stage, unit, logo_box, END + 0.1)
    # The logo enters, flies to the corner for the middle scenes and returns for the end
    # card, where the end card's layout decides its place and size. It is drawn last,
    # above the slogan rising under it as it flies to the corner.
    logo_cue = stage.cue(logo, LOGO, None, SETTLE, None)
    dx, dy, scale = corner_logo_target(aspect, logo_box)
    logo_cue.moves = (
        Move(SLOGAN - 0.35, 0.75, dx, dy, scale),
        Move(END - 0.35, 0.8, end_dx - dx, end_dy - dy, end_scale / scale),
    )
    alt = intro_alt(kit, unit, count)
    return Video(
        aspect, red_background(kit, aspect), stage.elements, DURATION, DURATION - 0.05, alt, KEYFRAMES
    )


def _opening(stage: Stage, unit: Unit | None) -> tuple[Layer, Box]:
    """Sparks around the logo, a gold rule and the organisation (or the unit) below it,
    centred together in the safe area; returns the logo's layer and box."""
    kit, aspect = stage.kit, stage.aspect
    c, f, safe = kit.colors, kit.fonts, aspect.safe
    logo, logo_box = logo_big(kit, aspect)
    below = Box(safe.x + safe.w * 0.08, 0, safe.w * 0.84, 150 if aspect.tall else 120)
    if unit:
        size = 54 if aspect.tall else 46 if not aspect.wide else 44
        style = TextStyle(f.heading, max_size=size, min_size=24, max_lines=2, line_height=1.15)
        block = fit(aspect, unit.name, below, style, "unit name")
    else:
        # The organisation is a signature, not a headline: one line, well below the logo.
        style = TextStyle(f.heading, max_size=40 if not aspect.wide else 42, min_size=24, upper=True)
        block = fit(aspect, kit.campaign.organisation, below, style, "campaign.organisation")
    rule_gap, text_gap = (56, 40) if aspect.tall else (44, 34)
    group = logo_box.h + rule_gap + 8 + text_gap + block.height
    shift = round(safe.cy - group / 2 - logo_box.y)
    logo, logo_box = logo.shifted(0, shift), Box(logo_box.x, logo_box.y + shift, logo_box.w, logo_box.h)
    for i, (sx, sy, size) in enumerate(((-0.47, -0.38, 54), (0.5, -0.46, 36), (0.55, 0.06, 44))):
        spark = sparkle_layer(logo_box.cx + sx * logo_box.w, logo_box.cy + sy * logo_box.h, size, c.accent)
        pop = Motion(0.6, scale=0.2, ease=ease_out_back)
        stage.cue(spark, 0.15 + 0.1 * i, SLOGAN + 0.05 * i, pop)
    rule_y = logo_box.bottom + rule_gap
    rule = panel_layer(Box(safe.cx - 60, rule_y, 120, 8), 4, c.accent)
    stage.add(Reveal(rule, 0.2, 0.6, SLOGAN, ease_out_cubic, from_center=True, exit=EXIT))
    text_box = Box(below.x, rule_y + 8 + text_gap, below.w, block.height)
    stage.lines(block, text_box, c.on_primary, 0.25, SLOGAN + HANDOFF)
    return logo, logo_box


def _slogan(stage: Stage, body: Box) -> None:
    """The slogan in capitals, line by line, over a gold rule that draws itself."""
    kit, aspect = stage.kit, stage.aspect
    c, tall, wide = kit.colors, aspect.tall, aspect.wide
    region = body.inset(body.w * (0.02 if not wide else 0.08), body.h * (0.12 if tall else 0.08))
    style = TextStyle(
        kit.fonts.display,
        max_size=160 if tall else 112 if not wide else 128,
        min_size=48,
        max_lines=4 if tall else 2,
        line_height=1.08,
        upper=True,
    )
    slogan = fit(aspect, kit.campaign.slogan, region.inset(0, 50), style, "campaign.slogan")
    text_box, rule_box = stack([slogan.height, 12], region, [56])
    enter = Motion(0.7, dy=60)
    # The lines leave top first, one by one, each gone as the counter's line at its place
    # arrives.
    end = COUNTER + 0.1
    ink = stage.lines(
        slogan, text_box, c.on_primary, SLOGAN + 0.05, end, stagger=0.12, enter=enter, exit_stagger=0.08
    )
    rule = panel_layer(Box(ink.cx - 90, rule_box.y, 180, 12), 6, c.accent)
    stage.add(Reveal(rule, SLOGAN + 0.4, 0.7, end + 0.1, ease_out_cubic, from_center=True, exit=EXIT))


def _tagline(stage: Stage, card: Box) -> None:
    """The tagline on the light card `card`, with the hashtag on a red pill."""
    kit, aspect = stage.kit, stage.aspect
    c, tall, wide = kit.colors, aspect.tall, aspect.wide
    inner = card.inset(card.w * 0.08, card.h * 0.14)
    style = TextStyle(
        kit.fonts.display,
        max_size=120 if tall or wide else 96,
        min_size=40,
        max_lines=3 if not wide else 2,
        line_height=1.1,
    )
    tagline = fit(aspect, kit.campaign.tagline, inner.inset(0, 40), style, "campaign.tagline")
    pill_h = max(64 if not wide else 72, 2 * aspect.min_text)  # its text is half its height
    text_box, pill_box = stack([tagline.height, pill_h], inner, [48])
    # The card rises first: the words follow as it lands.
    # The words leave as the card grows; the call to action's take their places.
    stage.lines(tagline, text_box, c.on_light, TAGLINE + 0.4, CTA, stagger=0.12, exit_stagger=0.1)
    _pill(stage, kit.campaign.hashtag, pill_box, TAGLINE + 0.65, CTA + HANDOFF)


def _tagline_card_box(aspect: Aspect, body: Box) -> Box:
    if aspect.wide:
        return body.inset(body.w * 0.08, body.h * 0.1)
    if aspect.tall:
        return body.inset(0, body.h * 0.12)
    return body.inset(0, body.h * 0.1)


def _cta_card_box(aspect: Aspect, body: Box) -> Box:
    if aspect.wide:
        return body.inset(body.w * 0.04, 0).inset(0, 10)
    if aspect.tall:
        return body.inset(0, body.h * 0.04)
    return Box(body.x, body.y + 10, body.w, body.h - 10)


def _pill(stage: Stage, text: str, box: Box, start: float, end: float) -> None:
    """The hashtag on a red pill (white on red: the kit's own pair)."""
    kit, aspect = stage.kit, stage.aspect
    style = TextStyle(kit.fonts.heading, max_size=round(box.h * 0.5), min_size=18, max_lines=1)
    block = fit(aspect, text, Box(0, 0, box.w - box.h, box.h * 0.62), style, "campaign.hashtag")
    width = block.width + box.h
    pill = Box(box.cx - width / 2, box.y, width, box.h)
    stage.cue(
        panel_layer(pill, box.h / 2, kit.colors.primary),
        start,
        end,
        Motion(0.6, scale=0.7, ease=ease_out_back),
    )
    stage.lines(block, pill, kit.colors.on_primary, start + 0.1, end)


def _counter(stage: Stage, count: Count, body: Box, start: float, end: float) -> None:
    """The label, the number counting up, what it counts and, with real data, a bar of
    the share of the goal with its legend under the bar's two ends. All stays until the
    next scene's card, rising from below, has covered it (from `end` on)."""
    kit, aspect = stage.kit, stage.aspect
    c, f = kit.colors, kit.fonts
    wide, tall = aspect.wide, aspect.tall
    region = body.inset(body.w * (0.04 if not wide else 0.14), 0)
    above_style = TextStyle(
        f.heading, max_size=84 if tall else 64 if not wide else 72, min_size=28, max_lines=1
    )
    below_style = TextStyle(
        f.medium, max_size=52 if tall or wide else 44, min_size=22, max_lines=2, line_height=1.2
    )
    above = fit(aspect, count.above, region, above_style, "counter label")
    below = fit(aspect, count.below, region, below_style, "counter label")
    # The number: as large as the final value fits, in fixed digit cells.
    final = format_number(count.value)
    size = 260 if tall else 230 if not wide else 250
    while digits_width(f.display, size, final) > region.w and size > 60:
        size -= 6
    digits = digit_set(f.display, size, c.on_primary)
    number_h = digits.digits[0].height  # ink height of a digit
    width = digits.width(final)
    bar_h = 30 if count.progress is not None else 0
    # The bar is as wide as the number, and as its legend needs at its size (the floor
    # of a 1920 px frame is 50 px).
    legend_size = max(36 if not tall else 38, aspect.min_text)
    font = pil_font(f.body, legend_size)
    need = sum(font.getlength(part) for part in count.caption) + legend_gap(legend_size) + 8
    bar_w = min(region.w, max(width, 600, need))
    legend = _legend(stage, count.caption, bar_w, legend_size) if bar_h else ()
    heights = [above.height, number_h, below.height] + ([bar_h] if bar_h else [])
    gaps = [56, 60, 64, 26] if tall else [44, 48, 44, 24]
    if legend:
        heights.append(max(block.height for block in legend))
    boxes = stack(heights, region, gaps[: len(heights) - 1])
    leave = end + 0.6
    stage.lines(above, boxes[0], c.on_primary, start + 0.05, leave)
    top = round(boxes[1].y - digits.digits[0].oy)
    stage.add(
        Counter(
            digits,
            count.value,
            round(region.cx),
            top,
            start + 0.15,
            COUNT_FOR,
            leave,
            ease_out_quint,
            Motion(0.6, dy=40),
            EXIT,
            glide=0.4,
        )
    )
    stage.lines(below, boxes[2], c.on_primary, start + 0.35, leave)
    if count.progress is not None:
        track = Box(region.cx - bar_w / 2, boxes[3].y, bar_w, bar_h)
        stage.cue(panel_layer(track, bar_h / 2, c.primary_dark), start + 0.4, leave, Motion(0.5))
        fill_w = max(bar_h, round(bar_w * count.progress))
        fill = panel_layer(Box(track.x, track.y, fill_w, bar_h), bar_h / 2, c.accent)
        stage.add(Reveal(fill, start + 0.5, COUNT_FOR, leave, ease_out_quint, exit=EXIT))
        row = Box(track.x, boxes[-1].y, track.w, boxes[-1].h)
        for i, block in enumerate(legend):
            stage.lines(block, row, c.on_primary, start + 0.6 + 0.1 * i, leave)


def legend_gap(size: int) -> float:
    """The least room between the legend's two parts: they read as two, not one line."""
    return max(32.0, size * 1.5)


def _legend(stage: Stage, parts: tuple[str, ...], width: float, size: int) -> tuple[TextBlock, ...]:
    """The bar's legend: the share of the goal under its left end, the date of the data
    under its right end, at one size. Each part has room in proportion to its length."""
    if len(parts) != 2:
        return ()
    font, aspect = stage.kit.fonts.body, stage.aspect
    lengths = [pil_font(font, size).getlength(text) for text in parts]
    room = width - legend_gap(size)
    boxes = [Box(0, 0, room * n / sum(lengths), size * 2) for n in lengths]
    blocks = [
        fit(aspect, text, box, TextStyle(font, max_size=size, min_size=20, align=align), "counter caption")
        for text, box, align in zip(parts, boxes, ("left", "right"), strict=True)
    ]
    size = min(block.size for block in blocks)
    return tuple(
        fit(aspect, text, box, replace(block.style, max_size=size, min_size=size), "counter caption")
        for text, box, block in zip(parts, boxes, blocks, strict=True)
    )


def _end_card(stage: Stage, unit: Unit | None, logo: Box, start: float) -> tuple[float, float, float]:
    """The logo with, under it, the tagline, the unit, a gold rule, the web address and
    hashtag, centred together; returns the (dx, dy, scale) taking the hero logo there."""
    kit, aspect = stage.kit, stage.aspect
    c, f = kit.colors, kit.fonts
    safe = aspect.safe
    box = Box(safe.x + safe.w * 0.06, safe.y, safe.w * 0.88, safe.h)
    big = 64 if aspect.tall else 56 if not aspect.wide else 54
    tagline = fit(
        aspect, kit.campaign.tagline, box, text_style(f.heading, big, 2, "center", 1.12), "campaign.tagline"
    )
    who = (
        fit(aspect, unit.name, box, text_style(f.medium, 40, 2, "center", 1.15), "unit name")
        if unit
        else None
    )
    contact = f"{kit.links.website}\u00a0\u00a0·\u00a0\u00a0{kit.campaign.hashtag}"
    web = fit(
        aspect, contact, box, text_style(f.body, 36 if not aspect.tall else 40, 1, "center"), "links.website"
    )
    heights = [tagline.height] + ([who.height] if who else []) + [8, web.height]
    gaps = [36] + ([36] if who else []) + [32]
    text_h = sum(heights) + sum(gaps)
    gap = 56 if not aspect.tall else 72
    # The logo shrinks a little when a long unit name needs the room.
    room = safe.h - 80
    scale = max(0.6, min(1.0, (room - text_h - gap) / logo.h))
    group = logo.h * scale + gap + text_h
    top = safe.cy - group / 2
    boxes = iter(stack(heights, Box(box.x, top + logo.h * scale + gap, box.w, text_h), gaps, align="top"))
    stage.lines(tagline, next(boxes), c.on_primary, start, None)
    if who:
        stage.lines(who, next(boxes), c.on_primary, start + 0.12, None)
    rule = next(boxes)
    rule_layer = panel_layer(Box(rule.cx - 60, rule.y, 120, 8), 4, c.accent)
    stage.add(Reveal(rule_layer, start + 0.3, 0.6, None, ease_out_cubic, from_center=True))
    stage.lines(web, next(boxes), c.on_primary, start + 0.4, None)
    return safe.cx - logo.cx, top + logo.h * scale / 2 - logo.cy, scale


def intro_alt(kit: Kit, unit: Unit | None, count: Count) -> str:
    """What the intro shows, in Vietnamese, for the manifest and screen readers."""
    who = f" của {unit.name}" if unit else ""
    number = format_number(count.value)
    counted = (
        f"con số {number} sáng kiến đã gửi về chương trình ({format_percent(count.progress)} mục tiêu)"
        if count.progress is not None
        else f"mục tiêu {number} sáng kiến"
    )
    return (
        f"Video giới thiệu chiến dịch “{plain(kit.campaign.name)}”{who}: logo, khẩu hiệu "
        f"“{plain(kit.campaign.slogan)}”, {counted}, “{plain(kit.campaign.tagline)}”, "
        f"mã QR tới {kit.links.website} và đường dây nóng {kit.links.hotline}."
    )


__all__ = ["DURATION", "Count", "build_intro", "campaign_count", "intro_alt"]
