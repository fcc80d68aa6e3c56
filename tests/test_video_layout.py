"""Video layouts, frame by frame: text stays in the safe area, moves smoothly, fits."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from assets_gen.brand.guides import load_guides
from assets_gen.brand.units import Unit
from assets_gen.video.formats import ASPECTS, get_aspect
from assets_gen.video.guide import build_guide, schedule, step_seconds
from assets_gen.video.intro import DURATION, build_intro, campaign_count
from assets_gen.video.stage import Video, body_box

LONGEST = Unit(
    "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam",
    "CĐ TKV",
    "than-khoang-san",
)
FPS = 30
MAX_TEXT_STEP = 12  # px per frame: eased slides move less; a jump would move more


def frames(video: Video, every: int = 1):
    for i in range(0, round(video.duration * FPS), every):
        t = i / FPS
        yield t, [element.at(t) for element in video.elements]


def check_video(video: Video) -> None:
    aspect = video.aspect
    safe = aspect.safe
    last: list = [None] * len(video.elements)
    for t, states in frames(video):
        for k, placed in enumerate(states):
            for p in placed:
                if p.layer.role in ("text", "logo", "qr") and p.opacity == 255:
                    # The ink box is placed exactly; anti-aliasing may add a 1 px fringe.
                    x0, y0, x1, y1 = (v + d for v, d in zip(p.rect(), (1, 1, -1, -1), strict=True))
                    inside = safe.x <= x0 and safe.y <= y0 and x1 <= safe.right and y1 <= safe.bottom
                    assert inside, f"{aspect.name} t={t:.2f}: {p.layer.role} {(x0, y0, x1, y1)} leaves {safe}"
            before = last[k]
            if placed and before and placed[0].layer.role == "text" and before[0].layer is placed[0].layer:
                step = max(abs(placed[0].x - before[0].x), abs(placed[0].y - before[0].y))
                assert step <= MAX_TEXT_STEP, f"{aspect.name} t={t:.2f}: text jumped {step} px in one frame"
            last[k] = placed or None


def check_no_empty_frame(video: Video, after: float = 0.5) -> None:
    """Between scenes the next one enters while the last one leaves: from `after` on,
    every frame shows something at least half opaque below the corner logo and hashtag
    (never the background alone)."""
    body = body_box(video.aspect)
    for t, states in frames(video):
        if t < after:
            continue
        shown = [
            p
            for placed in states
            for p in placed
            if p.opacity >= 128 and p.rect()[3] > body.y + 16 and p.rect()[1] < body.bottom
        ]
        assert shown, f"{video.aspect.name} t={t:.2f}: nothing but the background in the body"


@pytest.mark.parametrize("aspect", list(ASPECTS))
def test_intro_never_shows_an_empty_frame_between_scenes(kit, aspect):
    check_no_empty_frame(build_intro(kit, get_aspect(aspect)))


@pytest.mark.parametrize("aspect", list(ASPECTS))
def test_guides_never_show_an_empty_frame_between_steps(kit, aspect):
    for guide in load_guides(kit):
        check_no_empty_frame(build_guide(kit, get_aspect(aspect), guide))


@pytest.mark.parametrize("aspect", list(ASPECTS))
def test_intro_keeps_text_in_the_safe_area_and_moves_smoothly(kit, aspect):
    check_video(build_intro(kit, get_aspect(aspect)))


@pytest.mark.parametrize("aspect", list(ASPECTS))
def test_intro_takes_the_longest_unit_name(kit, aspect):
    video = build_intro(kit, get_aspect(aspect), LONGEST)
    check_video(video)
    assert LONGEST.name in video.alt


def test_intro_lasts_about_20_seconds(kit):
    """Long enough to hold every text still while it is read, short enough for a feed."""
    assert 18 <= DURATION <= 22
    assert build_intro(kit, get_aspect("1:1")).duration == DURATION


@pytest.mark.parametrize("aspect", list(ASPECTS))
def test_guides_keep_text_in_the_safe_area(kit, aspect):
    for guide in load_guides(kit):
        check_video(build_guide(kit, get_aspect(aspect), guide))


def test_each_step_stays_long_enough_to_read(kit):
    for guide in load_guides(kit):
        for step in guide.steps:
            syllables = len(step.title.split()) + len(step.text.split())
            assert step_seconds(step) >= 1.5 + syllables / 3.5  # a relaxed reading pace
            assert step_seconds(step) >= 5


def test_sizes_are_even_and_designed_per_aspect():
    sizes = {a.name: (a.width, a.height) for a in ASPECTS.values()}
    assert sizes == {"1:1": (1080, 1080), "9:16": (1080, 1920), "16:9": (1920, 1080)}
    story = get_aspect("9:16").safe
    assert story.y >= 250 and 1920 - story.bottom >= 340  # story UI at the top and bottom


def test_counter_counts_to_the_goal_without_stats(kit):
    count = campaign_count(without(kit, "stats"))
    assert (count.value, count.above, count.progress) == (1_000_000, "Mục tiêu", None)


def test_counter_counts_to_the_total_of_the_stats(tmp_path: Path, data_dir: Path):
    kit = kit_with(tmp_path, stats=data_dir / "stats-small.csv")
    count = campaign_count(kit)
    assert count.value == 12_345 + 6_789 + 100_000
    assert count.progress == pytest.approx(119_134 / 1_000_000)
    assert count.caption == ("11,9% mục tiêu 1.000.000", "cập nhật 26/06/2026")
    video = build_intro(kit, get_aspect("1:1"))
    counters = [e for e in video.elements if type(e).__name__ == "Counter"]
    assert [c.value for c in counters] == [119_134]
    assert "119.134" in video.alt and "11,9%" in video.alt


def kit_with(tmp_path: Path, **data: Path):
    """A copy of the default kit whose [data] section also names the given files."""
    from assets_gen.brand import load_kit
    from assets_gen.resources import default_brand_dir

    kit_dir = tmp_path / "brand"
    shutil.copytree(default_brand_dir(), kit_dir)
    toml = kit_dir / "brand.toml"
    text = toml.read_text(encoding="utf-8")
    for key, path in data.items():
        target = kit_dir / path.name
        shutil.copy(path, target)
        # The key goes right under the [data] header (other sections may follow it).
        lines = [line for line in text.splitlines() if not line.startswith(f"{key} =")]
        at = lines.index("[data]") + 1
        text = "\n".join([*lines[:at], f'{key} = "{path.name}"', *lines[at:]]) + "\n"
    toml.write_text(text, encoding="utf-8")
    return load_kit(kit_dir)


def without(kit, key: str):
    """The kit with one [data] entry left out."""
    return dataclasses.replace(kit, data=dataclasses.replace(kit.data, **{key: None}))


def still_spans(video: Video) -> list[tuple[float, float]]:
    """Where the recipe holds still: runs of frames where no element moves, fades or
    changes (the compositor's own test for a frame that costs nothing), as (start, end)
    seconds. The decoded files are measured in test_video_files; this is the quick check
    of long videos."""
    spans, start, last = [], 0.0, None
    n = round(video.duration * FPS)
    for i in range(n + 1):
        t = i / FPS
        states = None if i == n else [element.at(t) for element in video.elements]
        if states != last:
            if last is not None and t - start > 1 / FPS:
                spans.append((start, t))
            start, last = t, states
    return spans


def hold_within(spans: list[tuple[float, float]], start: float, end: float) -> float:
    """The longest still span inside [start, end]."""
    return max((min(b, end) - max(a, start) for a, b in spans), default=0.0)


@pytest.mark.parametrize("aspect", list(ASPECTS))
def test_guides_hold_each_scene_still_long_enough_to_read(kit, aspect):
    """The intro's pacing, where it applies: the title and logo on the first frame, the
    title scene and every step still for their reading time, the call to action still
    for 3 s to the end."""
    for guide in load_guides(kit):
        video = build_guide(kit, get_aspect(aspect), guide)
        # The whole title is on the first frame: only the intro under it enters later.
        first = [p for element in video.elements for p in element.at(0.0)]
        assert {"logo", "text"} <= {p.layer.role for p in first}
        assert all(p.opacity == 255 for p in first)
        assert first == [p for element in video.elements for p in element.at(0.25)]
        spans = still_spans(video)
        times, duration = schedule(guide)
        title = f"{guide.title} {guide.intro or ''}"
        assert hold_within(spans, 0, times[0].start) >= max(1.5, len(title.split()) / 3.5), guide.slug
        for i, (step, span) in enumerate(zip(guide.steps, times, strict=True)):
            syllables = len(step.title.split()) + len(step.text.split())
            assert hold_within(spans, span.start, span.end) >= max(1.5, syllables / 3.5), (guide.slug, i)
        assert spans[-1][1] == pytest.approx(duration) and spans[-1][1] - spans[-1][0] >= 3.0


@pytest.mark.parametrize("aspect", list(ASPECTS))
@pytest.mark.parametrize("case", ["default", "goal", "longest unit"])
def test_intro_recipe_holds_still_in_every_case(kit, aspect, case):
    """The decoded default intros are measured in test_video_files; the other cases (the
    goal instead of the stats, the longest unit name) hold as long, on the recipe."""
    unit = LONGEST if case == "longest unit" else None
    video = build_intro(without(kit, "stats") if case == "goal" else kit, get_aspect(aspect), unit)
    spans = still_spans(video)
    assert len([s for s in spans if s[1] - s[0] >= 1.6]) >= 6, spans
    assert spans[-1][1] == pytest.approx(video.duration) and spans[-1][1] - spans[-1][0] >= 2.6
