"""Read the CSV files designers keep next to the kit, the way Excel writes them.

UTF-8 with or without a BOM, CRLF or LF endings; rows come one at a time (a file of
half a million authors must not be loaded whole), each with its line number so errors
can say `FILE:LINE: reason`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from assets_gen.errors import DataError, display_path

SAVE_AS = 'save it from Excel or Sheets as "CSV UTF-8"'


@dataclass(frozen=True)
class Row:
    """One data row: its values by column, and where it came from."""

    file: str
    line: int
    values: dict[str, str]
    extra: tuple[str, ...] = ()
    """Non-empty cells beyond the header's columns (usually an unquoted comma)."""

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"

    def get(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def require_fit(self) -> None:
        """DataError when the row has more values than the header has columns."""
        if self.extra:
            raise DataError(
                self.where,
                f"{len(self.values) + len(self.extra)} values for {len(self.values)} columns "
                f'(text with a comma, like "làm lợi 2,3 tỷ đồng", must be in double quotes)',
            )


def read_rows(path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Iterator[Row]:
    """Yield the data rows of a CSV; raise DataError for problems with the whole file."""
    where = display_path(path)
    try:
        handle = open(path, encoding="utf-8-sig", newline="")  # noqa: SIM115 (generator)
    except FileNotFoundError:
        raise DataError(where, "file not found") from None
    except OSError as exc:
        raise DataError(where, f"cannot be read: {exc.strerror}") from None
    with handle:
        reader = csv.reader(handle)
        try:
            header = next(reader, None)
        except UnicodeDecodeError:
            raise DataError(f"{where}:1", f"not UTF-8 text: {SAVE_AS}") from None
        if header is None:
            raise DataError(f"{where}:1", "the file is empty (expected a header row)")
        columns = [h.strip().lower() for h in header]
        missing = [c for c in required if c not in columns]
        if missing:
            raise DataError(
                f"{where}:1",
                f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} "
                f"(the header has: {', '.join(h for h in columns if h) or 'nothing'})",
            )
        known = set(required) | set(optional)
        unknown = [c for c in columns if c and c not in known]
        if unknown:
            raise DataError(
                f"{where}:1",
                f"unknown column {', '.join(unknown)} (expected: {', '.join(sorted(known))})",
            )
        line = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise DataError(f"{where}:{reader.line_num + 1}", f"not UTF-8 text: {SAVE_AS}") from None
            except csv.Error as exc:
                raise DataError(f"{where}:{reader.line_num}", f"malformed CSV: {exc}") from None
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            values = {c: cells[i] if i < len(cells) else "" for i, c in enumerate(columns) if c}
            extra = tuple(cell for cell in cells[len(columns) :] if cell.strip())
            yield Row(where, line, values, extra)
