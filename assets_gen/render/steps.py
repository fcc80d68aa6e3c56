"""How-to guides as cards: a Facebook carousel (fb-portrait pages) and one-image summaries.

A carousel is read page by page on a phone, so each page carries one or two steps with a
large number and a drawn icon, a page counter ("2/5") tells how far along the reader is,
the cover previews the whole path, and the last page gives the portal's QR code and the
hotline so the reader can act at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from assets_gen.brand.guides import Guide, Step
from assets_gen.brand.model import Kit
from assets_gen.layout.geometry import Box
from assets_gen.layout.qr import min_side, view_scale
from assets_gen.layout.text import plain
from assets_gen.render.card import Card, card_icon, stack, style, text_width

CAROUSEL_SIZE = "fb-portrait"
SUMMARY_SIZES = ("fb-post", "story")


@dataclass(frozen=True)
class Page:
    """One carousel page: the cover, one or two steps (by index), or the closing page."""

    kind: str  # "cover", "steps" or "end"
    steps: tuple[int, ...] = ()


def carousel(guide: Guide) -> list[Page]:
    """Cover, then steps two per page (one per page for short guides), then the end page."""
    n = len(guide.steps)
    per_page = 1 if n <= 3 else 2
    chunks = [tuple(range(i, min(i + per_page, n))) for i in range(0, n, per_page)]
    return [Page("cover"), *(Page("steps", c) for c in chunks), Page("end")]


def render_page(kit: Kit, guide: Guide, index: int) -> Card:
    """Page `index` (0-based) of the guide's carousel."""
    pages = carousel(guide)
    page = pages[index]
    card = Card.new(kit, CAROUSEL_SIZE)
    counter = f"{index + 1}/{len(pages)}"
    if page.kind == "cover":
        _cover(card, guide, counter)
    elif page.kind == "steps":
        _steps_page(card, guide, page.steps, counter)
    else:
        _end(card, guide, counter)
    return card


# -- the pieces every page shares ----------------------------------------------------


HEADER_LOGO = 96
"""px: the logo's height in every page's header (one header: nothing moves between swipes)."""


def _header(card: Card, counter: str, logo_height: int = HEADER_LOGO) -> float:
    """Logo at the top left, page counter at the top right; returns the header's bottom.
    Every page draws it the same, so the logo and the counter stay put as the reader swipes."""
    safe, c, f = card.safe, card.kit.colors, card.kit.fonts
    card.logo(Box(safe.x, safe.y, 400, logo_height))
    card.pill(
        safe.right,
        safe.y + (logo_height - 64) / 2,
        counter,
        f.heading,
        64,
        c.accent,
        c.on_accent,
        "page counter",
        "right",
    )
    return safe.y + logo_height


def _footer(card: Card, hint: str | None = None) -> None:
    """Website and hashtag at the bottom left; a swipe hint at the right."""
    safe, kit = card.safe, card.kit
    c, f = kit.colors, kit.fonts
    row = Box(safe.x, safe.bottom - 44, safe.w, 44)
    left = f"{kit.links.website}  ·  {kit.campaign.hashtag}"
    card.text(row, left, style(f.medium, 30, 22, valign="middle"), c.on_primary, "footer")
    if hint:
        hint_style = style(f.heading, 30, 22, align="right", valign="middle")
        card.text(Box(row.right - 380, row.y, 330, row.h), hint, hint_style, c.on_primary, "swipe hint")
        _chevron(card, row.right - 18, row.cy, 16)


def _chevron(card: Card, cx: float, cy: float, r: float) -> None:
    """A drawn "›" arrow (not a font glyph): swipe on."""
    from PIL import ImageDraw

    draw = ImageDraw.Draw(card.image)
    w = max(5, round(r * 0.42))
    points = [(cx - r * 0.5, cy - r), (cx + r * 0.5, cy), (cx - r * 0.5, cy + r)]
    draw.line(points, fill=card.kit.colors.accent.rgba(), width=w, joint="curve")


# -- cover ----------------------------------------------------------------------------


def _cover(card: Card, guide: Guide, counter: str) -> None:
    safe, kit = card.safe, card.kit
    c, f = kit.colors, kit.fonts
    top = _header(card, counter)
    y = top + 118
    card.pill(safe.x, y, "HƯỚNG DẪN", f.heading, 60, c.accent, c.on_accent, "kicker")
    y += 60 + 40
    title = card.fit(
        Box(safe.x, y, safe.w, 360),
        guide.title,
        style(f.display, 104, 60, lines=3, line_height=1.12),
        "guide title",
    )
    ink = card.draw(Box(safe.x, y, safe.w, title.height), title, c.on_primary, "guide title")
    y = ink.bottom + 44
    if guide.intro:
        ink = card.text(
            Box(safe.x, y, safe.w * 0.92, 170),
            guide.intro,
            style(f.body, 42, 30, lines=3, line_height=1.35),
            c.on_primary,
            "guide intro",
        )
        y = ink.bottom
    _path_preview(card, guide, Box(safe.x, max(y + 70, safe.bottom - 420), safe.w, 300))
    _footer(card, "Lướt để xem")


def _path_preview(card: Card, guide: Guide, box: Box) -> None:
    """The whole path at a glance: a numbered icon per step on a dotted line."""
    c, f = card.kit.colors, card.kit.fonts
    n = len(guide.steps)
    slot = box.w / n
    r = min(74, slot * 0.4)
    cy = box.y + r + 8
    for i in range(n - 1):  # dots between discs
        x0, x1 = box.x + slot * (i + 0.5) + r + 14, box.x + slot * (i + 1.5) - r - 14
        dots = max(2, int((x1 - x0) // 20))
        for k in range(dots):
            card.disc(x0 + (x1 - x0) * k / max(dots - 1, 1), cy, 4, c.accent)
    label_style = style(f.medium, 28, 18, lines=2, align="center", line_height=1.2)
    label_boxes = [Box(0, 0, slot - 8, 90)] * n
    labels = card.fit_all([s.title for s in guide.steps], label_boxes, label_style, "step title")
    # The labels sit side by side: their first lines share one baseline.
    baseline = cy + r + 22 + max(b.origins[0][1] for b in labels)
    for i, step in enumerate(guide.steps):
        cx = box.x + slot * (i + 0.5)
        card.icon_disc(step.icon, cx, cy, r, c.light, c.primary)
        badge_r = r * 0.42
        bx, by = cx + r * 0.74, cy - r * 0.74
        card.disc(bx, by, badge_r + 4, c.primary)
        card.disc(bx, by, badge_r, c.accent)
        card.text(
            Box(bx - badge_r, by - badge_r, 2 * badge_r, 2 * badge_r),
            str(i + 1),
            style(f.display, round(badge_r * 1.1), 14, align="center", valign="middle"),
            c.on_accent,
            "step number",
        )
        label = labels[i]
        card.draw_on_baseline(cx - label.width / 2, baseline, label, c.on_primary, "step title")


# -- steps ----------------------------------------------------------------------------


def _steps_page(card: Card, guide: Guide, indices: tuple[int, ...], counter: str) -> None:
    safe, kit = card.safe, card.kit
    c, f = kit.colors, kit.fonts
    top = _header(card, counter)
    kicker = Box(safe.x, top + 36, safe.w, 50)
    card.text(kicker, guide.title, style(f.medium, 36, 26, valign="middle"), c.on_primary, "guide title")
    area = Box(safe.x, kicker.bottom + 30, safe.w, safe.bottom - 44 - 36 - kicker.bottom - 30)
    if len(indices) == 1:
        _step_hero(card, guide.steps[indices[0]], indices[0] + 1, area)
    else:
        boxes = area.split_v(*([1] * len(indices)), gap=32)
        for i, box in zip(indices, boxes, strict=True):
            _step_card(card, guide.steps[i], i + 1, box)
    _footer(card, "Lướt tiếp")


def _step_card(card: Card, step: Step, number: int, box: Box) -> None:
    """A cream card with a red spine holding the large number and the drawn icon."""
    c, f = card.kit.colors, card.kit.fonts
    card.panel(box, c.light, radius=40)
    spine = Box(box.x + 14, box.y + 14, 236, box.h - 28)
    card.rect(spine, c.primary, radius=30)
    num_box = Box(spine.x + 10, spine.y + 30, spine.w - 20, spine.h * 0.44)
    number_style = style(f.display, 190, 90, align="center", valign="middle", line_height=1.0)
    card.text(num_box, str(number), number_style, c.on_primary, "step number")
    icon_size = round(min(124, spine.h * 0.3))
    card.icon(step.icon, spine.cx, spine.bottom - spine.h * 0.25, icon_size, c.on_primary)
    inner = Box(spine.right + 48, box.y + 40, box.right - spine.right - 92, box.h - 80)
    _step_words(card, step, inner, title_size=58, text_size=40)


def _step_words(card: Card, step: Step, box: Box, title_size: int, text_size: int) -> None:
    """Title, a gold rule and the sentence, as one group centred in `box`."""
    c, f = card.kit.colors, card.kit.fonts
    title_style = style(f.display, title_size, round(title_size * 0.7), lines=2, line_height=1.12)
    title = card.fit(Box(box.x, box.y, box.w, box.h * 0.4), step.title, title_style, "step title")
    text_style = style(f.body, text_size, round(text_size * 0.7), lines=7, line_height=1.38)
    rule_gap = round(text_size * 1.6)
    room = box.h - title.height - rule_gap
    text = card.fit(Box(box.x, box.y, box.w, room), step.text, text_style, "step text")
    title_ink, _ = stack(
        card, box, [(title, c.on_light, "step title", rule_gap), (text, c.on_light, "step text", 0)]
    )
    card.rect(Box(box.x, title_ink.bottom + rule_gap / 2 - 4.5, 84, 9), c.accent, radius=4.5)


def _step_hero(card: Card, step: Step, number: int, box: Box) -> None:
    """A page with a single step: the same card, turned upright, icon and number large."""
    c, f = card.kit.colors, card.kit.fonts
    card.panel(box, c.light, radius=44)
    band = Box(box.x + 14, box.y + 14, box.w - 28, box.h * 0.42)
    card.rect(band, c.primary, radius=34)
    number_style = style(f.display, 300, 120, align="left", valign="middle", line_height=1.0)
    card.text(
        Box(band.x + 56, band.y + 40, band.w * 0.45, band.h - 80),
        str(number),
        number_style,
        c.on_primary,
        "step number",
    )
    r = min(band.h * 0.34, 150)
    card.icon_disc(step.icon, band.right - 56 - r, band.cy, r, c.light, c.primary)
    inner = Box(box.x + 70, band.bottom + 50, box.w - 140, box.bottom - band.bottom - 100)
    _step_words(card, step, inner, title_size=72, text_size=46)


# -- last page --------------------------------------------------------------------------


def _end(card: Card, guide: Guide, counter: str) -> None:
    safe, kit = card.safe, card.kit
    c, f = kit.colors, kit.fonts
    top = _header(card, counter)
    cta_style = style(f.display, 76, 48, lines=2, align="center", line_height=1.12)
    cta = card.text(Box(safe.x, top + 56, safe.w, 180), guide.cta, cta_style, c.on_primary, "call to action")
    hotline = Box(safe.x, safe.bottom - 44 - 40 - 116, safe.w, 116)
    _hotline(card, hotline)
    qr_side = 440
    panel_h = qr_side + 24 + 86
    panel_y = (cta.bottom + hotline.y) / 2 - panel_h / 2
    panel = Box(safe.cx - (qr_side + 48) / 2, panel_y, qr_side + 48, panel_h)
    card.panel(panel, c.light, radius=40, shadow=0.3)
    card.qr(kit.links.portal, Box(panel.x + 24, panel.y + 24, qr_side, qr_side))
    site = Box(panel.x + 24, panel.y + 24 + qr_side, qr_side, panel.bottom - panel.y - 24 - qr_side - 16)
    site_style = style(f.heading, 42, 26, align="center", valign="middle")
    card.text(site, kit.links.website, site_style, c.on_light, "website")
    _footer(card)


def _hotline(card: Card, box: Box) -> None:
    """A phone icon on a gold disc, "Đường dây nóng" and the number, centred in `box`."""
    kit = card.kit
    c, f = kit.colors, kit.fonts
    label, number = "Đường dây nóng", kit.links.hotline
    r, num_size, gap = box.h * 0.46, round(box.h * 0.56), 28
    width = 2 * r + gap + max(text_width(label, f.medium, 32), text_width(number, f.display, num_size))
    x = box.cx - width / 2
    card.icon_disc(card_icon(kit, "phone"), x + r, box.cy, r, c.accent, c.on_accent)
    words = Box(x + 2 * r + gap, box.y, box.right - x - 2 * r - gap, box.h)
    label_block = card.fit(words, label, style(f.medium, 32, 22), "hotline label")
    number_block = card.fit(words, number, style(f.display, num_size, 36), "hotline")
    stack(
        card,
        words,
        [(label_block, c.on_primary, "hotline label", 14), (number_block, c.on_primary, "hotline", 0)],
    )


# -- single-image summary --------------------------------------------------------------


def render_summary(kit: Kit, guide: Guide, size_name: str) -> Card:
    """All steps on one image (fb-post or story), with the portal's QR code.

    The QR code is as large as a phone needs to scan it from the shrunk image; the step
    sentences come along only where they can be read (the story), the square keeps the
    titles.
    """
    card = Card.new(kit, size_name)
    safe = card.safe
    c, f = kit.colors, kit.fonts
    tall = card.size.height > card.size.width
    # The title beside the logo: the rows need every pixel to keep their text readable.
    logo = card.logo(Box(safe.x, safe.y, 260, 96))
    title_box = Box(logo.right + 36, safe.y, safe.right - logo.right - 36, 120 if tall else 108)
    title_style = style(f.display, 56 if tall else 50, 36, lines=2, valign="middle", line_height=1.1)
    card.text(title_box, guide.title, title_style, c.on_primary, "guide title")
    qr_side = min_side(kit.links.portal, view_scale(card.size.width, card.size.height))
    foot_h = qr_side + 16
    y = title_box.bottom + 28
    panel = Box(safe.x, y, safe.w, safe.bottom - foot_h - (32 if tall else 26) - y)
    card.panel(panel, c.light, radius=40)
    _summary_rows(card, guide, panel.inset(32, 22), tall)
    foot = Box(safe.x, safe.bottom - foot_h, safe.w, foot_h)
    qr_panel = Box(foot.right - foot_h, foot.y, foot_h, foot_h)
    card.rect(qr_panel, c.light, radius=24)
    card.qr(kit.links.portal, qr_panel.inset(8))
    words = Box(foot.x, foot.y, foot.w - foot_h - 40, foot_h)
    gap = 24 if tall else 18
    cta = card.fit(
        Box(words.x, words.y, words.w, words.h * 0.5 - gap / 2),
        guide.cta,
        style(f.heading, 46 if tall else 40, 30, lines=2, line_height=1.15),
        "call to action",
    )
    info = f"{kit.links.website}\nĐường dây nóng {kit.links.hotline}"
    info_block = card.fit(
        Box(words.x, words.y, words.w, words.h * 0.5 - gap / 2),
        info,
        style(f.medium, 34 if tall else 30, 28, lines=2, line_height=1.3),
        "website and hotline",
    )
    stack(
        card,
        words,
        [(cta, c.on_primary, "call to action", gap), (info_block, c.on_primary, "website and hotline", 0)],
    )
    return card


def _summary_rows(card: Card, guide: Guide, box: Box, tall: bool) -> None:
    """One row per step: number disc, icon, title and (where it can be read) the sentence,
    all rows at one text size."""
    c, f = card.kit.colors, card.kit.fonts
    rows = box.split_v(*([1] * len(guide.steps)))
    r = min(rows[0].h * 0.34, 48 if tall else 40)
    text_x = box.x + 2 * r + 20 + r * 1.2 + 24
    words = [Box(text_x, row.y + 8, row.right - text_x, row.h - 16) for row in rows]
    titles = card.fit_all(
        [s.title for s in guide.steps],
        [Box(b.x, b.y, b.w, min(b.h, 60)) for b in words],
        style(f.heading, 40 if tall else 36, 30),
        "step title",
    )
    text_style = style(f.body, 32 if tall else 28, 28, lines=3, line_height=1.25)
    text_boxes = [Box(b.x, b.y, b.w, b.h - titles[0].height - 8) for b in words]
    if all(card.fits(b, s.text, text_style) for s, b in zip(guide.steps, text_boxes, strict=True)):
        texts = card.fit_all([s.text for s in guide.steps], text_boxes, text_style, "step text")
    else:  # the sentences would be too small to read: the titles alone, larger
        texts = []
        titles = card.fit_all(
            [s.title for s in guide.steps],
            [Box(b.x, b.y, b.w, b.h) for b in words],
            style(f.heading, 46 if tall else 42, 30),
            "step title",
        )
    for i, (step, row) in enumerate(zip(guide.steps, rows, strict=True)):
        cx, cy = row.x + r, row.cy
        card.disc(cx, cy, r, c.primary)
        number_style = style(f.display, round(r * 1.05), 28, align="center", valign="middle")
        card.text(Box(cx - r, cy - r, 2 * r, 2 * r), str(i + 1), number_style, c.on_primary, "step number")
        card.icon(step.icon, row.x + 2 * r + 20 + r * 0.6, cy, round(r * 1.2), c.primary)
        group = [(titles[i], c.on_light, "step title", 8)]
        if texts:
            group.append((texts[i], c.on_light, "step text", 0))
        stack(card, words[i], group)
        if i < len(rows) - 1:
            card.rect(Box(text_x, row.bottom - 1, row.right - text_x, 2), c.primary.mix(c.light, 0.82))


# -- alt texts ------------------------------------------------------------------------


def page_alt(kit: Kit, guide: Guide, index: int) -> str:
    pages = carousel(guide)
    page = pages[index]
    head = f"Trang {index + 1}/{len(pages)} của hướng dẫn “{plain(guide.title)}”"
    if page.kind == "cover":
        return (
            f"{head}: trang bìa, {len(guide.steps)} bước: "
            + "; ".join(f"{i + 1}. {plain(s.title)}" for i, s in enumerate(guide.steps))
            + "."
        )
    if page.kind == "steps":
        return f"{head}: " + " ".join(
            f"Bước {i + 1}, {plain(guide.steps[i].title)}: {plain(guide.steps[i].text)}" for i in page.steps
        )
    return (
        f"{head}: {plain(guide.cta)}. Mã QR dẫn tới {kit.links.website}; đường dây nóng {kit.links.hotline}."
    )


def summary_alt(kit: Kit, guide: Guide) -> str:
    steps = " ".join(f"{i + 1}. {plain(s.title)}: {plain(s.text)}" for i, s in enumerate(guide.steps))
    return (
        f"{plain(guide.title)}. {steps} Mã QR dẫn tới {kit.links.website}; "
        f"đường dây nóng {kit.links.hotline}."
    )
