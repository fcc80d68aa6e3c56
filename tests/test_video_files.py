"""Every written video is read back: streams, layout, timestamps, decoding, pictures,
and the pace: how long the decoded picture holds still for reading.

The intros are full length, as `build` writes them (their pace is what is tested); the
guide is short (`duration`), so its whole design plays fast: the file checks are the
same.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from assets_gen.video import probe
from assets_gen.video.formats import get_aspect
from assets_gen.video.intro import DURATION
from assets_gen.video.make import VideoSpec, build, make_video
from assets_gen.video.stage import Video
from assets_gen.video.write import frame_at
from tests.imaging import mean_difference

pytestmark = pytest.mark.slow

# Golden frames: the first (the thumbnail) and frames in the holds.
SPECS = {
    "intro-1x1": (VideoSpec("intro", "1:1"), [0, 150, 270, 345, 480, 659]),
    "intro-9x16": (VideoSpec("intro", "9:16"), [0, 150, 480]),
    "intro-16x9": (VideoSpec("intro", "16:9"), [0, 270, 480]),
    "guide-1x1": (VideoSpec("guide", "1:1", guide="1-gui-sang-kien", duration=2.0), [30]),
}
INTROS = [name for name in SPECS if name.startswith("intro")]


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
    duration = spec.duration or DURATION
    assert made.duration == pytest.approx(duration)
    assert made.frames == round(duration * 30)
    assert_upload_ready(path, spec.aspect, duration)


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


# -- pace and picture, from the decoded files ------------------------------------------


def shows_qr(video: Video, t: float) -> bool:
    """The QR code is on screen at `t`, fully opaque."""
    return any(p.layer.role == "qr" and p.opacity == 255 for element in video.elements for p in element.at(t))


@pytest.mark.parametrize("name", INTROS)
def test_intro_holds_each_text_still_long_enough_to_read(kit, videos, name):
    """Read from the decoded file: at least four still holds of 1.5 s, the call to action
    with its QR code still for 3 s, and the end card still for 2.5 s at the end."""
    spec, _ = SPECS[name]
    path, made = videos[name]
    holds = probe.still_holds(path)
    found = ", ".join(f"{h.start:.2f}-{h.end:.2f}" for h in sorted(holds, key=lambda h: h.start))
    assert len([h for h in holds if h.seconds >= 1.5]) >= 4, found
    video = build(kit, spec)
    cta = [h for h in holds if h.seconds >= 3 and all(shows_qr(video, t) for t in (h.start, h.end - 1 / 30))]
    assert cta, f"no 3 s hold on the QR code: {found}"
    last = max(holds, key=lambda h: h.end)
    assert last.end == pytest.approx(made.duration, abs=0.01), found
    assert last.seconds >= 2.5, found


@pytest.mark.parametrize("name", INTROS)
def test_first_frame_shows_the_logo(kit, videos, name):
    """The first frame is the thumbnail feeds and autoplay show: never an empty background."""
    spec, _ = SPECS[name]
    path, _ = videos[name]
    video = build(kit, spec)
    logos = [p for element in video.elements for p in element.at(0.0) if p.layer.role == "logo"]
    assert logos and all(p.opacity == 255 for p in logos)
    x0, y0, x1, y1 = logos[0].rect()
    first = probe.read_frames(path, [0])[0].astype(np.int16)
    background = video.background[y0:y1, x0:x1].astype(np.int16)
    # The logo, decoded (where the background alone would differ by about 1 level).
    assert np.abs(first[y0:y1, x0:x1] - background).mean() > 20


def run_length(frame: np.ndarray, mask: np.ndarray) -> float:
    """Mean length in px of runs of one colour along the rows of `frame`, inside `mask`."""
    inside = mask[:, 1:] & mask[:, :-1]
    same = (frame[:, 1:] == frame[:, :-1]).all(axis=2) & inside
    return float(inside.sum() / max(int(inside.sum() - same.sum()), 1))


@pytest.mark.parametrize("name", INTROS)
def test_background_glow_does_not_band(kit, videos, name):
    """A gradient rounded to 8 bits and encoded stays on one level for tens of pixels,
    then steps: the bands of the issue (mean runs of 12 px and more, measured). Dithered,
    the decoded glow changes every few pixels, too finely to see."""
    spec, _ = SPECS[name]
    path, _ = videos[name]
    video = build(kit, spec)
    t = 15.5  # the call to action: the card covers the middle, the glow shows around it
    composed = video.compositor().snapshot(t)
    background = (composed == video.background).all(axis=2)
    decoded = probe.read_frames(path, [round(t * 30)])[round(t * 30)]
    assert background.mean() > 0.2
    assert run_length(decoded, background) < 4
