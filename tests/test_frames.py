"""Profile frames: exact geometry for the circle platforms crop to, and golden images."""

from __future__ import annotations

import numpy as np
import pytest

from assets_gen.errors import FitError
from assets_gen.render.avatar import render_avatar
from assets_gen.render.frame import SIZE, frame_layers, render_frame
from tests.photos import encoded, every_good_photo

LONGEST_UNIT = "CĐ Than - Khoáng sản Việt Nam"


def _radius_grid() -> np.ndarray:
    ys, xs = np.mgrid[0:SIZE, 0:SIZE]
    return np.hypot(xs + 0.5 - SIZE / 2, ys + 0.5 - SIZE / 2)


@pytest.fixture(scope="module", params=[None, "LĐLĐ tỉnh Nghệ An", LONGEST_UNIT])
def unit_label(request: pytest.FixtureRequest) -> str | None:
    return request.param


def test_frames_are_transparent_squares(kit, unit_label) -> None:
    for style in kit.frames:
        frame = render_frame(kit, style, unit_label)
        assert frame.mode == "RGBA"
        assert frame.size == (1080, 1080)


def test_middle_is_fully_transparent(kit, unit_label) -> None:
    """Where a face goes (a 360 px disc above the centre), the photo shows untouched."""
    ys, xs = np.mgrid[0:SIZE, 0:SIZE]
    face = np.hypot(xs - 540, ys - 400) <= 180
    for style in kit.frames:
        alpha = np.asarray(render_frame(kit, style, unit_label).getchannel("A"))
        assert alpha[face].max() == 0, style.name


def test_logo_and_text_stay_inside_the_circle(kit, unit_label) -> None:
    """Nothing of the content layer (logo, text, plates) lies where Facebook and Zalo crop."""
    outside = _radius_grid() > SIZE / 2
    for style in kit.frames:
        layers = frame_layers(kit, style, unit_label)
        alpha = np.asarray(layers.content.getchannel("A"))
        assert alpha[outside].max() == 0, style.name
        assert alpha.max() == 255  # and there is content


def test_a_name_too_long_for_the_frame_is_refused(kit) -> None:
    name = "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam và các đơn vị thành viên"
    with pytest.raises(FitError) as info:
        for style in kit.frames:
            frame_layers(kit, style, name * 2)
    assert "does not fit" in str(info.value)


@pytest.mark.parametrize("style_index", [0, 1])
def test_frame_goldens(kit, golden, style_index: int) -> None:
    style = kit.frames[style_index]
    golden(render_frame(kit, style), f"frame-{style.name}")
    golden(render_frame(kit, style, LONGEST_UNIT), f"frame-{style.name}-longest-unit")


def test_avatar_golden(kit, golden) -> None:
    photo = every_good_photo()["rotated-exif6.jpg"]
    image = render_avatar(kit, photo, "p.jpg", kit.frames[0], "LĐLĐ tỉnh Nghệ An")
    assert image.mode == "RGB" and image.size == (1080, 1080)
    golden(image, "avatar-ring-nghe-an", tolerance=2.0)


def test_avatar_of_a_transparent_png(kit) -> None:
    from PIL import Image

    rgba = Image.new("RGBA", (500, 500), (0, 0, 0, 0))
    image = render_avatar(kit, encoded(rgba, "PNG"), "t.png", kit.frames[1])
    assert image.getpixel((540, 300)) == (255, 255, 255)
