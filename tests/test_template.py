"""Designer SVG templates: slots found where a designer put them, and every mistake named."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pytest

from assets_gen.brand import load_kit
from assets_gen.errors import TemplateError
from assets_gen.layout.geometry import Box
from assets_gen.layout.sizes import SIZES
from assets_gen.layout.template import load_template, parse_transform
from assets_gen.render.banner import SLOTS, banner_base, render_banner
from tests.kits import copy_kit

DATA = Path(__file__).parent / "data" / "templates"
MM = 96 / 25.4

HEAD = '<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
BG = '<rect width="100%" height="100%" fill="#C8102E"/>'


def svg(body: str, w: int = 1080, h: int = 1080, head: str = HEAD) -> str:
    return head.format(w=w, h=h) + BG + body + "</svg>"


def template(tmp_path: Path, text: str, name: str = "banner-fb-post.svg") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def error_of(path: Path, size: str = "fb-post") -> str:
    with pytest.raises(TemplateError) as info:
        load_template(path, SIZES[size], SLOTS)
    message = str(info.value)
    assert "\n" not in message
    return message


# -- a template edited the way a designer does ------------------------------------------


@pytest.fixture(scope="module")
def inkscape_kit(tmp_path_factory):
    dest = tmp_path_factory.mktemp("kit") / "brand"
    copy_kit(dest, {"banner-fb-post.svg": (DATA / "inkscape-fb-post.svg").read_text(encoding="utf-8")})
    shutil.copy(DATA / "spark.png", dest / "templates" / "spark.png")
    return load_kit(dest)


def test_inkscape_slots_are_found_through_units_layers_and_groups(inkscape_kit):
    tpl = load_template(inkscape_kit.data.templates / "banner-fb-post.svg", SIZES["fb-post"], SLOTS)
    boxes = {s.name: s.box for s in tpl.slots}
    assert set(boxes) == {"headline", "unit", "logo", "photo"}
    dx, dy = -10.5, 4.25  # the "Slots" layer's translate
    expected = {
        "headline": (30.5 + dx, 60 + dy, 220, 80),
        "unit": (18.5 + 12 + dx, 150 + dy, 200, 30),  # a group's matrix(1,0,0,1,12,0) on top
        "logo": (30.5 + dx, 230 + dy, 120, 36),
        "photo": (240.5 - 18 + dx, 248 - 18 + dy, 36, 36),
    }
    for name, (x, y, w, h) in expected.items():
        box = boxes[name]
        assert (box.x, box.y, box.w, box.h) == pytest.approx((x * MM, y * MM, w * MM, h * MM), abs=1e-9)
    assert tpl.slot("photo").shape == "circle"
    assert tpl.slot("headline").upper is True and tpl.slot("headline").align == "left"
    assert tpl.slot("unit").lines == 2
    assert tpl.photographic  # an embedded picture and a photo slot: JPEG suits it


def test_inkscape_template_renders_with_the_slots_filled(inkscape_kit):
    banner = render_banner(
        inkscape_kit, SIZES["fb-post"], "Liên đoàn Lao động tỉnh Lạng Sơn", "LĐLĐ tỉnh Lạng Sơn"
    )
    assert banner.image.size == (1080, 1080)
    assert set(banner.ink) == {"headline", "unit", "logo", "photo"}
    tpl = load_template(inkscape_kit.data.templates / "banner-fb-post.svg", SIZES["fb-post"], SLOTS)
    for slot in tpl.slots:
        ink, box = banner.ink[slot.name], slot.box
        assert box.x - 1 <= ink.x and ink.right <= box.right + 1, slot.name
        assert box.y - 1 <= ink.y and ink.bottom <= box.bottom + 1, slot.name
    # The slot outlines are gone: the placeholder's magenta stroke is nowhere.
    assert (255, 0, 255) not in {c for _, c in banner.image.getcolors(1 << 20)}
    # White text on the dark blue gradient (the pair of `secondary`), navy on the cream band.
    unit = banner.image.crop(banner.ink["unit"].rounded())
    assert max(unit.getdata(), key=sum) == (255, 255, 255)


def test_shipped_template_is_used_by_the_default_kit(kit):
    base = banner_base(kit, SIZES["fb-post"])
    assert {name for name, _ in base.ink} >= {"logo", "headline", "slogan", "qr", "website", "hashtag"}


# -- mistakes, each one line naming the file and the element ------------------------------


def test_unknown_slot(tmp_path):
    path = template(tmp_path, svg('<rect id="slot-titel" x="10" y="10" width="100" height="50"/>'))
    message = error_of(path)
    assert "banner-fb-post.svg" in message
    assert '<rect id="slot-titel">: unknown slot "slot-titel"' in message
    assert "slot-headline" in message  # the known ones are listed


def test_size_does_not_match_the_name(tmp_path):
    path = template(tmp_path, svg("", 1080, 1350))
    message = error_of(path)
    assert "banner-fb-post.svg: <svg>: the document is 1080x1350 px but fb-post is 1080x1080" in message


def test_invalid_svg(tmp_path):
    path = template(
        tmp_path, '<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080">\n<rect>\n</svg>'
    )
    assert "banner-fb-post.svg: invalid SVG (XML error at line 3" in error_of(path)


def test_not_an_svg(tmp_path):
    path = template(tmp_path, '<html><body width="1080"/></html>')
    assert "the root element is <html>, not an SVG <svg>" in error_of(path)


def test_entities_are_refused(tmp_path):
    bomb = '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>'
    path = template(tmp_path, bomb)
    assert "invalid SVG" in error_of(path)


def test_text_elements_must_be_paths_or_slots(tmp_path):
    path = template(tmp_path, svg('<g id="layer1"><text id="text12" x="10" y="40">Tự hào</text></g>'))
    message = error_of(path)
    assert '<text id="text12">: text in a template is drawn without Vietnamese shaping' in message
    assert "Object to Path" in message


def test_rotated_slot(tmp_path):
    body = '<rect id="slot-unit" x="10" y="10" width="300" height="50" transform="rotate(15)"/>'
    assert '<rect id="slot-unit">: is rotated or skewed' in error_of(template(tmp_path, svg(body)))


def test_slot_without_a_box(tmp_path):
    body = '<path id="slot-logo" d="M0 0 L10 10"/>'
    assert '<path id="slot-logo">: has no width and height' in error_of(template(tmp_path, svg(body)))


def test_images_are_never_downloaded(tmp_path):
    body = '<image href="https://example.com/a.png" x="0" y="0" width="10" height="10" id="image3"/>'
    message = error_of(template(tmp_path, svg(body)))
    assert '<image id="image3">: links to "https://example.com/a.png": nothing is downloaded' in message


def test_missing_image(tmp_path):
    body = '<image href="photo.jpg" x="0" y="0" width="10" height="10" id="image3"/>'
    assert '<image id="image3">: image "photo.jpg" not found next to the template' in error_of(
        template(tmp_path, svg(body))
    )


def test_bad_option(tmp_path):
    body = '<rect id="slot-unit" x="10" y="10" width="300" height="50" data-font="comic"/>'
    message = error_of(template(tmp_path, svg(body)))
    assert '<rect id="slot-unit">: data-font="comic" is not one of: display, heading, medium, body' in message


def test_two_slots_with_one_name(tmp_path):
    body = (
        '<rect id="slot-unit" x="10" y="10" width="300" height="50"/>'
        '<g><rect id="slot-unit" x="10" y="90" width="300" height="50"/></g>'
    )
    assert 'two elements are "slot-unit"' in error_of(template(tmp_path, svg(body)))


def test_slot_in_a_platform_zone(tmp_path):
    body = '<rect id="slot-headline" x="64" y="100" width="900" height="300"/>'
    path = template(tmp_path, svg(body, 1080, 1920), "banner-story.svg")
    message = error_of(path, "story")
    assert '<rect id="slot-headline">: lies in the story zone "profile and progress bar"' in message


def test_text_colour_follows_the_artwork_and_low_contrast_is_refused(tmp_path):
    body = (
        '<rect x="0" y="0" width="1080" height="1080" fill="#FFF8EC"/>'
        '<rect id="slot-headline" x="100" y="100" width="880" height="300" data-color="on_primary"/>'
    )
    dest = copy_kit(tmp_path / "brand", {"banner-fb-post.svg": svg(body)})
    kit = load_kit(dest)
    with pytest.raises(TemplateError) as info:
        banner_base(kit, SIZES["fb-post"])
    message = str(info.value)
    assert '<rect id="slot-headline">: text in colors.on_primary #FFFFFF would have contrast 1.1:1' in message
    assert "choose another data-color" in message


def test_transform_lists():
    a, b, c, d, e, f = parse_transform("translate(10 20) scale(2) translate(-3,4)")
    assert (a, b, c, d, e, f) == (2, 0, 0, 2, 4, 28)
    m = parse_transform("rotate(90)")
    assert m[1] == pytest.approx(1) and m[2] == pytest.approx(-1)
    assert parse_transform("matrix(1 0 0 1 5 6)") == (1, 0, 0, 1, 5, 6)
    with pytest.raises(ValueError):
        parse_transform("wobble(3)")
    assert math.isclose(parse_transform("scale(1.5, 2)")[3], 2)


def test_check_command_reports_template_problems(tmp_path):
    from assets_gen.batch.check import check_kit

    bad = svg('<rect id="slot-unit" x="64" y="64" width="40" height="20"/>')  # no unit name fits
    dest = copy_kit(tmp_path / "brand", {"banner-fb-post.svg": bad, "banner-fb-psot.svg": "<svg/>"})
    problems = check_kit(load_kit(dest))
    assert any("banner-fb-psot.svg: the name must be banner-<size>.svg" in p for p in problems)
    assert any("units.csv:" in p and "fb-post template" in p and "does not fit" in p for p in problems)


def test_small_sizes_fill_slots_at_the_working_scale(tmp_path):
    body = (
        '<rect x="0" y="0" width="728" height="90" fill="#0B3C8C"/>'
        '<rect id="slot-logo" x="10" y="8" width="150" height="74"/>'
        '<rect id="slot-headline" x="180" y="15" width="530" height="60" data-align="left"/>'
    )
    head = '<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="100%" viewBox="0 0 {w} {h}">'
    dest = copy_kit(tmp_path / "brand", {"banner-leaderboard.svg": svg(body, 728, 90, head)})
    banner = render_banner(load_kit(dest), SIZES["leaderboard"], "Công đoàn Y tế Việt Nam", None)
    assert banner.image.size == (728, 90)
    logo, head = banner.ink["logo"], banner.ink["headline"]
    assert Box(10, 8, 150, 74).contains(logo)
    assert Box(180, 15, 530, 60).contains(head)
    assert "unit" not in banner.ink  # this template names no unit: it is the same for all
