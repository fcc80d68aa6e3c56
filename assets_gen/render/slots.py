"""Filling a designer template's slots with the kit: text through the text engine, images
scaled into their box.

Text colours follow the kit's pairs: a text slot takes the `on_X` colour of the kit
colour nearest to the artwork under it (or the one its `data-color` names), and a
background that no pair reads well on is refused, so a template can never print
low-contrast text.
"""

from __future__ import annotations

from dataclasses import replace

from PIL import Image

from assets_gen.brand.model import Kit
from assets_gen.brand.slots import BANNER_TEXT
from assets_gen.errors import FitError, TemplateError
from assets_gen.layout import shapes
from assets_gen.layout.color import Color, contrast_ratio
from assets_gen.layout.geometry import Box
from assets_gen.layout.qr import min_side, qr_image, view_scale
from assets_gen.layout.svg import render_svg_fit, svg_aspect
from assets_gen.layout.template import Slot, Template
from assets_gen.layout.text import TextBlock, TextStyle
from assets_gen.photo import square_photo
from assets_gen.render.banner_layout import WHAT, TextSpec, text_style

MIN_CONTRAST = 3.0  # WCAG for large text: slots are never body-text sized


def scaled_slot(slot: Slot, k: int) -> Slot:
    if k == 1:
        return slot
    b = slot.box
    return replace(slot, box=Box(b.x * k, b.y * k, b.w * k, b.h * k), radius=slot.radius * k)


def text_spec(kit: Kit, image: Image.Image, slot: Slot, tpl: Template) -> TextSpec:
    """How to set a text slot: the designer's options over the slot's defaults."""
    text = BANNER_TEXT[slot.name]
    style = slot_style(kit, slot, text.font, text.lines)
    # Never below the size's readable floor (in the image's pixels: small sizes are drawn large).
    floor = tpl.size.min_text * image.width // tpl.size.width
    lo = max(slot.min_size or style.min_size, floor)
    style = replace(style, min_size=lo, max_size=max(slot.max_size or style.max_size, lo))
    return TextSpec(slot.name, slot.box, style, text_color(kit, image, slot, tpl), WHAT[slot.name])


def slot_style(kit: Kit, slot: Slot, font: str, lines: int, min_size: float | None = None) -> TextStyle:
    """The text style a slot asks for (font role, lines, alignment, capitals), over the
    defaults of what it shows: `font` and `lines`, and `min_size` when given."""
    sizes = {} if min_size is None else {"min_size": min_size}
    return text_style(
        getattr(kit.fonts, slot.font or font),
        slot.box,
        slot.lines or lines,
        slot.align or "center",
        slot.valign or "middle",
        bool(slot.upper),
        **sizes,
    )


def fit_in_slot(spec: TextSpec, text: str, tpl: Template) -> TextBlock:
    """Fit a fixed text; a text that cannot fit is the template's problem, named as such."""
    try:
        return spec.fit(text)
    except FitError as err:
        slot = tpl.slot(spec.slot)
        raise TemplateError(tpl.where, f"{slot.element if slot else spec.slot}: {err.what}") from None


def text_color(kit: Kit, image: Image.Image, slot: Slot, tpl: Template) -> Color:
    """The kit's text colour for the artwork under the slot (or the one it asks for),
    refused when it would not read."""
    region = image.crop(slot.box.rounded()).convert("RGB").resize((1, 1), Image.Resampling.BOX)
    under = Color(*region.getpixel((0, 0)))
    c = kit.colors
    pairs = [(background, text_key) for text_key, _, _, background in c.text_pairs()]
    nearest, auto = min(
        pairs, key=lambda p: sum((a - b) ** 2 for a, b in zip(p[0].rgb, under.rgb, strict=True))
    )
    key = slot.color or auto
    text = getattr(c, key)
    ratio = contrast_ratio(text, under)
    # A kit pair that fails on its own kit colour is the kit's problem (`assets-gen check`
    # names it); here the artwork under the slot is judged.
    kit_pair_fails = not slot.color and contrast_ratio(text, nearest) < MIN_CONTRAST
    if ratio < MIN_CONTRAST and not kit_pair_fails:
        fix = "choose another data-color" if slot.color else "put the slot on a kit colour or set data-color"
        raise TemplateError(
            tpl.where,
            f"{slot.element}: text in colors.{key} {text.hex} would have contrast {ratio:.1f}:1 on the "
            f"artwork under it ({under.hex}): {fix}",
        )
    return text


def fill_image(kit: Kit, image: Image.Image, slot: Slot, tpl: Template) -> Box:
    """Draw the logo, the QR code or the photo into its slot; return where it lies."""
    box = slot.box
    w, h = max(1, round(box.w)), max(1, round(box.h))
    if slot.name == "logo":
        which = slot.logo or ("full" if box.w / box.h >= 1.6 else "mark")
        path = getattr(kit.logo, which)
        wide = svg_aspect(path) >= box.w / box.h
        art = render_svg_fit(path, width=w) if wide else render_svg_fit(path, height=h)
    elif slot.name == "qr":
        scale = view_scale(*image.size)
        least = min_side(kit.links.portal, scale)
        if min(w, h) < least:
            raise TemplateError(
                tpl.where,
                f"{slot.element}: {min(w, h)} px is too small for a QR code that scans on a phone "
                f"(at least {least} px on this size)",
            )
        art = qr_image(kit.links.portal, min(w, h), kit.colors.dark, kit.colors.light, kit.logo.mark, scale)
    else:
        art = _photo(kit, slot, tpl, w, h)
    x, y = round(box.cx - art.width / 2), round(box.cy - art.height / 2)
    image.alpha_composite(art, (x, y))
    return Box(x, y, art.width, art.height)


def _photo(kit: Kit, slot: Slot, tpl: Template, w: int, h: int) -> Image.Image:
    """The kit's first sample photo covering the slot, round or rounded as drawn."""
    if not kit.data.photos:
        raise TemplateError(tpl.where, f"{slot.element}: the kit has no photos ([data] photos) to put here")
    photo = kit.data.photos[0]
    square = square_photo(photo, photo.name, max(w, h))
    left, top = (square.width - w) // 2, round((square.height - h) * 0.3)
    art = square.crop((left, top, left + w, top + h)).convert("RGBA")
    if slot.shape == "circle":
        art.putalpha(shapes.disc_mask(w, h, w / 2, h / 2, min(w, h) / 2))
    elif slot.radius:
        art.putalpha(shapes.rounded_rect_mask((w, h), (0, 0, w, h), slot.radius))
    return art
