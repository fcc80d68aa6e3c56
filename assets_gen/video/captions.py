"""Captions for every video: the on-screen text, timed to when it can be read.

Feeds play videos muted and screen readers cannot see pixels, so each MP4 gets a WebVTT
file (`NAME.vi.vtt`, for the web) and an SRT file (`NAME.vi_VN.srt`, the name Facebook
reads as Vietnamese). The cues come from the video's own recipe, not a second script: a
text layer is readable once its entrance has finished and until its exit begins; a
counting number once it has reached its value. Whatever is readable at the same time is
one cue (in the recipe's reading order), so cues never overlap and never leave the video.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

from assets_gen.video.compose import Counter, Cue, Reveal
from assets_gen.video.stage import Video

MIN_CUE = 0.5
"""Shorter moments (two texts crossing) are not worth a cue of their own."""
LINE = 42
"""Characters per caption line (the usual subtitle limit)."""


@dataclass(frozen=True)
class Caption:
    start: float
    end: float
    text: str


@dataclass(frozen=True)
class _Shown:
    start: float
    end: float
    order: int
    """Its place in the recipe: scenes add their texts in reading order."""
    text: str


def _window(start: float, end: float | None, enter, exit, video: Video) -> tuple[float, float]:
    """When a shown element can be read: from halfway through its entrance (it is opaque
    and nearly in place by then) to halfway through its exit."""
    begin = start + (enter.duration / 2 if enter is not None else 0.0)
    if end is None:
        return begin, video.duration
    return begin, end - (exit.duration / 2 if exit is not None else 0.0)


def _readable(video: Video) -> list[_Shown]:
    shown = []
    for order, element in enumerate(video.elements):
        if isinstance(element, Cue) and element.layer.text:
            start, end = _window(element.start, element.end, element.enter, element.exit, video)
            shown.append(_Shown(start, end, order, element.layer.text))
        elif isinstance(element, Reveal) and element.layer.text:
            _, end = _window(element.start, element.end, None, element.exit, video)
            layer = element.layer
            shown.append(_Shown(element.start + element.duration, end, order, layer.text))
        elif isinstance(element, Counter):
            _, end = _window(element.start, element.end, None, element.exit, video)
            text = element.format(element.value)
            shown.append(_Shown(element.start + element.count_for, end, order, text))
    return [s for s in shown if s.end > s.start]


def captions(video: Video, scale: float = 1.0) -> list[Caption]:
    """The video's captions, in video seconds (`scale`: video seconds per design second)."""
    shown = _readable(video)
    edges = sorted({0.0, video.duration, *(s.start for s in shown), *(s.end for s in shown)})
    moments: list[tuple[float, float, tuple[str, ...]]] = []
    for a, b in itertools.pairwise(edges):
        a, b = max(a, 0.0), min(b, video.duration)
        if b <= a:
            continue
        now = sorted((s for s in shown if s.start <= a and s.end >= b), key=lambda s: s.order)
        texts = tuple(dict.fromkeys(s.text for s in now))  # a text shown twice, once
        if not texts:
            continue
        if moments and abs(moments[-1][1] - a) < 1e-6:
            before = moments[-1][2]
            if set(before) <= set(texts):  # more arrives (the number lands): one cue
                moments[-1] = (moments[-1][0], b, texts)
                continue
            if set(texts) < set(before):  # part leaves first: the cue ends with the rest
                moments[-1] = (moments[-1][0], b, before)
                continue
        moments.append((a, b, texts))
    cues = [Caption(a * scale, b * scale, " ".join(texts)) for a, b, texts in moments]
    return [c for c in cues if c.end - c.start >= MIN_CUE]


def wrap(text: str, width: int = LINE) -> list[str]:
    """Caption lines of at most `width` characters, broken only at spaces (a no-break
    space keeps a word's syllables together, as on screen)."""
    lines: list[str] = []
    for word in text.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _stamp(seconds: float, comma: bool) -> str:
    ms = round(seconds * 1000)
    h, ms = divmod(ms, 3_600_000)
    m, ms = divmod(ms, 60_000)
    s, ms = divmod(ms, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{',' if comma else '.'}{ms:03d}"


def webvtt(cues: list[Caption]) -> str:
    blocks = ["WEBVTT\n"]
    for cue in cues:
        lines = "\n".join(wrap(cue.text))
        blocks.append(f"{_stamp(cue.start, False)} --> {_stamp(cue.end, False)}\n{lines}\n")
    return "\n".join(blocks)


def srt(cues: list[Caption]) -> str:
    blocks = []
    for i, cue in enumerate(cues, 1):
        lines = "\n".join(wrap(cue.text))
        blocks.append(f"{i}\n{_stamp(cue.start, True)} --> {_stamp(cue.end, True)}\n{lines}\n")
    return "\n".join(blocks)
