"""The build's working store: the previous and the new manifest on disk, not in memory.

A build with hundreds of thousands of assets must run in flat memory, so the manifest
entries live in a SQLite file in the output folder (`.assets-gen-build.sqlite`, hidden)
for the length of the build: the previous manifest is streamed into it, each planned
asset is looked up by path, each result written to it, and manifest.json (and every
checkpoint) is streamed out of it in path order. The file is scratch: a killed build
leaves one behind, and the next build starts it afresh from manifest.json.

One row per asset path: `old` is the previous build's entry, `new` this build's; the
manifest is `new`, else `old` (kept, or not yet reached), unless the asset was dropped.
Errors carry their place in the plan, so the manifest lists them in plan order whatever
order the workers finished in (a cluster build's manifest equals a local build's).
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from assets_gen.batch.manifest import read_manifest, write_manifest

STORE = ".assets-gen-build.sqlite"
_LIVE = "COALESCE(new, old) IS NOT NULL"
_SCHEMA = """
CREATE TABLE assets (
    path TEXT PRIMARY KEY, old TEXT, new TEXT, seen INTEGER NOT NULL DEFAULT 0,
    unit TEXT, unit_name TEXT, kind TEXT, format TEXT, thumb TEXT
);
CREATE TABLE errors (seq INTEGER NOT NULL, line TEXT NOT NULL, entry TEXT NOT NULL);
"""


class BuildStore:
    """Manifest entries by path, on disk; `path=None` makes a private temporary store."""

    def __init__(self, brand: str, path: Path | None = None) -> None:
        self.brand = brand
        self.path = path
        if path is not None:
            _remove(path)
        self.db = sqlite3.connect(str(path) if path is not None else "", isolation_level=None)
        self.db.executescript(
            "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-8000;"
            "PRAGMA temp_store=FILE;" + _SCHEMA
        )
        self.db.execute("BEGIN")
        self._pending = 0

    # -- filling -------------------------------------------------------------------------

    def load_previous(self, out: Path) -> None:
        """Stream the previous manifest.json of `out` in as the `old` entries."""
        found = read_manifest(out)
        if found is None:
            return
        _brand, assets = found
        # The contact sheet's columns are filled here, where each entry is parsed anyway.
        self.db.executemany(
            "INSERT OR REPLACE INTO assets (path, old, unit, unit_name, kind, format, thumb) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            ((a["path"], _dump(a), *_columns(a)) for a in assets if isinstance(a.get("path"), str)),
        )

    def previous(self, path: str) -> dict[str, Any] | None:
        """The previous entry for `path`, marking it as planned by this build."""
        row = self.db.execute("SELECT old FROM assets WHERE path = ?", (path,)).fetchone()
        if row is None:
            return None
        self.db.execute("UPDATE assets SET seen = 1 WHERE path = ?", (path,))
        return json.loads(row[0]) if row[0] else None

    def put(self, entry: dict[str, Any]) -> None:
        """This build's entry for its path."""
        text = _dump(entry)
        self.db.execute(
            "INSERT INTO assets (path, new, seen, unit, unit_name, kind, format, thumb) "
            "VALUES (?, ?, 1, ?, ?, ?, ?, ?) ON CONFLICT(path) DO UPDATE SET new = excluded.new, "
            "seen = 1, unit = excluded.unit, unit_name = excluded.unit_name, kind = excluded.kind, "
            "format = excluded.format, thumb = excluded.thumb",
            (entry["path"], text, *_columns(entry)),
        )
        self._tick()

    def keep(self, path: str) -> None:
        """The previous entry stays as this build's (unchanged asset)."""
        self.db.execute("UPDATE assets SET new = old, seen = 1 WHERE path = ?", (path,))
        self._tick()

    def drop(self, path: str) -> dict[str, Any] | None:
        """Forget the asset at `path`; return the entry it had (new or old) if any."""
        row = self.db.execute("SELECT COALESCE(new, old) FROM assets WHERE path = ?", (path,)).fetchone()
        self.db.execute("UPDATE assets SET new = NULL, old = NULL, seen = 1 WHERE path = ?", (path,))
        self._tick()
        return json.loads(row[0]) if row and row[0] else None

    def unplanned(self) -> Iterator[dict[str, Any]]:
        """Previous entries this build did not plan, in pages (the caller changes them)."""
        last = ""
        while True:
            rows = self.db.execute(
                "SELECT path, old FROM assets WHERE seen = 0 AND old IS NOT NULL AND path > ? "
                "ORDER BY path LIMIT 500",
                (last,),
            ).fetchall()
            if not rows:
                return
            for last, old in rows:  # noqa: B007
                yield json.loads(old)

    def add_error(self, seq: int, entry: dict[str, str]) -> None:
        self.db.execute(
            "INSERT INTO errors (seq, line, entry) VALUES (?, ?, ?)", (seq, entry["line"], _dump(entry))
        )
        self._tick()

    def move_error(self, line: str, seq: int) -> None:
        self.db.execute("UPDATE errors SET seq = ? WHERE line = ?", (seq, line))

    def set_thumb(self, path: str, thumb: str | None) -> None:
        row = self.db.execute("SELECT new FROM assets WHERE path = ?", (path,)).fetchone()
        if not row or not row[0]:
            return
        entry = json.loads(row[0])
        if thumb is None:
            entry.pop("thumb", None)
        else:
            entry["thumb"] = thumb
        self.put(entry)

    # -- reading ---------------------------------------------------------------------------

    def count(self) -> int:
        return self.db.execute(f"SELECT count(*) FROM assets WHERE {_LIVE}").fetchone()[0]

    def error_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM errors").fetchone()[0]

    def entries(self, where: str = "", args: tuple[Any, ...] = (), order: str = "path") -> Iterator[dict]:
        """Live entries (this build's, else the previous), streamed in `order`."""
        condition = f"{_LIVE} AND ({where})" if where else _LIVE
        sql = f"SELECT COALESCE(new, old) FROM assets WHERE {condition} ORDER BY {order}"
        rows = self.db.execute(sql, args)
        batch = rows.fetchmany(500)
        while batch:
            for (text,) in batch:
                yield json.loads(text)
            batch = rows.fetchmany(500)

    def paged(self) -> Iterator[dict[str, Any]]:
        """Live entries in path order, read in pages: the caller may change them meanwhile."""
        last = ""
        while True:
            rows = self.db.execute(
                f"SELECT path, COALESCE(new, old) FROM assets WHERE {_LIVE} AND path > ? "
                "ORDER BY path LIMIT 500",
                (last,),
            ).fetchall()
            if not rows:
                return
            for last, text in rows:  # noqa: B007 (the last path read is where the next page starts)
                yield json.loads(text)

    def errors(self, limit: int | None = None) -> Iterator[dict[str, str]]:
        """Errors in plan order (then by text): the same whatever order workers finished in."""
        sql = "SELECT entry FROM errors ORDER BY seq, line"
        rows = self.db.execute(sql + (f" LIMIT {int(limit)}" if limit is not None else ""))
        for (text,) in rows:
            yield json.loads(text)

    def units(self) -> list[tuple[str, str, int]]:
        """(unit slug or "", its name if known, asset count) for every unit with assets."""
        self._ensure_columns()
        rows = self.db.execute(
            f"SELECT COALESCE(unit, ''), max(unit_name), count(*) FROM assets WHERE {_LIVE} GROUP BY 1"
        )
        return [(u, n or "", c) for u, n, c in rows]

    def sizes(self) -> set[str]:
        self._ensure_columns()
        rows = self.db.execute(f"SELECT DISTINCT format FROM assets WHERE {_LIVE}")
        return {f for (f,) in rows if f}

    def uses_thumb(self, name: str) -> bool:
        self._ensure_columns()
        row = self.db.execute(f"SELECT 1 FROM assets WHERE thumb = ? AND {_LIVE} LIMIT 1", (name,)).fetchone()
        return row is not None

    def write_manifest(self, out: Path) -> None:
        """manifest.json, streamed in path order through a temporary file and a rename."""
        self.commit()
        write_manifest(out, self.brand, self.entries(), self.errors())

    # -- housekeeping --------------------------------------------------------------------

    def commit(self) -> None:
        self.db.execute("COMMIT")
        self.db.execute("BEGIN")
        self._pending = 0

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
        if self.path is not None:
            _remove(self.path)

    def __enter__(self) -> BuildStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _tick(self) -> None:
        self._pending += 1
        if self._pending >= 2000:
            self.commit()

    _indexed = False

    def _ensure_columns(self) -> None:
        """Indexes for the contact sheet's queries, made once the entries are all in."""
        if self._indexed:
            return
        self.db.execute("CREATE INDEX IF NOT EXISTS by_unit ON assets (unit, kind, path)")
        self.db.execute("CREATE INDEX IF NOT EXISTS by_thumb ON assets (thumb)")
        self._indexed = True


def from_entries(
    brand: str, assets: Iterable[dict[str, Any]], errors: Iterable[dict[str, str]]
) -> BuildStore:
    """A private temporary store holding these entries as this build's."""
    store = BuildStore(brand)
    for entry in assets:
        store.put(entry)
    for i, error in enumerate(errors):
        store.add_error(i, error)
    return store


def _columns(entry: dict[str, Any]) -> tuple[Any, ...]:
    thumb = entry.get("thumb")
    return (
        entry.get("unit") or "",  # "" for campaign-wide: the contact sheet's `unit = ?` uses the index
        entry.get("unit_name"),
        entry.get("kind"),
        entry.get("format"),
        thumb.rsplit("/", 1)[-1] if isinstance(thumb, str) else None,
    )


def _dump(entry: dict[str, Any]) -> str:
    return json.dumps(entry, ensure_ascii=False)


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")
