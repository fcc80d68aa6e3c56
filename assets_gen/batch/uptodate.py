"""A rebuild that would change nothing, answered without planning.

Planning a build means importing every kind and its renderer and hashing every job: most
of a second for the default kit, each time a designer runs `build` to be sure. After a
build that failed nothing, a record is kept of what it read and what it wrote, as `make`
and `ninja` keep theirs: sizes and modification times of every file in the kit folder
(so an added or removed file shows too), every other file a job read, and every file in
the output folder. The next `build` with the same options on the same day stats those
files; if nothing differs it reports the same result and writes nothing. Any difference,
a missing or unreadable record, `--force`, or another version of the tool: a full build.

Light on purpose: this runs before the build imports anything heavy.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from assets_gen import __version__

RECORD = ".assets-gen-uptodate.json"
Stat = tuple[int, int]  # size in bytes, modification time in ns


@dataclass(frozen=True)
class UpToDate:
    """What the last build reported, to report again."""

    unchanged: int
    warnings: list[tuple[str | None, str]]  # (where, what) of each DataWarning


def options_key(options: Iterable[object]) -> str:
    """The build's options, the tool's version and the day (some kinds depend on it)."""
    text = json.dumps([__version__, dt.date.today().isoformat(), *map(str, options)])
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check(out: Path, key: str) -> UpToDate | None:
    """The last build's result if nothing it read or wrote has changed since, else None."""
    try:
        record = json.loads((out / RECORD).read_text(encoding="utf-8"))
        if record["key"] != key:
            return None
        folders = [Path(p) for p in record["folders"]]
        if (
            _files(record["files"]) != _as_stats(record["files"])
            or _tree(folders) != _as_stats(record["tree"])
            or _tree([out]) != _as_stats(record["outputs"])
        ):
            return None
        return UpToDate(int(record["unchanged"]), [(w, m) for w, m in record["warnings"]])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def save(
    out: Path,
    key: str,
    folders: Iterable[Path],
    inputs: Iterable[str],
    assets: int,
    warnings: Iterable[tuple[str | None, str]],
) -> None:
    """Record a finished build (call it once everything, manifest and contact sheet
    included, is written); `folders` are read whole, `inputs` are the other files jobs read."""
    from assets_gen.encode import write_atomic

    folders = [Path(f).resolve() for f in folders]
    record = {
        "key": key,
        "folders": [str(f) for f in folders],
        "tree": _tree(folders),
        "files": _files(i for i in set(inputs) if not _inside(i, folders)),
        "unchanged": assets,
        "warnings": list(warnings),
    }
    record["outputs"] = _tree([out])
    write_atomic(out / RECORD, json.dumps(record, ensure_ascii=False).encode("utf-8"))


def forget(out: Path) -> None:
    """A build is under way: until it records itself, no rebuild is answered from before."""
    (out / RECORD).unlink(missing_ok=True)


def _inside(path: str, folders: list[Path]) -> bool:
    resolved = Path(path).resolve()
    return any(resolved.is_relative_to(f) for f in folders)


def _stat(path: str) -> Stat | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_size, st.st_mtime_ns)


def _files(paths: Iterable[str]) -> dict[str, Stat | None]:
    return {p: _stat(p) for p in paths}


def _tree(folders: Iterable[Path]) -> dict[str, Stat | None]:
    """Every file below `folders` but the record itself: a file added or removed changes
    the listing, an edited one its size or time."""
    found: dict[str, Stat | None] = {}
    for folder in folders:
        for root, _, files in os.walk(folder):
            for name in files:
                if name != RECORD:
                    path = os.path.join(root, name)
                    found[path] = _stat(path)
    return found


def _as_stats(saved: dict[str, list[int] | None]) -> dict[str, Stat | None]:
    return {p: (tuple(s) if s is not None else None) for p, s in saved.items()}  # type: ignore[misc]
