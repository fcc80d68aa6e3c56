"""Every JPEG is written with its colour at full resolution (4:4:4): the default 4:2:0
halves it and puts a pink fringe around white text on the campaign red. (The server's
answer is checked in test_web_api.)"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, JpegImagePlugin

from assets_gen.batch.thumbs import thumbnail
from assets_gen.encode import encode_jpeg, encode_within
from assets_gen.layout.color import Color

ROOT = Path(__file__).resolve().parent.parent
FULL_COLOUR = 0  # JpegImagePlugin.get_sampling: 0 is 4:4:4, 2 is 4:2:0


def sampling(data: bytes) -> int:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "JPEG"
        return JpegImagePlugin.get_sampling(image)


def white_on_red() -> Image.Image:
    image = Image.new("RGB", (400, 200), Color.parse("#C8102E").rgb)
    image.paste((255, 255, 255), (40, 60, 360, 70))
    return image


def test_encoded_jpegs_keep_full_colour():
    assert sampling(encode_jpeg(white_on_red())) == FULL_COLOUR
    assert sampling(encode_jpeg(white_on_red(), quality=60)) == FULL_COLOUR


def test_budgeted_jpegs_keep_full_colour_at_every_quality_step(data_dir):
    image = Image.open(data_dir / "chelsea.png").convert("RGB")
    # Budgets that force each lower step still give 4:4:4.
    for quality in (90, 80, 60):
        budget = len(encode_jpeg(image, quality))
        data, encoding = encode_within(image, "jpg", budget)
        assert encoding == f"jpeg q{quality}"
        assert sampling(data) == FULL_COLOUR, encoding


def test_every_jpeg_of_the_default_build_is_full_colour(default_build):
    out, manifest = default_build
    jpegs = [p for p in out.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg")]
    assert any(p.name.endswith(".jpg") for p in (out / e["path"] for e in manifest["assets"]))
    assert any("avatars" in p.parts for p in jpegs)
    for path in jpegs:
        assert sampling(path.read_bytes()) == FULL_COLOUR, path.relative_to(out)


def test_contact_sheet_thumbnails_are_full_colour():
    data = thumbnail(white_on_red())
    assert data[:2] == b"\xff\xd8"  # opaque: a JPEG
    assert sampling(data) == FULL_COLOUR


@pytest.mark.slow
def test_avatar_command_writes_full_colour(tmp_path, data_dir):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = tmp_path / "avatars"
    result = subprocess.run(
        [sys.executable, "-m", "assets_gen", "avatar", str(data_dir / "chelsea.png"), "--out", str(out)],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    written = sorted(out.rglob("*.jpg"))
    assert written
    for path in written:
        assert sampling(path.read_bytes()) == FULL_COLOUR, path.name
