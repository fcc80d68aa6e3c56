"""`build` exports the avatar page to OUT/avatar-page/: a static site, no server needed."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from assets_gen.batch.manifest import load_manifest
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.render.frame import render_frame
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
        self.scripts: list[str] = []  # the text of each inline script
        self._tag = ""
        self._script = False

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
            self._script = True
            self.scripts.append("")
        for key in ("src", "href"):
            if a.get(key):
                (self.links if tag == "a" else self.loaded).append(a[key])

    def handle_data(self, data: str) -> None:
        if self._script:
            self.scripts[-1] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, kit) -> tuple[Path, object]:
    root = tmp_path_factory.mktemp("page")
    units = root / "units.csv"
    units.write_text(UNITS, encoding="utf-8")
    out = root / "out"
    result = run_build(kit, BuildOptions(out=out, only=["page", "page-link"], units_file=units, jobs=2))
    return out, result


def test_page_files_and_manifest(built, kit) -> None:
    out, result = built
    assert result.failed == 0, result.errors
    page = out / "avatar-page"
    for rel in (
        "index.html",
        "sw.js",
        "avatar-page.json",
        "preview.jpg",
        "assets/app.js",
        "assets/style.css",
        "assets/theme.css",
        "assets/logo.svg",
        "assets/fonts/body.woff2",
        "assets/fonts/heading.woff2",
    ):
        assert (page / rel).is_file(), rel
    assert (page / "assets/fonts/heading.woff2").read_bytes()[:4] == b"wOF2"
    # Two frames per style whatever the units: the page draws each unit's name itself.
    for style in kit.frames:
        for name in (style.name, f"{style.name}.unit"):
            with Image.open(page / "frames" / f"{name}.webp") as im:
                assert (im.format, im.size, im.mode) == ("WEBP", (1080, 1080), "RGBA")
            script = (page / "frames" / f"{name}.js").read_text()
            assert script.startswith(f'avatarFrame("frames/{name}.webp","data:image/webp;base64,')
    assert sorted(p.name for p in (page / "frames").iterdir()) == sorted(
        [f"{s.name}{u}.{e}" for s in kit.frames for u in ("", ".unit") for e in ("webp", "js")]
        + [f"{s.name}.thumb.webp" for s in kit.frames]
        + [f"{s.name}{u}.preview.webp" for s in kit.frames for u in ("", ".unit")]
    )
    # The light previews a first visit draws before the exact frame: 720 px, under 50 kB.
    for style in kit.frames:
        for name in (style.name, f"{style.name}.unit"):
            path = page / "frames" / f"{name}.preview.webp"
            with Image.open(path) as im:
                assert (im.size, im.mode) == ((720, 720), "RGBA")
            assert path.stat().st_size < 50_000
    # Lossless: the frame without a unit is the CLI's frame, pixel for pixel.
    with Image.open(page / "frames" / f"{kit.frames[0].name}.webp") as im:
        got, want = np.asarray(im), np.asarray(render_frame(kit, kit.frames[0]))
    assert (got[..., 3] == want[..., 3]).all()
    seen = want[..., 3] > 0  # the colour under a fully transparent pixel is not kept
    assert (got[seen] == want[seen]).all()
    manifest = load_manifest(out)
    entries = [e for e in manifest.assets.values() if e["kind"] == "page"]
    assert len(entries) == 2  # the page, the frames
    for entry in entries:  # each entry describes the file at its own path
        assert entry["sha256"] == hashlib.sha256((out / entry["path"]).read_bytes()).hexdigest(), entry["path"]
    index = manifest.assets["avatar-page/index.html"]
    assert index["preview"] == "avatar-page/preview.jpg"
    assert "ảnh không rời khỏi máy" in index["alt"]
    with Image.open(out / index["preview"]) as im:
        assert (im.format, im.size) == ("JPEG", (1080, 1080))
    config = json.loads((page / "avatar-page.json").read_text(encoding="utf-8"))
    assert [u["slug"] for u in config["units"]] == ["ha-noi", "cd-tkv"]
    assert [s["name"] for s in config["styles"]] == [s.name for s in kit.frames]
    assert config["download"] == "anh-dai-dien-1-trieu-sang-kien.jpg"
    sw = (page / "sw.js").read_text()
    assert "frames/vong-tron.unit.webp" in sw and "assets/fonts/heading.woff2" in sw


def test_page_links_with_qr_codes(built, kit) -> None:
    """Kind page-link: each unit's own link to the page, and a QR code that scans to it."""
    import zxingcpp

    out, _ = built
    links = [e for e in load_manifest(out).assets.values() if e["kind"] == "page-link"]
    by_unit = {e.get("unit"): e for e in links}
    assert set(by_unit) == {None, "ha-noi", "cd-tkv"}
    entry = by_unit["cd-tkv"]
    assert entry["link"] == kit.links.avatar_page + "?unit=cd-tkv"
    with Image.open(out / entry["path"]) as im:
        small = im.convert("RGB").resize((240, 240), Image.Resampling.LANCZOS)
    (code,) = zxingcpp.read_barcodes(small)
    assert code.text == entry["link"]
    assert not entry["path"].startswith("avatar-page/"), "the page's size does not grow with units"


def test_export_size_does_not_grow_with_units(tmp_path: Path, kit) -> None:
    """At most 2 MB with the kit's units; 500 units cost a few kB each (their rows and the
    placed text of their names), never an image."""

    def size(folder: Path) -> int:
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())

    default = tmp_path / "default"
    assert run_build(kit, BuildOptions(out=default, only=["page"], jobs=1)).failed == 0
    base = size(default / "avatar-page")
    assert base <= 2_000_000, base
    many = tmp_path / "units.csv"
    rows = [f"Công đoàn cơ sở Khu công nghiệp số {i},CĐCS KCN {i},kcn-{i}" for i in range(500)]
    many.write_text("name,short_name,slug\n" + "\n".join(rows) + "\n", encoding="utf-8")
    big = tmp_path / "big"
    assert run_build(kit, BuildOptions(out=big, only=["page"], units_file=many, jobs=1)).failed == 0
    grown = size(big / "avatar-page") - base
    units = 500 - 41
    assert grown / units <= 3_000, f"{grown / units:.0f} bytes per unit"
    assert size(big / "avatar-page") <= 2_000_000 + 500 * 3_000


def test_page_needs_nothing_from_elsewhere(built) -> None:
    out, _ = built
    html = (out / "avatar-page" / "index.html").read_text(encoding="utf-8")
    refs = Refs()
    refs.feed(html)
    # One inline script, the boot script (it starts the first frame early), allowed by its
    # hash: nothing inline that the policy does not name.
    assert refs.inline == ["inline <script>"]
    (boot,) = refs.scripts
    digest = base64.b64encode(hashlib.sha256(boot.encode()).digest()).decode()
    assert f"script-src 'self' 'sha256-{digest}' 'wasm-unsafe-eval';" in unescape(html)
    assert "fetch(" not in boot and "http" not in boot
    assert refs.loaded and all(not re.match(r"^[a-z]+:|^//", url) for url in refs.loaded), refs.loaded
    for url in refs.loaded:
        assert (out / "avatar-page" / url).is_file(), url
    assert "Content-Security-Policy" in html and "unsafe-inline" not in html
    assert "<noscript>" not in html  # the export has no server to post to
    css = (out / "avatar-page" / "assets" / "style.css").read_text()
    assert "http" not in css and "@import" not in css
    js = (out / "avatar-page" / "assets" / "app.js").read_text()
    assert not re.search(r"XMLHttpRequest|sendBeacon|https?://", js)
    # The only request the script can make is the counter's, and an export without
    # --counter-url has none (the browser test checks the request log).
    assert js.count("fetch(") == 2 and "fetch(cfg.counter" in js
    config = json.loads((out / "avatar-page" / "avatar-page.json").read_text(encoding="utf-8"))
    assert config["counter"] is None


def test_second_build_renders_nothing(built, kit) -> None:
    out, _ = built
    again = run_build(
        kit, BuildOptions(out=out, only=["page", "page-link"], units_file=out.parent / "units.csv", jobs=1)
    )
    assert (again.rendered, again.failed) == (0, 0)


def test_serve_command_is_documented() -> None:
    help_text = subprocess.run(
        [sys.executable, "-m", "assets_gen", "serve", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    ).stdout
    for option in ("--host", "--port", "--brand", "--workers", "--upload-timeout", "--db"):
        assert option in help_text
    assert "`assets-gen serve`" in (ROOT / "README.md").read_text(encoding="utf-8")
