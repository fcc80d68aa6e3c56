"""A record of the text drawn on an asset: each block's role, size and lines as drawn.

The manifest carries it for screen readers, translation review and the readability
checks (no word split across lines, no text under the size floor). The text engine's
drawing functions append to the record of the current render, so renderers need not
collect anything themselves: the batch wraps each render in `recording()`.

Layers drawn once and cached (a banner's fixed texts, a frame's ring) are cached with
their records (`replay_cache`), so every asset that reuses them still lists their text.
A banner drawn at 2x or 3x and then reduced records output pixels (`scaled`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache, wraps
from typing import Any, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class DrawnText:
    """One block of text as drawn."""

    role: str
    """What the text is ("headline", "unit", "tagline", "step text"...)."""
    px: int
    """Font size in the asset's pixels."""
    lines: tuple[str, ...]
    split: bool = False
    """A word had to be broken across lines (the last resort when nothing else fit)."""

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"role": self.role, "px": self.px, "lines": list(self.lines)}
        if self.split:
            out["split"] = True
        return out


_RECORD: ContextVar[list[DrawnText] | None] = ContextVar("drawn_text", default=None)
_SCALE: ContextVar[float] = ContextVar("drawn_text_scale", default=1.0)


@contextmanager
def recording() -> Iterator[list[DrawnText]]:
    """Collect every text drawn inside the block (in this thread) into the list yielded."""
    found: list[DrawnText] = []
    token = _RECORD.set(found)
    try:
        yield found
    finally:
        _RECORD.reset(token)


@contextmanager
def scaled(factor: float) -> Iterator[None]:
    """Sizes recorded inside the block are multiplied by `factor` (1/k for art drawn k
    times larger than the asset)."""
    token = _SCALE.set(_SCALE.get() * factor)
    try:
        yield
    finally:
        _SCALE.reset(token)


def record(role: str, px: float, lines: tuple[str, ...], split: bool = False) -> None:
    """Note a block of text drawn at `px` working pixels (nothing when not recording)."""
    found = _RECORD.get()
    if found is not None:
        found.append(DrawnText(role, round(px * _SCALE.get()), tuple(lines), split))


def role_of(what: str) -> str:
    """A block's role from the name its renderer gives it in error messages."""
    if what in ("unit name", "unit short_name"):
        return "unit"
    for prefix in ("campaign.", "links."):
        if what.startswith(prefix):
            return what[len(prefix) :]
    return what


def replay_cache(maxsize: int) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """`functools.lru_cache`, for functions that draw text: a cached result comes back
    with the texts its first call drew recorded again, as they were drawn."""

    def decorate(fn: Callable[..., T]) -> Callable[..., T]:
        @lru_cache(maxsize=maxsize)
        def cached(*args: Any, **kwargs: Any) -> tuple[T, tuple[DrawnText, ...]]:
            token = _SCALE.set(1.0)
            try:
                with recording() as found:
                    value = fn(*args, **kwargs)
            finally:
                _SCALE.reset(token)
            return value, tuple(found)

        @wraps(fn)
        def wrapper(*args: Any, **kwargs: Any) -> T:
            value, found = cached(*args, **kwargs)
            for item in found:
                record(item.role, item.px, item.lines, item.split)
            return value

        wrapper.cache_clear = cached.cache_clear  # type: ignore[attr-defined]
        wrapper.cache_info = cached.cache_info  # type: ignore[attr-defined]
        return wrapper

    return decorate
