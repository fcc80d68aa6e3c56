"""The daily statistics card: running total, progress to the goal, today's count, 30 days.

The union newspaper posts it every day, so the running total is the hero (read first,
from across the room), the progress towards the goal second, and the 30-day chart shows
the campaign's momentum, with today's bar picked out.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assets_gen.brand.model import Kit
from assets_gen.brand.stats import Stats, format_date, format_number, format_percent
from assets_gen.layout import shapes
from assets_gen.layout.color import Color
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import plain
from assets_gen.render.card import Card, stack, style

SIZES = ("fb-post", "story")
CHART_DAYS = 30


@dataclass(frozen=True)
class DailyFigures:
    """Everything a statistics card shows, computed once from the data file."""

    day: dt.date
    total: int
    goal: int
    added: int
    """Initiatives recorded on `day`."""
    series: tuple[tuple[dt.date, int], ...]
    """Additions on each of the last 30 days, oldest first."""

    @property
    def progress(self) -> float:
        return self.total / self.goal

    def params(self) -> dict:
        """As job parameters (JSON-able: the job key hashes them)."""
        return {
            "day": self.day.isoformat(),
            "total": self.total,
            "goal": self.goal,
            "added": self.added,
            "series": tuple((d.isoformat(), n) for d, n in self.series),
        }

    @classmethod
    def from_params(cls, p: dict) -> DailyFigures:
        series = tuple((dt.date.fromisoformat(d), n) for d, n in p["series"])
        return cls(dt.date.fromisoformat(p["day"]), p["total"], p["goal"], p["added"], series)


def daily_figures(stats: Stats, day: dt.date, goal: int) -> DailyFigures:
    return DailyFigures(
        day=day,
        total=stats.total(day),
        goal=goal,
        added=stats.added.get(day, 0),
        series=tuple(stats.last_days(day, CHART_DAYS)),
    )


def updated_on(day: dt.date) -> str:
    return f"Cập nhật ngày {format_date(day)}"


def render_stats(kit: Kit, fig: DailyFigures, size_name: str) -> Card:
    card = Card.new(kit, size_name)
    safe = card.safe
    c, f = kit.colors, kit.fonts
    tall = card.size.height > card.size.width
    y = dated_header(card, fig.day, 84 if tall else 72).bottom + 44
    # The hero: the running total.
    kicker = card.fit(
        Box(safe.x, y, safe.w, 50), "Tổng số sáng kiến đã ghi nhận", style(f.medium, 38, 26), "kicker"
    )
    number = card.fit(
        Box(safe.x, y, safe.w, 190),
        format_number(fig.total),
        style(f.display, 244 if tall else 176, 90, line_height=1.0),
        "total",
    )
    unit = card.fit(
        Box(safe.x, y, safe.w, 60), "sáng kiến", style(f.heading, 54 if tall else 48, 30), "total label"
    )
    group = [
        (kicker, c.on_primary, "kicker", 30 if tall else 26),
        (number, c.on_primary, "total", 26 if tall else 22),
        (unit, c.on_primary, "total label", 0),
    ]
    inks = stack(card, Box(safe.x, y, safe.w, 400), group, valign="top")
    y = inks[-1].bottom + (52 if tall else 44)
    if tall:
        y = _ring(card, fig, Box(safe.x, y, safe.w, 256)) + 40
    else:
        y = _bar(card, fig, Box(safe.x, y, safe.w, 120)) + 40
    chart_panel(card, fig, y, tall)
    return card


def dated_header(card: Card, day: dt.date, logo_height: float) -> Box:
    """The kit's logo, and the day the figures are for in a pill across from it (every
    statistics card opens so); returns the logo's box."""
    safe, c, f = card.safe, card.kit.colors, card.kit.fonts
    logo = card.logo(Box(safe.x, safe.y, 300, logo_height))
    card.pill(safe.right, logo.cy - 29, updated_on(day), f.medium, 58, c.light, c.on_light, "date", "right")
    return logo


def chart_panel(card: Card, fig: DailyFigures, top: float, tall: bool, floor: int = 0) -> None:
    """The light panel from `top` to the bottom of the safe area, with today's additions
    and the 30-day chart (every statistics card closes so)."""
    safe = card.safe
    panel = Box(safe.x, top, safe.w, safe.bottom - top)
    card.panel(panel, card.kit.colors.light, radius=40)
    today_and_chart(card, fig, panel.inset(40, 36), tall, floor)


def _goal_text(fig: DailyFigures) -> str:
    return f"mục tiêu {format_number(fig.goal)} sáng kiến"


def _bar(card: Card, fig: DailyFigures, box: Box) -> float:
    """ "Đạt 52,3% mục tiêu ..." above a progress bar; returns the bottom."""
    c, f = card.kit.colors, card.kit.fonts
    lead = card.fit(box, "Đạt", style(f.medium, 34, 24), "goal")
    percent = card.fit(
        box, format_percent(fig.progress), style(f.display, 64, 40, line_height=1.0), "percent"
    )
    goal = card.fit(box, _goal_text(fig), style(f.medium, 34, 24), "goal")
    # The three texts share the percentage's baseline.
    baseline = box.y + percent.origins[0][1]
    inks = [card.draw_on_baseline(box.x, baseline, lead, c.on_primary, "goal")]
    inks.append(card.draw_on_baseline(inks[-1].right + 18, baseline, percent, c.on_primary, "percent"))
    inks.append(card.draw_on_baseline(inks[-1].right + 18, baseline, goal, c.on_primary, "goal"))
    head = Box(box.x, box.y, box.w, max(i.bottom for i in inks) - box.y)
    track = Box(box.x, head.bottom + 26, box.w, 34)
    card.rect(track, c.primary_dark, radius=17)
    share = min(max(fig.progress, 0.0), 1.0)
    if share > 0:
        card.rect(Box(track.x, track.y, max(track.h, track.w * share), track.h), c.accent, radius=17)
    return track.bottom


def _ring(card: Card, fig: DailyFigures, box: Box) -> float:
    """Progress ring with the percentage inside, the goal beside it; returns the bottom."""
    c, f = card.kit.colors, card.kit.fonts
    r = box.h / 2
    cx, cy = box.x + r, box.cy
    card.disc(cx, cy, r, c.primary_dark, r_in=r - 40)
    _arc(card, cx, cy, r - 40, r, min(max(fig.progress, 0.0), 1.0), c.accent)
    inner = Box(cx - r + 54, cy - 60, 2 * r - 108, 120)
    card.text(
        inner,
        format_percent(fig.progress),
        style(f.display, 92, 40, align="center", valign="middle", line_height=1.0),
        c.on_primary,
        "percent",
    )
    words = Box(box.x + 2 * r + 56, box.y, box.w - 2 * r - 56, box.h)
    lead = card.fit(words, f"Đạt {format_percent(fig.progress)} mục tiêu", style(f.medium, 40, 26), "goal")
    goal = card.fit(
        words,
        f"{format_number(fig.goal)}\nsáng kiến",
        style(f.display, 64, 34, lines=2, line_height=1.15),
        "goal",
    )
    stack(card, words, [(lead, c.on_primary, "goal", 24), (goal, c.on_primary, "goal", 0)])
    return box.bottom


def _arc(card: Card, cx: float, cy: float, r_in: float, r_out: float, share: float, color) -> None:
    """The filled part of a progress ring, clockwise from twelve o'clock, round-capped."""
    import math

    import numpy as np
    from PIL import Image

    if share <= 0:
        return
    x0, y0 = int(cx - r_out - 2), int(cy - r_out - 2)
    side = int(2 * r_out) + 5
    ring = np.asarray(shapes.ring_mask(side, side, cx - x0, cy - y0, r_in, r_out), dtype=np.float32) / 255
    ys, xs = np.mgrid[0:side, 0:side].astype(np.float32)
    angle = (np.arctan2(xs + 0.5 - (cx - x0), -(ys + 0.5 - (cy - y0))) + 2 * math.pi) % (2 * math.pi)
    end = 2 * math.pi * share
    mid = (r_in + r_out) / 2
    # Anti-aliased edge along the end angle, measured in pixels along the ring's middle.
    sector = np.clip((end - angle) * mid + 0.5, 0, 1) if share < 1 else np.ones_like(angle)
    mask = ring * sector
    half = (r_out - r_in) / 2
    for a in (0.0, end):  # round caps
        ex, ey = cx - x0 + mid * math.sin(a), cy - y0 - mid * math.cos(a)
        cap = np.clip(half - np.hypot(xs + 0.5 - ex, ys + 0.5 - ey) + 0.5, 0, 1)
        mask = np.maximum(mask, cap)
    layer = shapes.fill_layer((side, side), color, Image.fromarray((mask * 255 + 0.5).astype(np.uint8)))
    card.image.alpha_composite(layer, (x0, y0))


def today_and_chart(card: Card, fig: DailyFigures, box: Box, tall: bool, floor: int = 0) -> None:
    """Today's additions on a gold tile, and the 30-day column chart beside or under it;
    no text smaller than `floor` px."""
    c, f = card.kit.colors, card.kit.fonts
    style = _floored(floor)
    if tall:
        tile = Box(box.x, box.y, box.w, 108)
        chart = Box(box.x, tile.bottom + 36, box.w, box.bottom - tile.bottom - 36)
    else:
        tile = Box(box.x, box.y, 270, box.h)
        chart = Box(tile.right + 40, box.y, box.right - tile.right - 40, box.h)
    card.rect(tile, c.accent, radius=28)
    label = card.fit(tile.inset(28, 20), "Hôm nay", style(f.medium, 34, 24), "today label")
    number = card.fit(
        tile.inset(28, 20), f"+{format_number(fig.added)}", style(f.display, 76, 36, line_height=1.0), "today"
    )
    note = card.fit(tile.inset(28, 20), "sáng kiến mới", style(f.medium, 30, 20), "today note")
    if tall:
        words = tile.inset(36, 20)
        stack(card, Box(words.x, words.y, number.width, words.h), [(number, c.on_accent, "today", 0)])
        side = Box(words.x + number.width + 32, words.y, words.w - number.width - 32, words.h)
        stack(card, side, [(label, c.on_accent, "today label", 10), (note, c.on_accent, "today note", 0)])
    else:
        stack(
            card,
            tile.inset(28, 24),
            [
                (label, c.on_accent, "today label", 18),
                (number, c.on_accent, "today", 18),
                (note, c.on_accent, "today note", 0),
            ],
        )
    _chart(card, fig, chart, floor)


def _chart(card: Card, fig: DailyFigures, box: Box, floor: int = 0) -> None:
    """Columns for the last 30 days: today's in blue, the peak in red, the rest in pale red,
    with a legend that names the two colours (and gives the peak's value)."""
    c, f = card.kit.colors, card.kit.fonts
    style = _floored(floor)
    title = card.text(
        Box(box.x, box.y, box.w, 44),
        f"Sáng kiến mới mỗi ngày, {CHART_DAYS} ngày qua",
        style(f.heading, 32, 22, lines=2, line_height=1.15),
        c.on_light,
        "chart title",
    )
    peak = max((n for _, n in fig.series), default=0) or 1
    legend_y = title.bottom + 20
    legend_bottom = _legend(
        card,
        Box(box.x, legend_y, box.w, 40),
        [(c.primary, f"Cao nhất: {format_number(peak)}"), (c.secondary, "Hôm nay")],
    )
    first, last = fig.series[0][0], fig.series[-1][0]
    axis_style = style(f.body, 26, 18, valign="bottom")
    left = card.fit(Box(box.x, 0, box.w / 2, 40), f"{first:%d/%m}", axis_style, "chart axis")
    right = card.fit(Box(box.x, 0, box.w / 2, 40), f"{last:%d/%m}", axis_style, "chart axis")
    axis_h = max(left.height, right.height)
    plot = Box(box.x, legend_bottom + 26, box.w, box.bottom - axis_h - 18 - legend_bottom - 26)
    n = len(fig.series)
    slot = plot.w / n
    bar_w = max(3.0, slot * 0.68)
    muted = c.primary.mix(c.light, 0.45)
    peak_index = max(range(n), key=lambda i: (fig.series[i][1], i))
    for i, (_, count) in enumerate(fig.series):
        h = max(plot.h * count / peak, 4 if count else 0)
        x = plot.x + slot * i + (slot - bar_w) / 2
        color = c.secondary if i == n - 1 else c.primary if i == peak_index else muted
        if h:
            card.rect(Box(x, plot.bottom - h, bar_w, h), color, radius=min(bar_w / 2, 6))
    card.rect(Box(plot.x, plot.bottom + 6, plot.w, 2), c.dark.mix(c.light, 0.7))
    axis_y = plot.bottom + 18
    card.draw(Box(plot.x, axis_y, left.width, axis_h), left, c.on_light, "chart axis")
    card.draw(Box(plot.right - right.width, axis_y, right.width, axis_h), right, c.on_light, "chart axis")


def _legend(card: Card, box: Box, keys: list[tuple[Color, str]]) -> float:
    """Colour swatches each followed by what it means, in one row on a shared baseline;
    returns the row's bottom."""
    c, f = card.kit.colors, card.kit.fonts
    blocks = [card.fit(box, label, style(f.medium, 28, 22), "chart legend") for _, label in keys]
    baseline = box.y + max(b.origins[0][1] for b in blocks)
    x, bottom = box.x, box.y
    for (color, _), block in zip(keys, blocks, strict=True):
        swatch = 24
        card.rect(Box(x, baseline - swatch, swatch, swatch), color, radius=6)
        ink = card.draw_on_baseline(x + swatch + 12, baseline, block, c.on_light, "chart legend")
        x, bottom = ink.right + 32, max(bottom, ink.bottom)
    return bottom


def _floored(floor: int):
    """`style` with sizes raised to at least `floor` px (cards that must stay readable on
    a phone pass the social-size minimum; 0 keeps the sizes as given)."""

    def floored(font, max_size: int, min_size: int | None = None, **kw):
        low = max(min_size or max(12, round(max_size * 0.6)), floor)
        return style(font, max(max_size, low), low, **kw)

    return floored


def stats_alt(kit: Kit, fig: DailyFigures) -> str:
    counts = [n for _, n in fig.series]
    return (
        f"Thống kê chiến dịch “{plain(kit.campaign.name)}”, cập nhật ngày {format_date(fig.day)}: "
        f"tổng cộng {format_number(fig.total)} sáng kiến, đạt {format_percent(fig.progress)} "
        f"mục tiêu {format_number(fig.goal)}; hôm nay thêm {format_number(fig.added)} sáng kiến. "
        f"Biểu đồ {len(counts)} ngày từ {format_date(fig.series[0][0])}: thấp nhất "
        f"{format_number(min(counts))}, cao nhất {format_number(max(counts))} sáng kiến mỗi ngày."
    )
