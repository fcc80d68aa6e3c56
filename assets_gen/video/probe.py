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
