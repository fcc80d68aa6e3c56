"""Daily counts of initiatives: stats/*.csv with columns date,unit,count.

The newspaper shows the running total every day, so the reader is strict about dates
and counts (errors name FILE:LINE) and the numbers are formatted the Vietnamese way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from assets_gen.brand.csvdata import read_rows
from assets_gen.errors import DataError, display_path

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Stats:
    """Counts per day and unit, as read from the file."""

    file: str
    days: tuple[dt.date, ...]
    """Every date in the file, ascending."""
    added: dict[dt.date, int]
    """Initiatives added on each date, all units together."""
    by_unit: dict[tuple[dt.date, str], int]
    """Initiatives added on each date by each unit (slug)."""
    unit_lines: dict[str, str] = field(default_factory=dict)
    """FILE:LINE where each unit slug first appears, for error messages."""

    def total(self, day: dt.date) -> int:
        """Running total up to and including `day`."""
        return sum(n for d, n in self.added.items() if d <= day)

    def unit_totals(self, day: dt.date) -> dict[str, int]:
        totals: dict[str, int] = defaultdict(int)
        for (d, unit), n in self.by_unit.items():
            if d <= day:
                totals[unit] += n
        return dict(totals)

    def top_units(self, day: dt.date, n: int = 10) -> list[tuple[str, int]]:
        """The `n` units with the highest running totals on `day` (ties by slug)."""
        totals = self.unit_totals(day)
        return sorted(totals.items(), key=lambda item: (-item[1], item[0]))[:n]

    def last_days(self, day: dt.date, n: int = 30) -> list[tuple[dt.date, int]]:
        """Additions on each of the `n` calendar days ending at `day` (0 when absent)."""
        return [(d, self.added.get(d, 0)) for d in (day - dt.timedelta(days=i) for i in range(n - 1, -1, -1))]

    def resolve_day(self, day: dt.date | None) -> dt.date:
        """The asked date, or the last date in the file; DataError if it is not there."""
        if day is None:
            return self.days[-1]
        if day not in self.added:
            raise DataError(
                self.file,
                f"no data for {day.isoformat()} (the file covers "
                f"{self.days[0].isoformat()} to {self.days[-1].isoformat()})",
            )
        return day


def parse_day(text: str) -> dt.date:
    """A YYYY-MM-DD date; ValueError with a message for the user otherwise."""
    text = text.strip()
    try:
        if not _ISO_DATE.fullmatch(text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f'"{text}" is not a date like 2026-11-27') from None


def read_stats(path: Path) -> Stats:
    """Read and validate a stats CSV; the first bad row raises DataError (FILE:LINE)."""
    added: dict[dt.date, int] = defaultdict(int)
    by_unit: dict[tuple[dt.date, str], int] = defaultdict(int)
    unit_lines: dict[str, str] = {}
    for row in read_rows(path, required=("date", "unit", "count")):
        row.require_fit()
        try:
            day = parse_day(row.get("date"))
        except ValueError as exc:
            raise DataError(row.where, f"date {exc}") from None
        unit = row.get("unit")
        if not unit:
            raise DataError(row.where, "empty unit")
        raw = row.get("count").replace(".", "").replace(" ", "")
        if not raw.lstrip("-").isdigit():
            raise DataError(row.where, f'count "{row.get("count")}" is not a whole number')
        count = int(raw)
        if count < 0:
            raise DataError(row.where, f"count {count} is negative")
        added[day] += count
        by_unit[(day, unit)] += count
        unit_lines.setdefault(unit, row.where)
    if not added:
        raise DataError(f"{display_path(path)}:2", "no data rows (expected date,unit,count rows)")
    return Stats(display_path(path), tuple(sorted(added)), dict(added), dict(by_unit), unit_lines)


def format_number(n: int) -> str:
    """Vietnamese thousands separator: 523418 -> "523.418"."""
    return f"{n:,}".replace(",", ".")


def format_percent(fraction: float, digits: int = 1) -> str:
    """Vietnamese decimal comma: 0.5234 -> "52,3%"."""
    return f"{fraction * 100:.{digits}f}".replace(".", ",") + "%"


def format_date(day: dt.date) -> str:
    """27/11/2026."""
    return day.strftime("%d/%m/%Y")


WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


def format_weekday(day: dt.date) -> str:
    """thứ Sáu."""
    return WEEKDAYS[day.weekday()]


def format_datetime(moment: dt.datetime) -> str:
    """19:30, thứ Sáu, 26/06/2026."""
    return f"{moment:%H:%M}, {format_weekday(moment.date())}, {format_date(moment.date())}"
