"""Wide products: the 500 x 80 cm street banner and the 600 x 300 cm stage backdrop.

A băng rôn is read from across a street, by people passing: the campaign's mark, the
slogan in letters a fifth of its height, the tagline, and who hangs it. A backdrop is
behind the speakers and in every photo of the event: its title, date and format high up
(the bottom is hidden by the stage and the people on it), the campaign's marks.
"""

from __future__ import annotations

from assets_gen.brand.events import Event
from assets_gen.brand.model import Kit
from assets_gen.brand.stats import format_datetime
from assets_gen.brand.units import Unit
from assets_gen.layout.geometry import Box
from assets_gen.render.print.common import brand_ground, mark_on_red, new_page, pill, style
from assets_gen.render.print.page import Page
from assets_gen.render.print.products import Product


def render_street_banner(kit: Kit, product: Product, unit: Unit | None) -> Page:
    page = new_page(product)
    c, f = kit.colors, kit.fonts
    brand_ground(page, kit, ripples=(0.97, 0.9))
    s = product.safe
    mark, words, side = s.split_h(0.13, 0.55, 0.32, gap=s.h * 0.25)
    page.logo(kit.logo.mark, mark, recolor=mark_on_red(kit))
    top, bottom = words.split_v(0.7, 0.3, gap=s.h * 0.05)
    page.fit(
        kit.campaign.slogan.upper(),
        top,
        style(f.display, top.h * 0.5, top.h * 0.2, lines=2, align="left", line_height=1.05),
        c.on_primary,
        "slogan",
    )
    pill(
        page,
        kit,
        kit.campaign.tagline,
        bottom,
        style(f.heading, bottom.h * 0.6, bottom.h * 0.25, align="left"),
        "tagline",
        bottom.h * 0.4,
    )
    who = unit.name if unit is not None else kit.campaign.organisation
    a, b = side.split_v(0.62, 0.38, gap=s.h * 0.06)
    page.fit(
        who.upper(),
        a,
        style(f.heading, a.h * 0.34, a.h * 0.12, lines=3, align="right", line_height=1.2),
        c.on_primary,
        "unit" if unit is not None else "organisation",
    )
    page.fit(
        kit.links.website, b, style(f.heading, b.h * 0.45, b.h * 0.15, align="right"), c.accent, "portal"
    )
    page.crop_marks()
    return page


def street_banner_alt(kit: Kit, unit: Unit | None) -> str:
    who = unit.name if unit is not None else kit.campaign.organisation
    return (
        f"Băng rôn 500 x 80 cm của {who}: “{kit.campaign.slogan}”, “{kit.campaign.tagline}”, "
        f"{kit.links.website}."
    ).replace("\u00a0", " ")


def render_backdrop(kit: Kit, product: Product, event: Event) -> Page:
    page = new_page(product)
    c, f = kit.colors, kit.fonts
    brand_ground(page, kit, ripples=(0.9, 0.85))
    s = product.safe
    # The lower third is hidden by the stage and the people on it: only marks go there.
    main, low = s.split_v(0.74, 0.26, gap=s.h * 0.03)
    left, right = main.split_h(0.7, 0.3, gap=s.w * 0.03)
    head, title, theme, when = left.split_v(0.16, 0.42, 0.16, 0.26, gap=left.h * 0.03)
    logo = page.logo(kit.logo.full_on_dark, Box(head.x, head.y, head.w * 0.4, head.h), align="left")
    if event.edition:
        pill(
            page,
            kit,
            event.edition,
            Box(logo.right + head.w * 0.05, head.y, head.w * 0.5, head.h),
            style(f.heading, head.h * 0.36, head.h * 0.15, align="left"),
            "edition",
            head.h * 0.3,
        )
    page.fit(
        event.title.upper(),
        title,
        style(f.display, title.h * 0.55, title.h * 0.2, lines=2, align="left", line_height=1.05),
        c.on_primary,
        "event title",
    )
    if event.theme:
        page.fit(
            f"“{event.theme}”",
            theme,
            style(f.medium, theme.h * 0.45, theme.h * 0.15, lines=2, align="left"),
            c.on_primary,
            "event theme",
        )
    t1, t2 = when.split_v(0.55, 0.45, gap=when.h * 0.06)
    page.fit(
        format_datetime(event.start),
        t1,
        style(f.heading, t1.h * 0.8, t1.h * 0.3, align="left"),
        c.accent,
        "event time",
    )
    how = " · ".join(x for x in (event.format, event.platform) if x)
    page.fit(
        how, t2, style(f.medium, t2.h * 0.6, t2.h * 0.2, lines=1, align="left"), c.on_primary, "event format"
    )
    page.logo(kit.logo.mark, right.inset(right.w * 0.08), recolor=mark_on_red(kit))
    strip = Box(
        product.bleed.x, low.y + low.h * 0.2, product.bleed.w, product.bleed.bottom - low.y - low.h * 0.2
    )
    page.rect(strip, c.primary_dark, opacity=0.55)
    inner = Box(s.x, strip.y, s.w, s.bottom - strip.y)
    a, b = inner.split_h(0.5, 0.5, gap=s.w * 0.04)
    page.fit(
        kit.campaign.organisation.upper(),
        a,
        style(f.heading, a.h * 0.3, a.h * 0.1, align="left"),
        c.on_primary,
        "organisation",
    )
    page.fit(
        f"{kit.campaign.tagline}  ·  {kit.campaign.hashtag}",
        b,
        style(f.heading, b.h * 0.3, b.h * 0.1, align="right"),
        c.accent,
        "tagline",
    )
    page.crop_marks()
    return page


def backdrop_alt(kit: Kit, event: Event) -> str:
    parts = [f"Phông sân khấu 600 x 300 cm (bản in tỉ lệ 1:10) của sự kiện “{event.title}”"]
    if event.edition:
        parts.append(event.edition)
    if event.theme:
        parts.append(f"chủ đề “{event.theme}”")
    parts.append(f"{format_datetime(event.start)}, {event.format}")
    return (", ".join(parts) + f"; {kit.campaign.organisation}, “{kit.campaign.tagline}”.").replace(
        "\u00a0", " "
    )
