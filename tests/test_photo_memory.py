"""Large photos are decoded in bounded memory: a 49-megapixel RGBA PNG (200 KB on disk,
196 MB decoded) is framed by the CLI in under 300 MB, and looks as the full decode would."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

import assets_gen.photo as photo
from assets_gen.errors import PhotoError
from assets_gen.photo import Placement, square_photo

ROOT = Path(__file__).resolve().parent.parent
PEAK_MB = 300


@pytest.fixture(scope="module")
def big_png(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """7000x7000 RGBA: colour bands and a checkerboard of opaque and half-transparent squares."""
    y, x = np.mgrid[0:7000, 0:7000]
    rgba = np.empty((7000, 7000, 4), np.uint8)
    rgba[..., 0] = (x // 50 * 7) % 256
    rgba[..., 1] = (y // 50 * 5) % 256
    rgba[..., 2] = 128
    rgba[..., 3] = np.where((x // 700 + y // 700) % 2 == 0, 255, 128)
    path = tmp_path_factory.mktemp("big") / "member.png"
    Image.fromarray(rgba).save(path, compress_level=9)
    return path


@pytest.mark.slow
def test_cli_frames_a_49_megapixel_rgba_png_under_300_mb(big_png: Path, tmp_path: Path) -> None:
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)\n"
        "print(done.stderr)\n"
    )
    cli = [sys.executable, "-m", "assets_gen", "avatar", str(big_png), "--out", str(tmp_path), "--jobs", "1"]
    result = subprocess.run(
        [sys.executable, "-c", measure, *cli], capture_output=True, text=True, cwd=ROOT, check=True
    )
    code, peak = map(int, result.stdout.split("\n", 1)[0].split())
    assert code == 0, result.stdout
    assert (tmp_path / "member-vong-tron.jpg").is_file()
    assert peak < PEAK_MB, f"peak memory {peak} MB"


def test_streamed_decoding_matches_the_full_decode(big_png: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    placement = Placement(x=0.3, y=0.6, rotate=270)
    streamed = np.asarray(square_photo(big_png, "member.png", 1080, placement), dtype=float)
    monkeypatch.setattr(photo, "STREAM_PIXELS", 10**12)
    full = np.asarray(square_photo(big_png, "member.png", 1080, placement), dtype=float)
    assert np.abs(streamed - full).mean() < 1.0


def test_a_truncated_large_png_is_one_located_error(big_png: Path) -> None:
    data = big_png.read_bytes()
    with pytest.raises(PhotoError) as err:
        square_photo(data[: len(data) // 2], "member.png", 1080)
    assert err.value.reason == "damaged"
