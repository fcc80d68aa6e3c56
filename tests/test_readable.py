"""Over the whole default build: the manifest records every text as drawn, no Vietnamese
word is split between two lines, no line ends on a dash, and no text is under the size
floor; the build reports what breaks the floor, naming the asset.

One build of every kind but videos (their text is set by the same engine; rendering
them takes minutes and their own tests cover them), shared by the tests of this module.
"""

from __future__ import annotations

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


def blocks(assets):
    for entry in assets:
        for block in entry.get("text", []):
            yield entry, block


# Texts the default build draws in capitals, by their capitals: the case they are written
# in is the case the engine segmented them in.
WRITTEN = {text.upper(): text for text in real_phrases()}


def split_word(lines: list[str]) -> int | None:
    """The first line boundary that falls inside a Vietnamese word, a name or a kit
    phrase, segmented afresh. A text drawn in capitals is segmented as the kit writes it;
    one the kit does not hold counts as split where every reading of it binds the
    boundary (lower case and Title Case: each joins some syllables the text as written
    does not)."""
    words.use_phrases(load_kit().text.keep_together)
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
