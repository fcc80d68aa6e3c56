"""How many members framed their photo, per unit and style: a small SQLite file.

The member page reports `{"unit", "style"}` when a member downloads or shares an avatar
(web/downloads.py); nothing else is kept: no photo, no name, no address. The file is in
WAL mode and every count is committed before it is acknowledged, so counts survive a
restart and a killed process.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS downloads (
    unit TEXT NOT NULL,   -- the unit's slug, '' for none
    style TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (unit, style)
) WITHOUT ROWID
"""


def default_db_path() -> Path:
    """downloads.sqlite in the user's data folder (XDG_DATA_HOME, Application Support, APPDATA)."""
    if sys.platform == "win32":
        base = Path(os.environ.get("APPDATA") or Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "assets-gen" / "downloads.sqlite"


@dataclass(frozen=True)
class Totals:
    total: int
    units: dict[str, int]
    """Counts per unit slug (every style), units with none left out."""


class DownloadCounts:
    """Counts in one SQLite file; safe to use from several threads."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=10)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing
        self._db.execute(SCHEMA)

    def add(self, unit: str, style: str) -> None:
        with self._lock:
            self._db.execute(
                "INSERT INTO downloads (unit, style, n) VALUES (?, ?, 1) "
                "ON CONFLICT (unit, style) DO UPDATE SET n = n + 1",
                (unit, style),
            )

    def totals(self) -> Totals:
        with self._lock:
            rows = self._db.execute("SELECT unit, SUM(n) FROM downloads GROUP BY unit").fetchall()
        return Totals(sum(n for _, n in rows), {unit: n for unit, n in rows if unit})

    def close(self) -> None:
        with self._lock:
            self._db.close()
