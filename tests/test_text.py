"""The text engine: NFC, glyph coverage, fitting, and ink-box placement of stacked marks."""

from __future__ import annotations

import itertools
import unicodedata

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image, features

from assets_gen.errors import FitError, GlyphError
from assets_gen.layout.geometry import Box
from assets_gen.layout.text import (
    TextStyle,
    draw_text,
    fit_text,
    font_face,
    normalize,
    pil_font,
)
from assets_gen.resources import fonts_dir

BOLD = fonts_dir() / "BeVietnamPro-Bold.ttf"
REGULAR = fonts_dir() / "BeVietnamPro-Regular.ttf"

# Every Vietnamese letter with every tone, in both cases, and đ/Đ.
_BASES = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]
VIETNAMESE_LETTERS = sorted(
    {unicodedata.normalize("NFC", b + t) for b in _BASES for t in _TONES}
    | {unicodedata.normalize("NFC", b.upper() + t) for b in _BASES for t in _TONES}
    | set("đĐbcdghklmnpqrstvxBCDGHKLMNPQRSTVX")
)


def test_raqm_layout_is_available() -> None:
    assert features.check("raqm"), "Pillow must lay out Vietnamese with raqm (libfribidi)"
    assert pil_font(BOLD, 40).layout_engine == 1  # ImageFont.Layout.RAQM


def test_bundled_fonts_cover_every_vietnamese_letter() -> None:
    for path in fonts_dir().glob("*.ttf"):
        face = font_face(path)
        assert face.missing("".join(VIETNAMESE_LETTERS)) == [], path.name


def test_text_is_normalised_to_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Tự hào trí tuệ lao động Việt Nam")
    assert decomposed != "Tự hào trí tuệ lao động Việt Nam"
    assert normalize(decomposed) == "Tự hào trí tuệ lao động Việt Nam"
    block = fit_text(decomposed, Box(0, 0, 2000, 200), TextStyle(BOLD, 60, 20))
    assert block.lines == ("Tự hào trí tuệ lao động Việt Nam",)


def test_nfd_and_nfc_render_identically() -> None:
    text = "Ệ Ễ Ỗ Ữ Ẫ Ể"
    style = TextStyle(BOLD, 80, 20)
    images = []
    for form in ("NFC", "NFD"):
        image = Image.new("L", (800, 200), 0)
        draw_text(
            image,
            Box(0, 0, 800, 200),
            fit_text(unicodedata.normalize(form, text), Box(0, 0, 800, 200), style),
            255,
        )
        images.append(np.asarray(image))
    assert np.array_equal(images[0], images[1])


def test_missing_glyphs_are_refused_by_name() -> None:
    with pytest.raises(GlyphError) as info:
        fit_text("Công đoàn 工会", Box(0, 0, 800, 100), TextStyle(BOLD, 40, 10), "unit name")
    assert str(info.value) == ('unit name "Công đoàn 工会": font Be Vietnam Pro Bold has no glyph for 工, 会')


def test_text_that_cannot_fit_says_so() -> None:
    long = "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam " * 3
    with pytest.raises(FitError) as info:
        fit_text(long, Box(0, 0, 300, 60), TextStyle(BOLD, 40, 24, max_lines=2), "unit name")
    message = str(info.value)
    assert "does not fit 300x60 px in 2 lines even at 24 px" in message


def test_fit_shrinks_and_wraps_at_word_boundaries() -> None:
    text = "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam"
    block = fit_text(text, Box(0, 0, 600, 200), TextStyle(BOLD, 80, 20, max_lines=3))
    assert 1 < len(block.lines) <= 3
    assert " ".join(block.lines) == text  # breaks only at spaces, nothing lost
    assert block.width <= 600 and block.height <= 200
    assert block.size < 80


def test_no_break_space_keeps_syllables_together() -> None:
    text = "Tự hào trí tuệ lao\u00a0động Việt\u00a0Nam"
    for width in range(300, 900, 40):
        block = fit_text(text, Box(0, 0, width, 400), TextStyle(BOLD, 48, 12, max_lines=4))
        for line in block.lines:
            assert not line.endswith("lao") and not line.startswith("động")


def test_balanced_lines() -> None:
    text = "Tự hào trí tuệ lao động Việt Nam"
    block = fit_text(text, Box(0, 0, 700, 300), TextStyle(BOLD, 60, 60, max_lines=2))
    widths = [pil_font(BOLD, block.size).getlength(line) for line in block.lines]
    assert len(widths) == 2 and min(widths) / max(widths) > 0.6


@pytest.mark.parametrize("text", ["ỄỖỮ", "Ệ", "TỶ LỆ ỨNG DỤNG", "Quyết định số 1"])
def test_stacked_marks_are_never_clipped(text: str) -> None:
    """The ink box includes marks above the ascent: a box exactly that tall shows them all."""
    style = TextStyle(BOLD, 120, 10)
    block = fit_text(text, Box(0, 0, 1200, 400), style)
    pad = 10
    image = Image.new("L", (block.width + 2 * pad, block.height + 2 * pad), 0)
    ink = draw_text(image, Box(pad, pad, block.width, block.height), block, 255)
    drawn = image.getbbox()
    assert drawn is not None
    assert drawn[0] >= ink.x and drawn[1] >= ink.y
    assert drawn[2] <= ink.right and drawn[3] <= ink.bottom


def test_stacked_marks_reach_above_the_ascent() -> None:
    """Why placement is by ink: Ễ, Ỗ, Ữ rise above the font's ascent line."""
    font = pil_font(BOLD, 100)
    ascent, _ = font.getmetrics()
    top = font.getbbox("ỄỖỮ", anchor="ls")[1]
    assert -top > ascent
    block = fit_text("ỄỖỮ", Box(0, 0, 1000, 1000), TextStyle(BOLD, 100, 100))
    assert block.height >= -top


VIETNAMESE_WORD = st.text(alphabet=st.sampled_from(VIETNAMESE_LETTERS), min_size=1, max_size=9)
VIETNAMESE_TEXT = st.lists(VIETNAMESE_WORD, min_size=1, max_size=10).map(" ".join)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=VIETNAMESE_TEXT,
    width=st.integers(60, 900),
    height=st.integers(20, 400),
    max_lines=st.integers(1, 4),
    align=st.sampled_from(["left", "center", "right"]),
    valign=st.sampled_from(["top", "middle", "bottom"]),
    font=st.sampled_from([BOLD, REGULAR]),
)
def test_fitted_text_always_stays_inside_its_box(
    text: str, width: int, height: int, max_lines: int, align: str, valign: str, font
) -> None:
    """Property: whatever the text, either it fits (every inked pixel inside the box) or
    the engine says it cannot; never text outside its box."""
    margin = 40
    box = Box(margin, margin, width, height)
    style = TextStyle(font, max_size=90, min_size=8, max_lines=max_lines, align=align, valign=valign)
    try:
        block = fit_text(text, box, style)
    except FitError:
        return
    image = Image.new("L", (width + 2 * margin, height + 2 * margin), 0)
    draw_text(image, box, block, 255)
    drawn = image.getbbox()
    assert drawn is not None, "text drew nothing"
    left, top, right, bottom = drawn
    assert left >= box.x and top >= box.y, (drawn, box)
    assert right <= box.right and bottom <= box.bottom, (drawn, box)
    assert len(block.lines) <= max_lines
    assert block.size >= 8


@pytest.mark.parametrize("text", ["TỰ HÀO TRÍ TUỆ LAO ĐỘNG VIỆT NAM", "Tự hào trí tuệ lao động Việt Nam"])
def test_lines_never_touch_even_with_tight_leading(text: str) -> None:
    """Dots below one line (Ự, Ệ) never meet the marks above the next (Ộ, Ễ)."""
    style = TextStyle(BOLD, 120, 120, max_lines=4, line_height=0.9, balance=False)
    block = fit_text(text, Box(0, 0, 720, 2000), style)
    assert len(block.lines) >= 3
    pad = 4
    image = Image.new("L", (block.width + 2 * pad, block.height + 2 * pad), 0)
    draw_text(image, Box(pad, pad, block.width, block.height), block, 255)
    rows = np.asarray(image).max(axis=1) > 0
    # Between consecutive baselines there is at least one fully empty pixel row.
    baselines = [pad + oy for _, oy in block.origins]
    for above, below in itertools.pairwise(baselines):
        assert not rows[above:below].all(), "two lines' ink touch"
