"""A4 landscape "Giấy chứng nhận" for an outstanding author, in the kit's style.

Laid out as Vietnamese certificates are: the organisation and the national motto at the
top, the heading, whom it recognises (the name on one line, never broken), for what,
then the place and date ("Hà Nội, ngày 27 tháng 11 năm 2026") over the signature block
whose title and signer come from the kit, with room for the signature and the seal.
"""

from __future__ import annotations

from assets_gen.brand.authors import Author
from assets_gen.brand.model import Kit
from assets_gen.errors import BrandError
from assets_gen.layout.geometry import Box
from assets_gen.render.print.common import keep_together, long_date, new_page, style
from assets_gen.render.print.page import Page
from assets_gen.render.print.products import Product

SIGNATURE_MM = 25  # room for a signature and a round seal over it
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def require_signature(kit: Kit, where: str) -> None:
    """Certificates need the kit's signer, title and date."""
    for key in ("signer", "signer_title", "date"):
        if not getattr(kit.print, key):
            raise BrandError(where, f"print.{key}: missing key (certificates need it)")


def render_certificate(kit: Kit, product: Product, author: Author) -> Page:
    from assets_gen.errors import display_path

    require_signature(kit, display_path(kit.file))
    page = new_page(product)
    c, f = kit.colors, kit.fonts
    u = product.units
    page.rect(product.bleed, c.light)
    # A double frame: a red band inside the trim and a thin gold rule inside it.
    band = product.trim.inset(u(5))
    page.rect(band, "none", stroke=f' stroke="{c.primary.hex}" stroke-width="{u(2.2):.2f}"')
    page.rect(
        band.inset(u(2.6)),
        "none",
        radius=u(1.5),
        stroke=f' stroke="{c.accent.hex}" stroke-width="{u(0.7):.2f}"',
    )
    s = product.safe.inset(u(8), u(4))
    top, body, foot = s.split_v(0.12, 0.55, 0.33, gap=u(3))

    org, motto = top.split_h(0.46, 0.54, gap=u(6))
    logo = page.logo(kit.logo.mark, Box(org.x, org.y, org.h, org.h))
    org_text = Box(logo.right + u(3), org.y, org.right - logo.right - u(3), org.h)
    page.fit(
        kit.campaign.organisation.upper(),
        org_text,
        style(f.heading, u(4.2), u(2.6), lines=2, align="left", line_height=1.3),
        c.secondary,
        "organisation",
    )
    m1, m2 = motto.split_v(1, 1)
    page.fit(MOTTO[0], m1, style(f.heading, u(4.2), u(2.6)), c.on_light, "motto")
    ink = page.fit(MOTTO[1], m2, style(f.medium, u(4.4), u(2.8)), c.on_light, "motto")
    page.rect(Box(ink.x + ink.w * 0.15, ink.bottom + u(2.2), ink.w * 0.7, u(0.35)), c.on_light)

    heading, reason, name, unit, what, benefit = body.split_v(1.4, 0.55, 1.3, 0.5, 1.05, 0.5, gap=u(2.6))
    page.fit(
        kit.print.certificate_title.upper(), heading, style(f.display, u(20), u(10)), c.primary, "heading"
    )
    page.fit(
        kit.print.certificate_reason.upper(), reason, style(f.heading, u(6), u(4)), c.secondary, "reason"
    )
    page.fit(keep_together(author.name), name, style(f.display, u(15), u(7)), c.on_light, "author name")
    unit_line = f"{author.role} · {author.unit_name}" if author.role else author.unit_name
    page.fit(unit_line, unit, style(f.medium, u(5.2), u(3.2)), c.on_light, "author unit")
    page.fit(
        f"Sáng kiến: “{author.title}”",
        what,
        style(f.heading, u(6), u(3.6), lines=2, line_height=1.25),
        c.on_light,
        "initiative",
    )
    if author.benefit:
        text = author.benefit[:1].upper() + author.benefit[1:]
        page.fit(f"Hiệu quả: {text}", benefit, style(f.medium, u(5), u(3.2)), c.primary, "benefit")

    mark, sign = foot.split_h(0.5, 0.5, gap=u(8))
    page.fit(
        f"{kit.campaign.hashtag}\n{kit.links.website}",
        Box(mark.x, mark.bottom - u(14), mark.w, u(14)),
        style(f.medium, u(4), u(2.6), lines=2, align="left", line_height=1.4),
        c.secondary,
        "footer",
    )
    date = Box(sign.x, sign.y, sign.w, u(7))
    signed = long_date(kit.print.place, kit.print.date)
    # In italics, as Vietnamese documents set the place and date (upright without one).
    page.fit(signed, date, style(f.italic or f.body, u(4.4), u(3)), c.on_light, "date")
    page.fit(
        kit.print.signer_title.upper(),
        Box(sign.x, date.bottom + u(2), sign.w, u(14)),
        style(f.heading, u(4.6), u(3), lines=3, line_height=1.35, valign="top"),
        c.on_light,
        "signer title",
    )
    # Between the title and the name: SIGNATURE_MM for the signature and the seal.
    signer = Box(sign.x, sign.bottom - u(8), sign.w, u(8))
    page.fit(keep_together(kit.print.signer), signer, style(f.heading, u(5.2), u(3.4)), c.on_light, "signer")
    page.crop_marks()
    return page


def certificate_alt(kit: Kit, author: Author) -> str:
    return (
        f"{kit.print.certificate_title} {kit.print.certificate_reason.lower()} cho {author.name}, "
        f"{author.unit_name}, sáng kiến “{author.title}”"
        + (f", {author.benefit}" if author.benefit else "")
        + f"; {long_date(kit.print.place, kit.print.date)}, {kit.print.signer_title.replace(chr(10), ' ')} "
        f"{kit.print.signer}."
    ).replace("\u00a0", " ")
