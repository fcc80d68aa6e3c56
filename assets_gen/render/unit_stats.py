"""A unit's own statistics card: its total, its rank, its day and its last 30 days.

The national card tells the movement how it is doing; a province wants to see itself:
its running total is the hero, its place among all units ("Hạng 3/41") sits on gold
beside the national total for context, and its 30-day chart shows its own momentum.
A card is dated by the unit's last report, so a day the unit did not report leaves its
card as it was (builds re-render only the units that reported).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assets_gen.brand.model import Kit
from assets_gen.brand.stats import Stats, format_date, format_number
from assets_gen.brand.units import Unit
from assets_gen.layout.geometry import Box
from assets_gen.render.avatar import plain
from assets_gen.render.card import Card, stack, style
from assets_gen.render.stats_card import CHART_DAYS, DailyFigures, chart_panel, dated_header

SIZES = ("fb-post", "story")
MIN_TEXT = 28
"""Smallest type on a 1080-wide card (2.6% of the width): readable on a phone."""


@dataclass(frozen=True)
class UnitFigures:
    """What a unit's card shows, as of the unit's last report up to the day built."""

    slug: str
    name: str
    day: dt.date
    """The unit's last day with a row, up to the day being built."""
    total: int
    added: int
    rank: int
    of: int
    """How many units are ranked."""
    national: int
    """The national running total on `day`."""
    series: tuple[tuple[dt.date, int], ...]

    def params(self) -> dict:
        return {
            "slug": self.slug,
            "name": self.name,
            "day": self.day.isoformat(),
            "total": self.total,
            "added": self.added,
            "rank": self.rank,
            "of": self.of,
            "national": self.national,
            "series": tuple((d.isoformat(), n) for d, n in self.series),
        }

    @classmethod
    def from_params(cls, p: dict) -> UnitFigures:
        series = tuple((dt.date.fromisoformat(d), n) for d, n in p["series"])
        return cls(
            p["slug"],
            p["name"],
            dt.date.fromisoformat(p["day"]),
            p["total"],
            p["added"],
            p["rank"],
            p["of"],
            p["national"],
            series,
        )

    @property
    def rank_text(self) -> str:
        return f"Hạng {self.rank}/{self.of}"


def unit_figures(stats: Stats, day: dt.date, units: dict[str, Unit]) -> list[UnitFigures]:
    """One UnitFigures per unit of `units` (and per unit the file names but `units` lacks
    none: those have no card), each as of its own last report up to `day`. Units are
    ranked by running total among every unit of `units` and every unknown one in the file
    (ties by slug); a unit without any row is dated `day` with zeros."""
    last: dict[str, dt.date] = {}
    for d, slug in stats.by_unit:
        if d <= day and (slug not in last or d > last[slug]):
            last[slug] = d
    ranked = set(units) | set(stats.unknown)
    standings: dict[dt.date, dict[str, int]] = {}

    def standing(on: dt.date) -> dict[str, int]:
        if on not in standings:
            totals = stats.unit_totals(on)
            order = sorted(ranked, key=lambda s: (-totals.get(s, 0), s))
            standings[on] = {s: i + 1 for i, s in enumerate(order)}
        return standings[on]

    figures = []
    for slug, unit in units.items():
        on = last.get(slug, day)
        totals = stats.unit_totals(on)
        series = tuple(
            (d, stats.by_unit.get((d, slug), 0))
            for d in (on - dt.timedelta(days=i) for i in range(CHART_DAYS - 1, -1, -1))
        )
        figures.append(
            UnitFigures(
                slug=slug,
                name=unit.name,
                day=on,
                total=totals.get(slug, 0),
                added=stats.by_unit.get((on, slug), 0),
                rank=standing(on)[slug],
                of=len(ranked),
                national=stats.total(on),
                series=series,
            )
        )
    return figures


def render_unit_stats(kit: Kit, fig: UnitFigures, size_name: str) -> Card:
    card = Card.new(kit, size_name)
    safe = card.safe
    c, f = kit.colors, kit.fonts
    tall = card.size.height > card.size.width
    y = dated_header(card, fig.day, 84 if tall else 72).bottom + (56 if tall else 36)
    name = card.fit(
        Box(safe.x, y, safe.w, 140 if tall else 120),
        fig.name,
        style(f.heading, 56 if tall else 46, 32, lines=2, line_height=1.15),
        "unit name",
    )
    kicker = card.fit(
        Box(safe.x, y, safe.w, 50), "Tổng số sáng kiến của đơn vị", style(f.medium, 38, MIN_TEXT), "kicker"
    )
    number = card.fit(
        Box(safe.x, y, safe.w, 200),
        format_number(fig.total),
        style(f.display, 220 if tall else 150, 90, line_height=1.0),
        "total",
    )
    inks = stack(
        card,
        Box(safe.x, y, safe.w, 600),
        [
            (name, c.on_primary, "unit name", 44 if tall else 30),
            (kicker, c.on_primary, "kicker", 26 if tall else 20),
            (number, c.on_primary, "total", 0),
        ],
        valign="top",
    )
    y = inks[-1].bottom + (48 if tall else 34)
    pill_h = 88 if tall else 76
    rank = card.pill(safe.x, y, fig.rank_text, f.display, pill_h, c.accent, c.on_accent, "rank")
    context = Box(rank.right + 28, y, safe.right - rank.right - 28, pill_h)
    lead = card.fit(context, "Toàn quốc", style(f.medium, 32, MIN_TEXT), "national")
    national = card.fit(
        context, f"{format_number(fig.national)} sáng kiến", style(f.heading, 40, MIN_TEXT), "national"
    )
    stack(card, context, [(lead, c.on_primary, "national", 8), (national, c.on_primary, "national", 0)])
    daily = DailyFigures(fig.day, fig.total, max(fig.national, 1), fig.added, fig.series)
    chart_panel(card, daily, rank.bottom + (56 if tall else 36), tall, floor=MIN_TEXT)
    return card


def unit_stats_alt(kit: Kit, fig: UnitFigures) -> str:
    counts = [n for _, n in fig.series]
    return (
        f"Thống kê sáng kiến của {plain(fig.name)} trong chiến dịch “{plain(kit.campaign.name)}”, "
        f"cập nhật ngày {format_date(fig.day)}: tổng cộng {format_number(fig.total)} sáng kiến, "
        f"xếp hạng {fig.rank}/{fig.of} đơn vị; ngày {format_date(fig.day)} thêm "
        f"{format_number(fig.added)} sáng kiến. Toàn quốc: {format_number(fig.national)} sáng kiến. "
        f"Biểu đồ {len(counts)} ngày từ {format_date(fig.series[0][0])}: thấp nhất "
        f"{format_number(min(counts))}, cao nhất {format_number(max(counts))} sáng kiến mỗi ngày."
    )
