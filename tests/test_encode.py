"""The PNG writer: lossless, deterministic, the row filter chosen per image, and safe in a
process that forks build workers after encoding itself."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image

from assets_gen.encode import encode_png, encode_within, png_filter

ROOT = Path(__file__).resolve().parent.parent


def test_png_keeps_every_pixel_and_mode_and_is_deterministic():
    gradient = Image.linear_gradient("L").resize((300, 200)).convert("RGB")
    for image in (
        gradient,
        Image.new("RGBA", (64, 48), (200, 16, 46, 120)),
        Image.new("L", (33, 1), 128),
        Image.new("LA", (5, 5), (10, 200)),
        gradient.quantize(200),  # palette images (budget fallbacks) are written here too
    ):
        data = encode_png(image)
        assert data == encode_png(image.copy())
        with Image.open(io.BytesIO(data)) as back:
            assert (back.mode, back.size) == (image.mode, image.size)
            assert back.tobytes() == image.tobytes()
            assert back.getpalette() == image.getpalette()
            assert not {"exif", "icc_profile", "xmp"} & set(back.info)


def test_over_its_budget_a_png_takes_256_dithered_colours(kit):
    """A web ad at 2x (the half page) is over its budget in full colour: it takes 256
    colours, dithered so the campaign red's gradients do not band, close to the original
    everywhere, and the same bytes every time."""
    import numpy as np

    from assets_gen.layout.sizes import get_size
    from assets_gen.render.banner import render_banner

    size = get_size("half-page")
    image = render_banner(kit, size, None, None, density=2).image
    budget = size.budget_kb * 1000
    assert len(encode_png(image)) > budget
    data, encoding = encode_within(image, "png", budget)
    assert encoding == "png 256 colours" and len(data) <= budget
    assert data == encode_within(image.copy(), "png", budget)[0]
    with Image.open(io.BytesIO(data)) as back:
        assert back.mode == "P"
        got = np.asarray(back.convert("RGB"), np.int16)
    error = np.abs(got - np.asarray(image, np.int16))
    assert error.mean() < 2.5 and np.percentile(error, 99.9) < 40


def test_a_smooth_gradient_the_dither_would_swell_fits_without_it():
    glow = Image.radial_gradient("L").resize((600, 1200))
    image = Image.merge("RGB", (glow.point(lambda v: 120 + v // 3), glow.point(lambda v: v // 8), glow))
    budget = len(encode_png(image)) * 3 // 4  # the dithered 256 colours are larger than that
    data, encoding = encode_within(image, "png", budget)
    assert encoding == "png 256 colours" and len(data) <= budget


def test_the_filter_follows_the_artwork():
    """A soft radial glow compresses far better as row differences ("up"); noise, where
    each row is unlike the one above, better as it is."""
    gradient = Image.radial_gradient("L").resize((400, 300))
    noise = Image.effect_noise((400, 300), 60)
    assert png_filter(gradient.tobytes(), 400, 300) == "up"
    assert png_filter(noise.tobytes(), 400, 300) == "none"
    assert png_filter(b"\x00" * 400, 400, 1) == "none"  # one row: nothing to compare with


_BUILDS = """
import json, sys, tempfile
from pathlib import Path
from assets_gen.brand import load_kit
from assets_gen.batch.runner import BuildOptions, run_build

def main():
    kit = load_kit()
    tmp = Path(tempfile.mkdtemp())
    units = tmp / "u.csv"
    units.write_text("name,short_name,slug\\nCông đoàn Y tế Việt Nam,CĐ Y tế,y-te\\n", encoding="utf-8")
    shas = []
    for name, jobs in (("a", 1), ("b", 2)):
        result = run_build(kit, BuildOptions(out=tmp / name, only=["frame"], units_file=units, jobs=jobs))
        assert result.failed == 0, result.errors
        manifest = json.loads((tmp / name / "manifest.json").read_text(encoding="utf-8"))
        shas.append({a["path"]: a["sha256"] for a in manifest["assets"]})
    print("same" if shas[0] == shas[1] else "different")

if __name__ == "__main__":
    main()
"""


def test_workers_start_after_this_process_encoded(tmp_path: Path):
    """Nothing of the encoder breaks a fork (libvips' thread pool did): a --jobs 2 build
    after a --jobs 1 build in the same process (tests, the preview) must not hang, and
    gives the same bytes."""
    script = tmp_path / "builds.py"
    script.write_text(_BUILDS, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, str(script)], env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same"
