"""Banners: exact sizes, text inside the safe area, budgets, and a few goldens."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from assets_gen.batch.kinds.banner import banner_filetype
from assets_gen.encode import encode_within
from assets_gen.errors import FitError
from assets_gen.layout.sizes import SIZES
from assets_gen.render.banner import banner_base, banner_sizes, fit_unit_name, render_banner
from assets_gen.render.banner_layout import banner_layout

LONGEST = ("Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam", "CĐ Than - Khoáng sản Việt Nam")
SHORT = ("Liên đoàn Lao động thành phố Huế", "LĐLĐ TP. Huế")
WHO = {"campaign": (None, None), "longest": LONGEST, "short": SHORT}
SIZE_NAMES = [s.name for s in banner_sizes()]


@pytest.fixture(scope="module")
def banners(kit):
    return {
        (size.name, who): render_banner(kit, size, *names)
        for size in banner_sizes()
        for who, names in WHO.items()
    }


def test_every_size_but_the_profile_picture_gets_a_banner():
    assert set(SIZE_NAMES) == {name for name, s in SIZES.items() if not s.circle}


@pytest.mark.parametrize("name", SIZE_NAMES)
@pytest.mark.parametrize("who", list(WHO))
def test_exact_size_and_every_text_inside_the_safe_area(banners, name, who):
    size = SIZES[name]
    banner = banners[(name, who)]
    assert banner.image.size == (size.width, size.height)
    assert banner.image.mode == "RGB"
    # Web ads carry a call-to-action button; the 320x50 one is too small for the unit's
    # name beside the slogan and the button at 11 px, so it carries those two.
    required = {"logo", "headline"} | ({"cta"} if not size.social else set())
    required |= set() if name == "mobile-banner" else {"unit"}
    assert required <= set(banner.ink)
    for slot, ink in banner.ink.items():
        assert size.safe.contains(ink), f"{name} {who}: {slot} {ink} leaves the safe area {size.safe}"
        for zone in size.hard_zones:
            assert not ink.overlaps(zone.box), f"{name} {who}: {slot} lies in {zone.name}"
    boxes = list(banner.ink.items())
    for i, (a, box_a) in enumerate(boxes):
        for b, box_b in boxes[i + 1 :]:
            assert not box_a.overlaps(box_b), f"{name} {who}: {a} and {b} overlap"


def test_layouts_adapt_to_the_shape(kit):
    assert banner_layout(kit, SIZES["leaderboard"]).mode == "strip"
    assert banner_layout(kit, SIZES["mobile-banner"]).mode == "strip"
    assert banner_layout(kit, SIZES["skyscraper"]).mode == "stack"
    assert banner_layout(kit, SIZES["story"]).mode == "stack"
    assert banner_layout(kit, SIZES["fb-cover"]).mode == "side"
    assert banner_layout(kit, SIZES["billboard"]).mode == "side"


def test_leaderboard_puts_the_logo_beside_one_line_of_slogan(banners):
    ink = banners[("leaderboard", "longest")].ink
    assert ink["headline"].x > ink["logo"].right and ink["unit"].x > ink["logo"].right
    assert ink["headline"].h < 40  # one line
    assert ink["headline"].right < ink["cta"].x  # then the button, at the right end
    assert ink["headline"].w > 260 and ink["headline"].h >= 14  # capitals well above 11 px


def test_skyscraper_stacks_logo_unit_and_slogan(banners):
    ink = banners[("skyscraper", "longest")].ink
    assert ink["logo"].bottom < ink["unit"].y < ink["unit"].bottom < ink["headline"].y


def test_unit_banners_carry_the_unit_and_differ_only_there(banners):
    a = banners[("fb-event", "longest")]
    b = banners[("fb-event", "short")]
    assert a.ink["headline"] == b.ink["headline"] and a.ink["logo"] == b.ink["logo"]
    assert a.image.tobytes() != b.image.tobytes()


def test_every_kit_unit_fits_every_size(kit):
    with Path(kit.data.units).open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    for size in banner_sizes():
        spec = banner_base(kit, size).unit
        if size.name == "mobile-banner":  # slogan and button only (see above)
            assert spec is None
            continue
        assert spec is not None
        for row in rows:
            block = fit_unit_name(kit, spec, row["name"], row["short_name"])
            assert block.width <= spec.box.w and block.height <= spec.box.h


@pytest.mark.parametrize("name", [n for n in SIZE_NAMES if SIZES[n].budget_kb])
def test_web_banners_meet_their_budget(kit, banners, name):
    size = SIZES[name]
    filetype = banner_filetype(kit, size)
    data, encoding = encode_within(banners[(name, "longest")].image, filetype, size.budget_kb * 1000)
    assert len(data) <= size.budget_kb * 1000
    assert encoding == "png"  # flat artwork: lossless fits with room to spare
    # ...and at 2x for sharp screens, inside the same budget.
    sharp = render_banner(kit, size, *LONGEST, density=2).image
    assert sharp.size == (2 * size.width, 2 * size.height)
    data, _ = encode_within(sharp, filetype, size.budget_kb * 1000)
    assert len(data) <= size.budget_kb * 1000


def test_web_ads_are_written_at_2x_too(kit, tmp_path):
    from assets_gen.batch.runner import BuildOptions, run_build
    from tests.kits import write_units

    units = write_units(tmp_path / "units.csv", [(*SHORT, "hue")])
    sizes = {"leaderboard", "mobile-banner", "fb-post"}
    run_build(kit, BuildOptions(out=tmp_path / "out", only=["banner"], units_file=units, sizes=sizes))
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["assets"]:
        if entry["format"] == "fb-post":
            assert "at_2x" not in entry and not entry.get("files")
            continue
        sharp = entry["at_2x"]
        assert sharp["path"] == entry["path"].replace(".png", "@2x.png")
        assert entry["files"] == [sharp["path"]]
        with Image.open(tmp_path / "out" / sharp["path"]) as image:
            assert image.size == (2 * entry["width"], 2 * entry["height"]) == (sharp["width"], sharp["height"])
        assert sharp["bytes"] == (tmp_path / "out" / sharp["path"]).stat().st_size
        assert sharp["bytes"] <= SIZES[entry["format"]].budget_kb * 1000


def test_small_sizes_are_drawn_large_and_reduced(kit):
    assert banner_base(kit, SIZES["mobile-banner"]).scale == 3
    assert banner_base(kit, SIZES["leaderboard"]).scale == 2
    assert banner_base(kit, SIZES["story"]).scale == 1


@pytest.mark.parametrize(
    ("name", "who"),
    [
        ("leaderboard", "longest"),
        ("mobile-banner", "short"),
        ("skyscraper", "longest"),
        ("story", "campaign"),
        ("fb-cover", "longest"),
        ("fb-post", "longest"),  # the kit's designer template
    ],
)
def test_golden(banners, golden, name, who):
    golden(banners[(name, who)].image, f"banner-{name}-{who}")


_SYLLABLES = [
    "Công",
    "đoàn",
    "Liên",
    "Lao",
    "động",
    "tỉnh",
    "Thành",
    "phố",
    "Hồ",
    "Chí",
    "Minh",
    "Đắk",
    "Lắk",
    "Khánh",
    "Hòa",
    "Tập",
    "Ngân",
    "hàng",
    "Việt",
    "Nam",
    "Điện",
    "lực",
    "Dầu",
    "khí",
    "-",
    "Y",
    "tế",
]


def _width(kit, text: str) -> float:
    from assets_gen.layout.text import pil_font

    return pil_font(kit.fonts.heading, 100).getlength(text)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=16),
    short_words=st.integers(1, 16),
    name=st.sampled_from(["mobile-banner", "skyscraper", "rectangle", "leaderboard"]),
)
def test_any_unit_name_fits_or_is_refused(kit, words, short_words, name):
    """A name is refused only when even its short form is wider than the kit's longest
    short name, which fits every size: a refusal of one that fits fails the test."""
    size = SIZES[name]
    full, short = " ".join(words), " ".join(words[:short_words])
    try:
        banner = render_banner(kit, size, full, short)
    except FitError as err:
        assert _width(kit, short) > _width(kit, LONGEST[1]), f"{short!r} refused in {name}: {err}"
        return
    for slot, ink in banner.ink.items():
        assert size.safe.contains(ink), (slot, ink)


def test_the_kit_longest_short_name_fits_the_smallest_sizes(kit):
    """The reference the property above measures against really fits."""
    for name in ("mobile-banner", "skyscraper", "rectangle", "leaderboard"):
        render_banner(kit, SIZES[name], LONGEST[0], LONGEST[1])


def test_tests_use_the_kit_longest_unit(kit):
    with Path(kit.data.units).open(encoding="utf-8-sig") as handle:
        names = [r["name"] for r in csv.DictReader(handle)]
    assert max(names, key=len) == LONGEST[0]
