"""The emulation leaderboard: the ten units with the most initiatives, with bars.

Emulation ("thi đua") is how the union movement runs a campaign, so the card reads like a
podium: the top three on gold, silver and bronze medals, every unit's bar measured against
the leader's, and each unit's count of the day beside its total, so a unit can see itself
climbing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assets_gen.brand.model import Kit
from assets_gen.brand.stats import Stats, format_date, format_number
from assets_gen.brand.units import Unit
from assets_gen.layout.color import Color
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import plain
from assets_gen.render.card import Card, card_icon, style
from assets_gen.render.stats_card import dated_header

SIZES = ("fb-portrait", "story")
TOP = 10
# The podium's medals: gold is the kit's accent; silver and bronze are the metals' usual
# tints, light enough for the kit's dark text (checked for 4.5:1 in the tests).
SILVER = Color(0xC9, 0xCF, 0xD8)
BRONZE = Color(0xD9, 0x95, 0x5B)
MIN_SLOTS = 8
"""A board of fewer units spreads them as if it had this many (rows stay row-shaped)."""


@dataclass(frozen=True)
class Entry:
    slug: str
    name: str
    """Full name, for the alt text."""
    short_name: str
    """What fits a row."""
    total: int
    today: int


def leaderboard_entries(stats: Stats, day: dt.date, units: dict[str, Unit], n: int = TOP) -> list[Entry]:
    """The top `n` units on `day`; a unit `units` lacks goes by the name its rows give."""
    entries = []
    for slug, total in stats.top_units(day, n):
        unit = units.get(slug)
        name, short = (unit.name, unit.short_name) if unit is not None else (slug, slug)
        entries.append(Entry(slug, name, short, total, stats.by_unit.get((day, slug), 0)))
    return entries


def cluster_entries(stats: Stats, day: dt.date, members: list[Unit], n: int = TOP) -> list[Entry]:
    """The top `n` of a cluster's units on `day`, units without rows included (at 0)."""
    totals = stats.unit_totals(day)
    ranked = sorted(members, key=lambda u: (-totals.get(u.slug, 0), u.slug))[:n]
    return [
        Entry(u.slug, u.name, u.short_name, totals.get(u.slug, 0), stats.by_unit.get((day, u.slug), 0))
        for u in ranked
    ]


def render_leaderboard(
    kit: Kit, day: dt.date, entries: list[Entry], size_name: str, cluster: str = ""
) -> Card:
    """The national leaderboard, or a cluster's (its name is the subtitle)."""
    card = Card.new(kit, size_name)
    safe = card.safe
    c, f = kit.colors, kit.fonts
    tall = card.size.height / card.size.width > 1.5
    y = dated_header(card, day, 80).bottom + (56 if tall else 40)
    trophy = 96 if tall else 84
    card.icon_disc(
        card_icon(kit, "trophy"), safe.x + trophy / 2, y + trophy / 2, trophy / 2, c.accent, c.on_accent
    )
    words = Box(safe.x + trophy + 28, y - 10, safe.w - trophy - 28, trophy + 20)
    card.text(
        Box(words.x, words.y, words.w, words.h * 0.62),
        "Bảng vàng thi đua",
        style(f.display, 72 if tall else 64, 40, valign="bottom"),
        c.on_primary,
        "title",
    )
    card.text(
        Box(words.x, words.y + words.h * 0.66, words.w, words.h * 0.34),
        cluster or f"{len(entries)} đơn vị có nhiều sáng kiến nhất",
        style(f.medium, 34, 22, valign="top"),
        c.on_primary,
        "subtitle",
    )
    y += trophy + (48 if tall else 36)
    panel = Box(safe.x, y, safe.w, safe.bottom - y)
    slots = max(len(entries), MIN_SLOTS)
    if slots < TOP:  # a small cluster: roomier rows, and the panel ends with its last row
        row_h = (panel.h - 52) / slots
        panel = Box(panel.x, panel.y, panel.w, row_h * len(entries) + 52)
    card.panel(panel, c.light, radius=40)
    _rows(card, entries, panel.inset(32, 26), tall)
    return card


def _rows(card: Card, entries: list[Entry], box: Box, tall: bool) -> None:
    """One row per unit; a story's taller rows take larger type."""
    c, f = card.kit.colors, card.kit.fonts
    slots = TOP if len(entries) >= MIN_SLOTS else len(entries)
    rows = box.split_v(*([1] * slots))[: len(entries)]
    r = min(rows[0].h * 0.3, 30)
    name_x = box.x + 2 * r + 24
    number_w = 230
    names = card.fit_all(
        [e.short_name for e in entries],
        [Box(name_x, row.y, box.right - name_x - number_w - 24, row.h * 0.42) for row in rows],
        style(f.heading, 36 if tall else 32, 20),
        "unit name",
    )
    totals = card.fit_all(
        [format_number(e.total) for e in entries],
        [Box(0, 0, number_w, row.h * 0.42) for row in rows],
        style(f.display, 42 if tall else 36, 22, align="right"),
        "unit total",
    )
    todays = card.fit_all(
        [f"+{format_number(e.today)} hôm nay" for e in entries],
        [Box(0, 0, number_w, row.h * 0.4) for row in rows],
        style(f.body, 28, 28, align="right"),
        "unit today",
    )
    leader = max(e.total for e in entries) or 1
    bar_w = box.right - name_x - number_w - 24
    for i, (entry, row) in enumerate(zip(entries, rows, strict=True)):
        podium = i < 3
        medal = (c.accent, SILVER, BRONZE)[i] if podium else c.secondary
        if i % 2 == 0:
            card.rect(
                Box(box.x - 14, row.y + 2, box.w + 28, row.h - 4), c.primary.mix(c.light, 0.93), radius=16
            )
        cx, cy = box.x + r, row.cy
        if podium:  # a medal: a darker rim sets it apart from the plain discs
            card.disc(cx, cy, r + 4, medal.mix(c.dark, 0.25))
        card.disc(cx, cy, r, medal)
        card.text(
            Box(cx - r, cy - r, 2 * r, 2 * r),
            str(i + 1),
            style(f.display, round(r * 1.05), 14, align="center", valign="middle"),
            c.on_accent if podium else c.on_secondary,
            "rank",
        )
        top = row.y + row.h * 0.16
        card.draw(Box(name_x, top, bar_w, names[i].height), names[i], c.on_light, "unit name")
        bar_y = row.y + row.h * 0.64
        track = Box(name_x, bar_y, bar_w, max(8, row.h * 0.14))
        card.rect(track, c.primary.mix(c.light, 0.82), radius=track.h / 2)
        card.rect(
            Box(track.x, track.y, max(track.h, track.w * entry.total / leader), track.h),
            c.primary,
            radius=track.h / 2,
        )
        number_box = Box(box.right - number_w, top, number_w, totals[i].height)
        card.draw(number_box, totals[i], c.on_light, "unit total")
        card.draw(
            Box(number_box.x, bar_y - 6, number_w, todays[i].height), todays[i], c.on_light, "unit today"
        )


def leaderboard_alt(kit: Kit, day: dt.date, entries: list[Entry], cluster: str = "") -> str:
    ranks = "; ".join(
        f"{i + 1}. {plain(e.name)}: {format_number(e.total)} (hôm nay +{format_number(e.today)})"
        for i, e in enumerate(entries)
    )
    scope = (
        f"{cluster}, xếp hạng {len(entries)} đơn vị"
        if cluster
        else (f"{len(entries)} đơn vị có nhiều sáng kiến nhất")
    )
    return (
        f"Bảng vàng thi đua chiến dịch “{plain(kit.campaign.name)}”, cập nhật ngày "
        f"{format_date(day)}: {scope}. {ranks}."
    )
