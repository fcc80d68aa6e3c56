"""The embeddable counter for the newspaper's website: one self-contained SVG and a snippet.

The SVG references nothing (no fonts, no images, no scripts: text is outlined from the
kit's font, the logo is inlined), so it looks the same in every browser and survives
any CMS. A scheduled job regenerates it daily under the same name; the HTML snippet
that shows it never changes except for its alt text.
"""

from __future__ import annotations

import html

from assets_gen.brand.model import Kit
from assets_gen.brand.stats import format_date, format_number, format_percent
from assets_gen.layout.svg import inline_svg
from assets_gen.layout.svgtext import fit_path_size, text_path
from assets_gen.layout.text import plain
from assets_gen.render.stats_card import DailyFigures, updated_on

WIDTH, HEIGHT = 760, 260
SVG_NAME = "counter.svg"


def counter_alt(kit: Kit, fig: DailyFigures) -> str:
    return (
        f"Bộ đếm chiến dịch “{plain(kit.campaign.name)}”: {format_number(fig.total)} sáng kiến, "
        f"đạt {format_percent(fig.progress)} mục tiêu {format_number(fig.goal)}; "
        f"cập nhật ngày {format_date(fig.day)}."
    )


def counter_svg(kit: Kit, fig: DailyFigures) -> str:
    """The counter as SVG text: gradient card, logo mark, total, progress bar, date."""
    c, f = kit.colors, kit.fonts
    alt = html.escape(counter_alt(kit, fig), quote=True)
    x0, right = 232, WIDTH - 36
    kicker = text_path("Tổng số sáng kiến", f.medium, 24, x0, 64, "counter kicker")
    number_text = format_number(fig.total)
    label_text = "sáng kiến"
    size = fit_path_size(number_text, f.display, 92, 40, right - x0 - 170)
    number = text_path(number_text, f.display, size, x0, 150, "counter total")
    label = text_path(label_text, f.heading, 32, x0 + number.width + 16, 150, "counter label")
    share = min(max(fig.progress, 0.0), 1.0)
    bar_w = right - x0
    fill_w = max(16.0, bar_w * share)
    note = f"{format_percent(fig.progress)} mục tiêu {format_number(fig.goal)}"
    percent = text_path(note, f.heading, 22, x0, 228, "counter progress")
    date = updated_on(fig.day)
    date_size = fit_path_size(date, f.body, 20, 14, right - x0 - percent.width - 24)
    date_path = text_path(date, f.body, date_size, 0, 228, "counter date")
    date_x = right - date_path.width
    return f"""<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" \
height="{HEIGHT}" role="img" aria-label="{alt}">
<title>{alt}</title>
<defs><linearGradient id="agc-bg" x1="0" y1="0" x2="1" y2="1">\
<stop offset="0" stop-color="{c.primary.hex}"/><stop offset="1" stop-color="{c.primary_dark.hex}"/>\
</linearGradient></defs>
<rect width="{WIDTH}" height="{HEIGHT}" rx="28" fill="url(#agc-bg)"/>
<circle cx="{WIDTH - 10}" cy="{HEIGHT + 30}" r="150" fill="none" stroke="{c.on_primary.hex}" \
stroke-opacity="0.12" stroke-width="5"/>
<circle cx="{WIDTH - 10}" cy="{HEIGHT + 30}" r="220" fill="none" stroke="{c.on_primary.hex}" \
stroke-opacity="0.08" stroke-width="5"/>
<circle cx="112" cy="130" r="86" fill="{c.light.hex}"/>
{inline_svg(kit.logo.mark, 62, 64, 100, 120)}
<path fill="{c.on_primary.hex}" d="{kicker.d}"/>
<path fill="{c.on_primary.hex}" d="{number.d}"/>
<path fill="{c.on_primary.hex}" d="{label.d}"/>
<rect x="{x0}" y="176" width="{bar_w}" height="16" rx="8" fill="{c.primary_dark.hex}"/>
<rect x="{x0}" y="176" width="{fill_w:.1f}" height="16" rx="8" fill="{c.accent.hex}"/>
<path fill="{c.on_primary.hex}" d="{percent.d}"/>
<g transform="translate({date_x:.1f} 0)">\
<path fill="{c.on_primary.hex}" fill-opacity="0.92" d="{date_path.d}"/></g>
</svg>
"""


def counter_html(
    kit: Kit,
    fig: DailyFigures,
    svg_name: str = SVG_NAME,
    base_url: str | None = None,
    width: int = WIDTH,
    height: int = HEIGHT,
) -> str:
    """A small HTML snippet that shows the counter and links to the portal; with
    `base_url`, the image's address is absolute (for pasting into another site's CMS)."""
    alt = html.escape(counter_alt(kit, fig), quote=True)
    portal = html.escape(kit.links.portal, quote=True)
    src = html.escape(f"{base_url.rstrip('/')}/{svg_name}" if base_url else svg_name, quote=True)
    return (
        f"<!-- {html.escape(plain(kit.campaign.name))}: bộ đếm sáng kiến, cập nhật hằng ngày "
        f"({svg_name} được tạo lại mỗi ngày, đoạn mã này giữ nguyên) -->\n"
        f'<a href="{portal}" target="_blank" rel="noopener" '
        f'style="display:inline-block;max-width:100%;line-height:0">'
        f'<img src="{src}" width="{width}" height="{height}" alt="{alt}" '
        f'style="max-width:100%;height:auto;border:0" loading="lazy" decoding="async"></a>\n'
    )
