"""The names designs share, declared once: the slots each designer template may have,
what each text slot shows and how it is set by default, and the kit's font roles, text
colours and logo versions a slot may ask for (`data-font`, `data-color`, `data-logo`).

The template parser (layout/template.py), the banner layout and template filling
(render/banner_layout.py, render/slots.py), the card templates (render/card_template.py)
and `assets-gen check` all take their names from here; the roles, colours and logos are
the fields of the kit model (brand/model.py), so a new font role is one new field.
"""

from __future__ import annotations

from dataclasses import MISSING, dataclass, fields

from assets_gen.brand.model import Fonts, Logo, Palette
from assets_gen.layout.template import Vocabulary

FONT_ROLES = tuple(f.name for f in fields(Fonts) if f.default is MISSING)
"""display, heading, medium, body: the fonts every kit has (not the optional italic)."""
TEXT_COLORS = tuple(f.name for f in fields(Palette) if f.name.startswith("on_"))
"""The kit's text colours (on_primary, ...): the only colours text may take."""
LOGOS = tuple(f.name for f in fields(Logo))
"""full, full_on_dark, mark."""
IMAGE_SLOTS = ("logo", "qr", "photo")
UNIT_NAME = "unit name"
"""What the banners' unit slot shows: the unit's name (the organisation's on
campaign-wide banners), not a kit text."""


@dataclass(frozen=True)
class TextSlot:
    """A text slot's defaults (a template's `data-*` options override them)."""

    font: str
    """A font role of the kit (FONT_ROLES)."""
    lines: int
    what: str
    """What it shows: a kit text's key ("campaign.slogan", see KIT_TEXTS), or how
    messages name a data text ("author name")."""
    min_size: int | None = None
    """Smallest size in px (None: the size's readable floor)."""

    def __post_init__(self) -> None:
        if self.font not in FONT_ROLES:
            raise ValueError(f"font {self.font!r} is not a font role ({', '.join(FONT_ROLES)})")


BANNER_TEXT = {
    "headline": TextSlot("display", 3, "campaign.slogan"),
    "slogan": TextSlot("heading", 2, "campaign.tagline"),
    "unit": TextSlot("heading", 2, UNIT_NAME),
    "organisation": TextSlot("heading", 2, "campaign.organisation"),
    "name": TextSlot("display", 1, "campaign.name"),
    "hashtag": TextSlot("medium", 1, "campaign.hashtag"),
    "website": TextSlot("medium", 1, "links.website"),
    "hotline": TextSlot("heading", 1, "links.hotline"),
}
"""Banner templates' text slots: the kit's texts, and the unit's name."""
CARD_MIN_TEXT = 24  # px: cards are read on phones
SPOTLIGHT_TEXT = {
    "name": TextSlot("display", 2, "author name", 36),
    "title": TextSlot("body", 2, "author role", CARD_MIN_TEXT),
    "unit": TextSlot("heading", 2, "author unit", CARD_MIN_TEXT),
    "initiative": TextSlot("display", 3, "initiative title", 30),
    "benefit": TextSlot("heading", 1, "benefit", CARD_MIN_TEXT),
    "quote": TextSlot("body", 4, "quote", CARD_MIN_TEXT),
}
"""Spotlight card templates' text slots: an author's data."""
EVENT_TEXT = {
    "title": TextSlot("display", 3, "event title", 36),
    "theme": TextSlot("heading", 2, "event theme", CARD_MIN_TEXT),
    "edition": TextSlot("medium", 1, "event edition", CARD_MIN_TEXT),
    "date": TextSlot("display", 1, "event time", 30),
    "format": TextSlot("medium", 2, "event format", CARD_MIN_TEXT),
    "guests": TextSlot("medium", 8, "event guests", 22),
}
"""Event poster templates' text slots: an event's data."""
TEXT_SLOTS = {"banner": BANNER_TEXT, "spotlight": SPOTLIGHT_TEXT, "event": EVENT_TEXT}
"""Each template family's text slots, by the file-name prefix (banner-SIZE.svg...)."""


def vocabulary(family: str) -> Vocabulary:
    """The names a template of `family` may use, for the template parser."""
    return Vocabulary(
        slots=(*TEXT_SLOTS[family], *IMAGE_SLOTS), fonts=FONT_ROLES, colors=TEXT_COLORS, logos=LOGOS
    )
