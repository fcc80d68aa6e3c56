"""Careless input gets one line naming the file, the line and the problem: never an
internal error, a wrong line, or a misread number."""

from __future__ import annotations

from pathlib import Path

import pytest

from assets_gen.brand.stats import StatsErrors, _parse_count, read_stats
from assets_gen.brand.units import MAX_SLUG, read_units
from assets_gen.errors import DataError
from tests.test_cli import run


def test_a_latin1_byte_is_reported_on_its_own_line(tmp_path: Path, kit) -> None:
    units = tmp_path / "units.csv"
    rows = [f"Công đoàn số {i}" for i in range(2, 600)]
    units.write_bytes(("name\n" + "\n".join(rows) + "\n").encode() + b"C\xf4ng \xf0o\xe0n\n")
    good = []
    with pytest.raises(DataError) as err:
        good.extend(read_units(units, kit))
    assert len(good) == 598
    assert err.value.where.endswith("units.csv:600")
    two = tmp_path / "two.csv"
    two.write_bytes(b"name\nH\xe0 N\xf4i\n")
    with pytest.raises(DataError) as err:
        list(read_units(two, kit))
    assert err.value.where.endswith("two.csv:2") and "not UTF-8 text" in err.value.what


@pytest.mark.parametrize(
    ("text", "count"), [("1500", 1500), ("1.500", 1500), ("1.500.000", 1500000), ("7", 7)]
)
def test_counts_plain_or_with_vietnamese_thousands(text: str, count: int) -> None:
    assert _parse_count(text) == count


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("1.5", "is not a whole number"),
        ("15.00", "is not a whole number"),
        ("1,500", "is not a whole number"),
        ("-3", "is negative"),
        ("9" * 5000, "characters long: not a plausible count"),
        ("9" * 13, "more than 12 digits"),
    ],
)
def test_counts_that_are_not_counts_are_refused(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        _parse_count(text)


def test_bad_counts_and_dates_in_a_stats_file_are_located(tmp_path: Path) -> None:
    stats = tmp_path / "stats.csv"
    stats.write_text(
        "date,unit,count\n2026-11-01,ha-noi,1.500\n2026-11-02,ha-noi,1.5\n0001-01-01,ha-noi,3\n"
        f"2026-11-03,ha-noi,{'9' * 5000}\n",
        encoding="utf-8",
    )
    with pytest.raises(StatsErrors) as caught:
        read_stats(stats)
    lines = [(e.where.rsplit(":", 1)[-1], e.what) for e in caught.value.lines()]
    assert [n for n, _ in lines] == ["3", "4", "5"]
    assert "1.5" in lines[0][1] and "out of range" in lines[1][1] and "plausible" in lines[2][1]


def test_date_out_of_range_on_the_command_line(tmp_path: Path) -> None:
    code, _, err = run("stats", "--date", "0001-01-01", "--out", str(tmp_path))
    assert code != 0
    assert "Traceback" not in err and "internal error" not in err
    assert '"0001-01-01" is out of range' in err


def test_slugs_longer_than_a_file_name_allows_are_refused_or_cut(tmp_path: Path, kit) -> None:
    units = tmp_path / "units.csv"
    long_name = " ".join(["Công đoàn cơ sở Tổng công ty Xây dựng"] * 6)
    units.write_text(f"name,slug\nMột,{'a' * 300}\n{long_name},\n", encoding="utf-8")
    err, derived = read_units(units, kit)
    assert isinstance(err, DataError) and err.where.endswith("units.csv:2")
    assert f"at most {MAX_SLUG}" in err.what
    assert len(derived.slug) <= MAX_SLUG and not derived.slug.endswith("-")
    assert derived.slug.startswith("cong-doan-co-so-tong-cong-ty-xay-dung")
