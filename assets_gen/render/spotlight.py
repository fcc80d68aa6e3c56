"""Author spotlights: one card per outstanding author, the person first.

Recognition works when the reader meets a colleague: the portrait (cropped to a circle)
and the name lead, then the initiative and what it brought, then the author's own words
in the campaign's voice. Batches can run to hundreds of thousands of cards, so the
ground and portraits are cached and nothing is drawn twice.
"""

from __future__ import annotations

from assets_gen.brand.authors import Author
from assets_gen.brand.model import Kit
from assets_gen.errors import FitError
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import TextBlock, plain
from assets_gen.render.card import Card, card_icon, spread, stack, stack_height, style
from assets_gen.render.card_template import CardData, load_card_template, render_card_template

SIZES = ("fb-post", "story")
KICKER = "Tác giả sáng kiến tiêu biểu"
PORTRAIT_MAX = 380
"""px: the largest portrait a spotlight draws (the story's, for short names)."""


def capitalized(text: str) -> str:
    """First letter upper-cased, the rest as written: "làm lợi 2,3 tỷ" -> "Làm lợi 2,3 tỷ"."""
    return text[:1].upper() + text[1:]


def render_spotlight(kit: Kit, author: Author, size_name: str) -> Card:
    tpl = load_card_template(kit, "spotlight", size_name)
    if tpl is not None:  # the designer's own layout (templates/spotlight-SIZE.svg)
        return render_card_template(kit, tpl, "spotlight", spotlight_data(author))
    card = Card.new(kit, size_name)
    if card.size.height > card.size.width:
        _tall(card, author)
    else:
        _square(card, author)
    return card


def _header(card: Card, logo_h: int) -> float:
    safe, c, f = card.safe, card.kit.colors, card.kit.fonts
    logo = card.logo(Box(safe.x, safe.y, 320, logo_h))
    card.pill(safe.right, logo.cy - 29, KICKER, f.heading, 58, c.accent, c.on_accent, "kicker", "right")
    return logo.bottom


def _person_items(card: Card, author: Author, box: Box, name_size: int, align: str) -> list:
    """Name, role and unit set for `box`, ready to stack."""
    c, f = card.kit.colors, card.kit.fonts
    items = []
    name = card.fit(
        box,
        author.name,
        style(f.display, name_size, 36, lines=2, align=align, line_height=1.08),
        "author name",
    )
    items.append((name, c.on_primary, "author name", 22))
    if author.role:
        role = card.fit(
            box, author.role, style(f.body, 32, 22, lines=2, align=align, line_height=1.3), "author role"
        )
        items.append((role, c.on_primary, "author role", 14))
    unit = card.fit(
        box, author.unit_name, style(f.heading, 32, 22, lines=2, align=align, line_height=1.25), "author unit"
    )
    items.append((unit, c.on_primary, "author unit", 0))
    return items


def _person(card: Card, author: Author, box: Box, name_size: int, align: str) -> None:
    """Name, role and unit as one group in `box`."""
    stack(card, box, _person_items(card, author, box, name_size, align))


PANEL_PAD = (40, 32)
BADGE_ROW = 64


def _fit_title(card: Card, author: Author, room: Box, size: int) -> TextBlock:
    """The initiative's title: two full lines when a slightly smaller size allows it, since
    three short lines at the largest size leave the panel ragged; otherwise up to three."""
    f = card.kit.fonts.display
    two = style(f, size, round(size * 0.85), lines=2, valign="middle", line_height=1.16)
    try:
        return card.fit(room, author.title, two, "initiative title")
    except FitError:
        three = style(f, size, 28, lines=3, valign="middle", line_height=1.16)
        return card.fit(room, author.title, three, "initiative title")


def _initiative_height(card: Card, author: Author, width: float, title_size: int) -> float:
    """The height the initiative panel needs at `width`, the title at its natural size."""
    room = Box(0, 0, width - 2 * PANEL_PAD[0], title_size * 3 * 1.16)
    return 2 * PANEL_PAD[1] + BADGE_ROW + 20 + _fit_title(card, author, room, title_size).height + 16


def _initiative(card: Card, author: Author, box: Box, title_size: int) -> None:
    """The cream panel: "Sáng kiến" and the benefit on a gold badge, then the title."""
    c, f = card.kit.colors, card.kit.fonts
    card.panel(box, c.light, radius=36)
    inner = box.inset(*PANEL_PAD)
    row_h = BADGE_ROW
    label = card.fit(inner, "SÁNG KIẾN", style(f.heading, 28, 20), "initiative label")
    benefit = capitalized(author.benefit) if author.benefit else ""
    beside = inner.w - label.width - 120  # the room the benefit has beside the label
    if benefit and not card.pill_fits(benefit, f.heading, row_h, beside):
        label = None  # the benefit is the more telling text: it takes the whole row
    if label is not None:
        label_ink = card.draw(
            Box(inner.x, inner.y + (row_h - label.height) / 2, label.width, label.height),
            label,
            c.on_light,
            "initiative label",
        )
    if benefit:
        pill = card.pill(
            inner.right,
            inner.y,
            benefit,
            f.heading,
            row_h,
            c.accent,
            c.on_accent,
            "benefit",
            "right",
            max_width=beside if label is not None else inner.w - row_h - 12,
        )
        card.icon_disc(
            card_icon(card.kit, "award"),
            pill.x - 12 - row_h / 2,
            pill.cy,
            row_h / 2,
            c.primary,
            c.on_primary,
            0.58,
        )
    else:
        card.rect(Box(label_ink.right + 18, label_ink.cy - 3, 64, 6), c.accent, radius=3)
    room = Box(inner.x, inner.y + row_h + 20, inner.w, inner.h - row_h - 20)
    card.draw(room, _fit_title(card, author, room, title_size), c.on_light, "initiative title")


def _quote_block(card: Card, author: Author, box: Box, size: int):
    """The quote set for the words beside its mark (None without a quote)."""
    if not author.quote:
        return None
    mark = size * 2.2
    words = Box(box.x + mark + 24, box.y, box.w - mark - 24, box.h)
    quote_style = style(card.kit.fonts.medium, size, 22, lines=3, line_height=1.35)
    return card.fit(words, f"“{author.quote}”", quote_style, "quote")


def _quote(card: Card, author: Author, box: Box, size: int) -> None:
    """The author's sentence, behind a large drawn opening quote mark in gold."""
    quote = _quote_block(card, author, box, size)
    if quote is None:
        return
    mark = size * 2.2
    _quote_mark(card, box.x, box.cy - mark * 0.5, mark)
    words = Box(box.x + mark + 24, box.y, box.w - mark - 24, box.h)
    stack(card, words, [(quote, card.kit.colors.on_primary, "quote", 0)], "middle")


def _quote_mark(card: Card, x: float, y: float, size: float) -> None:
    """A large gold opening quote mark: an ornament cut from the display font."""
    from PIL import ImageDraw

    from assets_gen.layout.text import pil_font

    font = pil_font(card.kit.fonts.display, round(size * 1.9))
    left, top, _, _ = font.getbbox("“", anchor="ls")
    ImageDraw.Draw(card.image).text(
        (x - left, y - top), "“", font=font, fill=card.kit.colors.accent.rgba(), anchor="ls"
    )


def _square(card: Card, author: Author) -> None:
    safe, c = card.safe, card.kit.colors
    top = _header(card, 72) + 44
    r = 145
    card.portrait(author.photo, author.name, safe.x + r + 10, top + r + 10, r, c.accent, 10, "author photo")
    person = Box(safe.x + 2 * r + 64, top, safe.right - safe.x - 2 * r - 64, 2 * r + 20)
    _person(card, author, person, 60, "left")
    panel_y = top + 2 * r + 20 + 40
    quote_h = 130 if author.quote else 0
    panel = Box(safe.x, panel_y, safe.w, safe.bottom - panel_y - (quote_h + 30 if quote_h else 0))
    _initiative(card, author, panel, 50)
    if quote_h:
        _quote(card, author, Box(safe.x + 8, safe.bottom - quote_h, safe.w - 8, quote_h), 32)


def _tall(card: Card, author: Author) -> None:
    """Portrait, person, initiative and quote down the story, measured first so that long
    names push the portrait smaller instead of running under the panel, and short ones
    spread over the whole safe area."""
    safe, c = card.safe, card.kit.colors
    top = _header(card, 84) + 40
    ring, title_size, quote_size = 12, 62, 40
    person_box = Box(safe.x, 0, safe.w, 400)
    person = _person_items(card, author, person_box, 76, "center")
    person_h = stack_height(person)
    panel_h = _initiative_height(card, author, safe.w, title_size)
    quote_box = Box(safe.x + 8, 0, safe.w - 8, quote_size * 1.35 * 3)
    quote = _quote_block(card, author, quote_box, quote_size)
    quote_h = max(quote.height, quote_size * 2.2) if quote else 0
    heights = [person_h, panel_h] + ([quote_h] if quote else [])
    gaps = [40, 44, 48] if quote else [40, 44]
    room = safe.bottom - top - sum(heights) - sum(gaps) - 2 * ring
    r = min(max(room / 2 * 0.9, 120), PORTRAIT_MAX / 2)
    portrait_h = 2 * (r + ring)
    ys = spread(top, safe.bottom, [portrait_h, *heights], gaps)
    card.portrait(author.photo, author.name, safe.cx, ys[0] + r + ring, r, c.accent, ring, "author photo")
    stack(card, Box(safe.x, ys[1], safe.w, person_h), person, "top")
    _initiative(card, author, Box(safe.x, ys[2], safe.w, panel_h), title_size)
    if quote:
        _quote(card, author, Box(quote_box.x, ys[3], quote_box.w, quote_h), quote_size)


def spotlight_data(author: Author) -> CardData:
    """What a designer's spotlight template shows of an author."""
    texts = {
        "name": author.name,
        "title": author.role,
        "unit": author.unit_name,
        "initiative": author.title,
        "benefit": capitalized(author.benefit),
        "quote": f"“{author.quote}”" if author.quote else "",
    }
    return CardData(texts, author.photo, author.name)


def spotlight_alt(kit: Kit, author: Author) -> str:
    parts = [f"{KICKER} của chiến dịch “{plain(kit.campaign.name)}”: {author.name}"]
    if author.role:
        parts.append(f", {author.role}")
    parts.append(f", {author.unit_name}. Sáng kiến “{author.title}”")
    if author.benefit:
        parts.append(f", {author.benefit}")
    parts.append(".")
    if author.quote:
        parts.append(f" Tác giả chia sẻ: “{author.quote}”")
    return "".join(parts)
