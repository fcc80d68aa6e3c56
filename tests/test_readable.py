"""Over the whole default build: the manifest records every text as drawn, no Vietnamese
word is split between two lines, no line ends on a dash, and no text is under the size
floor; the build reports what breaks the floor, naming the asset.

One build of every image kind, shared by the tests of this module. Videos are judged on
their recipes: every video job of the default build (intros, milestone and author videos,
in every aspect), plus the guides and per-unit intros, is built as the renderer builds it
(its text layers drawn and recorded exactly as the encoder will show them) without
encoding minutes of frames; tests/test_video_cli.py checks a real video build's manifest
carries the same records.
"""

from __future__ import annotations

import functools
import json

import pytest

from assets_gen.batch.runner import KEEP_ERRORS, BuildOptions, run_build
from assets_gen.brand import load_kit
from assets_gen.cli.common import report
from assets_gen.errors import DataWarning
from assets_gen.layout import words
from assets_gen.layout.drawn import DrawnText
from assets_gen.layout.readable import floor_px, text_problems
from tests.test_words import real_phrases

TEXT_KINDS = ["frame", "banner", "avatar", "steps", "stats", "leaderboard", "counter", "spotlight", "event"]


@pytest.fixture(scope="module")
def default_build(kit, tmp_path_factory):
    out = tmp_path_factory.mktemp("default-build")
    warnings: list[DataWarning] = []
    result = run_build(kit, BuildOptions(out=out, only=[*TEXT_KINDS, "page"], jobs=2), report=warnings.append)
    assert result.failed == 0, [str(e) for e in result.errors]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    return manifest["assets"], result, warnings


@pytest.fixture(scope="module")
def video_texts(kit):
    """(path, width, text blocks) of every video the default build plans, plus the guide
    videos and the intros of the units with the longest names, each from its recipe (layers drawn, no frames)."""
    from assets_gen.batch.jobs import Job
    from assets_gen.batch.kinds.base import PlanContext
    from assets_gen.batch.kinds.video import VideoOptions, spec_of
    from assets_gen.batch.runner import plan_jobs
    from assets_gen.brand.units import load_units
    from assets_gen.layout import drawn
    from assets_gen.video.make import build

    words.use_phrases(kit.text.keep_together)
    units, _ = load_units(kit, None)
    longest = sorted(units, key=lambda u: len(u.name))[-3:]  # per-unit intros differ by the name only
    plans = [
        (["video", "author-video"], units, {}),
        (["video"], units, {"video": VideoOptions(video="guide")}),
        (["video"], longest, {"video": VideoOptions(per_unit=True, milestones=False)}),
    ]
    found = {}
    for kinds, chosen, options in plans:
        for job in plan_jobs(kit, kinds, PlanContext(kit, chosen, options=options)):
            assert isinstance(job, Job), str(job)
            with drawn.recording() as texts:
                video = build(kit, spec_of(job))
            found[job.path] = (video.aspect.width, [t.as_json() for t in texts])
    kinds = {path.split("/")[-1].split("-")[0] for path in found}
    assert kinds == {"intro", "milestone", "author", "guide"}
    return [(path, width, texts) for path, (width, texts) in found.items()]


def blocks(assets):
    for entry in assets:
        for block in entry.get("text", []):
            yield entry, block


# Texts the default build draws in capitals, by their capitals: the case they are written
# in is the case the engine segmented them in.
WRITTEN = {text.upper(): text for text in real_phrases()}


@functools.cache
def kit_phrases() -> tuple[str, ...]:
    return load_kit().text.keep_together


def split_word(lines: list[str]) -> int | None:
    """The first line boundary that falls inside a Vietnamese word, a name or a kit
    phrase, segmented afresh. A text drawn in capitals is segmented as the kit writes it;
    one the kit does not hold counts as split where every reading of it binds the
    boundary (lower case and Title Case: each joins some syllables the text as written
    does not)."""
    words.use_phrases(kit_phrases())
    joined = " ".join(lines)
    if joined in WRITTEN:
        readings = [WRITTEN[joined]]
    elif joined.isupper():
        readings = [joined.lower(), " ".join(w[:1] + w[1:].lower() for w in joined.split(" "))]
    else:
        readings = [joined]
    costs = [min(c) for c in zip(*(words.gaps(r).cost for r in readings), strict=True)]
    index = -1
    for i, line in enumerate(lines[:-1]):
        index += len(line.split(" "))
        if costs[index] >= words.WORD:
            return i
    return None


def test_every_asset_with_text_records_it_as_drawn(default_build):
    assets, _, _ = default_build
    kinds_with_text = {e["kind"] for e in assets if e.get("text")}
    assert kinds_with_text == {*TEXT_KINDS, "page"}  # the page's frames carry text
    for entry in assets:
        if entry["kind"] in TEXT_KINDS:
            assert entry.get("text"), entry["path"]
        for block in entry.get("text", []):
            assert set(block) <= {"role", "px", "lines", "split"}
            assert isinstance(block["px"], int) and block["px"] > 0
            assert block["lines"] and all(isinstance(line, str) and line for line in block["lines"])
            assert block["role"] and "." not in block["role"]
    by_path = {e["path"]: e for e in assets}
    post = by_path["units/cd-ngan-hang/banner-fb-post.png"]
    roles = {b["role"]: b for b in post["text"]}
    assert roles["headline"]["lines"][0].startswith("TỰ HÀO")
    assert roles["slogan"]["lines"] == ["1 triệu sáng kiến – triệu việc tốt"]
    assert " ".join(roles["unit"]["lines"]) == "CÔNG ĐOÀN NGÂN HÀNG VIỆT NAM"
    ring = {b["role"]: b for b in by_path["units/cd-ngan-hang/frame-vong-tron.png"]["text"]}
    assert ring["unit"]["lines"] == ["CĐ NGÂN HÀNG VIỆT NAM"]


def test_no_vietnamese_word_is_split_between_two_lines(default_build):
    assets, _, _ = default_build
    split = [
        (e["path"], b["role"], b["lines"])
        for e, b in blocks(assets)
        if b.get("split") or split_word(b["lines"]) is not None
    ]
    assert split == []


def test_no_line_ends_on_a_dash(default_build):
    assets, _, _ = default_build
    dashed = [
        (e["path"], b["lines"])
        for e, b in blocks(assets)
        if any(line.split()[-1] in words.DASHES for line in b["lines"][:-1])
    ]
    assert dashed == []


def test_no_text_is_under_the_size_floor(default_build):
    assets, _, _ = default_build
    small = [
        (e["path"], b["role"], b["px"], floor_px(e["width"]))
        for e, b in blocks(assets)
        if b["px"] < floor_px(e["width"])
    ]
    assert small == []


def test_the_build_names_every_asset_with_a_problem(default_build):
    assets, result, warnings = default_build
    expected = sorted(
        (e["path"], problem)
        for e in assets
        for problem in text_problems(
            e["width"], [DrawnText(**{**b, "lines": tuple(b["lines"])}) for b in e.get("text", [])]
        )
    )
    paths = {e["path"] for e in assets}
    assert sorted((w.where, w.what) for w in warnings if w.where in paths) == expected
    assert len(result.warnings) >= min(len(expected), KEEP_ERRORS)
    for entry in assets:
        assert sorted(entry.get("warnings", [])) == [p for path, p in expected if path == entry["path"]]


def test_the_size_floor() -> None:
    assert floor_px(1080) == 28
    assert floor_px(1920) == 50
    assert floor_px(1640) == 43
    assert (floor_px(728), floor_px(300), floor_px(970), floor_px(160)) == (11, 11, 11, 11)
    problems = list(text_problems(1080, [DrawnText("caption", 22, ("Quét mã",)), DrawnText("x", 28, ("a",))]))
    assert problems == [
        'caption "Quét mã" is 22 px, under the 28 px floor for an asset 1080 px wide: it cannot be read on a phone'
    ]


def test_a_warning_is_one_line_naming_the_asset(capsys) -> None:
    report(DataWarning("units/ha-noi/banner-story.png", 'footer "x" is 20 px, under the 28 px floor'))
    err = capsys.readouterr().err
    assert err == 'warning: units/ha-noi/banner-story.png: footer "x" is 20 px, under the 28 px floor\n'


def test_every_video_records_its_text_and_none_is_under_the_floor(video_texts):
    small, empty = [], []
    for path, width, texts in video_texts:
        if not texts:
            empty.append(path)
        small += [(path, b["role"], b["px"], floor_px(width)) for b in texts if b["px"] < floor_px(width)]
    assert empty == [] and small == []
    roles = {b["role"] for path, _, texts in video_texts if "/intro-16x9" in path for b in texts}
    assert {"organisation", "slogan", "counter", "counter label", "tagline", "call to action"} <= roles
    assert {"hotline", "website", "hashtag"} <= roles


def test_no_video_text_splits_a_word_or_ends_a_line_on_a_dash(video_texts):
    bad = [
        (path, b["role"], b["lines"])
        for path, _, texts in video_texts
        for b in texts
        if b.get("split")
        or split_word(b["lines"]) is not None
        or any(line.split()[-1] in words.DASHES for line in b["lines"][:-1])
    ]
    assert bad == []
