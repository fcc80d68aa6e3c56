"""Every written video is read back: streams, layout, timestamps, decoding, pictures.

Videos here are short (`duration`), so the whole design plays fast: the checks are the
same as for the full-length files `build` writes.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from assets_gen.video import probe
from assets_gen.video.formats import get_aspect
from assets_gen.video.make import VideoSpec, build, make_video
from assets_gen.video.write import frame_at
from tests.imaging import mean_difference

pytestmark = pytest.mark.slow

SPECS = {
    "intro-1x1": (VideoSpec("intro", "1:1", duration=2.0), [12, 40, 59]),
    "intro-9x16": (VideoSpec("intro", "9:16", duration=1.0), [20]),
    "intro-16x9": (VideoSpec("intro", "16:9", duration=1.0), [20]),
    "guide-1x1": (VideoSpec("guide", "1:1", guide="1-gui-sang-kien", duration=2.0), [30]),
}


@pytest.fixture(scope="module")
def videos(kit, tmp_path_factory) -> dict[str, tuple[Path, object]]:
    out = tmp_path_factory.mktemp("videos")
    made = {}
    for name, (spec, _) in SPECS.items():
        path = out / f"{name}.mp4"
        made[name] = (path, make_video(kit, spec, path))
    return made


def assert_upload_ready(path: Path, aspect: str, duration: float, music: bool = True) -> None:
    """Everything Facebook and Zalo ask of a video file, read back from the file."""
    size = get_aspect(aspect)
    info = probe.probe(path)
    v = info.video
    assert (v.codec, v.profile, v.pix_fmt) == ("h264", "High", "yuv420p")
    assert (v.width, v.height) == (size.width, size.height)
    assert v.width % 2 == 0 and v.height % 2 == 0
    assert v.fps == 30
    assert info.duration == pytest.approx(duration, abs=0.05)
    # Well under any upload limit: about 1-4 Mb/s for flat motion graphics.
    assert path.stat().st_size < duration * 4_000_000 / 8 + 200_000
    # moov before mdat: players start before the whole file has arrived.
    boxes = probe.top_level_boxes(path)
    assert boxes[0] == "ftyp" and boxes.index("moov") < boxes.index("mdat")
    # Constant frame rate: every frame lasts 1/30 s, one after the other.
    packets = probe.packets(path)
    frames = round(duration * 30)
    assert len(packets) == frames
    assert len({p.duration for p in packets}) == 1
    pts = sorted(p.pts for p in packets)
    assert {b - a for a, b in itertools.pairwise(pts)} == {packets[0].duration}
    decoded, errors = probe.decode_check(path)
    assert (decoded, errors) == (frames, "")
    if music:
        a = info.audio
        assert (a.codec, a.rate, a.layout) == ("aac", 44100, "stereo")
        assert a.bitrate_kbps is None or a.bitrate_kbps >= 120
        audio = probe.packets(path, "a:0")
        assert sum(p.duration for p in audio) / 44100 == pytest.approx(duration, abs=0.05)
    else:
        assert info.audio is None


@pytest.mark.parametrize("name", list(SPECS))
def test_files_are_fit_for_facebook_and_zalo(videos, name):
    spec, _ = SPECS[name]
    path, made = videos[name]
    assert made.duration == pytest.approx(spec.duration)
    assert made.frames == round(spec.duration * 30)
    assert_upload_ready(path, spec.aspect, spec.duration)


@pytest.mark.parametrize("name", list(SPECS))
def test_decoded_frames_show_what_was_composed(kit, videos, golden, name):
    spec, indices = SPECS[name]
    path, _ = videos[name]
    video = build(kit, spec)
    decoded = probe.read_frames(path, indices)
    for i in indices:
        got = Image.fromarray(decoded[i])
        composed = frame_at(video, i / 30, spec.duration)
        # The encoder's loss only (H.264 at CRF 20, 4:2:0 colour).
        assert mean_difference(got, composed) < 2.5, f"{name} frame {i}"
        half = got.resize((got.width // 2, got.height // 2), Image.Resampling.BOX)
        golden(half, f"video-{name}-{i:03d}", tolerance=2.5)


def test_poster_is_a_settled_frame(videos):
    _, made = videos["intro-1x1"]
    assert made.poster.size == (1080, 1080)
    assert np.asarray(made.poster).std() > 20  # not a blank frame


def test_silent_video_without_music(kit, tmp_path):
    from tests.test_video_layout import without

    kit = without(kit, "music")
    path = tmp_path / "silent.mp4"
    make_video(kit, VideoSpec("intro", "1:1", duration=1.0), path)
    assert_upload_ready(path, "1:1", 1.0, music=False)
