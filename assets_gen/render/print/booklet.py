"""The A5 booklet of outstanding authors: cover, introduction, one page per author,
notes pages to make the count a multiple of four (a booklet is folded sheets of four
pages), back cover with the portal's QR code."""

from __future__ import annotations

from assets_gen.brand.authors import Author
from assets_gen.brand.model import Kit
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import fit_text, set_text
from assets_gen.render.card import initial
from assets_gen.render.print.common import brand_ground, keep_together, mark_on_red, new_page, pill, style
from assets_gen.render.print.page import Page
from assets_gen.render.print.products import Product


def page_count(authors: int) -> int:
    """Cover, introduction, authors, back cover: padded up to a multiple of four."""
    pages = 3 + authors
    return pages + (-pages) % 4


def render_booklet(kit: Kit, product: Product, authors: list[Author]) -> list[Page]:
    pages = [_cover(kit, product), _intro(kit, product)]
    pages.extend(_author(kit, product, a, i + 3) for i, a in enumerate(authors))
    while len(pages) + 1 < page_count(len(authors)):
        pages.append(_notes(kit, product, len(pages) + 1))
    pages.append(_back(kit, product))
    for page in pages:
        page.crop_marks()
    return pages


def _cover(kit: Kit, product: Product) -> Page:
    page = new_page(product)
    c, f = kit.colors, kit.fonts
    brand_ground(page, kit)
    s = product.safe
    head, mark, title, tag, foot = s.split_v(0.12, 0.34, 0.3, 0.1, 0.08, gap=s.h * 0.03)
    page.fit(
        kit.campaign.organisation.upper(),
        head,
        style(f.heading, head.h * 0.3, head.h * 0.12, lines=2),
        c.on_primary,
        "organisation",
    )
    page.logo(kit.logo.mark, mark, recolor=mark_on_red(kit))
    page.fit(
        kit.print.booklet_title.upper(),
        title,
        style(f.display, title.h * 0.3, title.h * 0.1, lines=3, line_height=1.1),
        c.on_primary,
        "title",
    )
    pill(
        page,
        kit,
        kit.campaign.tagline,
        tag,
        style(f.heading, tag.h * 0.42, tag.h * 0.2),
        "tagline",
        tag.h * 0.4,
    )
    page.fit(kit.campaign.hashtag, foot, style(f.medium, foot.h * 0.5, foot.h * 0.2), c.on_primary, "hashtag")
    return page


def _light(kit: Kit, product: Product, number: int) -> tuple[Page, Box]:
    """A cream inside page with the campaign's name in the header and its page number."""
    page = new_page(product)
    c, f = kit.colors, kit.fonts
    page.rect(product.bleed, c.light)
    page.rect(
        Box(product.bleed.x, product.bleed.y, product.bleed.w, product.units(3) + product.units(3)), c.primary
    )
    s = product.safe
    head = Box(s.x, s.y, s.w, product.units(6))
    page.fit(
        kit.campaign.name.upper(),
        head,
        style(f.heading, head.h * 0.6, head.h * 0.3, align="left"),
        c.primary,
        "running head",
    )
    foot = Box(s.x, s.bottom - product.units(6), s.w, product.units(6))
    page.fit(str(number), foot, style(f.medium, foot.h * 0.6, foot.h * 0.3), c.on_light, "page number")
    return page, _body(product)


def _body(product: Product) -> Box:
    """An inside page's text area: under the running head, above the page number."""
    s, u = product.safe, product.units
    return Box(s.x, s.y + u(12), s.w, s.h - u(30))


def _intro(kit: Kit, product: Product) -> Page:
    page, body = _light(kit, product, 2)
    c, f = kit.colors, kit.fonts
    title, text = body.split_v(0.16, 0.84, gap=body.h * 0.03)
    page.fit(
        "Lời giới thiệu".upper(),
        title,
        style(f.display, title.h * 0.45, title.h * 0.2, align="left"),
        c.primary,
        "intro title",
    )
    intro = kit.print.booklet_intro or kit.campaign.slogan
    paragraphs = [p.strip().replace("\n", " ") for p in intro.split("\n\n") if p.strip()]
    st = style(
        f.body, product.units(5), product.units(3), lines=40, align="left", line_height=1.55, valign="top"
    )
    # One size for the whole text (fitted with room for the gaps), then each paragraph
    # set on its own with half a line between them.
    gap = product.units(5) * 0.7
    whole = fit_text(
        "\n".join(paragraphs), Box(text.x, text.y, text.w, text.h - gap * len(paragraphs)), st, "introduction"
    )
    y = text.y
    for paragraph in paragraphs:
        block = set_text(paragraph, st, whole.size, text.w)
        if block is None:  # pragma: no cover - it fitted as part of the whole
            continue
        ink = page.text(block, Box(text.x, y, text.w, block.height), c.on_light, "introduction")
        y = ink.bottom + gap
    return page


def _author(kit: Kit, product: Product, author: Author, number: int) -> Page:
    page, body = _light(kit, product, number)
    c, f = kit.colors, kit.fonts
    u = product.units
    _, name, role, unit, panel, quote = _author_rows(product, body)
    circle = portrait_box(product)
    d = circle.w
    page.circle(circle.cx, circle.cy, d / 2 + u(1.6), fill=c.accent.hex)
    if author.photo is not None:
        page.photo(author.photo, circle)
    else:
        page.circle(circle.cx, circle.cy, d / 2, fill=c.secondary.hex)
        page.fit(
            initial(author.name),
            circle.inset(d * 0.25),
            style(f.display, d * 0.45, d * 0.1),
            c.on_secondary,
            "initial",
        )
    page.fit(
        keep_together(author.name),
        name,
        style(f.display, name.h * 0.7, name.h * 0.3),
        c.on_light,
        "author name",
    )
    if author.role:
        page.fit(
            author.role,
            role,
            style(f.body, role.h * 0.38, role.h * 0.18, lines=2, line_height=1.3),
            c.on_light,
            "author role",
        )
    page.fit(
        author.unit_name,
        unit,
        style(f.heading, unit.h * 0.5, unit.h * 0.25, lines=2),
        c.secondary,
        "author unit",
    )
    page.rect(panel, c.primary, radius=u(3))
    inner = panel.inset(u(5), u(4))
    label, title, gain = inner.split_v(0.18, 0.55, 0.27, gap=u(1.5))
    page.fit(
        "SÁNG KIẾN",
        label,
        style(f.heading, label.h * 0.8, label.h * 0.3, align="left"),
        c.accent,
        "initiative label",
    )
    page.fit(
        author.title,
        title,
        style(f.heading, title.h * 0.4, title.h * 0.15, lines=3, align="left", line_height=1.22),
        c.on_primary,
        "initiative",
    )
    if author.benefit:
        text = author.benefit[:1].upper() + author.benefit[1:]
        pill(
            page,
            kit,
            text,
            gain,
            style(f.heading, gain.h * 0.5, gain.h * 0.2, align="left"),
            "benefit",
            gain.h * 0.35,
        )
    if author.quote:
        page.fit(
            f"“{author.quote}”",
            quote,
            style(f.medium, quote.h * 0.3, quote.h * 0.12, lines=3, line_height=1.35),
            c.primary,
            "quote",
        )
    return page


def _author_rows(product: Product, body: Box) -> list[Box]:
    return body.split_v(0.33, 0.09, 0.1, 0.07, 0.28, 0.13, gap=product.units(2.5))


def portrait_box(product: Product) -> Box:
    """Where an author's photo goes on their page (the same on every author page)."""
    portrait = _author_rows(product, _body(product))[0]
    return Box(portrait.cx - portrait.h / 2, portrait.y, portrait.h, portrait.h)


def _notes(kit: Kit, product: Product, number: int) -> Page:
    """A page for notes: ruled lines, so padding to four pages is still of use."""
    page, body = _light(kit, product, number)
    c, f = kit.colors, kit.fonts
    title = Box(body.x, body.y, body.w, product.units(10))
    page.fit(
        "GHI CHÚ", title, style(f.display, title.h * 0.7, title.h * 0.3, align="left"), c.primary, "notes"
    )
    y = title.bottom + product.units(10)
    while y < body.bottom:
        page.rect(Box(body.x, y, body.w, product.units(0.25)), c.on_light, opacity=0.3)
        y += product.units(9)
    return page


def _back(kit: Kit, product: Product) -> Page:
    page = new_page(product)
    c, f = kit.colors, kit.fonts
    brand_ground(page, kit, ripples=(0.02, 0.96))
    s = product.safe
    logo, slogan, qr, link, foot = s.split_v(0.14, 0.22, 0.34, 0.14, 0.1, gap=s.h * 0.04)
    page.logo(kit.logo.full_on_dark, logo)
    page.fit(
        kit.campaign.slogan.upper(),
        slogan,
        style(f.display, slogan.h * 0.32, slogan.h * 0.12, lines=3),
        c.on_primary,
        "slogan",
    )
    side = max(qr.h, product.units(product.qr_min_mm))
    page.qr(kit.links.portal, Box(qr.cx - side / 2, qr.y, side, side), c.dark, c.light, kit.logo.mark)
    a, b = link.split_v(1, 1)
    page.fit(kit.links.website, a, style(f.heading, a.h * 0.6, a.h * 0.3), c.accent, "portal")
    page.fit(
        f"Đường dây nóng: {kit.links.hotline}",
        b,
        style(f.medium, b.h * 0.5, b.h * 0.25),
        c.on_primary,
        "hotline",
    )
    page.fit(
        kit.campaign.organisation.upper(),
        foot,
        style(f.heading, foot.h * 0.35, foot.h * 0.15, lines=2),
        c.on_primary,
        "organisation",
    )
    return page


def booklet_alt(kit: Kit, authors: list[Author]) -> str:
    names = ", ".join(a.name for a in authors)
    return (
        f"Kỷ yếu A5 “{kit.print.booklet_title}”, {page_count(len(authors))} trang: bìa, lời giới thiệu, "
        f"{len(authors)} tác giả ({names}), bìa sau với mã QR tới {kit.links.website}."
    ).replace("\u00a0", " ")
