"""`assets-gen video` and the `video` kind of `build`, through the real front ends."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from assets_gen.batch.kinds.video import VideoOptions
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.layout.readable import floor_px
from tests.test_video_files import assert_upload_ready
from tests.test_video_layout import kit_with

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "assets_gen", *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=300)


def test_video_command_writes_mp4_and_poster(tmp_path: Path):
    result = run("video", "--aspect", "1:1", "--unit", "ha-noi", "--duration", "1", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert_upload_ready(tmp_path / "intro-ha-noi-1x1.mp4", "1:1", 1.0)
    assert (tmp_path / "intro-ha-noi-1x1.png").is_file()
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    entry, caption = sorted(manifest["assets"], key=lambda e: e["kind"] != "video")
    assert entry["kind"] == "video" and entry["unit"] == "ha-noi" and entry["duration"] == 1.0
    assert "Liên đoàn Lao động thành phố Hà Nội" in entry["alt"]
    # Captions beside the video, as `build` writes them (a 1 s video holds no text long
    # enough to read: no cue; tests/test_captions.py checks cues of full-length videos).
    assert caption["kind"] == "captions" and caption["path"] == "intro-ha-noi-1x1.vi.vtt"
    assert caption["video"] == "intro-ha-noi-1x1.mp4"
    assert (tmp_path / "intro-ha-noi-1x1.vi.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    assert (tmp_path / "intro-ha-noi-1x1.vi_VN.srt").is_file()
    assert "text" not in caption  # the text drawn is the video's, listed once


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--aspect", "4:3"], 'error: --aspect: unknown aspect "4:3" (aspects: 1:1, 9:16, 16:9)'),
        (["--unit", "nowhere"], 'error: --unit: no unit with slug "nowhere" in the units file'),
        (["--duration", "0.2"], "error: --duration: 0.2 s is out of range (1 to 600 seconds)"),
        (["--kind", "guide", "--unit", "ha-noi"], "error: --unit: only the intro shows a unit name"),
    ],
)
def test_bad_options_give_one_error_line(tmp_path: Path, args, message):
    result = run("video", *args, "--out", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == message
    assert not list(tmp_path.glob("*.mp4"))


def test_bad_music_file_is_one_error_and_no_file(tmp_path: Path):
    bad = tmp_path / "not-music.m4a"
    bad.write_text("this is not audio", encoding="utf-8")
    kit = kit_with(tmp_path, music=bad)
    out = tmp_path / "out"
    result = run("video", "--brand", str(kit.dir), "--aspect", "1:1", "--duration", "1", "--out", str(out))
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    # The captions come from the video's recipe, not its sound: they are made (as `build`
    # makes them); the video alone fails.
    assert len(lines) == 2 and lines[-1].startswith("1 rendered, 0 unchanged, 1 failed")
    assert lines[0].startswith("error: ") and "not-music.m4a: cannot read it as audio" in lines[0]
    assert "Traceback" not in result.stderr
    assert not list(out.glob("*.mp4")) and not list(out.glob("*.tmp"))
    check = run("check", "--brand", str(kit.dir))
    assert check.returncode == 1
    assert check.stderr.strip().endswith(
        "not-music.m4a: cannot read it as audio: not a sound file ffmpeg knows (M4A, MP3, WAV...)"
    )


def test_build_makes_intros_incrementally_with_posters_in_the_contact_sheet(kit, tmp_path: Path):
    units = tmp_path / "units.csv"
    row = "Liên đoàn Lao động tỉnh Cà Mau,LĐLĐ Cà Mau,ca-mau"
    units.write_text(f"name,short_name,slug\n{row}\n", encoding="utf-8")
    opts = BuildOptions(
        out=tmp_path / "out",
        only=["video"],
        units_file=units,
        jobs=1,
        index=True,
        kind_options={"video": VideoOptions(per_unit=True, duration=1.0, aspects=("1:1", "16:9"))},
    )
    first = run_build(kit, opts)
    assert (first.rendered, first.failed) == (4, 0)
    out = opts.out
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    paths = sorted(a["path"] for a in manifest["assets"])
    assert paths == [
        "campaign/video/intro-16x9.mp4",
        "campaign/video/intro-1x1.mp4",
        "units/ca-mau/video/intro-16x9.mp4",
        "units/ca-mau/video/intro-1x1.mp4",
    ]
    for entry in manifest["assets"]:
        assert entry["kind"] == "video" and entry["duration"] == 1.0 and entry["fps"] == 30
        assert entry["preview"] == entry["path"].removesuffix(".mp4") + ".png"
        assert entry["files"] == [entry["preview"]]
        assert (out / entry["preview"]).is_file()
        assert (out / entry["path"]).stat().st_size == entry["bytes"]
        assert_upload_ready(out / entry["path"], entry["aspect"], 1.0)
        # The text drawn into its frames, in the manifest like an image's, none under the floor.
        roles = {block["role"]: block for block in entry["text"]}
        assert {"slogan", "counter", "tagline", "call to action", "website", "hotline"} <= set(roles)
        assert min(block["px"] for block in entry["text"]) >= floor_px(entry["width"])
    by_path = {entry["path"]: entry for entry in manifest["assets"]}
    units = [b for b in by_path["units/ca-mau/video/intro-16x9.mp4"]["text"] if b["role"] == "unit"]
    assert units and all(" ".join(b["lines"]) == "Liên đoàn Lao động tỉnh Cà Mau" for b in units)
    sheet = (out / "index.html").read_text(encoding="utf-8")
    # The video links its file and its poster, and shows a thumbnail made from the poster.
    assert "href='campaign/video/intro-1x1.mp4'" in sheet and "href='campaign/video/intro-1x1.png'" in sheet
    figure = next(f for f in re.findall(r"<figure.*?</figure>", sheet) if "intro-1x1.mp4" in f)
    thumb = re.search(r"<img src='(_thumbs/[^']+)'", figure).group(1)
    assert (out / thumb).is_file()
    assert not list(out.rglob("*.tmp"))
    again = run_build(kit, opts)
    assert (again.rendered, again.unchanged) == (0, 4)


def test_build_without_units_option_makes_only_the_campaign_intros(kit):
    from assets_gen.batch.kinds import KINDS, PlanContext
    from assets_gen.brand.units import Unit

    ctx = PlanContext(kit=kit, units=[Unit("A", "A", "a")])
    jobs = list(KINDS["video"].plan(ctx, VideoOptions()))
    assert sorted(j.path for j in jobs) == [
        "campaign/video/intro-16x9.mp4",
        "campaign/video/intro-1x1.mp4",
        "campaign/video/intro-9x16.mp4",
        # and one per milestone the sample statistics reached, square and vertical
        *(f"campaign/video/milestone-{n}00000-{a}.mp4" for n in range(1, 6) for a in ("1x1", "9x16")),
    ]
    assert all(j.size.startswith("video-") for j in jobs)
    assert str(kit.data.music) in jobs[0].files  # new music, new videos


def test_guide_jobs_depend_on_their_content(kit):
    from assets_gen.batch.kinds import KINDS, PlanContext

    ctx = PlanContext(kit=kit, units=[])
    jobs = list(KINDS["video"].plan(ctx, VideoOptions(video="guide", aspects=("9:16",))))
    assert [j.path for j in jobs] == [
        "campaign/video/guide-1-gui-sang-kien-9x16.mp4",
        "campaign/video/guide-2-xet-duyet-9x16.mp4",
    ]
    assert any(f.endswith("1-gui-sang-kien.toml") for f in jobs[0].files)
    assert any(f.endswith("globe.svg") for f in jobs[0].files)


def test_errors_travel_back_from_worker_processes():
    import pickle

    from assets_gen.errors import AssetsGenError, FitError

    for err in (FitError("brand/content/x.toml", "steps[1].text: too long"), AssetsGenError(None, "bad")):
        back = pickle.loads(pickle.dumps(err))
        assert (type(back), back.where, back.what, str(back)) == (type(err), err.where, err.what, str(err))


def test_a_guide_that_does_not_fit_fails_alone_in_a_parallel_build(tmp_path: Path):
    guide = tmp_path / "1-gui-sang-kien.toml"
    text = (ROOT / "brand/content/1-gui-sang-kien.toml").read_text(encoding="utf-8")
    guide.write_text(
        text.replace("Đăng nhập bằng số điện thoại;", "Đăng nhập bằng số điện thoại; " * 14), encoding="utf-8"
    )
    kit = kit_with(tmp_path, stats=ROOT / "tests/data/stats-small.csv")
    (kit.dir / "content" / guide.name).write_text(guide.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    options = VideoOptions(video="guide", aspects=("1:1",), duration=1.0, dest="")
    result = run_build(kit, BuildOptions(out=out, only=["video"], jobs=2, kind_options={"video": options}))
    assert (result.rendered, result.failed) == (1, 1)
    (err,) = result.errors
    assert err.where.endswith("content/1-gui-sang-kien.toml")
    assert err.what.startswith('steps[1].text "Đăng nhập') and err.what.endswith("shorten it")
    assert sorted(p.name for p in out.iterdir()) == [
        "guide-2-xet-duyet-1x1.mp4",
        "guide-2-xet-duyet-1x1.png",
        "manifest.json",
    ]
