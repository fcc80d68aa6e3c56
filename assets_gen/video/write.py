"""Video files fit for Facebook and Zalo, written by moviepy from our own frames.

H.264 High profile, yuv420p, constant 30 fps, `moov` atom first (+faststart), AAC
stereo when there is music (DESIGN.md, "Video"). moviepy runs the timeline (it asks for
each frame by time), mixes the audio and drives ffmpeg; the frames come from the
compositor, which redraws only what moved.
"""

from __future__ import annotations

import tempfile
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
FFMPEG_PARAMS = [
    "-pix_fmt", "yuv420p",
    "-profile:v", "high",
    "-movflags", "+faststart",
    "-crf", CRF,
]  # fmt: skip


def encoder_settings() -> dict:
    """The libx264 settings every video uses (the benchmark encodes with the same)."""
    return {"codec": CODEC, "preset": PRESET, "ffmpeg_params": list(FFMPEG_PARAMS)}


@dataclass(frozen=True)
class Timing:
    """How long a video lasts and how design time maps onto it."""

    frames: int
    scale: float
    """Video seconds per design second (1 unless --duration changed the length)."""

    @property
    def duration(self) -> float:
        return self.frames / FPS

    @classmethod
    def of(cls, video: Video, duration: float | None = None) -> Timing:
        length = duration or video.duration
        frames = frame_count(length, FPS)
        return cls(frames, (frames / FPS) / video.duration)


def clip_of(video: Video, timing: Timing) -> VideoClip:
    """A moviepy clip whose frames come from the video's compositor."""
    compositor = video.compositor()
    scale = timing.scale

    def frame_function(t: float) -> np.ndarray:
        return compositor.render(t / scale)

    # moviepy makes int(duration * fps) frames: nudge so float error never drops one.
    return VideoClip(frame_function=frame_function, duration=(timing.frames + 1e-3) / FPS)


def write_mp4(video: Video, path: Path, duration: float | None = None, music: Path | None = None) -> Timing:
    """Encode `video` to `path` (MP4), with the music bed when given."""
    timing = Timing.of(video, duration)
    clip = clip_of(video, timing)
    bed = None
    try:
        if music is not None:
            bed = music_bed(music, timing.duration)
            clip = clip.with_audio(bed)
        with tempfile.TemporaryDirectory(prefix="assets-gen-audio-") as tmp:
            clip.write_videofile(
                str(path),
                fps=FPS,
                audio_codec=AUDIO_CODEC,
                audio_bitrate=AUDIO_BITRATE,
                temp_audiofile_path=tmp,
                logger=None,
                **encoder_settings(),
            )
    finally:
        if bed is not None:
            bed.close()
        clip.close()
    return timing


def poster(video: Video) -> Image.Image:
    """The poster frame: a moment where every element has settled."""
    return Image.fromarray(video.compositor().snapshot(video.poster_time))


def frame_at(video: Video, t: float, duration: float | None = None) -> Image.Image:
    """The frame shown at `t` seconds of the written video (for previews and tests)."""
    timing = Timing.of(video, duration)
    return Image.fromarray(video.compositor().snapshot(t / timing.scale))
