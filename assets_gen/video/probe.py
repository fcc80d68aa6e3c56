"""Read a video file back: its streams, its MP4 layout, its packets and its frames.

ffprobe is not shipped with imageio-ffmpeg, so the facts come from `ffmpeg -i` (stream
lines), `-f framecrc` (one line per packet or frame, with timestamps) and a direct walk
over the MP4's top-level boxes. Tests use it to prove every file is fit for upload.
"""

from __future__ import annotations

import re
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

import imageio_ffmpeg
import numpy as np


def ffmpeg_exe() -> str:
    return imageio_ffmpeg.get_ffmpeg_exe()


@dataclass(frozen=True)
class VideoStream:
    codec: str
    profile: str
    pix_fmt: str
    width: int
    height: int
    fps: float


@dataclass(frozen=True)
class AudioStream:
    codec: str
    rate: int
    layout: str
    bitrate_kbps: int | None


@dataclass(frozen=True)
class Probe:
    duration: float
    video: VideoStream | None
    audio: AudioStream | None
    text: str


_DURATION = re.compile(r"Duration: (\d+):(\d+):(\d+\.\d+)")
_VIDEO = re.compile(
    r"Stream #\S+.*?: Video: (\w+)(?: \(([^)]+)\))?.*?, (\w+)(?:\([^)]*\))?, (\d+)x(\d+).*?, ([\d.]+) fps"
)
_AUDIO = re.compile(r"Stream #\S+.*?: Audio: (\w+).*?, (\d+) Hz, ([\w.()]+), \w+(?:, (\d+) kb/s)?")


def probe(path: Path) -> Probe:
    """Container duration and the first video and audio stream, from `ffmpeg -i`."""
    result = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(path)], capture_output=True, text=True)
    text = result.stderr
    m = _DURATION.search(text)
    if not m:
        raise ValueError(f"{path}: not a media file:\n{text}")
    duration = int(m[1]) * 3600 + int(m[2]) * 60 + float(m[3])
    video = audio = None
    v = _VIDEO.search(text)
    if v:
        video = VideoStream(v[1], v[2] or "", v[3], int(v[4]), int(v[5]), float(v[6]))
    a = _AUDIO.search(text)
    if a:
        audio = AudioStream(a[1], int(a[2]), a[3], int(a[4]) if a[4] else None)
    return Probe(duration, video, audio, text)


def top_level_boxes(path: Path) -> list[str]:
    """Names of the MP4's top-level boxes in file order ("ftyp", "moov", "mdat"...)."""
    names = []
    with open(path, "rb") as f:
        size_total = Path(path).stat().st_size
        offset = 0
        while offset < size_total:
            f.seek(offset)
            header = f.read(16)
            if len(header) < 8:
                break
            size, name = struct.unpack(">I4s", header[:8])
            if size == 1:
                size = struct.unpack(">Q", header[8:16])[0]
            elif size == 0:
                size = size_total - offset
            names.append(name.decode("latin-1"))
            if size < 8:
                break
            offset += size
    return names


@dataclass(frozen=True)
class Packet:
    stream: int
    pts: int
    duration: int


def packets(path: Path, stream: str = "v:0") -> list[Packet]:
    """Every packet of a stream, without decoding (timestamps in the stream's time base)."""
    cmd = [
        ffmpeg_exe(),
        "-v",
        "error",
        "-i",
        str(path),
        "-map",
        f"0:{stream}",
        "-c",
        "copy",
        "-f",
        "framecrc",
        "-",
    ]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return _framecrc(out)


def decode_check(path: Path) -> tuple[int, str]:
    """Decode every video and audio frame; returns (video frames, ffmpeg's error output)."""
    cmd = [ffmpeg_exe(), "-v", "error", "-xerror", "-i", str(path), "-map", "0:v:0", "-f", "framecrc", "-"]
    result = subprocess.run(cmd, capture_output=True, text=True)
    errors = result.stderr.strip()
    audio = subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-xerror", "-i", str(path), "-map", "0:a?", "-f", "null", "-"],
        capture_output=True,
        text=True,
    )
    errors = "\n".join(e for e in (errors, audio.stderr.strip()) if e)
    if result.returncode != 0 or audio.returncode != 0:
        errors = errors or "ffmpeg failed"
    return len(_framecrc(result.stdout)), errors


def _framecrc(text: str) -> list[Packet]:
    rows = []
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = [p.strip() for p in line.split(",")]
        rows.append(Packet(int(parts[0]), int(parts[2]), int(parts[3])))
    return rows


def read_frames(path: Path, indices: list[int]) -> dict[int, np.ndarray]:
    """Decoded RGB frames at the given indices (the file is decoded once, in order)."""
    wanted = set(indices)
    frames: dict[int, np.ndarray] = {}
    reader = imageio_ffmpeg.read_frames(str(path), pix_fmt="rgb24")
    meta = next(reader)
    w, h = meta["size"]
    try:
        for i, raw in enumerate(reader):
            if i in wanted:
                frames[i] = np.frombuffer(raw, dtype=np.uint8).reshape(h, w, 3).copy()
            if len(frames) == len(wanted):
                break
    finally:
        reader.close()
    return frames


@dataclass(frozen=True)
class Hold:
    """A stretch of the video where the picture stands still, in seconds."""

    start: float
    end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


STILL = 0.1
"""Largest mean difference (levels of 255, on frames shrunk to a thumbnail) between two
frames that look the same: the encoder's noise, never a visible move."""


def still_holds(path: Path, width: int = 192, threshold: float = STILL) -> list[Hold]:
    """Where the decoded video holds still, longest first: runs of frames that all look
    like the run's last frame.

    Compared with the last frame, not the first: a picture settles into its hold (an
    easing's last sub-pixel steps, the encoder refining a still picture over a few
    frames), so its settled look is the one to match, and a slow drift ends a hold.
    Frames are decoded once, shrunk by ffmpeg to `width` px wide (area average), so the
    comparison sees what a reader sees, not the encoder's grain.
    """
    reader = imageio_ffmpeg.read_frames(
        str(path), pix_fmt="gray", bits_per_pixel=8, output_params=["-vf", f"scale={width}:-2:flags=area"]
    )
    fps = float(next(reader)["fps"])
    try:
        frames = [np.frombuffer(raw, dtype=np.uint8).astype(np.int16) for raw in reader]
    finally:
        reader.close()
    holds = []
    end = len(frames)
    while end > 0:
        anchor = frames[end - 1]
        start = end - 1
        while start > 0 and float(np.abs(frames[start - 1] - anchor).mean()) <= threshold:
            start -= 1
        if end - start > 1:
            holds.append(Hold(start / fps, end / fps))
        end = start
    return sorted(holds, key=lambda h: -h.seconds)
