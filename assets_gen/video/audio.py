"""The music bed under a video: looped or trimmed to its length, faded in and out.

moviepy does the audio work (AudioFileClip reads any format ffmpeg knows, the effects
loop and fade); this module only decides the fades and turns a bad file into a one-line
error that names it.
"""

from __future__ import annotations

from pathlib import Path

from moviepy import AudioClip, AudioFileClip, afx

from assets_gen.errors import DataError, display_path

FADE_IN = 0.8
FADE_OUT = 1.6
VOLUME = 0.85


def music_bed(path: Path, duration: float) -> AudioClip:
    """The audio of `path` fitted to `duration` seconds, with fades at both ends.

    The caller closes the returned clip (`clip.close()`) once the video is written.
    """
    where = check_audio(path)
    try:
        source = AudioFileClip(str(path))
    except Exception as exc:  # moviepy raises OSError, KeyError, IndexError... on bad files
        raise DataError(
            where, f"cannot read it as audio ({type(exc).__name__}: {_first_line(exc)})"
        ) from None
    if source.duration < duration:
        clip = source.with_effects([afx.AudioLoop(duration=duration)])
    else:
        clip = source.subclipped(0, duration)
    fade_in = min(FADE_IN, duration / 4)
    fade_out = min(FADE_OUT, duration / 3)
    return clip.with_effects(
        [afx.AudioFadeIn(fade_in), afx.AudioFadeOut(fade_out), afx.MultiplyVolume(VOLUME)]
    )


def check_audio(path: Path) -> str:
    """Check ffmpeg reads `path` as sound before moviepy opens it (moviepy's reader fails
    late and noisily on bad files); returns the path as shown in messages."""
    from assets_gen.video.probe import probe

    where = display_path(path)
    try:
        info = probe(path)
    except ValueError:
        raise DataError(
            where, "cannot read it as audio: not a sound file ffmpeg knows (M4A, MP3, WAV...)"
        ) from None
    if info.audio is None:
        raise DataError(where, "cannot read it as audio: the file has no audio stream")
    if info.duration < 0.1:
        raise DataError(where, "the audio is empty (shorter than 0.1 s)")
    return where


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else ""
