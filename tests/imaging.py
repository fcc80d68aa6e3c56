"""Image comparison in the style of Pillow's own tests.

Mode and size must match exactly; pixels may differ by a small mean amount (font
rasterisation, resampling). On failure the actual, expected and difference images are
saved side by side in tests/_failures/ for a look.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image, ImageChops

GOLDENS = Path(__file__).parent / "goldens"
FAILURES = Path(__file__).parent / "_failures"


def mean_difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel value, 0-255."""
    return float(np.abs(np.asarray(a, dtype=np.int16) - np.asarray(b, dtype=np.int16)).mean())


def assert_image_similar(
    actual: Image.Image, expected: Image.Image, tolerance: float, name: str = "image"
) -> None:
    assert actual.mode == expected.mode, f"{name}: mode {actual.mode} != {expected.mode}"
    assert actual.size == expected.size, f"{name}: size {actual.size} != {expected.size}"
    diff = mean_difference(actual, expected)
    if diff > tolerance:
        save_failure(actual, expected, name)
        raise AssertionError(
            f"{name}: mean difference {diff:.2f} > {tolerance} (see tests/_failures/{name}.png)"
        )


def save_failure(actual: Image.Image, expected: Image.Image, name: str) -> Path:
    FAILURES.mkdir(exist_ok=True)
    a, e = actual.convert("RGBA"), expected.convert("RGBA")
    if a.size != e.size:
        e = e.resize(a.size)
    d = ImageChops.difference(a.convert("RGB"), e.convert("RGB")).convert("RGBA")
    sheet = Image.new("RGBA", (a.width * 3, a.height), (255, 255, 255, 255))
    for i, im in enumerate((a, e, d)):
        sheet.alpha_composite(im, (i * a.width, 0))
    path = FAILURES / f"{name}.png"
    sheet.save(path)
    return path


class GoldenChecker:
    """`golden(image, "name")` compares with tests/goldens/name.png (or writes it)."""

    def __init__(self, update: bool) -> None:
        self.update = update

    def __call__(self, image: Image.Image, name: str, tolerance: float = 1.5) -> None:
        path = GOLDENS / f"{name}.png"
        if self.update or not path.exists():
            if not self.update:
                raise AssertionError(f"no golden {path.name}: run pytest --update-goldens")
            GOLDENS.mkdir(exist_ok=True)
            image.save(path)
            return
        with Image.open(path) as expected:
            expected.load()
            assert_image_similar(image, expected, tolerance, name)
