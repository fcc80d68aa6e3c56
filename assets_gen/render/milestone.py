"""The milestone card: the movement crossed 500.000 initiatives, on this day, thanks to these.

A milestone is a celebration, so the number is the whole card: gold on the red ground,
the day it was reached under it, and on a cream panel the units that gave the most that
day (the ones a province will share). Everything here depends only on the data up to the
day the milestone was reached: later days never re-render it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assets_gen.brand.model import Kit
from assets_gen.brand.stats import Stats, format_date, format_number
from assets_gen.brand.units import Unit
from assets_gen.layout.geometry import Box
from assets_gen.render.avatar import plain
from assets_gen.render.card import Card, fit_all, stack, stack_height, style

SIZES = ("fb-post", "story")
TOP = 3
MIN_TEXT = 28


@dataclass(frozen=True)
class Contributor:
    name: str
    short_name: str
    added: int


@dataclass(frozen=True)
class Milestone:
    """A running total the data crossed, the first day it did, and that day's leaders."""

    number: int
    day: dt.date
    total: int
    """The running total at the end of `day` (at least `number`)."""
    top: tuple[Contributor, ...]

    def params(self) -> dict:
        return {
            "number": self.number,
            "day": self.day.isoformat(),
            "total": self.total,
            "top": tuple((c.name, c.short_name, c.added) for c in self.top),
        }

    @classmethod
    def from_params(cls, p: dict) -> Milestone:
        top = tuple(Contributor(*row) for row in p["top"])
        return cls(p["number"], dt.date.fromisoformat(p["day"]), p["total"], top)

    @property
    def slug(self) -> str:
        return str(self.number)


def reached(stats: Stats, day: dt.date, numbers: tuple[int, ...], units: dict[str, Unit]) -> list[Milestone]:
    """Every milestone of `numbers` the running total reached by `day`, with the first day
    it did and the TOP units by additions that day (a unit the units file lacks goes by
    the name its rows give)."""
    found: list[Milestone] = []
    total = 0
    pending = list(numbers)
    for d in stats.days:
        if d > day or not pending:
            break
        total += stats.added.get(d, 0)
        while pending and total >= pending[0]:
            found.append(Milestone(pending.pop(0), d, total, _leaders(stats, d, units)))
    return found


def _leaders(stats: Stats, day: dt.date, units: dict[str, Unit]) -> tuple[Contributor, ...]:
    that_day = sorted(((s, n) for (d, s), n in stats.by_unit.items() if d == day and n > 0), key=_order)
    leaders = []
    for slug, added in that_day[:TOP]:
        unit = units.get(slug)
        leaders.append(Contributor(unit.name if unit else slug, unit.short_name if unit else slug, added))
    return tuple(leaders)


def _order(item: tuple[str, int]) -> tuple[int, str]:
    return (-item[1], item[0])


def render_milestone(kit: Kit, ms: Milestone, size_name: str) -> Card:
    card = Card.new(kit, size_name)
    safe = card.safe
    c, f = kit.colors, kit.fonts
    tall = card.size.height > card.size.width
    logo = card.logo(Box(safe.x, safe.y, 300, 84 if tall else 72))
    card.pill(safe.right, logo.cy - 29, "Cột mốc mới", f.heading, 58, c.accent, c.on_accent, "badge", "right")
    top = logo.bottom + (90 if tall else 40)
    kicker = card.fit(
        Box(safe.x, top, safe.w, 60),
        "Phong trào đã cán mốc",
        style(f.medium, 48 if tall else 42, MIN_TEXT, align="center"),
        "kicker",
    )
    number = card.fit(
        Box(safe.x, top, safe.w, 260),
        format_number(ms.number),
        style(f.display, 250 if tall else 200, 100, align="center", line_height=1.0),
        "milestone",
    )
    label = card.fit(
        Box(safe.x, top, safe.w, 80),
        "sáng kiến",
        style(f.display, 84 if tall else 64, 40, align="center"),
        "label",
    )
    when = card.fit(
        Box(safe.x, top, safe.w, 60),
        f"Ngày {format_date(ms.day)}",
        style(f.medium, 44 if tall else 38, MIN_TEXT, align="center"),
        "date",
    )
    hero = [
        (kicker, c.on_primary, "kicker", 34 if tall else 24),
        (number, c.accent, "milestone", 30 if tall else 22),
        (label, c.on_primary, "label", 40 if tall else 26),
        (when, c.on_primary, "date", 0),
    ]
    rows = len(ms.top)
    row_h = 96 if tall else 68
    head_h = 64 if tall else 52
    gap = 90 if tall else 40
    panel_h = 36 + head_h + rows * row_h + 28 if rows else 0
    if tall:  # the celebration and its leaders, as one group in the middle of the story
        group = stack_height(hero) + (gap + panel_h if rows else 0)
        top = logo.bottom + max(60, (safe.bottom - logo.bottom - group) / 2)
    inks = stack(card, Box(safe.x, top, safe.w, 700), hero, valign="top")
    if not rows:
        return card
    panel = Box(safe.x, inks[-1].bottom + gap, safe.w, panel_h)
    card.panel(panel, c.light, radius=40)
    inner = panel.inset(40, 30)
    card.text(
        Box(inner.x, inner.y, inner.w, head_h - 12),
        f"Đóng góp nhiều nhất ngày {ms.day:%d/%m}",
        style(f.heading, 40 if tall else 34, MIN_TEXT),
        c.on_light,
        "leaders title",
    )
    number_w = 250 if tall else 200
    boxes = [
        Box(inner.x + 64, inner.y + head_h + i * row_h, inner.w - 64 - number_w, row_h) for i in range(rows)
    ]
    names = fit_all(
        [x.short_name for x in ms.top],
        boxes,
        style(f.heading, 38 if tall else 32, MIN_TEXT, valign="middle"),
        "unit name",
    )
    counts = fit_all(
        [f"+{format_number(x.added)}" for x in ms.top],
        [Box(0, 0, number_w, row_h) for _ in ms.top],
        style(f.display, 44 if tall else 36, MIN_TEXT, align="right", valign="middle"),
        "unit count",
    )
    for i, box in enumerate(boxes):
        r = 26
        card.disc(inner.x + r, box.cy, r, c.accent)
        card.text(
            Box(inner.x, box.cy - r, 2 * r, 2 * r),
            str(i + 1),
            style(f.display, MIN_TEXT + 2, MIN_TEXT, align="center", valign="middle"),
            c.on_accent,
            "rank",
        )
        card.draw(box, names[i], c.on_light, "unit name")
        card.draw(Box(inner.right - number_w, box.y, number_w, row_h), counts[i], c.on_light, "unit count")
    return card


def milestone_alt(kit: Kit, ms: Milestone) -> str:
    leaders = "; ".join(f"{plain(x.name)}: {format_number(x.added)} sáng kiến" for x in ms.top)
    text = (
        f"Chiến dịch “{plain(kit.campaign.name)}” cán mốc {format_number(ms.number)} sáng kiến "
        f"ngày {format_date(ms.day)} (tổng cộng {format_number(ms.total)} sáng kiến)."
    )
    return f"{text} Đóng góp nhiều nhất ngày này: {leaders}." if leaders else text
