"""Check the system libraries the tool needs, once, when it starts.

Pillow silently falls back to its basic text layout without libfribidi (and then draws
Vietnamese marks at the wrong place), and CairoSVG fails late without libcairo: both are
reported up front in one line that says how to install them.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from functools import cache

from assets_gen.errors import SystemDependencyError

_APT = "install it with: sudo apt-get install"


@cache
def check_system() -> None:
    """Raise SystemDependencyError naming the first missing library."""
    from PIL import features

    if not features.check("raqm"):
        raise SystemDependencyError(
            None,
            "libfribidi (needed by Pillow's raqm text layout for Vietnamese) is missing: "
            f"{_APT} libfribidi0 (macOS: brew install fribidi)",
        )
    if not _has_cairo():
        raise SystemDependencyError(
            None,
            f"libcairo (needed to draw SVG) is missing: {_APT} libcairo2 (macOS: brew install cairo)",
        )


def _has_cairo() -> bool:
    """Whether libcairo loads, as cairocffi will load it (without importing cairocffi,
    which takes a third of a second: commands that draw no SVG should not pay it)."""
    for name in ("libcairo.so.2", "libcairo.2.dylib", "libcairo-2.dll"):
        try:
            ctypes.CDLL(name)
            return True
        except OSError:
            continue
    return ctypes.util.find_library("cairo") is not None
