"""One vocabulary: slot names, kit texts, font roles, text colours and logo versions are
declared once (brand/model.py, brand/slots.py) and every user takes them from there."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from assets_gen.brand.model import KIT_TEXTS, Fonts, Logo, Palette
from assets_gen.brand.slots import (
    BANNER_TEXT,
    FONT_ROLES,
    IMAGE_SLOTS,
    LOGOS,
    TEXT_COLORS,
    TEXT_SLOTS,
    UNIT_NAME,
    TextSlot,
    vocabulary,
)
from assets_gen.errors import TemplateError
from assets_gen.layout.sizes import SIZES
from assets_gen.layout.template import load_template
from assets_gen.render.banner_layout import WHAT, contents

README = Path(__file__).parent.parent / "README.md"
HEAD = '<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080" viewBox="0 0 1080 1080">'


def test_font_roles_colours_and_logos_are_the_kit_model_fields():
    assert tuple(Fonts(**dict.fromkeys(FONT_ROLES, Path())).all()) == FONT_ROLES  # the upright fonts
    assert tuple(f.name for f in fields(Logo)) == LOGOS
    assert set(TEXT_COLORS) == {f.name for f in fields(Palette) if f.name.startswith("on_")}
    with pytest.raises(ValueError, match="not a font role"):
        TextSlot("bold", 1, "a typo in a table is caught when the module loads")


def test_every_banner_slot_shows_a_kit_text_and_the_layout_names_it_so(kit):
    for slot, text in BANNER_TEXT.items():
        assert text.what in KIT_TEXTS or text.what == UNIT_NAME, slot
        assert WHAT[slot] == text.what
        if text.what != UNIT_NAME:
            assert contents(kit, slot) == [kit.texts()[text.what]]
    assert set(KIT_TEXTS) <= set(kit.texts())  # what `check` proofreads
    with pytest.raises(KeyError, match="not a kit text"):
        kit.text_at("campaign.goal")


def slot_rect(name: str, y: int, **options: str) -> str:
    data = "".join(f' data-{key}="{value}"' for key, value in options.items())
    return f'<rect id="slot-{name}" x="100" y="{y}" width="600" height="80"{data}/>'


@pytest.mark.parametrize("family", list(TEXT_SLOTS))
def test_templates_take_exactly_the_declared_names(tmp_path: Path, family: str):
    names = vocabulary(family)
    assert names.slots == (*TEXT_SLOTS[family], *IMAGE_SLOTS)
    text_slot = next(iter(TEXT_SLOTS[family]))
    for i in range(max(len(FONT_ROLES), len(TEXT_COLORS), len(LOGOS))):  # every declared name...
        font, color, logo = (
            FONT_ROLES[i % len(FONT_ROLES)],
            TEXT_COLORS[i % len(TEXT_COLORS)],
            LOGOS[i % len(LOGOS)],
        )
        path = tmp_path / f"{family}-fb-post-{i}.svg"
        body = slot_rect(text_slot, 100, font=font, color=color) + slot_rect("logo", 300, logo=logo)
        path.write_text(f"{HEAD}{body}</svg>", encoding="utf-8")
        tpl = load_template(path, SIZES["fb-post"], names)
        assert (tpl.slot(text_slot).font, tpl.slot(text_slot).color, tpl.slot("logo").logo) == (
            font,
            color,
            logo,
        )
    for option, value in (("font", "bold"), ("color", "on_grey"), ("logo", "round")):  # ...and no other
        path = tmp_path / f"{family}-fb-post-bad-{option}.svg"
        slot = "logo" if option == "logo" else text_slot
        path.write_text(f"{HEAD}{slot_rect(slot, 100, **{option: value})}</svg>", encoding="utf-8")
        with pytest.raises(TemplateError, match=f'data-{option}="{value}" is not one of'):
            load_template(path, SIZES["fb-post"], names)


def test_the_readme_names_every_slot():
    readme = README.read_text(encoding="utf-8")
    for family, texts in TEXT_SLOTS.items():
        for slot in (*texts, *IMAGE_SLOTS):
            assert f"`slot-{slot}`" in readme, (family, slot)
    for role in FONT_ROLES:
        assert f"`{role}`" in readme
