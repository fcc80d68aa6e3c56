"""Read the CSV files designers keep next to the kit, the way Excel writes them.

UTF-8 with or without a BOM, CRLF or LF endings; rows come one at a time (a file of
half a million authors must not be loaded whole), each with its line number so errors
can say `FILE:LINE: reason`.
"""

from __future__ import annotations

import codecs
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

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


class _NotUtf8(Exception):
    def __init__(self, line: int) -> None:
        self.line = line


def _utf8_lines(handle: BinaryIO) -> Iterator[str]:
    """The file's lines decoded one at a time, so a byte that is not UTF-8 is reported on
    its own line (a text file decodes 8 KB blocks: the error would name an earlier one)."""
    for number, raw in enumerate(handle, start=1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise _NotUtf8(number) from None
        yield from _CR_ONLY.split(text)  # old Mac line ends: one record per "\r"


_CR_ONLY = re.compile(r"(?<=\r)(?!\n)(?=.)", re.DOTALL)


def read_rows(path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Iterator[Row]:
    """Yield the data rows of a CSV; raise DataError for problems with the whole file."""
    where = display_path(path)
    try:
        handle = open(path, "rb")  # noqa: SIM115 (generator)
    except FileNotFoundError:
        raise DataError(where, "file not found") from None
    except OSError as exc:
        raise DataError(where, f"cannot be read: {exc.strerror}") from None
    with handle:
        reader = csv.reader(_utf8_lines(handle))
        try:
            header = next(reader, None)
        except _NotUtf8 as exc:
            raise DataError(f"{where}:{exc.line}", f"not UTF-8 text: {SAVE_AS}") from None
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
            except _NotUtf8 as exc:
                raise DataError(f"{where}:{exc.line}", f"not UTF-8 text: {SAVE_AS}") from None
            except csv.Error as exc:
                raise DataError(f"{where}:{reader.line_num}", f"malformed CSV: {exc}") from None
            line = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            values = {c: cells[i] if i < len(cells) else "" for i, c in enumerate(columns) if c}
            extra = tuple(cell for cell in cells[len(columns) :] if cell.strip())
            yield Row(where, line, values, extra)
