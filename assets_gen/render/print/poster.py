"""Portrait campaign posters (A4, A3) and the 80 x 200 cm roll-up.

Read from a notice board at two metres: the slogan first, the tagline, the call to
action, then a cream panel with the portal's QR code (at least 2.5 cm on A4, growing
with the product), the address and the hotline. Campaign-wide posters carry the
organisation's name, a unit's carry the unit's.
"""

from __future__ import annotations

from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit
from assets_gen.layout.geometry import Box
from assets_gen.render.print.common import brand_ground, mark_on_red, new_page, pill, style
from assets_gen.render.print.page import Page
from assets_gen.render.print.products import Product

PORTRAIT = ("poster-a4", "poster-a3", "rollup")


def render_poster(kit: Kit, product: Product, unit: Unit | None) -> Page:
    page = new_page(product)
    c, f = kit.colors, kit.fonts
    brand_ground(page, kit)
    s = product.safe
    w = s.w
    tall = s.h / s.w > 2  # the roll-up: room for the campaign's mark as a picture
    heights = {
        "head": 0.17,
        "slogan": 0.62,
        "tagline": 0.13,
        "mark": 0.62 if tall else 0,
        "cta": 0.17,
        "panel": 0.36,
        "foot": 0.05,
    }
    k = min(1.0, s.h * 0.88 / (sum(heights.values()) * w))
    size = {name: h * w * k for name, h in heights.items()}
    gap = (s.h - sum(size.values())) / (sum(1 for v in size.values() if v) - 1)
    y = s.y
    boxes: dict[str, Box] = {}
    for name, h in size.items():
        if h:
            boxes[name] = Box(s.x, y, w, h)
            y += h + gap

    head = boxes["head"]
    logo = page.logo(kit.logo.full_on_dark, Box(head.x, head.y, head.w * 0.42, head.h), align="left")
    who = unit.name if unit is not None else kit.campaign.organisation
    page.fit(
        who.upper(),
        Box(logo.right + head.w * 0.05, head.y, head.right - logo.right - head.w * 0.05, head.h),
        style(f.heading, head.h * 0.3, head.h * 0.12, lines=3, align="right", line_height=1.25),
        c.on_primary,
        "unit" if unit is not None else "organisation",
    )
    page.fit(
        kit.campaign.slogan.upper(),
        boxes["slogan"],
        style(f.display, boxes["slogan"].h * 0.3, boxes["slogan"].h * 0.1, lines=3, line_height=1.08),
        c.on_primary,
        "slogan",
    )
    tag = boxes["tagline"]
    pill(
        page,
        kit,
        kit.campaign.tagline,
        tag,
        style(f.heading, tag.h * 0.48, tag.h * 0.2),
        "tagline",
        tag.h * 0.5,
    )
    if "mark" in boxes:
        page.logo(kit.logo.mark, boxes["mark"], recolor=mark_on_red(kit))
    page.fit(
        kit.print.call_to_action,
        boxes["cta"],
        style(f.heading, boxes["cta"].h * 0.42, boxes["cta"].h * 0.15, lines=2, line_height=1.2),
        c.on_primary,
        "call to action",
    )
    _panel(page, kit, product, boxes["panel"])
    page.fit(
        f"{kit.campaign.hashtag}  ·  {kit.campaign.name}",
        boxes["foot"],
        style(f.medium, boxes["foot"].h * 0.8, boxes["foot"].h * 0.3),
        c.on_primary,
        "footer",
    )
    page.crop_marks()
    return page


def _panel(page: Page, kit: Kit, product: Product, box: Box) -> None:
    """Cream panel: the portal's QR code, what to do, the address and the hotline."""
    c, f = kit.colors, kit.fonts
    page.rect(box, c.light, radius=box.h * 0.12)
    pad = box.h * 0.12
    qr_side = max(box.h - 2 * pad, product.units(product.qr_min_mm))
    qr = page.qr(
        kit.links.portal,
        Box(box.x + pad, box.cy - qr_side / 2, qr_side, qr_side),
        c.dark,
        c.light,
        kit.logo.mark,
    )
    text = Box(qr.right + pad, box.y + pad, box.right - qr.right - 2 * pad, box.h - 2 * pad)
    rows = text.split_v(1.1, 0.8, 0.7, gap=text.h * 0.04)
    page.fit(
        "Quét mã để gửi sáng\u00a0kiến",
        rows[0],
        style(f.display, rows[0].h * 0.48, rows[0].h * 0.2, lines=2, align="left", line_height=1.15),
        c.on_light,
        "qr caption",
    )
    page.fit(
        kit.links.website,
        rows[1],
        style(f.heading, rows[1].h * 0.55, rows[1].h * 0.2, align="left"),
        c.primary,
        "portal",
    )
    page.fit(
        f"Đường dây nóng: {kit.links.hotline}",
        rows[2],
        style(f.medium, rows[2].h * 0.55, rows[2].h * 0.2, align="left"),
        c.on_light,
        "hotline",
    )


def poster_alt(kit: Kit, product: Product, unit: Unit | None) -> str:
    who = unit.name if unit is not None else kit.campaign.organisation
    return (
        f"{product.label} chiến dịch “{kit.campaign.name}” của {who}: "
        f"“{kit.campaign.slogan}”, “{kit.campaign.tagline}”, {kit.print.call_to_action} "
        f"Mã QR dẫn tới {kit.links.website}, đường dây nóng {kit.links.hotline}."
    ).replace("\u00a0", " ")
