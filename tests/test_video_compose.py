"""The video engine's parts: easing, motion, blending, incremental composition."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from assets_gen.video.compose import (
    Card,
    Compositor,
    Counter,
    Cue,
    Placed,
    Resize,
    Reveal,
    _blend_box,
    blend,
    merge_rects,
)
from assets_gen.video.layers import Layer, digit_set, panel_layer
from assets_gen.video.timeline import (
    ENTER,
    EXIT,
    Motion,
    ease_in_cubic,
    ease_in_out_cubic,
    ease_out_back,
    ease_out_cubic,
    ease_out_quint,
    motion_state,
)

EASES = [ease_out_cubic, ease_in_cubic, ease_in_out_cubic, ease_out_quint, ease_out_back]


@pytest.mark.parametrize("ease", EASES)
def test_easing_runs_from_zero_to_one(ease):
    assert ease(0.0) == pytest.approx(0.0, abs=1e-9)
    assert ease(1.0) == pytest.approx(1.0, abs=1e-9)


@given(st.floats(0, 1), st.floats(0, 1))
def test_monotonic_eases_never_go_back(a, b):
    lo, hi = sorted((a, b))
    for ease in (ease_out_cubic, ease_in_cubic, ease_in_out_cubic, ease_out_quint):
        assert ease(lo) <= ease(hi) + 1e-12


@given(st.floats(-1, 20))
def test_motion_state_is_hidden_outside_and_at_rest_inside(t):
    state = motion_state(t, 2.0, 8.0, ENTER, EXIT)
    assert 0.0 <= state.opacity <= 1.0
    if t < 2.0 or t >= 8.0:
        assert state.opacity == 0
    if 2.0 + ENTER.duration <= t <= 8.0 - EXIT.duration:
        assert (state.dx, state.dy, state.scale, state.opacity) == (0, 0, 1, 1)


def test_entrance_slides_up_into_place_and_exit_leaves_upwards():
    ys = [motion_state(2.0 + i / 30, 2.0, 8.0, ENTER, EXIT).dy for i in range(22)]
    assert ys[0] == pytest.approx(ENTER.dy)
    assert all(a >= b for a, b in itertools.pairwise(ys))  # always upwards, never back
    assert ys[-1] == 0
    out = [motion_state(8.0 - EXIT.duration + i / 30, 2.0, 8.0, ENTER, EXIT).dy for i in range(12)]
    assert all(a >= b for a, b in itertools.pairwise(out))


def _random_rgba(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    rgba = rng.integers(0, 256, size=(h, w, 4), dtype=np.uint8)
    rgba[0, 0, 3] = 255  # keep the crop at full size
    rgba[-1, -1, 3] = 255
    return rgba


def _random_layer(rng: np.random.Generator, w: int, h: int) -> Layer:
    return Layer.of(Image.fromarray(_random_rgba(rng, w, h)))


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(0, 255), st.integers(-20, 40), st.integers(-20, 40))
def test_blend_matches_float_source_over(seed, opacity, x, y):
    rng = np.random.default_rng(seed)
    rgba = _random_rgba(rng, 24, 18)
    layer = Layer.of(Image.fromarray(rgba))
    dst = rng.integers(0, 256, size=(40, 50, 3), dtype=np.uint8)
    expected = dst.astype(np.float64)
    out = dst.copy()
    blend(out, Placed(layer, x, y, opacity), (0, 0, 50, 40))
    # Reference: straight-alpha source over, in floats.
    src = rgba.astype(np.float64)
    a = src[..., 3:4] / 255 * opacity / 255
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + 24, 50), min(y + 18, 40)
    if x1 > x0 and y1 > y0:
        s = src[y0 - y : y1 - y, x0 - x : x1 - x, :3]
        d = expected[y0:y1, x0:x1]
        expected[y0:y1, x0:x1] = s * a[y0 - y : y1 - y, x0 - x : x1 - x] + d * (
            1 - a[y0 - y : y1 - y, x0 - x : x1 - x]
        )
    assert np.abs(out.astype(np.float64) - expected).max() <= 2.0


def test_opaque_core_is_copied_exactly():
    panel = panel_layer_at(10, 10, 200, 120)
    assert panel.core is not None
    dst = np.zeros((200, 300, 3), np.uint8)
    blend(dst, Placed(panel, panel.ox, panel.oy), (0, 0, 300, 200))
    assert (dst[60, 100] == panel.rgb[60 - panel.oy, 100 - panel.ox]).all()
    assert (dst[60, 100] == (255, 248, 236)).all()


@pytest.mark.parametrize("opacity", [0, 1, 77, 128, 254, 255])
def test_fading_a_solid_panel_matches_the_general_blend(opacity):
    panel = panel_layer_at(60, 50, 260, 180)
    assert panel.core_colour == (255, 248, 236)
    rng = np.random.default_rng(opacity)
    dst = rng.integers(0, 256, size=(300, 400, 3), dtype=np.uint8)
    fast, general = dst.copy(), dst.copy()
    placed = Placed(panel, panel.ox, panel.oy, opacity)
    blend(fast, placed, (0, 0, 400, 300))
    _blend_box(general, placed, placed.rect())
    assert np.abs(fast.astype(int) - general.astype(int)).max() <= 1


def panel_layer_at(x, y, w, h) -> Layer:
    from assets_gen.layout.color import Color
    from assets_gen.layout.geometry import Box

    return panel_layer(Box(x, y, w, h), 24, Color(255, 248, 236), shadow=0.3)


RECTS = st.tuples(st.integers(0, 300), st.integers(0, 300), st.integers(1, 80), st.integers(1, 80))


@given(st.lists(RECTS, max_size=12))
def test_merged_rects_cover_every_rect_and_do_not_overlap(items):
    rects = [(x, y, x + w, y + h) for x, y, w, h in items]
    merged = merge_rects(list(rects))
    for r in rects:
        assert any(m[0] <= r[0] and m[1] <= r[1] and m[2] >= r[2] and m[3] >= r[3] for m in merged)
    for i, a in enumerate(merged):
        for b in merged[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def test_counter_digits_keep_their_cells(kit):
    digits = digit_set(kit.fonts.display, 120, kit.colors.on_primary)
    counter = Counter(digits, 523_418, 540, 100, 0.0, 2.0, None, ease_out_quint)
    last_right = None
    for i in range(0, 75):
        placed = counter.at(i / 30)
        lefts = [p.x - p.layer.ox for p in placed]
        cells = [b - a for a, b in itertools.pairwise(lefts)]
        # Digits sit in fixed cells (the separator's cell is narrower)...
        assert set(cells) <= {digits.cell, digits.sep_width}
        # ...and the number only ever glides, a few pixels a frame.
        right = lefts[-1]
        if last_right is not None:
            assert abs(right - last_right) <= 8
        last_right = right
    final = "".join(
        "." if p.layer is digits.separator else str(digits.digits.index(p.layer)) for p in counter.at(3.0)
    )
    assert final == "523.418"
    assert counter.shown(0.0) == 0 and counter.shown(2.0) == 523_418
    # At rest the number is centred.
    assert counter.right(3.0) - digits.width(final) / 2 == 540


def test_counter_to_a_round_goal_glides_when_it_gains_a_digit(kit):
    digits = digit_set(kit.fonts.display, 120, kit.colors.on_primary)
    counter = Counter(digits, 1_000_000, 540, 100, 0.0, 2.0, None, ease_out_quint)
    assert counter.before_width == digits.width("999.999")
    assert 1.5 < counter.full_at < 2.0
    assert counter.right(1.0) == 540 + digits.width("999.999") / 2  # centred while counting
    assert counter.right(3.0) == 540 + digits.width("1.000.000") / 2


def test_reveal_grows_from_the_left_and_stops_at_full_width():
    layer = _random_layer(np.random.default_rng(1), 100, 10).shifted(20, 30)
    reveal = Reveal(layer, 1.0, 1.0, None, ease_out_cubic)
    assert reveal.at(0.5) == ()
    widths = [reveal.at(1.0 + i / 30)[0].rect() for i in range(1, 31)]
    assert all(r[0] == 20 for r in widths)
    assert [r[2] for r in widths] == sorted(r[2] for r in widths)
    assert widths[-1] == (20, 30, 120, 40)


def test_incremental_frames_equal_frames_composed_from_scratch(kit):
    """Redrawing only what changed must give exactly the frame drawn from nothing."""
    from assets_gen.video.formats import get_aspect
    from assets_gen.video.intro import build_intro

    video = build_intro(kit, get_aspect("1:1"))
    incremental = video.compositor()
    fresh = video.compositor()
    n = round(video.duration * 30)
    for i in range(n):
        frame = incremental.render(i / 30)
        if i % 9 == 0 or i in (n - 1,):
            assert np.array_equal(frame, fresh.snapshot(i / 30)), f"frame {i} differs"


def test_a_frame_where_nothing_moves_costs_nothing():
    layer = _random_layer(np.random.default_rng(2), 30, 30).shifted(10, 10)
    compositor = Compositor(np.zeros((64, 64, 3), np.uint8), [Cue(layer, 0.0, None, Motion(0.5), None)])
    compositor.render(0.0)
    compositor.render(1.0)
    before = compositor.frame.copy()
    compositor.frame[...] = 7  # anything redrawn would overwrite this
    compositor.render(1.5)
    assert (compositor.frame == 7).all()
    compositor.frame[...] = before


@pytest.mark.parametrize("size", [(600, 400), (420, 260), (600, 260), (333, 217)])
def test_a_card_drawn_from_quarters_matches_a_panel_drawn_at_its_size(size):
    w, h = size
    big = panel_layer_at(0, 0, 600, 400)
    card = Card(big, (600, 400), (100, 80, 100 + w, 80 + h), 0.0)
    direct = panel_layer_at(100, 80, w, h)
    quarters = np.full((600, 800, 3), (180, 20, 40), np.uint8)
    whole = quarters.copy()
    for placed in card.at(1.0):
        blend(quarters, placed, (0, 0, 800, 600))
    blend(whole, Placed(direct, direct.ox, direct.oy), (0, 0, 800, 600))
    diff = np.abs(quarters.astype(int) - whole.astype(int))
    # Only the soft shadow's quarter-size sampling may differ, by a few levels.
    assert diff.max() <= 6 and diff.mean() < 0.1


def test_a_card_grows_smoothly_between_its_boxes():
    big = panel_layer_at(0, 0, 600, 400)
    card = Card(big, (600, 400), (100, 100, 500, 400), 0.0, resizes=(Resize(1.0, 1.0, (50, 60, 650, 460)),))
    boxes = [card.box_at(1.0 + i / 30) for i in range(31)]
    assert boxes[0] == (100, 100, 500, 400) and boxes[-1] == (50, 60, 650, 460)
    for a, b in itertools.pairwise(boxes):
        # Every edge moves outwards, eased (at most 3x its mean speed), never back.
        assert all(0 <= q - p <= 16 for p, q in zip(b[:2], a[:2], strict=True))
        assert all(0 <= q - p <= 16 for p, q in zip(a[2:], b[2:], strict=True))
    assert len(card.at(0.5)) == 4  # smaller than its layer: four quarters
    assert len(card.at(2.0)) == 1  # at full size: one piece
