"""Check the system libraries the tool needs, once, when it starts.

Pillow silently falls back to its basic text layout without libfribidi (and then draws
Vietnamese marks at the wrong place), and CairoSVG fails late without libcairo: both are
reported up front in one line that says how to install them.
"""

from __future__ import annotations

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
    try:
        import cairocffi  # noqa: F401
    except OSError:
        raise SystemDependencyError(
            None,
            f"libcairo (needed to draw SVG) is missing: {_APT} libcairo2 (macOS: brew install cairo)",
        ) from None
