"""Designer templates for spotlight and event cards: same rules as banner templates,
filled from each card's own data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from assets_gen.batch.check import check_kit
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.brand import load_kit
from tests.kits import copy_kit

NAVY = (11, 60, 140)  # the kit's secondary colour: the designer's new background

# The photo moved to the right, a navy background with a gold band, every author slot.
SPOTLIGHT = """<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080" viewBox="0 0 1080 1080">
  <rect width="1080" height="1080" fill="#0B3C8C"/>
  <rect x="0" y="980" width="1080" height="100" fill="#FFC62B"/>
  <circle cx="800" cy="300" r="215" fill="#FFC62B"/>
  <rect id="slot-logo" x="70" y="60" width="300" height="90" fill="none" stroke="#fff"/>
  <circle id="slot-photo" cx="800" cy="300" r="200" fill="none" stroke="#fff"/>
  <rect id="slot-name" x="70" y="200" width="480" height="150" fill="none" stroke="#fff"/>
  <rect id="slot-title" x="70" y="360" width="480" height="80" fill="none" stroke="#fff" data-align="left"/>
  <rect id="slot-unit" x="70" y="450" width="480" height="70" fill="none" stroke="#fff" data-align="left"/>
  <rect id="slot-initiative" x="70" y="560" width="940" height="190" fill="none" stroke="#fff"/>
  <rect id="slot-quote" x="70" y="770" width="940" height="150" fill="none" stroke="#fff"/>
  <rect id="slot-benefit" x="70" y="995" width="940" height="70" fill="none" stroke="#16213A"/>
</svg>
"""

EVENT = """<svg xmlns="http://www.w3.org/2000/svg" width="1080" height="1080" viewBox="0 0 1080 1080">
  <rect width="1080" height="1080" fill="#16213A"/>
  <rect id="slot-logo" x="70" y="60" width="300" height="90" fill="none"/>
  <rect id="slot-title" x="70" y="190" width="940" height="260" fill="none"/>
  <rect id="slot-date" x="70" y="480" width="600" height="90" fill="none" data-align="left"/>
  <rect id="slot-format" x="70" y="580" width="600" height="70" fill="none" data-align="left"/>
  <rect id="slot-guests" x="70" y="680" width="560" height="330" fill="none" data-align="left"/>
  <rect id="slot-qr" x="700" y="700" width="310" height="310" fill="none"/>
</svg>
"""


@pytest.fixture(scope="module")
def designed_kit(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_kit(
        tmp_path_factory.mktemp("cards") / "kit",
        {"spotlight-fb-post.svg": SPOTLIGHT, "event-fb-post.svg": EVENT},
        keep_templates=True,
    )


def test_a_designed_spotlight_renders_for_every_author(designed_kit: Path, tmp_path: Path):
    kit = load_kit(designed_kit)
    out = tmp_path / "out"
    opts = BuildOptions(out=out, only=["spotlight", "event"], sizes={"fb-post"}, jobs=1)
    result = run_build(kit, opts)
    assert result.failed == 0, [str(e) for e in result.errors]
    assets = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["assets"]
    spotlights = [a for a in assets if a["kind"] == "spotlight"]
    authors = (designed_kit / "authors.csv").read_text(encoding="utf-8").strip().count("\n")
    assert len(spotlights) == authors
    for entry in spotlights:
        with Image.open(out / entry["path"]) as im:
            rgb = im.convert("RGB")
            assert rgb.getpixel((10, 10)) == NAVY  # the designer's background
            assert rgb.getpixel((1070, 1070)) == (255, 198, 43)  # and band
            assert rgb.getpixel((800, 300)) != NAVY  # the photo, moved to the right
    assert [a for a in assets if a["kind"] == "event"]
    assert check_kit(kit) == []


def test_a_template_edit_re_renders_the_cards(designed_kit: Path, tmp_path: Path):
    kit = load_kit(designed_kit)
    out = tmp_path / "out"
    opts = BuildOptions(out=out, only=["spotlight"], sizes={"fb-post"}, jobs=1)
    first = run_build(kit, opts)
    assert run_build(kit, opts).unchanged == first.rendered
    path = designed_kit / "templates" / "spotlight-fb-post.svg"
    try:
        path.write_text(SPOTLIGHT.replace('fill="#FFC62B"/>\n  <circle', 'fill="#C8102E"/>\n  <circle'), "utf-8")
        again = run_build(load_kit(designed_kit), opts)
    finally:
        path.write_text(SPOTLIGHT, "utf-8")
    assert again.rendered == first.rendered


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("spotlight-fb-cover.svg", SPOTLIGHT, "spotlight cards are made in fb-post, story, not fb-cover"),
        ("spotlight-fb-post.svg", SPOTLIGHT.replace("slot-quote", "slot-quotes"), 'id="slot-quotes"'),
        ("event-fb-post.svg", EVENT.replace('height="260"', 'height="20"'), "event title"),
    ],
)
def test_check_names_each_template_mistake(tmp_path: Path, name: str, text: str, message: str):
    kit_dir = copy_kit(tmp_path / "kit", {name: text}, keep_templates=True)
    problems = check_kit(load_kit(kit_dir))
    assert any(message in line and name in line for line in problems), problems
