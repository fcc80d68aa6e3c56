"""The default build as a phone shows it: every QR code still scans.

A feed shows an asset with its shorter side about 360 px wide; a shared screenshot is
softer still and re-compressed. Each asset with a QR code is seen that way (scaled to
360 px, Gaussian blur 0.7 px, JPEG quality 60) and decoded with zxing-cpp.
"""

from __future__ import annotations

import io
from pathlib import Path

import zxingcpp
from PIL import Image, ImageFilter

from assets_gen.layout.sizes import SIZES


def phone_view(image: Image.Image) -> Image.Image:
    """`image` as a shared screenshot on a phone: 360 px on its shorter side, soft, JPEG 60."""
    image = image.convert("RGB")
    k = 360 / min(image.size)
    small = image.resize((round(image.width * k), round(image.height * k)), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    small.filter(ImageFilter.GaussianBlur(0.7)).save(buffer, "JPEG", quality=60)
    buffer.seek(0)
    return Image.open(buffer)


def decoded(image: Image.Image) -> list[str]:
    return sorted(r.text for r in zxingcpp.read_barcodes(image.convert("RGB")))


def test_every_qr_code_scans_at_phone_size(default_build):
    out, manifest = default_build
    with_qr: dict[str, list[str]] = {}
    for entry in manifest["assets"]:
        path = out / entry["path"]
        if path.suffix not in (".png", ".jpg") or entry.get("format") is None:
            continue
        with Image.open(path) as image:
            known = SIZES.get(entry["format"])  # None: a page-link QR code, seen on a phone too
            if known is not None and known.width < 1000:  # web ads are seen at their own size
                continue
            full = decoded(image)
            if full:
                with_qr[entry["path"]] = full
                assert decoded(phone_view(image)) == full, f"{entry['path']}: QR code does not scan at phone size"
    names = {Path(p).name for p in with_qr}
    # Every kind that carries a code is among them: the square banner of every unit, the
    # guides' last pages and summaries, the event posters.
    banners = [e for e in manifest["assets"] if e["kind"] == "banner" and e["format"] == "fb-post"]
    assert sum(Path(p).name == "banner-fb-post.png" for p in with_qr) == len(banners)
    assert {"summary-fb-post.png", "summary-story.png", "page-5.png"} <= names
    assert sum(p.startswith("campaign/events/") for p in with_qr) == 3
