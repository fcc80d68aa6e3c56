"""Renderer of the recipe's example kind: a welcome badge for a unit's new members.

Step 1 of the recipe: a function from the kit and its data to an image, drawn with the
shared card toolkit and text engine (render/card.py, layout/text.py), no files.
"""

from __future__ import annotations

from assets_gen.brand.model import Kit
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import plain
from assets_gen.render.card import Card, style

SIZES = ("fb-post", "story")


def render_badge(kit: Kit, greeting: str, unit_name: str | None, size_name: str) -> Card:
    card = Card.new(kit, size_name)
    safe = card.safe
    c, f = kit.colors, kit.fonts
    logo = card.logo(Box(safe.x, safe.y, 300, 80))
    top = logo.bottom + 80
    card.text(Box(safe.x, top, safe.w, 200), greeting, style(f.display, 110, 60, lines=2), c.on_primary, "greeting")
    who = unit_name or kit.campaign.organisation
    card.text(Box(safe.x, top + 260, safe.w, 180), who, style(f.heading, 64, 36, lines=3), c.on_primary, "unit")
    return card


def badge_alt(kit: Kit, greeting: str, unit_name: str | None) -> str:
    return f"{plain(greeting)} – {plain(unit_name or kit.campaign.organisation)}, chiến dịch “{plain(kit.campaign.name)}”."
