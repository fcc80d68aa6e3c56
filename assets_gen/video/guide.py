"""How-to videos: one scene per step of a guide from the kit's content folder.

A title scene, then each step on a light card (its number, icon, title and text), then
the call to action. Each holds still long enough to read at a relaxed pace; the first
frame already shows the logo and the guide's title (it is the thumbnail feeds show). A
progress bar on the card fills one segment per step, so viewers know how far along they
are.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from assets_gen.brand.guides import Guide, Step
from assets_gen.brand.model import Kit
from assets_gen.layout import drawn, shapes
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import TextBlock, TextStyle, plain
from assets_gen.video.compose import Reveal
from assets_gen.video.formats import Aspect
from assets_gen.video.layers import Layer, icon_layer, panel_layer
from assets_gen.video.stage import (
    CTA_HEADING,
    Stage,
    Video,
    body_box,
    call_to_action,
    corner_logo,
    fit,
    hashtag,
    red_background,
    stack,
    text_style,
)
from assets_gen.video.timeline import (
    CARD_OUT,
    EXIT,
    HANDOFF,
    Motion,
    ease_in_out_cubic,
    ease_out_back,
)

TITLE_MIN = 4.2
CTA_SCENE = 5.0
READING_SPEED = 3.0
"""Syllables a viewer reads per second, unhurried (Vietnamese words are syllables)."""
STEP_EXTRA = 1.8
"""Seconds added to each step for its entrance and a glance at the icon."""
STEP_MIN, STEP_MAX = 5.0, 11.0

QUICK_EXIT = Motion(0.35, dy=-16, ease=EXIT.ease)
PILL = 26  # the step label's pill is this much taller than its text


def step_seconds(step: Step) -> float:
    """How long a step stays: long enough to read its title and text twice as fast
    as a slow reader, never a rush."""
    return reading_seconds(f"{step.title} {step.text}", STEP_MIN)


def title_seconds(guide: Guide) -> float:
    """How long the title scene stays: its title and intro read at the steps' pace."""
    return reading_seconds(f"{guide.title} {guide.intro or ''}", TITLE_MIN)


def reading_seconds(text: str, least: float) -> float:
    syllables = len(text.split())
    return min(max(STEP_EXTRA + syllables / READING_SPEED, least), STEP_MAX)


@dataclass(frozen=True)
class StepTimes:
    start: float
    end: float


def schedule(guide: Guide) -> tuple[list[StepTimes], float]:
    """Start and end of each step, and the video's total length."""
    times, t = [], title_seconds(guide)
    for step in guide.steps:
        d = step_seconds(step)
        times.append(StepTimes(t, t + d))
        t += d
    return times, t + CTA_SCENE


def build_guide(kit: Kit, aspect: Aspect, guide: Guide) -> Video:
    stage = Stage(kit, aspect)
    times, duration = schedule(guide)
    steps_end = times[-1].end
    # The logo, the hashtag and the title are there from the first frame (the thumbnail).
    corner_logo(stage, 0.0, None, enter=None)
    hashtag(stage, 0.0, None, enter=None)
    body = body_box(aspect)
    # One card slides up over the title and stays to the end: each step hands over to
    # the next on it, then to the call to action.
    card_in = times[0].start - 0.5
    _title_scene(stage, guide, body, 0.0, card_in)
    card = _card_box(aspect, body)
    stage.card(card, card_in, None)
    inner = card.inset(*((96, 72) if aspect.wide else (56, 56)))
    bar, content = _progress_box(inner)
    _progress(stage, bar, card_in + 0.6, times, steps_end + 0.2)
    # Steps share a layout: each part of a step gives way to the same part of the next.
    # The call to action is laid out otherwise: it waits until the last step has gone.
    starts = [span.start + 0.1 for span in times] + [steps_end]
    for i, step in enumerate(guide.steps):
        _step(stage, step, i + 1, len(guide.steps), content, starts[i], starts[i + 1])
    call_to_action(stage, card, steps_end + 0.35, None, CTA_HEADING)
    return Video(
        aspect,
        red_background(kit, aspect),
        stage.elements,
        duration,
        card_in - 0.1,
        guide_alt(kit, guide),
        (card_in, *starts[1:]),
    )


def _card_box(aspect: Aspect, body: Box) -> Box:
    if aspect.wide:
        return body.inset(body.w * 0.02, 0)
    return body


def _progress_box(inner: Box) -> tuple[Box, Box]:
    bar = Box(inner.x, inner.y, inner.w, 12)
    content = Box(inner.x, inner.y + 12 + 40, inner.w, inner.h - 52)
    return bar, content


def _title_scene(stage: Stage, guide: Guide, body: Box, start: float, end: float) -> None:
    """The "Hướng dẫn" pill and the guide's title, already in place at `start`, and its
    intro rising under them, until the card rising from below from `end` on has covered
    them."""
    kit, aspect = stage.kit, stage.aspect
    c, f = kit.colors, kit.fonts
    region = body.inset(body.w * (0.02 if not aspect.wide else 0.1), body.h * 0.04)
    title_style = text_style(
        f.display,
        104 if aspect.tall else 92 if not aspect.wide else 100,
        4 if aspect.tall else 3,
        "center",
        1.08,
    )
    intro_style = text_style(f.body, 46 if aspect.tall else 40, 3, "center", 1.3)
    label_style = TextStyle(f.heading, max_size=34, min_size=18, max_lines=1, upper=True)
    title = fit(aspect, guide.title, region, title_style, "title")
    intro = fit(aspect, guide.intro, region, intro_style, "intro") if guide.intro else None
    label_h = max(40, round(aspect.min_text * 1.2))
    label = fit(aspect, "Hướng dẫn", Box(0, 0, region.w, label_h), label_style, "guide label")
    pill_h = max(64, label.height + 28)
    heights = [pill_h, title.height] + ([intro.height] if intro else [])
    boxes = stack(heights, region, [48, 44])
    pill_w = label.width + 64
    pill = Box(region.cx - pill_w / 2, boxes[0].y, pill_w, pill_h)
    leave = end + 0.6
    stage.cue(panel_layer(pill, pill_h / 2, c.accent), start, leave, None)
    stage.lines(label, pill, c.on_accent, start, leave, stagger=0, enter=None)
    stage.lines(title, boxes[1], c.on_primary, start, leave, stagger=0, enter=None)
    if intro:
        stage.lines(intro, boxes[2], c.on_primary, start + 0.3, leave, stagger=0.1)


def _progress(stage: Stage, bar: Box, start: float, times: list[StepTimes], end: float) -> None:
    """One segment per step: a pale track, filled in red when its step begins."""
    c = stage.kit.colors
    n = len(times)
    gap = 14
    segments = bar.split_h(*([1] * n), gap=gap)
    track = c.light.mix(c.dark, 0.14)
    for seg, span in zip(segments, times, strict=True):
        stage.cue(panel_layer(seg, bar.h / 2, track), start, end, Motion(0.5), CARD_OUT)
        fill = panel_layer(seg, bar.h / 2, c.primary)
        stage.add(Reveal(fill, span.start + 0.2, 0.8, end, ease_in_out_cubic, exit=CARD_OUT))


def _badge(kit: Kit, step: Step, number: int, radius: int) -> tuple[Image.Image, int, int]:
    """The step's icon, white on a blue disc, with its number on a red disc at the top
    right; returns the image and where the blue disc's centre lies in it."""
    c, f = kit.colors, kit.fonts
    small = round(radius * 0.42)
    size = 2 * radius + small
    cx = cy = radius + small // 2
    image = Image.new("RGBA", (size + small // 2, size), (0, 0, 0, 0))
    w, h = image.size
    image.alpha_composite(
        shapes.fill_layer((w, h), c.secondary, shapes.disc_mask(w, h, cx, cy + small // 2, radius))
    )
    icon = icon_layer(step.icon, round(radius * 1.0), c.on_secondary)
    image.alpha_composite(icon.image, (cx - icon.width // 2, cy + small // 2 - icon.height // 2))
    bx, by = cx + round(radius * 0.72), cy + small // 2 - round(radius * 0.72)
    ring = shapes.fill_layer((w, h), c.light, shapes.disc_mask(w, h, bx, by, small + 6))
    image.alpha_composite(ring)
    image.alpha_composite(shapes.fill_layer((w, h), c.primary, shapes.disc_mask(w, h, bx, by, small)))
    from PIL import ImageDraw

    from assets_gen.layout.text import pil_font

    font = pil_font(f.display, round(small * 1.15))
    drawn.record("step number", font.size, (str(number),))
    ImageDraw.Draw(image).text((bx, by), str(number), font=font, fill=c.on_primary.rgba(), anchor="mm")
    return image, cx, cy + small // 2


@dataclass(frozen=True)
class StepLook:
    """Sizes of a step scene in one aspect: badge radius and text sizes in px."""

    radius: int
    title: int
    text: int
    label: int
    title_lines: int
    text_lines: int
    align: str


STEP_LOOKS = {
    # 16:9: the badge on the left, the words in a column on the right.
    "wide": StepLook(170, 84, 52, 32, 2, 5, "left"),
    # 9:16: everything stacked and centred, large.
    "tall": StepLook(150, 84, 54, 40, 3, 7, "center"),
    # 1:1: the badge beside the label and title, the text across the card below.
    "square": StepLook(104, 64, 46, 32, 2, 5, "left"),
}


def _step(stage: Stage, step: Step, number: int, total: int, box: Box, start: float, end: float) -> None:
    """One step on the card from `start`; the next scene starts entering at `end`."""
    kit, aspect = stage.kit, stage.aspect
    f = kit.fonts
    look = STEP_LOOKS["wide" if aspect.wide else "tall" if aspect.tall else "square"]
    badge, bx, by = _badge(kit, step, number, look.radius)
    words = box
    if aspect.wide:
        left, words = box.split_h(2, 3, gap=72)
        badge_at = (left.cx - bx, left.cy - by)
    elif not aspect.tall:
        words = Box(box.x + badge.width + 40, box.y, box.w - badge.width - 40, badge.height)
    label = fit(
        aspect,
        f"Bước {number}/{total}",
        Box(0, 0, words.w, 60),
        text_style(f.heading, look.label, 1, look.align),
        "step label",
    )
    title = fit(
        aspect,
        step.title,
        words,
        text_style(f.display, look.title, look.title_lines, look.align, 1.1),
        f"steps[{number - 1}].title",
    )
    text_box = box if not aspect.wide else words
    if not aspect.wide and not aspect.tall:
        text_box = Box(box.x, 0, box.w, box.h - badge.height - 48)
    text = fit(
        aspect,
        step.text,
        text_box,
        text_style(f.body, look.text, look.text_lines, look.align, 1.32),
        f"steps[{number - 1}].text",
    )
    head = [label.height + PILL, title.height]
    if aspect.wide:
        label_box, title_box, text_box = stack([*head, text.height], words, [24, 32])
    elif aspect.tall:
        badge_box, label_box, title_box, text_box = stack(
            [badge.height, *head, text.height], box, [44, 28, 40]
        )
        badge_at = (box.cx - bx, badge_box.y)
    else:
        top, text_box = stack([badge.height, text.height], box, [48])
        label_box, title_box = stack(head, Box(words.x, top.y, words.w, top.h), [18])
        badge_at = (box.x, top.y)
    # Each part leaves as its counterpart in the next scene (starting at `end`) enters.
    stage.cue(
        Layer.of(badge, round(badge_at[0]), round(badge_at[1])),
        start,
        end + HANDOFF,
        Motion(0.7, scale=0.6, ease=ease_out_back),
        QUICK_EXIT,
    )
    _label(stage, label, label_box, start + 0.15, end + 0.15 + HANDOFF, look.align)
    ink = kit.colors.on_light
    stage.lines(title, title_box, ink, start + 0.25, end + 0.25 + HANDOFF, exit=QUICK_EXIT)
    stage.lines(text, text_box, ink, start + 0.45, end + 0.45 + HANDOFF, stagger=0.07, exit=QUICK_EXIT)


def _label(stage: Stage, block: TextBlock, box: Box, start: float, end: float, align: str) -> None:
    """The step's "Bước 2/5", white on a red pill."""
    c = stage.kit.colors
    pad = 22
    h = block.height + PILL
    w = block.width + 2 * pad
    x = box.x if align == "left" else box.cx - w / 2
    pill = Box(x, box.cy - h / 2, w, h)
    stage.cue(panel_layer(pill, h / 2, c.primary), start, end, Motion(0.5, dx=-20), QUICK_EXIT)
    stage.lines(block, pill.inset(pad, 0), c.on_primary, start + 0.05, end, exit=QUICK_EXIT)


def guide_alt(kit: Kit, guide: Guide) -> str:
    steps = "; ".join(f"bước {i}: {s.title} – {s.text}" for i, s in enumerate(guide.steps, 1))
    return (
        f"Video hướng dẫn “{guide.title}” của chiến dịch “{plain(kit.campaign.name)}”: {steps}. "
        f"Cuối video: mã QR tới {kit.links.website} và đường dây nóng {kit.links.hotline}."
    )
