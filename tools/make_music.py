"""Synthesise the kit's music bed: brand/music/nhac-nen.m4a (original, made here).

A bright, unhurried loop for the intro and the guides: 8 bars at 100 bpm
(C - G - Am - F, twice) of soft pads, a plucked arpeggio, a round bass and light
percussion, in stereo. Everything is computed with numpy from a fixed seed, and the loop
wraps its own tails around so it repeats without a seam. Encoded to AAC 128 kb/s with
the ffmpeg that imageio-ffmpeg ships.

    python tools/make_music.py [OUT]
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import imageio_ffmpeg
import numpy as np

RATE = 44100
BPM = 100
BEAT = 60 / BPM
BARS = 8
LENGTH = BARS * 4 * BEAT  # 19.2 s
N = round(LENGTH * RATE)

# Chords as MIDI notes (pad voicing) and the bass root, one per bar.
CHORDS = [
    ((60, 64, 67, 72), 36),  # C
    ((59, 62, 67, 71), 43),  # G/B
    ((57, 60, 64, 69), 45),  # Am
    ((57, 60, 65, 69), 41),  # F
] * 2


def hz(note: float) -> float:
    return 440.0 * 2 ** ((note - 69) / 12)


def envelope(n: int, attack: float, release: float) -> np.ndarray:
    t = np.arange(n) / RATE
    env = np.minimum(1.0, t / attack)
    tail = np.clip((n / RATE - t) / release, 0, 1)
    return env * tail


def add(buffer: np.ndarray, start: float, sound: np.ndarray, pan: float = 0.0) -> None:
    """Mix a mono sound into the stereo loop at `start` seconds, wrapping at the end."""
    left, right = np.sqrt((1 - pan) / 2), np.sqrt((1 + pan) / 2)
    i = round(start * RATE) % N
    idx = (np.arange(len(sound)) + i) % N
    np.add.at(buffer[:, 0], idx, sound * left)
    np.add.at(buffer[:, 1], idx, sound * right)


def pad(notes: tuple[int, ...], seconds: float) -> tuple[np.ndarray, np.ndarray]:
    """Warm, slightly detuned sines; the two sides differ a little for width."""
    n = round(seconds * RATE)
    t = np.arange(n) / RATE
    env = envelope(n, 0.35, 0.9)
    sides = []
    for detune in (-0.0018, 0.0018):
        wave = np.zeros(n)
        for note in notes:
            f = hz(note) * (1 + detune)
            wave += np.sin(2 * np.pi * f * t) + 0.18 * np.sin(4 * np.pi * f * t + 0.3)
        sides.append(wave * env / len(notes))
    return sides[0], sides[1]


def pluck(note: int, seconds: float = 0.9) -> np.ndarray:
    """A soft mallet: harmonics that die away faster the higher they are."""
    n = round(seconds * RATE)
    t = np.arange(n) / RATE
    f = hz(note)
    wave = (
        np.sin(2 * np.pi * f * t) * np.exp(-t * 4.5)
        + 0.35 * np.sin(4 * np.pi * f * t) * np.exp(-t * 9)
        + 0.12 * np.sin(6 * np.pi * f * t) * np.exp(-t * 14)
    )
    return wave * np.minimum(1, t / 0.004)


def bass(note: int, seconds: float) -> np.ndarray:
    n = round(seconds * RATE)
    t = np.arange(n) / RATE
    f = hz(note)
    wave = np.tanh(1.6 * np.sin(2 * np.pi * f * t)) * 0.8
    return wave * envelope(n, 0.01, 0.25) * np.exp(-t * 1.2)


def kick() -> np.ndarray:
    n = round(0.35 * RATE)
    t = np.arange(n) / RATE
    freq = 45 + 75 * np.exp(-t * 30)
    phase = 2 * np.pi * np.cumsum(freq) / RATE
    return np.sin(phase) * np.exp(-t * 11)


def hat(rng: np.random.Generator) -> np.ndarray:
    n = round(0.08 * RATE)
    noise = rng.standard_normal(n)
    noise = np.diff(noise, prepend=0)  # a first difference: keeps the hiss, drops the rumble
    return noise * np.exp(-np.arange(n) / RATE * 60)


def synthesise() -> np.ndarray:
    rng = np.random.default_rng(2026)
    mix = np.zeros((N, 2))
    bar = 4 * BEAT
    arpeggio = (0, 2, 1, 3, 2, 1, 3, 2)  # voice index per eighth note
    for b, (notes, root) in enumerate(CHORDS):
        start = b * bar
        left, right = pad(notes, bar + 0.6)
        add(mix, start, left * 0.16, -0.6)
        add(mix, start, right * 0.16, 0.6)
        for beat in (0, 2):
            add(mix, start + beat * BEAT, bass(root, 2 * BEAT) * 0.22)
            add(mix, start + beat * BEAT, kick() * 0.30)
        for k, voice in enumerate(arpeggio):
            note = notes[voice] + 12
            pan = -0.35 if k % 2 == 0 else 0.35
            accent = 1.0 if k % 4 == 0 else 0.7
            add(mix, start + k * BEAT / 2, pluck(note) * 0.075 * accent, pan)
        for k in range(8):
            if k % 2 == 1:
                add(mix, start + k * BEAT / 2, hat(rng) * 0.028, 0.25)
    mix = np.tanh(mix * 1.4) / np.tanh(1.4)  # gentle glue
    peak = np.abs(mix).max()
    return (mix / peak * 0.7).astype(np.float32)  # about -3 dBFS


def encode(samples: np.ndarray, out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    cmd = [
        imageio_ffmpeg.get_ffmpeg_exe(),
        "-y", "-loglevel", "error",
        "-f", "f32le", "-ar", str(RATE), "-ac", "2", "-i", "-",
        "-c:a", "aac", "-b:a", "128k", "-movflags", "+faststart",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
        str(out),
    ]  # fmt: skip
    subprocess.run(cmd, input=samples.tobytes(), check=True)


def main() -> None:
    out = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else Path(__file__).resolve().parent.parent / "brand/music/nhac-nen.m4a"
    )
    encode(synthesise(), out)
    print(f"wrote {out} ({out.stat().st_size // 1024} KB, {LENGTH:.1f} s)")


if __name__ == "__main__":
    main()
