"""`build` exports the avatar page to OUT/avatar-page/: a static site, no server needed."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from assets_gen.batch.manifest import load_manifest
from assets_gen.batch.runner import BuildOptions, run_build
from tests.webtools import ROOT

UNITS = (
    "name,short_name,slug\n"
    "Liên đoàn Lao động thành phố Hà Nội,LĐLĐ TP. Hà Nội,ha-noi\n"
    "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam,Công đoàn TKV,cd-tkv\n"
)


class Refs(HTMLParser):
    """Every URL the page refers to, and every inline script or style."""

    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []
        self.links: list[str] = []
        self.inline: list[str] = []
        self._tag = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self._tag = tag
        if "style" in a:
            self.inline.append(f"style attribute on <{tag}>")
        if any(k.startswith("on") for k in a):
            self.inline.append(f"event handler on <{tag}>")
        if tag == "style":
            self.inline.append("<style>")
        if tag == "script" and "src" not in a and a.get("type") != "application/json":
            self.inline.append("inline <script>")
        for key in ("src", "href"):
            if a.get(key):
                (self.links if tag == "a" else self.loaded).append(a[key])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, kit) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("page")
    units = root / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    out = root / "out"
    result = run_build(kit, BuildOptions(out=out, only=["page"], units_file=units, jobs=2))
    return out, result


def test_page_files_and_manifest(built, kit) -> None:
    out, result = built
    assert result.failed == 0, result.errors
    page = out / "avatar-page"
    for rel in (
        "index.html",
        "avatar-page.json",
        "preview.jpg",
        "assets/app.js",
        "assets/style.css",
        "assets/theme.css",
        "assets/logo.svg",
        "assets/fonts/body.ttf",
        "assets/fonts/heading.ttf",
    ):
        assert (page / rel).is_file(), rel
    for slug in (None, "ha-noi", "cd-tkv"):
        for style in kit.frames:
            base = page / "frames" / (f"{slug}/" if slug else "") / style.name
            with Image.open(base.with_suffix(".png")) as im:
                assert (im.size, im.mode) == ((1080, 1080), "RGBA")
            script = base.with_suffix(".js").read_text()
            assert script.startswith('avatarFrame("frames/') and "data:image/png;base64," in script
    manifest = load_manifest(out)
    entries = [e for e in manifest.assets.values() if e["kind"] == "page"]
    assert len(entries) == 1 + 1 + 2  # the page, the campaign frames, one per unit
    index = manifest.assets["avatar-page/index.html"]
    assert index["preview"] == "avatar-page/preview.jpg"
    assert "ảnh không rời khỏi máy" in index["alt"]
    with Image.open(out / index["preview"]) as im:
        assert (im.format, im.size) == ("JPEG", (1080, 1080))
    config = json.loads((page / "avatar-page.json").read_text(encoding="utf-8"))
    assert [u["slug"] for u in config["units"]] == ["ha-noi", "cd-tkv"]
    assert [s["name"] for s in config["styles"]] == [s.name for s in kit.frames]
    assert config["download"] == "anh-dai-dien-1-trieu-sang-kien.jpg"


def test_page_needs_nothing_from_elsewhere(built) -> None:
    out, _ = built
    html = (out / "avatar-page" / "index.html").read_text(encoding="utf-8")
    refs = Refs()
    refs.feed(html)
    assert refs.inline == []
    assert refs.loaded and all(not re.match(r"^[a-z]+:|^//", url) for url in refs.loaded), refs.loaded
    for url in refs.loaded:
        assert (out / "avatar-page" / url).is_file(), url
    assert "Content-Security-Policy" in html and "unsafe-inline" not in html
    assert "<noscript>" not in html  # the export has no server to post to
    css = (out / "avatar-page" / "assets" / "style.css").read_text()
    assert "http" not in css and "@import" not in css
    js = (out / "avatar-page" / "assets" / "app.js").read_text()
    assert not re.search(r"fetch\(|XMLHttpRequest|sendBeacon|https?://", js)


def test_second_build_renders_nothing(built, kit) -> None:
    out, _ = built
    again = run_build(kit, BuildOptions(out=out, only=["page"], units_file=out.parent / "units.csv", jobs=1))
    assert (again.rendered, again.failed) == (0, 0)


def test_serve_command_is_documented() -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "assets_gen", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout
    for option in ("--host", "--port", "--brand", "--workers", "--upload-timeout"):
        assert option in help_text
    assert "`assets-gen serve`" in (ROOT / "README.md").read_text(encoding="utf-8")
