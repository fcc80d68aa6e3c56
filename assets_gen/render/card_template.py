"""Designer SVG templates for cards: `spotlight-SIZE.svg` and `event-SIZE.svg`.

The same rules as banner templates (layout/template.py: slots are `slot-NAME` boxes
taken out of the artwork, text never drawn by CairoSVG, contrast checked against the
artwork under each slot), filled from a card's own data: an author's name, photo and
initiative, an event's title, time, guests and livestream QR code. The renderers call
`render_card_template` when the kit's templates folder has a file for the size.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from PIL import Image

from assets_gen.brand.model import Kit
from assets_gen.brand.slots import CARD_MIN_TEXT, TEXT_SLOTS, TextSlot, vocabulary
from assets_gen.errors import AssetsGenError, TemplateError, display_path
from assets_gen.layout import shapes
from assets_gen.layout.geometry import Box
from assets_gen.layout.qr import min_side, qr_image, view_scale
from assets_gen.layout.sizes import get_size
from assets_gen.layout.template import Slot, Template, load_template, size_from_name
from assets_gen.photo import square_photo
from assets_gen.render.banner_layout import TextSpec
from assets_gen.render.card import Card, monogram
from assets_gen.render.slots import fill_image, slot_style, text_color

KINDS = ("spotlight", "event")
SLOTS = {kind: vocabulary(kind) for kind in KINDS}


@dataclass(frozen=True)
class CardData:
    """What one card puts in the slots."""

    texts: dict[str, str]
    """Text by slot name; an empty text leaves its slot empty."""
    photo: Path | None = None
    """The photo slot's picture (None: the person's initial on a disc)."""
    person: str = ""
    """Whose initial stands in for a missing photo."""
    qr: str | None = None
    """What the QR slot encodes (None: the kit's portal)."""


def card_template_path(kit: Kit, kind: str, size_name: str) -> Path | None:
    """The kit's template for this card kind and size, if it has one."""
    folder = kit.data.templates
    path = folder / f"{kind}-{size_name}.svg" if folder else None
    return path if path is not None and path.is_file() else None


def card_templates(kit: Kit, kind: str) -> tuple[str, ...]:
    """Every template file of the kind (inputs of its cards: an edit re-renders them)."""
    folder = kit.data.templates
    if folder is None or not folder.is_dir():
        return ()
    return tuple(str(p) for p in sorted(folder.glob(f"{kind}-*.svg")))


def load_card_template(kit: Kit, kind: str, size_name: str) -> Template | None:
    path = card_template_path(kit, kind, size_name)
    return None if path is None else load_template(path, get_size(size_name), SLOTS[kind])


def render_card_template(kit: Kit, tpl: Template, kind: str, data: CardData) -> Card:
    """The template's artwork with every slot filled from `data`."""
    card = Card(kit, tpl.size, tpl.artwork().convert("RGBA"))
    for slot in tpl.slots:
        if slot.name in TEXT_SLOTS[kind]:
            text = data.texts.get(slot.name, "")
            if text:
                spec = _spec(kit, card.image, slot, tpl, TEXT_SLOTS[kind][slot.name])
                card.draw(slot.box, spec.fit(text), spec.color, spec.what)
        elif slot.name == "photo":
            _photo(card, slot, data)
        elif slot.name == "qr" and data.qr is not None:
            _qr(card, slot, tpl, data.qr)
        else:  # the logo, or the portal's QR code
            if slot.name == "logo" and slot.logo is None and _dark_under(card.image, slot):
                slot = replace(slot, logo="full_on_dark" if slot.box.w / slot.box.h >= 1.6 else "mark")
            card.placed.append((slot.name, fill_image(kit, card.image, slot, tpl)))
    return card


def _dark_under(image: Image.Image, slot: Slot) -> bool:
    """Whether the artwork under a slot is dark: the full logo then takes its version for
    dark grounds (its lettering is dark), unless the designer named one (data-logo)."""
    under = image.crop(slot.box.rounded()).convert("L").resize((1, 1), Image.Resampling.BOX)
    return under.getpixel((0, 0)) < 110


def _spec(kit: Kit, image: Image.Image, slot: Slot, tpl: Template, text: TextSlot) -> TextSpec:
    style = slot_style(kit, slot, text.font, text.lines, slot.min_size or text.min_size or CARD_MIN_TEXT)
    if slot.max_size:
        style = replace(style, max_size=max(slot.max_size, style.min_size))
    return TextSpec(slot.name, slot.box, style, text_color(kit, image, slot, tpl), text.what)


def _photo(card: Card, slot: Slot, data: CardData) -> None:
    """The person's photo covering the slot (round when drawn as a circle), or their initial."""
    box = slot.box
    w, h = max(1, round(box.w)), max(1, round(box.h))
    if data.photo is None:
        art = monogram(card.kit, data.person, min(w, h))
    else:
        square = square_photo(data.photo, data.photo.name, max(w, h))
        left, top = (square.width - w) // 2, round((square.height - h) * 0.3)
        art = square.crop((left, top, left + w, top + h)).convert("RGBA")
        if slot.shape == "circle":
            art.putalpha(shapes.disc_mask(w, h, w / 2, h / 2, min(w, h) / 2))
    x, y = round(box.cx - art.width / 2), round(box.cy - art.height / 2)
    card.image.alpha_composite(art, (x, y))
    card.placed.append(("photo", box))


def _qr(card: Card, slot: Slot, tpl: Template, data: str) -> None:
    side = round(min(slot.box.w, slot.box.h))
    scale = view_scale(card.size.width, card.size.height)
    least = min_side(data, scale)
    if side < least:
        raise TemplateError(
            tpl.where,
            f"{slot.element}: {side} px is too small for a QR code that scans on a phone "
            f"(at least {least} px on this size)",
        )
    c = card.kit.colors
    image = qr_image(data, side, c.dark, c.light, card.kit.logo.mark, scale)
    x, y = round(slot.box.cx - side / 2), round(slot.box.cy - side / 2)
    card.image.alpha_composite(image, (x, y))
    placed = Box(x, y, side, side)
    card.placed.append(("qr", placed))
    card.qr_codes.append((data, placed))


def misnamed(kit: Kit, kind: str, sizes: tuple[str, ...]) -> list[str]:
    """Templates of the kind whose name is no size the kind makes: a typo would go unnoticed."""
    problems = []
    for name in card_templates(kit, kind):
        path = Path(name)
        try:
            size = size_from_name(path, f"{kind}-")
        except TemplateError as err:
            problems.append(str(err))
            continue
        if size.name not in sizes:
            what = f"{kind} cards are made in {', '.join(sizes)}, not {size.name}"
            problems.append(str(TemplateError(display_path(path), what)))
    return problems


def check_card_templates(kit: Kit, kind: str, sizes: tuple[str, ...], sample: CardData | None) -> list[str]:
    """`assets-gen check`: every template of the kind is named for one of its sizes, parses,
    and takes the kit's first row (`sample`) with every text fitting and readable."""
    problems = misnamed(kit, kind, sizes)
    for size in sizes:
        try:
            tpl = load_card_template(kit, kind, size)
            if tpl is not None and sample is not None:
                render_card_template(kit, tpl, kind, sample)
        except AssetsGenError as err:
            problems.append(str(err) if err.where else f"{card_template_path(kit, kind, size)}: {err.what}")
    return problems
