"""Event posters for "Điểm hẹn sáng kiến": what, when, with whom, and where to watch.

A poster is read in two seconds in a feed: the event's name first, then the date and
time (Vietnamese style, "19:30, thứ Sáu, 18/12/2026"), then the guests' faces, and the
livestream's QR code for those who will watch on another screen.
"""

from __future__ import annotations

from assets_gen.brand.events import Event, Guest
from assets_gen.brand.model import Kit
from assets_gen.brand.stats import format_datetime
from assets_gen.layout.geometry import Box
from assets_gen.render.avatar import plain
from assets_gen.render.card import Card, card_icon, fit_all, stack, style

SIZES = ("fb-event", "fb-post", "story")


def short_link(url: str) -> str:
    """A link as people type it: no scheme, no trailing slash."""
    return url.split("://", 1)[-1].rstrip("/")


def render_event(kit: Kit, event: Event, size_name: str) -> Card:
    card = Card.new(kit, size_name)
    if card.size.width > card.size.height:
        _wide(card, event)
    elif card.size.height > card.size.width:
        _tall(card, event)
    else:
        _square(card, event)
    return card


def _title_block(
    card: Card, event: Event, box: Box, title_size: int, align: str = "left", lines: int = 2
) -> float:
    """Edition pill, the event's name and its theme; returns the bottom."""
    c, f = card.kit.colors, card.kit.fonts
    y = box.y
    if event.edition:
        x = {"left": box.x, "center": box.cx}[align]
        pill = card.pill(x, y, event.edition, f.heading, 58, c.accent, c.on_accent, "edition", align, box.w)
        y = pill.bottom + 30
    title = card.fit(
        Box(box.x, y, box.w, title_size * 2.4),
        event.title.upper(),
        style(f.display, title_size, round(title_size * 0.55), lines=lines, align=align, line_height=1.05),
        "event title",
    )
    items = [(title, c.on_primary, "event title", 24)]
    if event.theme:
        theme = card.fit(
            Box(box.x, y, box.w, title_size * 1.3),
            f"“{event.theme}”",
            style(f.medium, round(title_size * 0.42), 24, lines=2, align=align, line_height=1.3),
            "event theme",
        )
        items.append((theme, c.on_primary, "event theme", 0))
    height = sum(b.height + g for b, _, _, g in items) - items[-1][3]
    inks = stack(card, Box(box.x, y, box.w, height), items, "top")
    return inks[-1].bottom


def _when(card: Card, event: Event, box: Box, size: int, align: str = "left") -> float:
    """Calendar icon with the date and time, and the format on a pill; returns the bottom."""
    c, f = card.kit.colors, card.kit.fonts
    r = size * 0.9
    when = card.fit(
        box, format_datetime(event.start), style(f.display, size, round(size * 0.6)), "event time"
    )
    where = event.format + (f" · {event.platform}" if event.platform else "")
    fmt = card.fit(
        box, where, style(f.medium, round(size * 0.62), 20, lines=2, line_height=1.25), "event format"
    )
    width = 2 * r + 24 + max(when.width, fmt.width)
    x = box.x if align == "left" else box.cx - width / 2
    card.icon_disc(card_icon(card.kit, "calendar-days"), x + r, box.y + r, r, c.accent, c.on_accent)
    words = Box(x + 2 * r + 24, box.y, box.right - x - 2 * r - 24, max(2 * r, when.height + 14 + fmt.height))
    inks = stack(
        card, words, [(when, c.on_primary, "event time", 14), (fmt, c.on_primary, "event format", 0)]
    )
    return max(inks[-1].bottom, box.y + 2 * r)


def _guests(card: Card, guests: tuple[Guest, ...], box: Box, r: float, text_size: int) -> None:
    """Guests side by side: portrait, name, and what they do."""
    if not guests:
        return
    c, f = card.kit.colors, card.kit.fonts
    cols = box.split_h(*([1] * len(guests)), gap=28)
    words = [Box(col.x, col.y + 2 * r + 26, col.w, box.bottom - col.y - 2 * r - 26) for col in cols]
    names = fit_all(
        [g.name for g in guests],
        [Box(w.x, w.y, w.w, text_size * 2.6) for w in words],
        style(f.heading, text_size, 18, lines=2, align="center", line_height=1.15),
        "guest name",
    )
    titles = fit_all(
        [g.title for g in guests],
        [Box(w.x, w.y, w.w, w.h - names[0].height - 12) for w in words],
        style(f.body, round(text_size * 0.78), 16, lines=3, align="center", line_height=1.3),
        "guest title",
    )
    for guest, col, w, name, title in zip(guests, cols, words, names, titles, strict=True):
        card.portrait(guest.photo, guest.name, col.cx, col.y + r + 6, r, c.accent, 6, "guest photo")
        stack(
            card, w, [(name, c.on_primary, "guest name", 12), (title, c.on_primary, "guest title", 0)], "top"
        )


def _qr_panel(card: Card, event: Event, box: Box, caption_size: int) -> None:
    """The livestream's QR code on a cream panel, with what to do and the short link."""
    c, f = card.kit.colors, card.kit.fonts
    card.panel(box, c.light, radius=36, shadow=0.3)
    inner = box.inset(24, 24)
    caption = card.fit(
        inner,
        "Quét mã để xem trực tiếp",
        style(f.heading, caption_size, 20, lines=2, align="center", line_height=1.15),
        "qr caption",
    )
    link = card.fit(
        inner,
        short_link(event.livestream),
        style(f.medium, round(caption_size * 0.72), 14, align="center"),
        "livestream link",
    )
    text_h = caption.height + 12 + link.height
    side = min(inner.w, inner.h - text_h - 20)
    card.qr(event.livestream, Box(inner.cx - side / 2, inner.y, side, side))
    stack(
        card,
        Box(inner.x, inner.y + side + 16, inner.w, text_h),
        [(caption, c.on_light, "qr caption", 12), (link, c.on_light, "livestream link", 0)],
        "top",
    )


def _wide(card: Card, event: Event) -> None:
    safe, c, f = card.safe, card.kit.colors, card.kit.fonts
    qr_w = 420
    left = Box(safe.x, safe.y, safe.w - qr_w - 90, safe.h)
    logo = card.logo(Box(left.x, left.y, 300, 80))
    head = Box(logo.right + 40, left.y, left.right - logo.right - 40, 80)
    if event.edition:
        card.pill(
            head.x,
            head.cy - 29,
            event.edition,
            f.heading,
            58,
            c.accent,
            c.on_accent,
            "edition",
            max_width=head.w,
        )
    plain_event = Event(**{**event.__dict__, "edition": ""})
    y = _title_block(card, plain_event, Box(left.x, logo.bottom + 40, left.w, 330), 112, lines=1)
    y = _when(card, event, Box(left.x, y + 36, left.w, 110), 44)
    if event.guests:
        band = Box(left.x, y + 44, min(left.w, 340 * len(event.guests)), safe.bottom - y - 44)
        _guests(card, event.guests, band, 58, 27)
    _qr_panel(card, event, Box(safe.right - qr_w, safe.cy - (qr_w + 110) / 2, qr_w, qr_w + 110), 30)


def _square(card: Card, event: Event) -> None:
    safe, c, f = card.safe, card.kit.colors, card.kit.fonts
    logo = card.logo(Box(safe.x, safe.y, 260, 72))
    if event.edition:
        card.pill(
            safe.right, logo.cy - 27, event.edition, f.heading, 54, c.accent, c.on_accent, "edition", "right"
        )
    plain_event = Event(**{**event.__dict__, "edition": ""})
    y = _title_block(card, plain_event, Box(safe.x, logo.bottom + 34, safe.w, 300), 88)
    y = _when(card, event, Box(safe.x, y + 30, safe.w, 100), 38)
    qr_w = 340
    bottom = Box(safe.x, y + 36, safe.w, safe.bottom - y - 36)
    _qr_panel(card, event, Box(bottom.right - qr_w, bottom.y, qr_w, bottom.h), 26)
    if event.guests:
        _guests(
            card, event.guests[:3], Box(bottom.x, bottom.y + 8, bottom.w - qr_w - 36, bottom.h - 8), 52, 23
        )


def _tall(card: Card, event: Event) -> None:
    safe, c, f = card.safe, card.kit.colors, card.kit.fonts
    card.logo(Box(safe.cx - 150, safe.y, 300, 80), align="center")
    y = _title_block(card, event, Box(safe.x, safe.y + 80 + 36, safe.w, 420), 96, "center")
    y = _when(card, event, Box(safe.x, y + 40, safe.w, 110), 42, "center")
    # The QR code beside its caption: a row across the bottom.
    panel = Box(safe.x, safe.bottom - 290, safe.w, 290)
    card.panel(panel, c.light, radius=36, shadow=0.3)
    side = panel.h - 40
    card.qr(event.livestream, Box(panel.x + 20, panel.y + 20, side, side))
    words = Box(panel.x + side + 56, panel.y + 30, panel.w - side - 96, panel.h - 60)
    caption = card.fit(
        words, "Quét mã để xem trực tiếp", style(f.display, 48, 28, lines=2, line_height=1.12), "qr caption"
    )
    link = card.fit(words, short_link(event.livestream), style(f.medium, 30, 18), "livestream link")
    stack(card, words, [(caption, c.on_light, "qr caption", 18), (link, c.on_light, "livestream link", 0)])
    if event.guests:
        _guests(card, event.guests, Box(safe.x, y + 50, safe.w, panel.y - y - 50 - 30), 82, 28)


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
