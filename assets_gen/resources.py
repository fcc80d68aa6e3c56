"""Where the default brand kit and the bundled fonts live.

An installed wheel carries them under `assets_gen/_data/`; a source checkout (or an
editable install) has them at the repository's top level. Either way `assets-gen build`
works from any directory.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"assets-gen is installed without its {name}/ folder")


@cache
def default_brand_dir() -> Path:
    return _data_dir("brand")


@cache
def fonts_dir() -> Path:
    return _data_dir("fonts")


def npm_file(relative: str) -> Path | None:
    """A file of a browser package that scripts/install-page-deps.sh put in the checkout's
    .cache/npm/node_modules/ (or $ASSETS_GEN_NPM_DIR), or None when it is not installed."""
    roots = [Path(os.environ["ASSETS_GEN_NPM_DIR"])] if os.environ.get("ASSETS_GEN_NPM_DIR") else []
    roots.append(_PACKAGE.parent / ".cache" / "npm" / "node_modules")
    for root in roots:
        if (root / relative).is_file():
            return root / relative
    return None


def file_version(path: Path | str) -> tuple[int, int]:
    """(modification time in ns, size) of a file: with its path, the key of every cache of
    what is read from it, so a long-running process sees a font or logo edited in place
    ((0, 0) for a file that is not there: reading it reports the problem)."""
    try:
        st = os.stat(path)
    except OSError:
        return (0, 0)
    return (st.st_mtime_ns, st.st_size)
