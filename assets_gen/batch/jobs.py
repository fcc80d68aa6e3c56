"""A job is one asset to make: what kind, for whom, in which size, written where.

Jobs are small, frozen and picklable, so they travel to worker processes (or to a
cluster); the kit travels once per worker. A job's `key` hashes everything its output
depends on, which is what makes builds incremental.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets_gen import __version__
from assets_gen.brand.model import Kit, file_digest
from assets_gen.layout.drawn import DrawnText


def freeze(params: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """Parameters as a sorted tuple of pairs: hashable, picklable, JSON-able."""
    return tuple(sorted(params.items()))


@dataclass(frozen=True)
class Job:
    """One asset to render."""

    kind: str
    """Asset kind ("frame", "avatar", "banner", ...): picks the renderer."""
    size: str
    """Size name from the registry ("avatar", "fb-cover", "video-1x1", ...); the manifest
    calls it `format` (kept for compatibility)."""
    path: str
    """Output path relative to the output folder, with / separators."""
    unit: str | None = None
    """The unit's slug, or None for campaign-wide assets."""
    params: tuple[tuple[str, Any], ...] = ()
    """Kind-specific inputs (a data row, a style name...), as frozen pairs."""
    files: tuple[str, ...] = ()
    """Files whose content the output depends on besides brand.toml (absolute paths)."""
    where: str | None = None
    """Where the job's data came from (FILE:LINE), for error messages."""
    extra: tuple[tuple[str, Any], ...] = field(default=())
    """Manifest fields added as they are (e.g. style, duration)."""

    @property
    def p(self) -> dict[str, Any]:
        return dict(self.params)

    def key(self, kit: Kit, digest: Callable[[str], str] | None = None) -> str:
        """Hash of every input: tool version, kit, parameters and files used. `digest`
        gives a file's sha256 (default: file_digest; a build passes one that asks the
        file system once per file and build, as thousands of jobs share a few files)."""
        digest = digest or (lambda name: file_digest(Path(name)))
        h = hashlib.sha256()
        head = {
            "version": __version__,
            "kind": self.kind,
            "format": self.size,  # the key's old name: builds made before the rename stay current
            "path": self.path,
            "unit": self.unit,
            "params": self.params,
        }
        h.update(json.dumps(head, sort_keys=True, ensure_ascii=False, default=str).encode())
        h.update(kit.digest.encode())
        for name in self.files:
            h.update(name.encode())
            h.update(digest(name).encode())
        return h.hexdigest()


@dataclass(frozen=True)
class OutFile:
    """A file a job produces, relative to the output folder."""

    path: str
    data: bytes


@dataclass(frozen=True)
class Rendered:
    """What rendering a job gives back: the files, and what the manifest says of them."""

    files: tuple[OutFile, ...]
    width: int
    height: int
    alt: str
    extra: tuple[tuple[str, Any], ...] = ()
    thumb: bytes | None = None
    """A small preview for the contact sheet (batch/thumbs.py); None: made from the file."""
    text: tuple[DrawnText, ...] = ()
    """Every block of text drawn, as drawn (filled in by batch/pool.py's `execute`)."""

    @property
    def main(self) -> OutFile:
        return self.files[0]
