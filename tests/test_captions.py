"""Captions: a WebVTT and an SRT file per video, cues in order, inside the video, readable."""

from __future__ import annotations

import json
import re

import pytest

from assets_gen.batch.jobs import Job
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.kinds.author_video import AuthorVideoOptions
from assets_gen.batch.kinds.video import VideoOptions
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.video.captions import LINE, MIN_CUE, wrap
from assets_gen.video.make import design_duration
from assets_gen.video.write import Timing


def video_jobs(kit) -> list[Job]:
    """Every video the build makes: the video kind's and the author videos."""
    ctx = PlanContext(kit=kit, units=[])
    planned = [
        *KINDS["video"].plan(ctx, VideoOptions()),
        *KINDS["author-video"].plan(ctx, AuthorVideoOptions()),
    ]
    return [j for j in planned if isinstance(j, Job)]


STAMP = r"(\d\d):(\d\d):(\d\d)[.,](\d\d\d)"


def seconds(match: tuple[str, ...]) -> float:
    h, m, s, ms = (int(v) for v in match)
    return h * 3600 + m * 60 + s + ms / 1000


def cues_of(text: str) -> list[tuple[float, float, str]]:
    cues = []
    for block in text.strip().split("\n\n"):
        lines = block.splitlines()
        for i, line in enumerate(lines):
            found = re.fullmatch(f"{STAMP} --> {STAMP}", line)
            if found:
                groups = found.groups()
                cues.append((seconds(groups[:4]), seconds(groups[4:]), " ".join(lines[i + 1 :])))
    return cues


@pytest.fixture(scope="module")
def built(kit, tmp_path_factory):
    out = tmp_path_factory.mktemp("captions")
    result = run_build(kit, BuildOptions(out=out, only=["captions"], jobs=2))
    assert result.failed == 0, [str(e) for e in result.errors]
    return out, json.loads((out / "manifest.json").read_text(encoding="utf-8"))["assets"]


def test_every_video_gets_both_files_listed_as_captions(kit, built):
    _, assets = built
    videos = video_jobs(kit)
    assert any(v.kind == "author-video" for v in videos)
    entries = {e["path"]: e for e in assets if e["kind"] == "captions"}
    assert sorted(entries) == sorted(v.path.removesuffix(".mp4") + ".vi.vtt" for v in videos)
    for entry in entries.values():
        assert entry["files"] == [entry["path"].removesuffix(".vi.vtt") + ".vi_VN.srt"]
        assert entry["video"] == entry["path"].removesuffix(".vi.vtt") + ".mp4"
        assert entry["alt"].startswith("Phụ đề tiếng Việt")


def test_cues_are_in_order_do_not_overlap_and_lie_within_the_video(kit, built):
    out, assets = built
    from assets_gen.batch.kinds.video import spec_of

    videos = {j.path: j for j in video_jobs(kit)}
    for entry in (e for e in assets if e["kind"] == "captions"):
        spec = spec_of(videos[entry["video"]])
        length = Timing.of(design_duration(kit, spec), spec.duration).duration
        vtt = (out / entry["path"]).read_text(encoding="utf-8")
        assert vtt.startswith("WEBVTT\n\n")
        cues = cues_of(vtt)
        assert len(cues) >= 2, entry["path"]
        srt = (out / entry["files"][0]).read_text(encoding="utf-8")
        assert cues_of(srt) == cues
        assert re.match(r"1\n00:00:", srt)
        previous_end = 0.0
        for start, end, text in cues:
            assert previous_end <= start < end <= length + 1e-3, (entry["path"], start, end)
            assert end - start >= MIN_CUE and text
            previous_end = end
        for line in vtt.splitlines():
            assert len(line) <= LINE or " " not in line.strip()


def test_the_intro_captions_say_what_the_screen_says(built):
    out, _ = built
    text = " ".join(
        t for _, _, t in cues_of((out / "campaign/video/intro-9x16.vi.vtt").read_text(encoding="utf-8"))
    )
    assert "523.418" in text  # the counter, once it has counted
    assert "TRÍ\u00a0TUỆ" in text or "TRÍ TUỆ" in text
    assert "sangkien.congdoan.vn" in text
    assert "#1TrieuSangKien #1TrieuSangKien" not in text  # the corner hashtag is not repeated


def test_wrap_breaks_only_at_spaces():
    assert wrap("Tự\u00a0hào trí\u00a0tuệ lao\u00a0động Việt\u00a0Nam", 12) == [
        "Tự\u00a0hào",
        "trí\u00a0tuệ",
        "lao\u00a0động",
        "Việt\u00a0Nam",
    ]
