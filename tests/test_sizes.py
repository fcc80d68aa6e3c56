"""The size registry and `assets-gen sizes`."""

from __future__ import annotations

import json

from click.testing import CliRunner

from assets_gen.cli import cli
from assets_gen.layout.geometry import Box
from assets_gen.layout.sizes import SIZES

REQUIRED = {
    "fb-cover": None,
    "fb-event": None,
    "fb-post": (1080, 1080),
    "fb-portrait": (1080, 1350),
    "story": (1080, 1920),
    "zalo-cover": None,
    "youtube-thumb": (1280, 720),
    "web-hero": None,
    "leaderboard": (728, 90),
    "rectangle": (300, 250),
    "billboard": (970, 250),
    "mobile-banner": (320, 50),
    "skyscraper": (160, 600),
}
IAB_BUDGETS = {"leaderboard": 150, "rectangle": 150, "billboard": 250, "mobile-banner": 50}


def test_every_required_size_is_registered_with_its_pixels():
    for name, dims in REQUIRED.items():
        assert name in SIZES
        if dims:
            assert (SIZES[name].width, SIZES[name].height) == dims


def test_iab_budgets():
    for name, kb in IAB_BUDGETS.items():
        assert SIZES[name].budget_kb == kb


def test_safe_areas_and_zones_lie_on_the_canvas_and_apart():
    for size in SIZES.values():
        assert size.box.contains(size.safe), size.name
        for zone in size.zones:
            assert size.box.contains(zone.box), (size.name, zone.name)
        for zone in size.hard_zones:
            assert not zone.box.overlaps(size.safe), (size.name, zone.name)


def test_story_keeps_its_ui_bands_clear():
    story = SIZES["story"]
    assert story.safe.y >= 250
    assert story.safe.bottom <= 1920 - 340


def test_fb_cover_text_band_is_shown_on_desktop_and_mobile():
    cover = SIZES["fb-cover"]
    # Desktop shows the middle 1640x624 (820x312 at half size); mobile the middle 16:9.
    desktop = Box(0, (924 - 624) / 2, 1640, 624)
    mobile_h = 1640 * 9 / 16
    mobile = Box(0, (924 - mobile_h) / 2, 1640, mobile_h)
    assert desktop.contains(cover.safe) and mobile.contains(cover.safe)


def test_scaled_size_keeps_proportions():
    size = SIZES["story"].scaled(2)
    assert (size.width, size.height) == (2160, 3840)
    assert size.safe == Box(128, 500, 1904, 2660)
    assert size.zones[0].box.h == 500


def test_sizes_command_prints_a_table():
    result = CliRunner().invoke(cli, ["sizes"])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].split()[:2] == ["name", "size"]
    assert any(line.startswith("leaderboard") and "728x90" in line and "150 kB" in line for line in lines)
    assert any(line.startswith("fb-post") and " yes " in line for line in lines)  # the kit's template
    assert len(lines) == len(SIZES) + 1


def test_sizes_json():
    result = CliRunner().invoke(cli, ["sizes", "--json"])
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["name"] for r in rows] == list(SIZES)
    assert all(set(r) == {"name", "width", "height", "use"} for r in rows)
    assert {"name": "skyscraper", "width": 160, "height": 600, "use": "IAB wide skyscraper"} in rows
