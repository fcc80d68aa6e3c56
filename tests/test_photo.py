"""Members' photos: every format and mode decodes upright and clean; bad files fail in one line."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from assets_gen.errors import PhotoError
from assets_gen.photo import Placement, square_photo
from tests.photos import base_photo, every_bad_photo, every_good_photo

GOOD = every_good_photo()
BAD = every_bad_photo()


def _top_is_red(image: Image.Image) -> bool:
    """The red "up" bar of the test photo is at the top after decoding."""
    top = np.asarray(image.crop((0, 0, image.width, 20)), dtype=np.float32).mean(axis=(0, 1))
    return top[0] > 150 and top[1] < 90


@pytest.mark.parametrize("name", sorted(GOOD))
def test_every_accepted_photo_decodes_to_a_square(name: str) -> None:
    image = square_photo(GOOD[name], name, 540, Placement(y=0.0))
    assert image.mode == "RGB"
    assert image.size == (540, 540)


@pytest.mark.parametrize("name", ["rotated-exif6.jpg", "rotated-exif8.jpg", "upright.jpg"])
def test_exif_orientation_is_honoured(name: str) -> None:
    image = square_photo(GOOD[name], name, 540, Placement(y=0.0))
    assert _top_is_red(image), "the photo was not turned upright"


def test_decoded_photo_matches_the_original() -> None:
    expected = base_photo().crop((100, 0, 700, 600)).resize((540, 540))
    for name in ("upright.jpg", "rgb.png", "rotated-exif6.jpg", "photo.webp", "cmyk.jpg"):
        image = square_photo(GOOD[name], name, 540, Placement(x=0.5, y=0.0))
        diff = np.abs(np.asarray(image, np.int16) - np.asarray(expected, np.int16)).mean()
        assert diff < 12, f"{name}: mean difference {diff:.1f}"


def test_sixteen_bit_grey_keeps_its_tones() -> None:
    image = square_photo(GOOD["grey16.png"], "grey16.png", 300)
    arr = np.asarray(image)
    assert arr.max() > 200 and arr.min() < 60, "16-bit values were clipped instead of scaled"


def test_transparent_areas_become_white() -> None:
    image = square_photo(GOOD["transparent.png"], "t.png", 600, Placement(y=1.0))
    bottom = np.asarray(image.crop((0, 560, 600, 600)), dtype=np.float32).mean()
    assert bottom > 245


def test_portrait_crop_is_biased_upward() -> None:
    # Default placement keeps the top of a portrait photo (where heads are) in view.
    image = square_photo(GOOD["portrait.jpg"], "portrait.jpg", 540)
    assert _top_is_red(image) or np.asarray(image)[:5].mean() > 0
    y0 = square_photo(GOOD["portrait.jpg"], "p", 540, Placement(y=0.0))
    assert _top_is_red(y0)


def test_zoom_and_rotation() -> None:
    plain = square_photo(GOOD["upright.jpg"], "u", 400, Placement(y=0.0))
    zoomed = square_photo(GOOD["upright.jpg"], "u", 400, Placement(zoom=2.0, y=0.0))
    assert zoomed.size == (400, 400)
    assert np.abs(np.asarray(plain, np.int16) - np.asarray(zoomed, np.int16)).mean() > 5
    turned = square_photo(GOOD["upright.jpg"], "u", 400, Placement(rotate=180, y=1.0))
    bottom = np.asarray(turned.crop((0, 380, 400, 400)), dtype=np.float32).mean(axis=(0, 1))
    assert bottom[0] > 150 and bottom[1] < 90, "rotate=180 must put the top at the bottom"


@pytest.mark.parametrize(
    "bad", [Placement(zoom=0.5), Placement(zoom=5), Placement(x=2), Placement(rotate=45)]
)
def test_bad_placement_is_refused(bad: Placement) -> None:
    with pytest.raises(PhotoError):
        square_photo(GOOD["upright.jpg"], "u", 100, bad)


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_photos_fail_with_one_clear_line(name: str) -> None:
    data, words = BAD[name]
    with pytest.raises(PhotoError) as info:
        square_photo(data, name, 540)
    message = str(info.value)
    assert message.startswith(f"{name}: ")
    assert words in message
    assert "\n" not in message


def test_draft_decoding_matches_full_decoding() -> None:
    """The fast path (DCT scaling on load) looks the same as a full decode."""
    big = base_photo((4000, 3000))
    data = io.BytesIO()
    big.save(data, "JPEG", quality=92)
    fast = square_photo(data.getvalue(), "big.jpg", 1080)
    reference = big.crop((500, 0, 3500, 3000)).resize((1080, 1080), Image.Resampling.LANCZOS)
    diff = np.abs(np.asarray(fast, np.int16) - np.asarray(reference, np.int16)).mean()
    assert diff < 4, f"mean difference {diff:.2f}"


def test_a_photo_enlarged_over_one_and_a_half_times_is_called_soft(tmp_path):
    from PIL import Image

    from assets_gen.photo import soft_photo, soft_photo_warnings

    path = tmp_path / "small.jpg"
    Image.new("RGB", (600, 400), "gray").save(path)
    assert soft_photo(path, 600) is None  # 1.5x: still fine
    note = soft_photo(path, 1080)
    assert note == (
        "the photo is 600x400 px and is enlarged 2.7x to fill its 1080 px place, so it will look "
        "soft: use one at least 720 px on its shorter side"
    )
    (warning,) = soft_photo_warnings([path], 1080)
    assert warning.what == note and warning.where.endswith("small.jpg")
    assert soft_photo(tmp_path / "missing.jpg", 1080) is None  # the build reports that itself
