"""Daily counts of initiatives: stats/*.csv with columns date,unit,count.

The newspaper shows the running total every day, so the reader is strict about dates
and counts (errors name FILE:LINE) and the numbers are formatted the Vietnamese way.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from assets_gen.brand.csvdata import read_rows
from assets_gen.brand.units import Unit
from assets_gen.errors import DataError, DataWarning, display_path
from assets_gen.layout.text import normalize

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
    unknown: tuple[str, ...] = ()
    """Units the units file lacks, by the name their rows give (keys of by_unit too)."""
    warnings: tuple[DataWarning, ...] = ()
    """One per unknown unit, naming its first line: counted, but worth a look."""

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
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f'"{text[:40]}" is not a date like 2026-11-27') from None
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f'"{text}" is out of range (years {FIRST_YEAR} to {LAST_YEAR})')
    return day


FIRST_YEAR, LAST_YEAR = 1970, 2200  # a campaign's days; a month of history before stays valid


MAX_REPORTED = 100
"""Bad lines reported one by one; beyond this, one line gives the count."""


def unit_key(text: str) -> str:
    """What a unit reference is matched by: NFC, case- and space-insensitive
    ("LĐLĐ  tp. Hà Nội" and "LĐLĐ TP. Hà Nội" are the same unit)."""
    return "".join(unicodedata.normalize("NFC", text).casefold().split())


class UnitIndex:
    """Units found by slug, name or short name, as portal exports name them."""

    def __init__(self, units: Iterable[Unit]) -> None:
        self.by_key: dict[str, set[str]] = defaultdict(set)
        self.names: dict[str, str] = {}
        for unit in units:
            self.names[unit.slug] = unit.name
            for text in (unit.slug, unit.name, unit.short_name):
                self.by_key[unit_key(text)].add(unit.slug)

    def find(self, text: str) -> str | None:
        """The slug `text` names; None when no unit has it; ValueError when it names
        two units (a short name two units share)."""
        found = self.by_key.get(unit_key(text), set())
        if len(found) > 1:
            names = ", ".join(f'"{self.names[s]}"' for s in sorted(found))
            raise ValueError(f'unit "{text}" names {len(found)} units ({names}): use the slug')
        return next(iter(found), None)


class StatsErrors(DataError):
    """Every bad line of a statistics file (the first names where; `errors` has them all
    up to MAX_REPORTED, `count` how many there were)."""

    def __init__(self, errors: list[DataError], count: int) -> None:
        more = f" (and {count - 1} more bad line{'s' if count > 2 else ''})" if count > 1 else ""
        super().__init__(errors[0].where, errors[0].what + more)
        self.errors = errors
        self.count = count

    def __reduce__(self):
        return (type(self), (self.errors, self.count))

    def lines(self) -> list[DataError]:
        """One error per bad line, up to MAX_REPORTED, then one with the count of the rest."""
        shown = list(self.errors[:MAX_REPORTED])
        if self.count > len(shown):
            file = (shown[-1].where or "").rsplit(":", 1)[0]
            rest = self.count - len(shown)
            shown.append(DataError(file, f"{rest} more bad line{'s' if rest > 1 else ''} not shown"))
        return shown


MAX_COUNT_DIGITS = 12  # a trillion initiatives is already absurd


def _parse_count(text: str) -> int:
    """1500 or, written the Vietnamese way, 1.500 (or 1 500); "1.5" is not a count."""
    raw = text.strip()
    if len(raw) > MAX_COUNT_DIGITS + 4:
        raise ValueError(f'count "{raw[:20]}..." is {len(raw)} characters long: not a plausible count')
    if raw.startswith("-") and _COUNT.fullmatch(raw[1:]):
        raise ValueError(f"count {raw} is negative")
    if not _COUNT.fullmatch(raw):
        raise ValueError(f'count "{raw}" is not a whole number (write 1500 or 1.500; "1.5" is not a count)')
    digits = re.sub(r"[. ]", "", raw)
    if len(digits) > MAX_COUNT_DIGITS:
        raise ValueError(f'count "{raw}" has more than {MAX_COUNT_DIGITS} digits: not a plausible count')
    return int(digits)


_COUNT = re.compile(r"\d+|\d{1,3}(?:\.\d{3})+|\d{1,3}(?: \d{3})+", re.ASCII)


def read_stats(path: Path, units: Iterable[Unit] | None = None) -> Stats:
    """Read and validate a stats CSV, checking every row. The `unit` column is matched
    against `units` by slug, name or short name (unit_key); a unit they lack still counts
    in the national total, under the name the row gives, with a warning. Any bad line
    raises StatsErrors listing them all (FILE:LINE each)."""
    index = UnitIndex(units) if units is not None else None
    added: dict[dt.date, int] = defaultdict(int)
    by_unit: dict[tuple[dt.date, str], int] = defaultdict(int)
    unit_lines: dict[str, str] = {}
    unknown: dict[str, str] = {}
    unknown_rows: dict[str, int] = defaultdict(int)
    errors: list[DataError] = []
    count_errors = 0

    def bad(where: str, what: str) -> None:
        nonlocal count_errors
        count_errors += 1
        if len(errors) < MAX_REPORTED:
            errors.append(DataError(where, what))

    for row in read_rows(path, required=("date", "unit", "count")):
        try:
            row.require_fit()
        except DataError as err:
            bad(err.where or row.where, err.what)
            continue
        try:
            day = parse_day(row.get("date"))
        except ValueError as exc:
            bad(row.where, f"date {exc}")
            continue
        given = normalize(row.get("unit"))
        if not given:
            bad(row.where, "empty unit")
            continue
        try:
            count = _parse_count(row.get("count"))
        except ValueError as exc:
            bad(row.where, str(exc))
            continue
        try:
            slug = index.find(given) if index is not None else given
        except ValueError as exc:
            bad(row.where, str(exc))
            continue
        if slug is None:  # not in the units file: counted under the name it gives
            slug = unknown.setdefault(unit_key(given), given)
            unknown_rows[slug] += 1
        added[day] += count
        by_unit[(day, slug)] += count
        unit_lines.setdefault(slug, row.where)
    if count_errors:
        raise StatsErrors(errors, count_errors)
    if not added:
        raise DataError(f"{display_path(path)}:2", "no data rows (expected date,unit,count rows)")
    warnings = tuple(
        DataWarning(
            unit_lines[name],
            f'unit "{name}" is not in the units file: {_rows(unknown_rows[name])} counted in the '
            f"national total under that name",
        )
        for name in unknown.values()
    )
    return Stats(
        display_path(path),
        tuple(sorted(added)),
        dict(added),
        dict(by_unit),
        unit_lines,
        unknown=tuple(unknown.values()),
        warnings=warnings,
    )


def _rows(rows: int) -> str:
    return f"its {rows} rows" if rows > 1 else "its row"


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
