"""Video files fit for Facebook and Zalo, written by moviepy from our own frames.

H.264 High profile, yuv420p, constant 30 fps, `moov` atom first (+faststart), AAC
stereo when there is music (docs/ARCHITECTURE.md, "Video"). moviepy runs the timeline
(it asks for each frame by time), mixes the audio and drives ffmpeg; the frames come
from the compositor, which redraws only what moved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from moviepy import VideoClip
from PIL import Image

from assets_gen.video.audio import music_bed
from assets_gen.video.formats import FPS
from assets_gen.video.stage import Video
from assets_gen.video.timeline import frame_count

CODEC = "libx264"
PRESET = "medium"  # x264's and moviepy's default: small files, still faster than real time
CRF = "20"
AUDIO_CODEC = "aac"
AUDIO_BITRATE = "160k"
AUDIO_RATE = 44100
FFMPEG_PARAMS = [
    "-pix_fmt", "yuv420p",
    "-profile:v", "high",
    "-movflags", "+faststart",
    "-crf", CRF,
]  # fmt: skip


KEY_GAP = 1.0
"""Seconds between two forced key frames at least (each costs a full picture's bytes)."""
MAX_GOP = 20 * FPS
"""Frames between two key frames at most: the video's own key frames (at its scene
changes) come first; x264's default of 250 frames would put some inside a hold."""


def encoder_settings(keyframes: Sequence[float] = ()) -> dict:
    """The libx264 settings every video uses (the benchmark encodes with the same), with
    key frames forced at `keyframes` (video seconds)."""
    params = [*FFMPEG_PARAMS, "-g", str(MAX_GOP)]
    if keyframes:
        params += ["-force_key_frames", ",".join(f"{t:.3f}" for t in sorted(keyframes))]
    return {"codec": CODEC, "preset": PRESET, "ffmpeg_params": params}


@dataclass(frozen=True)
class Timing:
    """How long a video lasts and how design time maps onto it."""

    frames: int
    scale: float
    """Video seconds per design second (1 unless --duration changed the length)."""

    @property
    def duration(self) -> float:
        return self.frames / FPS

    def keyframes(self, video: Video) -> list[float]:
        """The video's key frames in video seconds: those inside its length, at least
        KEY_GAP apart (a shortened video plays its scenes too fast to need one each)."""
        kept: list[float] = []
        for t in sorted(t * self.scale for t in video.keyframes):
            if (kept[-1] if kept else 0.0) + KEY_GAP <= t < self.duration:
                kept.append(t)
        return kept

    @classmethod
    def of(cls, design: float, duration: float | None = None) -> Timing:
        """The timing of a design `design` seconds long, played in `duration` seconds."""
        frames = frame_count(duration or design, FPS)
        return cls(frames, (frames / FPS) / design)


def clip_of(video: Video, timing: Timing) -> VideoClip:
    """A moviepy clip whose frames come from the video's compositor.

    moviepy asks for the frames in order and pipes each to ffmpeg before asking for
    the next, so the compositor can hand back the same buffer every time, redrawn only
    where something moved.
    """
    compositor = video.compositor()

    def frame_function(t: float) -> np.ndarray:
        return compositor.render(t / timing.scale)

    # moviepy makes int(duration * fps) frames: nudge so float error never drops one.
    return VideoClip(frame_function=frame_function, duration=(timing.frames + 1e-3) / FPS)


_BED: dict[tuple[str, int, float] | None, bytes] = {}
"""The last music bed this process encoded: every unit's intro of a length uses the same."""


def write_audio(music: Path, seconds: float, out: Path) -> Path:
    """The music bed, fitted and faded, encoded to AAC (M4A) at `out`; encoded once per
    process for a given file version and length."""
    try:
        key = (str(music), music.stat().st_mtime_ns, seconds)
    except OSError:  # gone: encoding reports it as a one-line error
        key = None
    if key in _BED:
        out.write_bytes(_BED[key])
        return out
    _encode_audio(music, seconds, out)
    if key is not None:
        _BED.clear()
        _BED[key] = out.read_bytes()
    return out


def _encode_audio(music: Path, seconds: float, out: Path) -> None:
    bed = music_bed(music, seconds)
    try:
        bed.write_audiofile(
            str(out),
            fps=AUDIO_RATE,
            nbytes=2,
            codec=AUDIO_CODEC,
            bitrate=AUDIO_BITRATE,
            # ffmpeg's fast AAC coder: twice the speed, and at 160 kb/s a music bed
            # sounds the same; it finishes while the layers are still being drawn.
            ffmpeg_params=["-aac_coder", "fast"],
            logger=None,
        )
    finally:
        bed.close()


def write_mp4(video: Video, path: Path, timing: Timing, audio: Path | None = None) -> None:
    """Encode `video` to `path` (MP4), muxing the encoded `audio` (from write_audio) in."""
    clip = clip_of(video, timing)
    try:
        clip.write_videofile(
            str(path),
            fps=FPS,
            audio=str(audio) if audio is not None else False,
            audio_codec="copy",
            logger=None,
            **encoder_settings(timing.keyframes(video)),
        )
    finally:
        clip.close()


def poster(video: Video) -> Image.Image:
    """The poster frame: a moment where every element has settled."""
    return Image.fromarray(video.compositor().snapshot(video.poster_time))


def frame_at(video: Video, t: float, duration: float | None = None) -> Image.Image:
    """The frame shown at `t` seconds of the written video (for previews and tests)."""
    timing = Timing.of(video.duration, duration)
    return Image.fromarray(video.compositor().snapshot(t / timing.scale))
