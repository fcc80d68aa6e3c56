"""Every card kind built from the default kit: files, manifest, QR codes that scan, alt texts."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
import zxingcpp
from PIL import Image

from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.brand.events import event_files, load_event
from assets_gen.brand.stats import format_number, read_stats

CARD_KINDS = ["steps", "stats", "leaderboard", "counter", "spotlight", "event"]
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(kit, tmp_path_factory):
    out = tmp_path_factory.mktemp("cards")
    result = run_build(kit, BuildOptions(out=out, only=CARD_KINDS, jobs=2, index=True))
    assert result.failed == 0, [str(e) for e in result.errors]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return out, manifest, result


def decode(path: Path) -> list[str]:
    with Image.open(path) as image:
        return sorted(r.text for r in zxingcpp.read_barcodes(image.convert("RGB")))


def test_build_makes_every_card_kind(built):
    out, manifest, _ = built
    kinds = {e["kind"] for e in manifest["assets"]}
    assert kinds == set(CARD_KINDS)
    for entry in manifest["assets"]:
        assert (out / entry["path"]).is_file()
        for extra in entry.get("files", []):
            assert (out / extra).is_file()
    counts = {k: sum(e["kind"] == k for e in manifest["assets"]) for k in CARD_KINDS}
    # 2 guides x (5 pages + 2 summaries); 2 stats; 2 leaderboards, national and for each of
    # the 6 emulation clusters; the counter and its 3 ad slots; 5 authors x 2 sizes; 1 event x 3 sizes.
    assert counts == {"steps": 14, "stats": 2, "leaderboard": 14, "counter": 4, "spotlight": 10, "event": 3}
    assert "counter.png" in (out / "index.html").read_text(encoding="utf-8")


def test_every_qr_code_in_every_card_scans(built, kit):
    out, manifest, _ = built
    livestream = {e.slug: e.livestream for e in (load_event(kit, p) for p in event_files(kit))}
    checked = 0
    for entry in manifest["assets"]:
        if not entry["path"].endswith(".png"):
            continue
        found = decode(out / entry["path"])
        kind, path = entry["kind"], entry["path"]
        if kind == "steps" and (
            "summary" in path or entry["page"].split("/")[0] == entry["page"].split("/")[1]
        ):
            expected = [kit.links.portal]
        elif kind == "event":
            expected = [livestream[entry["event"]]]
        else:
            expected = []
        assert found == expected, f"{path}: decoded {found}, expected {expected}"
        checked += len(expected)
    assert checked == 2 * 3 + 3  # 2 guides x (last page + 2 summaries), 3 posters


def test_sizes_match_the_registry(built):
    from assets_gen.layout.sizes import get_size

    out, manifest, _ = built
    for entry in manifest["assets"]:
        if entry["kind"] == "counter":
            continue
        size = get_size(entry["format"])
        with Image.open(out / entry["path"]) as image:
            assert image.size == (size.width, size.height) == (entry["width"], entry["height"])
            assert image.mode == "RGB"


def test_alt_texts_state_the_numbers(built, kit):
    _, manifest, _ = built
    stats = read_stats(kit.data.stats)
    day = stats.days[-1]
    by_kind = {}
    for entry in manifest["assets"]:
        kind = "cluster" if "/clusters/" in entry["path"] else entry["kind"]
        by_kind.setdefault(kind, []).append(entry["alt"])
    assert len(by_kind["cluster"]) == 12
    for alt in by_kind["cluster"]:
        assert "Cụm thi đua" in alt
    for alt in by_kind["stats"] + by_kind["counter"]:
        assert "523.418 sáng kiến" in alt
        assert "52,3%" in alt
        assert "1.000.000" in alt
        assert "27/11/2026" in alt
    for alt in by_kind["stats"]:
        assert f"thêm {format_number(stats.added[day])} sáng kiến" in alt
    for alt in by_kind["leaderboard"]:
        for _, total in stats.top_units(day, 10):
            assert format_number(total) in alt
        assert "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam" in alt
    for alt in by_kind["spotlight"]:
        assert alt.startswith("Tác giả sáng kiến tiêu biểu")
    assert any("làm lợi 2,3 tỷ đồng" in alt for alt in by_kind["spotlight"])
    for alt in by_kind["event"]:
        assert "19:30, thứ Sáu, 18/12/2026" in alt
    for alt in by_kind["steps"]:
        assert re.search(r"Trang \d/\d|\d\. ", alt)


def test_counter_svg_is_self_contained(built):
    out, manifest, _ = built
    entry = next(e for e in manifest["assets"] if e["path"] == "campaign/stats/counter.svg")
    svg = (out / entry["path"]).read_text(encoding="utf-8")
    root = ElementTree.fromstring(svg)
    assert root.get("viewBox") == "0 0 760 260"
    assert "523.418" in root.get("aria-label")
    for forbidden in ("<text", "<image", "<script", "@import", "http://www.w3.org/1999/xlink", "href="):
        assert forbidden not in svg
    assert re.findall(r"url\(([^)]*)\)", svg) == ["#agc-bg"]
    snippet = (out / "campaign/stats/counter.html").read_text(encoding="utf-8")
    assert 'src="counter.svg"' in snippet and "523.418 sáng kiến" in snippet
    assert entry["preview"] == "campaign/stats/counter.png"


def test_rebuild_renders_nothing_again(built, kit):
    out, _, _ = built
    again = run_build(kit, BuildOptions(out=out, only=CARD_KINDS, jobs=1))
    assert again.rendered == 0 and again.failed == 0 and again.unchanged == 47


@pytest.mark.slow
def test_cli_commands(tmp_path):
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}

    def run(*args):
        return subprocess.run(
            [sys.executable, "-m", "assets_gen", *args], capture_output=True, text=True, env=env, cwd=tmp_path
        )

    done = run("stats", "--out", str(tmp_path / "s"), "--date", "2026-11-20", "-j", "1")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "s").iterdir()) == [
        "clusters",
        *(
            f"counter-{slot}.{ext}"
            for slot in ("half-page", "leaderboard", "rectangle")
            for ext in ("html", "png", "svg")
        ),
        "counter.html",
        "counter.png",
        "counter.svg",
        "leaderboard-fb-portrait.png",
        "leaderboard-story.png",
        "manifest.json",
        "milestones",
        "stats-fb-post.png",
        "stats-story.png",
    ]
    assert "20/11/2026" in (tmp_path / "s/counter.svg").read_text(encoding="utf-8")
    bad = tmp_path / "bad.csv"
    bad.write_text("date,unit,count\n2026-11-01,ha-noi,5\n2026-11-02,ha-noi,-3\n", encoding="utf-8")
    done = run("stats", "--data", str(bad), "--out", str(tmp_path / "b"))
    assert done.returncode == 1
    assert done.stderr.splitlines()[0] == "error: bad.csv:3: count -3 is negative"
    done = run("card", "event", "--out", str(tmp_path / "e"), "-j", "1")
    assert done.returncode == 0, done.stderr
    assert len(list((tmp_path / "e").glob("*.png"))) == 3
