"""Quote cards: the words large on the red ground, who said them, the campaign's mark.

A quote is read, not glanced at, so its type never drops below QUOTE_MIN: a long quote
is made only in the taller sizes (fb-portrait, story) instead of in small type on a square.
"""

from __future__ import annotations

from PIL import ImageDraw

from assets_gen.brand.model import Kit
from assets_gen.brand.quotes import Quote
from assets_gen.errors import FitError
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import TextBlock, pil_font
from assets_gen.render.avatar import plain
from assets_gen.render.card import Card, stack, stack_height, style

SIZES = ("fb-post", "fb-portrait", "story")
QUOTE_MIN = 54
"""Smallest quote type on a 1080-wide card (5% of the width)."""
MIN_TEXT = 28


def _quote_box(card: Card) -> Box:
    """The most room the quote may take: the safe area less the logo, the quote mark,
    the attribution and the hashtag (render_quote centres the group that results)."""
    safe = card.safe
    tall = card.size.height / card.size.width > 1.5
    top = safe.y + (84 if tall else 72) + 40 + (170 if tall else 130)
    bottom = safe.bottom - 58 - 40 - (230 if tall else 170)
    return Box(safe.x, top, safe.w, bottom - top)


def _quote_block(card: Card, quote: Quote) -> TextBlock:
    f = card.kit.fonts
    return card.fit(
        _quote_box(card),
        f"{quote.text}”" if not quote.text.endswith("”") else quote.text,
        style(f.heading, 84, QUOTE_MIN, lines=12, line_height=1.3),
        "quote",
    )


def quote_sizes(kit: Kit, quote: Quote) -> list[str]:
    """The sizes in which `quote` fits at QUOTE_MIN or larger (may be empty)."""
    sizes = []
    for size in SIZES:
        card = Card(kit, *_blank(size))
        try:
            _quote_block(card, quote)
        except FitError:
            continue
        sizes.append(size)
    return sizes


def _blank(size_name: str):
    from PIL import Image

    from assets_gen.layout.sizes import get_size

    size = get_size(size_name)
    return size, Image.new("RGBA", (1, 1))


def render_quote(kit: Kit, quote: Quote, size_name: str) -> Card:
    card = Card.new(kit, size_name)
    safe = card.safe
    c, f = kit.colors, kit.fonts
    tall = card.size.height / card.size.width > 1.5
    logo = card.logo(Box(safe.x, safe.y, 300, 84 if tall else 72))
    block = _quote_block(card, quote)
    mark = pil_font(f.display, 240 if tall else 200)
    left, top, right, bottom = mark.getbbox("“", anchor="ls")  # its ink: line boxes are taller
    author = card.fit(
        Box(safe.x, 0, safe.w, 70), quote.author, style(f.display, 52 if tall else 46, 34), "author"
    )
    words = [(author, c.on_primary, "author", 18)]
    if quote.source:
        source = card.fit(
            Box(safe.x, 0, safe.w, 100), quote.source, style(f.medium, 34, MIN_TEXT, lines=2), "source"
        )
        words.append((source, c.on_primary, "source", 0))
    mark_gap, rule_gap = (40, 64) if tall else (28, 44)
    attribution = 10 + rule_gap * 0.6 + stack_height(words)
    group = bottom - top + mark_gap + block.height + rule_gap + attribution
    pill_h = 58
    room_top, room_bottom = logo.bottom + 40, safe.bottom - pill_h - 40
    y = room_top + max(0.0, (room_bottom - room_top - group) / 2)
    ImageDraw.Draw(card.image).text(
        (safe.x - left, y - top), "“", font=mark, fill=c.accent.rgba(), anchor="ls"
    )
    card.placed.append(("quote mark", Box(safe.x, y, right - left, bottom - top)))
    y += bottom - top + mark_gap
    ink = card.draw(Box(safe.x, y, safe.w, block.height), block, c.on_primary, "quote")
    y = ink.bottom + rule_gap
    card.rect(Box(safe.x, y, 120, 10), c.accent, radius=5)
    y += 10 + rule_gap * 0.6
    stack(card, Box(safe.x, y, safe.w, stack_height(words)), words, valign="top")
    card.pill(
        safe.right,
        safe.bottom - pill_h,
        kit.campaign.hashtag,
        f.heading,
        pill_h,
        c.accent,
        c.on_accent,
        "hashtag",
        "right",
    )
    return card


def quote_alt(kit: Kit, quote: Quote) -> str:
    source = f" ({plain(quote.source)})" if quote.source else ""
    return (
        f"Trích dẫn lời {plain(quote.author)}{source}: “{plain(quote.text)}”. "
        f"Chiến dịch “{plain(kit.campaign.name)}”, {kit.campaign.hashtag}."
    )
