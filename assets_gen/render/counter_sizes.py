"""The newspaper counter in the ad slots news sites already have: 300x250, 300x600, 728x90.

Same promise as counter.svg (render/counter.py): one self-contained SVG per slot, text
outlined from the kit's font, the logo mark inlined, nothing loaded. Each slot has its own
layout (a strip, a box, a column) rather than a scaled copy of the 760x260 counter, whose
type would be too small in a 300-pixel box.
"""

from __future__ import annotations

import html
from collections.abc import Callable

from assets_gen.brand.model import Kit
from assets_gen.brand.stats import format_number, format_percent
from assets_gen.layout.svg import inline_svg
from assets_gen.layout.svgtext import PathText, fit_path_size, text_path
from assets_gen.render.counter import counter_alt
from assets_gen.render.stats_card import DailyFigures, updated_on

SLOTS = ("rectangle", "half-page", "leaderboard")
"""Size names (layout/sizes.py): 300x250, 300x600, 728x90."""

_Path = Callable[..., PathText]


def counter_slot_name(size_name: str) -> str:
    return f"counter-{size_name}.svg"


def counter_slot_svg(kit: Kit, fig: DailyFigures, size_name: str) -> str:
    """The counter laid out for one ad slot, as SVG text."""
    from assets_gen.layout.sizes import get_size

    size = get_size(size_name)
    w, h = size.width, size.height
    c = kit.colors
    alt = html.escape(counter_alt(kit, fig), quote=True)
    body = {"leaderboard": _strip, "rectangle": _box, "half-page": _column}[size_name](kit, fig, w, h)
    radius = 12 if h < 120 else 20
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" height="{h}" \
role="img" aria-label="{alt}">
<title>{alt}</title>
<defs><linearGradient id="agc-bg" x1="0" y1="0" x2="1" y2="1">\
<stop offset="0" stop-color="{c.primary.hex}"/><stop offset="1" stop-color="{c.primary_dark.hex}"/>\
</linearGradient></defs>
<rect width="{w}" height="{h}" rx="{radius}" fill="url(#agc-bg)"/>
{body}</svg>
"""


def _emblem(kit: Kit, cx: float, cy: float, r: float) -> str:
    """The logo mark on a cream disc (proportions of the 760x260 counter's)."""
    k = r / 86
    mark = inline_svg(kit.logo.mark, cx - 50 * k, cy - 66 * k, 100 * k, 120 * k)
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{r:.1f}" fill="{kit.colors.light.hex}"/>\n{mark}\n'


def _text(kit: Kit, p: PathText, opacity: float = 1.0) -> str:
    fill = kit.colors.on_primary.hex
    extra = f' fill-opacity="{opacity}"' if opacity < 1 else ""
    return f'<path fill="{fill}"{extra} d="{p.d}"/>\n'


def _centered(text: str, font, size: float, w: float, y: float, what: str) -> PathText:
    width = text_path(text, font, size).width
    return text_path(text, font, size, (w - width) / 2, y, what)


def _bar(kit: Kit, fig: DailyFigures, x: float, y: float, w: float, h: float) -> str:
    c = kit.colors
    share = min(max(fig.progress, 0.0), 1.0)
    fill = max(h, w * share)
    at = f'x="{x:.1f}" y="{y:.1f}" height="{h}" rx="{h / 2}"'
    return (
        f'<rect {at} width="{w:.1f}" fill="{c.primary_dark.hex}"/>\n'
        f'<rect {at} width="{fill:.1f}" fill="{c.accent.hex}"/>\n'
    )


def _note(fig: DailyFigures) -> str:
    return f"{format_percent(fig.progress)} mục tiêu {format_number(fig.goal)}"


def _strip(kit: Kit, fig: DailyFigures, w: int, h: int) -> str:
    """728x90: emblem, the total with its label, then progress and date on the right."""
    f = kit.fonts
    parts = [_emblem(kit, 45, h / 2, 33)]
    x0, split = 92, 440
    parts.append(_text(kit, text_path("Tổng số sáng kiến", f.medium, 15, x0, 30, "counter kicker")))
    number_text = format_number(fig.total)
    size = fit_path_size(number_text, f.display, 44, 24, split - x0 - 110)
    number = text_path(number_text, f.display, size, x0, 72, "counter total")
    parts.append(_text(kit, number))
    parts.append(
        _text(kit, text_path("sáng kiến", f.heading, 20, x0 + number.width + 10, 72, "counter label"))
    )
    right = w - 18
    parts.append(_text(kit, text_path(_note(fig), f.heading, 16, split, 34, "counter progress")))
    parts.append(_bar(kit, fig, split, 44, right - split, 10))
    date = updated_on(fig.day)
    date_size = fit_path_size(date, f.body, 15, 11, right - split)
    parts.append(_text(kit, text_path(date, f.body, date_size, split, 76, "counter date"), 0.92))
    return "".join(parts)


def _box(kit: Kit, fig: DailyFigures, w: int, h: int) -> str:
    """300x250: emblem and kicker on top, the total large, the bar and the progress."""
    f = kit.fonts
    pad = 20
    parts = [_emblem(kit, pad + 32, 50, 32)]
    x0 = pad + 78
    kicker_size = fit_path_size("Tổng số sáng kiến", f.medium, 19, 13, w - x0 - pad)
    parts.append(_text(kit, text_path("Tổng số sáng kiến", f.medium, kicker_size, x0, 46, "counter kicker")))
    date = updated_on(fig.day)
    date_size = fit_path_size(date, f.body, 14, 10, w - x0 - pad)
    parts.append(_text(kit, text_path(date, f.body, date_size, x0, 70, "counter date"), 0.92))
    number_text = format_number(fig.total)
    size = fit_path_size(number_text, f.display, 66, 30, w - 2 * pad)
    parts.append(_text(kit, text_path(number_text, f.display, size, pad, 156, "counter total")))
    parts.append(_text(kit, text_path("sáng kiến", f.heading, 22, pad, 188, "counter label")))
    parts.append(_bar(kit, fig, pad, 204, w - 2 * pad, 12))
    note_size = fit_path_size(_note(fig), f.heading, 16, 11, w - 2 * pad)
    parts.append(_text(kit, text_path(_note(fig), f.heading, note_size, pad, 236, "counter progress")))
    return "".join(parts)


def _column(kit: Kit, fig: DailyFigures, w: int, h: int) -> str:
    """300x600: the emblem large, then everything centred, the portal at the foot."""
    f = kit.fonts
    pad = 24
    parts = [_emblem(kit, w / 2, 118, 74)]
    parts.append(_text(kit, _centered("Tổng số sáng kiến", f.medium, 24, w, 250, "counter kicker")))
    number_text = format_number(fig.total)
    size = fit_path_size(number_text, f.display, 76, 36, w - 2 * pad)
    parts.append(_text(kit, _centered(number_text, f.display, size, w, 330, "counter total")))
    parts.append(_text(kit, _centered("sáng kiến", f.heading, 30, w, 374, "counter label")))
    parts.append(_bar(kit, fig, pad, 404, w - 2 * pad, 16))
    note_size = fit_path_size(_note(fig), f.heading, 21, 13, w - 2 * pad)
    parts.append(_text(kit, _centered(_note(fig), f.heading, note_size, w, 452, "counter progress")))
    date = updated_on(fig.day)
    date_size = fit_path_size(date, f.body, 17, 11, w - 2 * pad)
    parts.append(_text(kit, _centered(date, f.body, date_size, w, 482, "counter date"), 0.92))
    c = kit.colors
    parts.append(
        f'<rect x="{pad}" y="520" width="{w - 2 * pad}" height="52" rx="26" fill="{c.accent.hex}"/>\n'
    )
    host = kit.links.website
    host_size = fit_path_size(host, f.heading, 20, 12, w - 2 * pad - 36)
    link = _centered(host, f.heading, host_size, w, 553, "counter link")
    parts.append(f'<path fill="{c.on_accent.hex}" d="{link.d}"/>\n')
    return "".join(parts)
