"""Benchmark: the 1:1 intro against libx264 encoding alone (the limit no renderer beats).

Renders the 1:1 intro exactly as `assets-gen video` does (layers drawn, frames composed,
music mixed, MP4 written), then, in the same run, encodes a precomputed copy of the same
frames with the same encoder settings and nothing else. Rounds alternate and the best
wall time of each is kept, so other load on the machine affects both alike. Prints
`ratio render/encode = R` last.

    python bench/video.py [--rounds N]
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from moviepy.video.io.ffmpeg_writer import FFMPEG_VideoWriter

from assets_gen.brand import load_kit
from assets_gen.video.formats import FPS, get_aspect
from assets_gen.video.make import VideoSpec, make_video
from assets_gen.video.write import Timing, encoder_settings


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the ffmpeg processes)."""
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime


def timed(work) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of work()."""
    cpu, started = cpu_seconds(), time.perf_counter()
    work()
    return time.perf_counter() - started, cpu_seconds() - cpu


def render(kit, out: Path) -> None:
    made = make_video(kit, VideoSpec("intro", "1:1"), out)
    assert made.frames > 0


def precompute(kit) -> tuple[list[np.ndarray], list[float]]:
    """The intro's frames and its key frames (video seconds)."""
    from assets_gen.video.intro import build_intro

    video = build_intro(kit, get_aspect("1:1"))
    timing = Timing.of(video.duration)
    compositor = video.compositor()
    frames = [compositor.render(i / FPS / timing.scale).copy() for i in range(timing.frames)]
    return frames, timing.keyframes(video)


def encode(frames: list[np.ndarray], keyframes: list[float], out: Path) -> None:
    settings = encoder_settings(keyframes)
    height, width = frames[0].shape[:2]
    with FFMPEG_VideoWriter(
        str(out),
        (width, height),
        FPS,
        codec=settings["codec"],
        preset=settings["preset"],
        ffmpeg_params=settings["ffmpeg_params"],
    ) as writer:
        for frame in frames:
            writer.write_frame(frame)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    kit = load_kit()
    frames, keyframes = precompute(kit)
    n = len(frames)
    height, width = frames[0].shape[:2]
    print(f"1:1 intro: {n} frames of {width}x{height} at {FPS} fps; {encoder_settings(keyframes)}")
    renders, encodes = [], []
    with tempfile.TemporaryDirectory(prefix="bench-video-") as tmp:
        for i in range(args.rounds):
            renders.append(timed(lambda: render(kit, Path(tmp) / "intro.mp4")))
            encodes.append(timed(lambda: encode(frames, keyframes, Path(tmp) / "encode.mp4")))
            (rw, rc), (ew, ec) = renders[-1], encodes[-1]
            print(
                f"round {i + 1}: render {rw:.2f} s ({n / rw:.1f} fps, {rc:.1f} s CPU), "
                f"encode alone {ew:.2f} s ({n / ew:.1f} fps, {ec:.1f} s CPU)"
            )
    best_render, best_encode = min(w for w, _ in renders), min(w for w, _ in encodes)
    median = statistics.median(r[0] for r in renders) / statistics.median(e[0] for e in encodes)
    cpu = min(c for _, c in renders) / min(c for _, c in encodes)
    print(f"best: render {best_render:.2f} s, encode alone {best_encode:.2f} s")
    print(
        f"(median ratio {median:.2f}; CPU-time ratio {cpu:.2f}; other load on the machine widens the spread)"
    )
    print(f"ratio render/encode = {best_render / best_encode:.2f}")


if __name__ == "__main__":
    main()
