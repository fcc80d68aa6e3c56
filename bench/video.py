"""Benchmark: the 1:1 intro against libx264 encoding alone (the limit no renderer beats).

Renders the 1:1 intro exactly as `assets-gen video` does (layers, frames, music, MP4),
then, in the same run, encodes a precomputed copy of the same frames with the same
encoder settings and nothing else. Rounds alternate and the best of each is kept, so
other load on the machine affects both alike. Prints `ratio render/encode = R` last.

    python bench/video.py [--rounds N]
"""

from __future__ import annotations

import argparse
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


def render(kit, out: Path) -> float:
    started = time.perf_counter()
    made = make_video(kit, VideoSpec("intro", "1:1"), out)
    elapsed = time.perf_counter() - started
    assert made.frames > 0
    return elapsed


def precompute(kit) -> list[np.ndarray]:
    from assets_gen.video.intro import build_intro

    video = build_intro(kit, get_aspect("1:1"))
    timing = Timing.of(video)
    compositor = video.compositor()
    return [compositor.render(i / FPS / timing.scale).copy() for i in range(timing.frames)]


def encode(frames: list[np.ndarray], out: Path) -> float:
    settings = encoder_settings()
    height, width = frames[0].shape[:2]
    started = time.perf_counter()
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
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    kit = load_kit()
    frames = precompute(kit)
    print(f"1:1 intro: {len(frames)} frames of {frames[0].shape[1]}x{frames[0].shape[0]} at {FPS} fps")
    renders, encodes = [], []
    with tempfile.TemporaryDirectory(prefix="bench-video-") as tmp:
        for i in range(args.rounds):
            renders.append(render(kit, Path(tmp) / "intro.mp4"))
            encodes.append(encode(frames, Path(tmp) / "encode.mp4"))
            print(
                f"round {i + 1}: render {renders[-1]:.2f} s ({len(frames) / renders[-1]:.1f} fps), "
                f"encode alone {encodes[-1]:.2f} s ({len(frames) / encodes[-1]:.1f} fps)"
            )
    best_render, best_encode = min(renders), min(encodes)
    print(f"best: render {best_render:.2f} s, encode alone {best_encode:.2f} s")
    print(f"ratio render/encode = {best_render / best_encode:.2f}")


if __name__ == "__main__":
    main()
