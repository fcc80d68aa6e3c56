"""Event posters for "Điểm hẹn sáng kiến": what, when, with whom, and where to watch.

A poster is read in two seconds in a feed: the event's name first, then the date and
time (Vietnamese style, "19:30, thứ Sáu, 18/12/2026"), then the guests' faces, and the
livestream's QR code for those who will watch on another screen.
"""

from __future__ import annotations

from dataclasses import dataclass

from assets_gen.brand.events import Event, Guest
from assets_gen.brand.model import Kit
from assets_gen.brand.stats import format_datetime
from assets_gen.errors import FitError
from assets_gen.layout.geometry import Box
from assets_gen.layout.qr import min_side, view_scale
from assets_gen.layout.text import TextBlock, fit_text, plain
from assets_gen.render.card import Card, card_icon, spread, stack, stack_height, style
from assets_gen.render.card_template import CardData, load_card_template, render_card_template

SIZES = ("fb-event", "fb-post", "story")


def short_link(url: str) -> str:
    """A link as people type it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def render_event(kit: Kit, event: Event, size_name: str) -> Card:
    tpl = load_card_template(kit, "event", size_name)
    if tpl is not None:  # the designer's own layout (templates/event-SIZE.svg)
        return render_card_template(kit, tpl, "event", event_data(event))
    card = Card.new(kit, size_name)
    if card.size.width > card.size.height:
        _wide(card, event)
    elif card.size.height > card.size.width:
        _tall(card, event)
    else:
        _square(card, event)
    return card


def _title_items(
    card: Card, event: Event, width: float, title_size: int, theme_size: int, align: str, lines: int = 2
) -> list:
    """The event's name and its theme, set for `width`, ready to stack."""
    c, f = card.kit.colors, card.kit.fonts
    title = card.fit(
        Box(0, 0, width, title_size * 2.4),
        event.title.upper(),
        style(f.display, title_size, round(title_size * 0.55), lines=lines, align=align, line_height=1.05),
        "event title",
    )
    items = [(title, c.on_primary, "event title", 24)]
    if event.theme:
        theme = card.fit(
            Box(0, 0, width, theme_size * 2.8),
            f"“{event.theme}”",
            style(f.medium, theme_size, 24, lines=2, align=align, line_height=1.3),
            "event theme",
        )
        items.append((theme, c.on_primary, "event theme", 0))
    return items


@dataclass(frozen=True)
class When:
    """Date and time beside a calendar icon, the format under them: measured, then drawn."""

    time: TextBlock
    where: TextBlock
    r: float

    @property
    def width(self) -> float:
        return 2 * self.r + 24 + max(self.time.width, self.where.width)

    @property
    def height(self) -> float:
        return max(2 * self.r, self.time.height + 14 + self.where.height)


def _when(card: Card, event: Event, width: float, size: int, platform: bool = True) -> When:
    f = card.kit.fonts
    r = size * 0.9
    box = Box(0, 0, width - 2 * r - 24, size * 4)
    time = card.fit(
        box, format_datetime(event.start), style(f.display, size, round(size * 0.6)), "event time"
    )
    place = event.format + (f" · {event.platform}" if event.platform and platform else "")
    where = card.fit(
        box, place, style(f.medium, round(size * 0.62), 20, lines=2, line_height=1.25), "event format"
    )
    return When(time, where, r)


def _draw_when(card: Card, when: When, box: Box, align: str = "left") -> None:
    """`when` at the top of `box`, from its left edge or centred."""
    c, r = card.kit.colors, when.r
    x = box.x if align == "left" else box.cx - when.width / 2
    card.icon_disc(card_icon(card.kit, "calendar-days"), x + r, box.y + r, r, c.accent, c.on_accent)
    words = Box(x + 2 * r + 24, box.y, max(when.time.width, when.where.width), when.height)
    stack(
        card,
        words,
        [(when.time, c.on_primary, "event time", 14), (when.where, c.on_primary, "event format", 0)],
    )


@dataclass(frozen=True)
class Guests:
    """Guests side by side (portrait, name, what they do), set for a width, then drawn.
    `titles` is empty where what they do cannot be read at the size's smallest text."""

    guests: tuple[Guest, ...]
    names: list[TextBlock]
    titles: list[TextBlock]
    r: float
    width: float
    gap: float = 28

    @property
    def height(self) -> float:
        words = max(n.height for n in self.names)
        if self.titles:
            words = max(n.height + 12 + t.height for n, t in zip(self.names, self.titles, strict=True))
        return 2 * self.r + 26 + words


def _guests(
    card: Card, guests: tuple[Guest, ...], width: float, r: float, text_size: int, titles: bool = True
) -> Guests:
    f = card.kit.fonts
    n, gap = len(guests), 28
    col_w = (width - gap * (n - 1)) / n
    floor = card.size.min_text
    text_size = max(text_size, floor)
    names = card.fit_all(
        [g.name for g in guests],
        [Box(0, 0, col_w, text_size * 1.15 * 3 + 6)] * n,
        style(f.heading, text_size, floor, lines=3, align="center", line_height=1.15),
        "guest name",
    )
    small = max(round(text_size * 0.78), floor)
    box = Box(0, 0, col_w, small * 1.3 * 3 + 6)
    title_style = style(f.body, small, floor, lines=3, align="center", line_height=1.3)
    set_titles = []
    if titles and all(card.fits(box, g.title, title_style) for g in guests):
        set_titles = card.fit_all([g.title for g in guests], [box] * n, title_style, "guest title")
    return Guests(guests, names, set_titles, r, width, gap)


def _draw_guests(card: Card, g: Guests, x: float, y: float) -> None:
    c = card.kit.colors
    cols = Box(x, y, g.width, g.height).split_h(*([1] * len(g.guests)), gap=g.gap)
    for i, (guest, col) in enumerate(zip(g.guests, cols, strict=True)):
        card.portrait(guest.photo, guest.name, col.cx, col.y + g.r + 6, g.r, c.accent, 6, "guest photo")
        words = Box(col.x, col.y + 2 * g.r + 26, col.w, col.h - 2 * g.r - 26)
        items = [(g.names[i], c.on_primary, "guest name", 12)]
        if g.titles:
            items.append((g.titles[i], c.on_primary, "guest title", 0))
        stack(card, words, items, "top")


def _guest_rows(card: Card, guests: tuple[Guest, ...], box: Box, r: float, text_size: int) -> None:
    """Guests one under the other, portrait beside the words: four fit beside a QR panel.
    What they do comes along where it can be read."""
    c, f = card.kit.colors, card.kit.fonts
    rows = box.split_v(*([1] * len(guests)), gap=14)
    r = min(r, rows[0].h / 2 - 6)
    text_x = box.x + 2 * r + 12 + 22
    words = [Box(text_x, row.y, box.right - text_x, row.h) for row in rows]
    name_style = style(f.heading, text_size, 18)
    names = card.fit_all(
        [g.name for g in guests],
        [Box(0, 0, w.w, row.h) for w, row in zip(words, rows, strict=True)],
        name_style,
        "guest name",
    )
    small = round(text_size * 0.8)
    boxes = [Box(0, 0, w.w, w.h - names[0].height - 8) for w in words]
    title_style = style(f.body, small, 16, lines=2, line_height=1.28)
    titles = []
    if all(card.fits(b, g.title, title_style) for b, g in zip(boxes, guests, strict=True)):
        titles = card.fit_all([g.title for g in guests], boxes, title_style, "guest title")
    for i, (guest, row, w) in enumerate(zip(guests, rows, words, strict=True)):
        card.portrait(guest.photo, guest.name, box.x + r + 6, row.cy, r, c.accent, 6, "guest photo")
        items = [(names[i], c.on_primary, "guest name", 8)]
        if titles:
            items.append((titles[i], c.on_primary, "guest title", 0))
        stack(card, w, items)


def _qr_panel(card: Card, event: Event, box: Box, caption_size: int) -> None:
    """The livestream's QR code on a cream panel, with what to do and the short link under
    it. The code keeps the size a phone needs to scan it: where the panel is short, the
    caption says less ("Xem trực tiếp") and the link (the code is the link) is left out."""
    c, f = card.kit.colors, card.kit.fonts
    card.panel(box, c.light, radius=36, shadow=0.3)
    inner = box.inset(24, 24)
    least = min_side(event.livestream, view_scale(card.size.width, card.size.height))
    caption_style = style(f.heading, caption_size, 20, lines=2, align="center", line_height=1.15)
    link_style = style(f.medium, round(caption_size * 0.72), 14, align="center")
    for words, with_link in (("Quét mã để xem trực tiếp", True), ("Xem trực tiếp", False)):
        items = [(card.fit(inner, words, caption_style, "qr caption"), c.on_light, "qr caption", 12)]
        if with_link and card.fits(inner, short_link(event.livestream), link_style):
            link = card.fit(inner, short_link(event.livestream), link_style, "livestream link")
            items.append((link, c.on_light, "livestream link", 0))
        text_h = stack_height(items)
        side = min(inner.w, inner.h - text_h - 20)
        if side >= least:
            break
    card.qr(event.livestream, Box(inner.cx - side / 2, inner.y, side, side))
    stack(card, Box(inner.x, inner.y + side + 16, inner.w, text_h), items, "top")


def _qr_row(card: Card, event: Event, box: Box, caption_size: int) -> None:
    """The QR code beside its caption on a cream panel: a row across the poster."""
    c, f = card.kit.colors, card.kit.fonts
    card.panel(box, c.light, radius=36, shadow=0.3)
    side = box.h - 40
    card.qr(event.livestream, Box(box.x + 20, box.y + 20, side, side))
    words = Box(box.x + side + 56, box.y + 30, box.w - side - 96, box.h - 60)
    caption = card.fit(
        words,
        "Quét mã để xem trực tiếp",
        style(f.display, caption_size, 28, lines=2, line_height=1.12),
        "qr caption",
    )
    link_style = style(f.medium, round(caption_size * 0.62), 18)
    link = card.fit(words, short_link(event.livestream), link_style, "livestream link")
    stack(card, words, [(caption, c.on_light, "qr caption", 18), (link, c.on_light, "livestream link", 0)])


def _edition_beside(card: Card, event: Event, logo: Box, right: float, height: int, align: str) -> None:
    """The edition on a gold pill in the header row, beside the logo or at the right edge."""
    if not event.edition:
        return
    c, f = card.kit.colors, card.kit.fonts
    height = max(height, 2 * card.size.min_text)  # a pill's text is half its height
    x = logo.right + 40 if align == "left" else right
    card.pill(
        x,
        logo.cy - height / 2,
        event.edition,
        f.heading,
        height,
        c.accent,
        c.on_accent,
        "edition",
        align,
        right - logo.right - 40,
    )


def _wide(card: Card, event: Event) -> None:
    """Name and date on the left, the QR panel on the right, the guests in a band across
    the bottom (Facebook event cover). Text on a 1920 px cover is at least 50 px, so the
    guests show their names only (what they do is in the event's description)."""
    safe = card.safe
    qr_w = 400
    left = Box(safe.x, safe.y, safe.w - qr_w - 70, safe.h)
    logo = card.logo(Box(left.x, left.y, 380, 100))
    _edition_beside(card, event, logo, left.right, 100, "left")
    head = _title_items(card, event, left.w, 112, 50, "left", lines=1)
    when = _when(card, event, left.w, 56, platform=False)
    head_h = stack_height(head) + 30 + when.height
    top = logo.bottom + 36
    # Guests stand side by side while every name fits its column whole; else one a row
    # under the date, names across (a name is never broken across lines).
    whole = bool(event.guests) and _names_stay_whole(card, event.guests, safe.w, 50)
    guests = _guests(card, event.guests, safe.w, 60, 50, titles=False) if whole else None
    n = len(event.guests)
    rows_h = 0 if whole or not n else n * (84 if n <= 3 else 66) + 14 * (n - 1)
    bottom = safe.bottom - (guests.height + 40 if guests else 0)
    # With nothing under the date, the name and date sit level with the QR panel.
    y = top if guests or rows_h else min(max(top, (top + bottom) / 2 - head_h / 2), bottom - head_h)
    inks = stack(card, Box(left.x, y, left.w, head_h), head, "top")
    _draw_when(card, when, Box(left.x, inks[-1].bottom + 30, left.w, when.height))
    if guests:
        _draw_guests(card, guests, safe.x, safe.bottom - guests.height)
    elif rows_h:
        _guest_rows(card, event.guests, Box(left.x, safe.bottom - rows_h, left.w, rows_h), 36, 50)
    panel_h = min(bottom - top, qr_w + 130)
    _qr_panel(card, event, Box(safe.right - qr_w, (top + bottom) / 2 - panel_h / 2, qr_w, panel_h), 50)


def _square(card: Card, event: Event) -> None:
    """Name and date on top; below them the guests beside the QR panel, or the QR row alone."""
    safe = card.safe
    logo = card.logo(Box(safe.x, safe.y, 260, 72))
    _edition_beside(card, event, logo, safe.right, 54, "right")
    guests = event.guests
    head = _title_items(card, event, safe.w, 88 if guests else 100, 37 if guests else 40, "left")
    when = _when(card, event, safe.w, 38 if guests else 42)
    top = logo.bottom + 34
    if not guests:
        panel_h = 300
        ys = spread(top, safe.bottom, [stack_height(head), when.height, panel_h], [30, 48])
        stack(card, Box(safe.x, ys[0], safe.w, stack_height(head)), head, "top")
        _draw_when(card, when, Box(safe.x, ys[1], safe.w, when.height))
        _qr_row(card, event, Box(safe.x, ys[2], safe.w, panel_h), 46)
        return
    inks = stack(card, Box(safe.x, top, safe.w, stack_height(head)), head, "top")
    _draw_when(card, when, Box(safe.x, inks[-1].bottom + 30, safe.w, when.height))
    y = inks[-1].bottom + 30 + when.height
    qr_w = 340
    bottom = Box(safe.x, y + 36, safe.w, safe.bottom - y - 36)
    _qr_panel(card, event, Box(bottom.right - qr_w, bottom.y, qr_w, bottom.h), 26)
    band = Box(bottom.x, bottom.y, bottom.w - qr_w - 36, bottom.h)
    _guest_rows(card, guests, band.inset(0, 4), 46, 28)  # names across, readable


ROW_R = 46
"""px: a guest's portrait radius when guests stand one a row."""


def _names_stay_whole(card: Card, guests: tuple[Guest, ...], width: float, text_size: int) -> bool:
    """Whether every guest's name fits a column of `_guests` without breaking a word."""
    n, floor = len(guests), card.size.min_text
    size = max(text_size, floor)
    box = Box(0, 0, (width - 28 * (n - 1)) / n, size * 1.15 * 3 + 6)
    heading = card.kit.fonts.heading
    name_style = card.legible(style(heading, size, floor, lines=3, align="center", line_height=1.15))
    try:
        for guest in guests:
            fit_text(guest.name, box, name_style, "guest name", split_words=False)
    except FitError:
        return False
    return True


# Story settings from the most generous down: (title size, guest portrait radius, guest
# text size, QR row height). The first whose blocks fit the safe area wins; the row keeps
# the QR code large enough to scan on a phone (259 px plus the panel's margins).
TALL_STEPS = ((112, 88, 30, 320), (104, 82, 28, 310), (96, 76, 28, 300), (88, 68, 28, 300))
GUEST_PORTRAIT_MAX = 2 * max(step[1] for step in TALL_STEPS)
"""px: the largest guest portrait a poster draws (the story's)."""


def _tall(card: Card, event: Event) -> None:
    """Name, date, guests and the QR code down the story, spread over the whole safe area."""
    safe = card.safe
    logo = card.logo(Box(safe.x, safe.y, 300, 84))
    _edition_beside(card, event, logo, safe.right, 58, "right")
    top = logo.bottom + 40
    when = _when(card, event, safe.w, 44)
    for title_size, r, text_size, row_h in TALL_STEPS:
        head = _title_items(card, event, safe.w, title_size, 40, "center")
        head_h = stack_height(head) + 44 + when.height
        if not event.guests:
            panel = (560, 640)
            heights, gaps = [head_h, panel[1]], [72]
        else:
            in_rows = not _names_stay_whole(card, event.guests, safe.w, text_size)
            guests = None if in_rows else _guests(card, event.guests, safe.w, r, text_size)
            rows_h = len(event.guests) * (2 * ROW_R + 12) + 14 * (len(event.guests) - 1)
            panel = (safe.w, row_h)
            heights, gaps = [head_h, rows_h if guests is None else guests.height, row_h], [48, 52]
        if sum(heights) + sum(gaps) <= safe.bottom - top:
            break
    ys = spread(top, safe.bottom, heights, gaps)
    inks = stack(card, Box(safe.x, ys[0], safe.w, stack_height(head)), head, "top")
    _draw_when(card, when, Box(safe.x, inks[-1].bottom + 44, safe.w, when.height), "center")
    if event.guests:
        if guests is None:  # a name would break in a column: one guest a row, names across
            _guest_rows(card, event.guests, Box(safe.x, ys[1], safe.w, heights[1]), ROW_R, text_size)
        else:
            _draw_guests(card, guests, safe.x, ys[1])
        _qr_row(card, event, Box(safe.x, ys[2], *panel), 52)
    else:
        _qr_panel(card, event, Box(safe.cx - panel[0] / 2, ys[1], *panel), 40)


def event_data(event: Event) -> CardData:
    """What a designer's event template shows of an event."""
    guests = "\n".join(f"{g.name} – {g.title}" if g.title else g.name for g in event.guests)
    texts = {
        "title": event.title,
        "theme": event.theme,
        "edition": event.edition,
        "date": format_datetime(event.start),
        "format": event.format + (f" · {event.platform}" if event.platform else ""),
        "guests": guests,
    }
    first = next((g for g in event.guests if g.photo), None)
    person = event.guests[0].name if event.guests else ""
    return CardData(texts, first.photo if first else None, person, event.livestream)


def event_alt(kit: Kit, event: Event) -> str:
    parts = [f"Poster “{plain(event.title)}”"]
    if event.edition:
        parts.append(f" {event.edition}")
    if event.theme:
        parts.append(f", chủ đề “{event.theme}”")
    parts.append(f": {format_datetime(event.start)}, {event.format}")
    if event.platform:
        parts.append(f" trên {event.platform}")
    parts.append(".")
    if event.guests:
        parts.append(" Khách mời: " + "; ".join(f"{g.name}, {g.title}" for g in event.guests) + ".")
    parts.append(f" Mã QR dẫn tới buổi phát trực tiếp tại {short_link(event.livestream)}.")
    return "".join(parts)
