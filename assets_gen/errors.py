"""One error family for everything a user can get wrong.

Every error knows *where* (a file, a key path, a row) and *what* is wrong, so the
front ends can print it as one line (CLI) or a 4xx body (web) without a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path


class AssetsGenError(Exception):
    """A problem with the user's input, reported as `where: what`."""

    def __init__(self, where: str | None, what: str) -> None:
        self.where = where
        self.what = what
        super().__init__(f"{where}: {what}" if where else what)

    def __reduce__(self):  # picklable, so errors travel back from worker processes
        return (type(self), (self.where, self.what))


class BrandError(AssetsGenError):
    """The brand kit is wrong: file, key path and problem."""


class TextError(AssetsGenError):
    """Text that cannot be drawn: a missing glyph, or text that cannot fit its box."""


class GlyphError(TextError):
    """The font lacks characters the text uses."""


class FitError(TextError):
    """Text that does not fit its box even at the minimum size."""


class PhotoError(AssetsGenError):
    """A photo that cannot be used: not an image, truncated, too large...

    `reason` names the kind of problem (empty, not_an_image, unsupported_type,
    too_many_pixels, damaged, position, zoom, rotate, unreadable) for front ends that
    answer per kind, as the web API does, without reading the English text."""

    def __init__(self, where: str | None, what: str, reason: str = "unreadable") -> None:
        super().__init__(where, what)
        self.reason = reason

    def __reduce__(self):
        return (type(self), (self.where, self.what, self.reason))


class DataError(AssetsGenError):
    """A bad row or value in a data file (CSV, TOML content)."""


class DataWarning(AssetsGenError):
    """Input worth a look that stops nothing (a unit the units file lacks): reported as
    `warning: WHERE: WHAT`, not counted as a failure."""


class TemplateError(AssetsGenError):
    """An SVG template that cannot be used."""


class SystemDependencyError(AssetsGenError):
    """A system library the tool needs is missing."""


def display_path(path: Path | str) -> str:
    """A path as the user would type it: relative to the current folder when inside it.

    Every error names its file this way, so it lives with the errors, below every layer."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel
