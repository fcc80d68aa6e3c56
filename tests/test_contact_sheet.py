"""OUT/index.html: grouped, light (thumbnails only), with circle previews and zone overlays."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from PIL import Image

from assets_gen.batch.contact_sheet import write_contact_sheet
from assets_gen.batch.manifest import load_manifest
from assets_gen.batch.runner import BuildOptions, run_build
from tests.kits import write_units


@pytest.fixture(scope="module")
def sheet(kit, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("sheet")
    units = write_units(tmp / "units.csv", [("Liên đoàn Lao động tỉnh Cà Mau", "LĐLĐ tỉnh Cà Mau", "ca-mau")])
    out = tmp / "out"
    opts = BuildOptions(
        out=out,
        only=["frame", "banner"],
        units_file=units,
        sizes={"avatar", "story", "leaderboard"},
        jobs=1,
        index=True,
    )
    result = run_build(kit, opts)
    assert result.failed == 0
    return out, (out / "index.html").read_text(encoding="utf-8")


def test_grouped_by_unit_then_kind(sheet):
    _, html = sheet
    sections = re.findall(r"<details class='unit' open><summary>(.*?)</summary>", html)
    assert sections[0].startswith("Toàn chiến dịch")
    assert sections[1].startswith("Liên đoàn Lao động tỉnh Cà Mau")
    assert html.count("<h3>banner</h3>") == 2 and html.count("<h3>frame</h3>") == 2


def test_thumbnails_not_full_files(sheet):
    out, html = sheet
    sources = re.findall(r"<img src='([^']+)'", html)
    assert sources and all(s.startswith("_thumbs/") for s in sources)
    for src in sources:
        with Image.open(out / src) as im:
            assert max(im.size) <= 360
    for href in re.findall(r"<a class='shot' href='([^']+)'", html):
        assert (out / href).is_file() and not href.startswith("_thumbs/")


def test_frames_get_a_circle_preview_and_keep_transparency(sheet):
    out, html = sheet
    figures = re.findall(r"<figure.*?</figure>", html)
    frames = [f for f in figures if "frame-" in f]
    assert frames and all("class='circle'" in f for f in frames)
    assert not any("class='circle'" in f for f in figures if "banner-" in f)
    thumb = re.search(r"<img src='([^']+)'", frames[0]).group(1)
    with Image.open(out / thumb) as im:
        assert im.mode == "RGBA"


def test_sizes_with_zones_get_an_overlay(sheet):
    _, html = sheet
    figures = re.findall(r"<figure.*?</figure>", html)
    assert "data-z='story'" in next(f for f in figures if "banner-story" in f)
    assert "data-z" not in next(f for f in figures if "banner-leaderboard" in f)
    zones = json.loads(re.search(r"const ZONES = (\{.*?\});", html).group(1))
    assert list(zones) == ["story"]
    assert zones["story"]["zones"][1] == ["reply box and buttons", [0.0, 82.29, 100.0, 17.71], False]
    assert zones["story"]["safe"] == [5.93, 13.02, 88.15, 69.27]
    assert "id='zones'" in html  # the toggle


def test_names_sizes_file_sizes_and_alt_texts(sheet):
    out, html = sheet
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["assets"] if e["path"] == "units/ca-mau/banner-story.png")
    figure = next(f for f in re.findall(r"<figure.*?</figure>", html) if entry["path"] in f)
    assert "banner-story.png" in figure and "1080×1920" in figure
    assert f"{entry['bytes'] / 1000:.0f} kB" in figure
    assert "Liên đoàn Lao động tỉnh Cà Mau" in entry["alt"] and entry["alt"][:40] in figure


def test_preview_images_and_stale_thumbnails(sheet, tmp_path):
    out, _ = sheet
    manifest = load_manifest(out)
    poster = out / "campaign" / "poster.png"
    Image.new("RGB", (1280, 720), (200, 16, 46)).save(poster)
    manifest.assets["campaign/intro.mp4"] = {
        "kind": "video",
        "unit": None,
        "format": "youtube-thumb",
        "path": "campaign/intro.mp4",
        "width": 1280,
        "height": 720,
        "alt": "Video",
        "sha256": "f" * 64,
        "bytes": 10,
        "preview": "campaign/poster.png",
    }
    (out / "_thumbs" / "0000stale.jpg").write_bytes(b"x")
    write_contact_sheet(out, manifest)
    html = (out / "index.html").read_text(encoding="utf-8")
    video = next(f for f in re.findall(r"<figure.*?</figure>", html) if "intro.mp4" in f)
    src = re.search(r"<img src='([^']+)'", video).group(1)
    assert src.startswith("_thumbs/") and (out / src).is_file()
    assert not (out / "_thumbs" / "0000stale.jpg").exists()


def test_stays_light_with_thousands_of_assets(sheet, tmp_path):
    out, _ = sheet
    manifest = load_manifest(out)
    entry = next(e for e in manifest.assets.values() if e["format"] == "story")
    for i in range(3000):
        manifest.assets[f"units/u{i}/banner-story.png"] = {
            **entry,
            "unit": f"u{i}",
            "path": f"units/u{i}/banner-story.png",
        }
    write_contact_sheet(out, manifest)
    size = (out / "index.html").stat().st_size
    assert size < 3000 * 1500  # about a kilobyte of HTML per asset, and only thumbnails to load
    assert "loading='lazy'" in (out / "index.html").read_text(encoding="utf-8")
    Path(out / "index.html").unlink()
