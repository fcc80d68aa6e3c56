"""Statistics as the portal exports them: units by name, unknown units, every bad line."""

from __future__ import annotations

import json
from pathlib import Path

from assets_gen.brand.stats import MAX_REPORTED, StatsErrors, read_stats
from assets_gen.brand.units import read_units
from tests.test_cli import run

DATA = Path(__file__).parent / "data"


def test_units_by_slug_name_or_short_name_whatever_the_case_spaces_or_normal_form(kit):
    units = [u for u in read_units(kit.data.units, kit)]
    stats = read_stats(DATA / "stats-unit-names.csv", units)
    day = stats.days[-1]
    totals = stats.unit_totals(day)
    assert totals["cd-tkv"] == 1250 + 1310
    assert totals["ha-noi"] == 2310 + 2155
    assert totals["ho-chi-minh"] == 2874 + 2902
    assert totals["da-nang"] == 640
    assert totals["cd-dau-khi"] == 1004  # its line is decomposed (NFD)
    assert stats.unknown == ("Công đoàn Khu kinh tế Dung Quất",)
    assert totals["Công đoàn Khu kinh tế Dung Quất"] == 215
    assert stats.total(day) == sum(totals.values()) == 14660
    [warning] = stats.warnings
    assert warning.where.endswith("stats-unit-names.csv:6")


def test_stats_command_takes_unit_names_and_warns_of_unknown_units(tmp_path):
    out = tmp_path / "s"
    code, _, err = run("stats", "--data", str(DATA / "stats-unit-names.csv"), "--out", str(out), "-j", "1")
    assert code == 0, err
    assert (
        'warning: tests/data/stats-unit-names.csv:6: unit "Công đoàn Khu kinh tế Dung Quất" is not in '
        "the units file: its 2 rows counted in the national total under that name"
    ) in err.splitlines()
    assert "error:" not in err
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    alts = {e["path"]: e["alt"] for e in manifest["assets"]}
    assert "14.660 sáng kiến" in alts["stats-fb-post.png"]
    board = alts["leaderboard-story.png"]
    assert "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam: 2.560" in board
    assert "Công đoàn Khu kinh tế Dung Quất: 215" in board


def test_every_bad_line_is_reported_and_nothing_is_rendered(tmp_path):
    out = tmp_path / "b"
    code, _, err = run("stats", "--data", str(DATA / "stats-bad-lines.csv"), "--out", str(out), "-j", "1")
    assert code == 1
    errors = [line for line in err.splitlines() if line.startswith("error:")]
    assert errors == [
        'error: tests/data/stats-bad-lines.csv:3: date "27/11/2026" is not a date like 2026-11-27',
        "error: tests/data/stats-bad-lines.csv:4: count -40 is negative",
    ]
    assert not list(out.glob("*.png")) and not list(out.glob("counter.*"))


def test_more_than_a_hundred_bad_lines_end_with_a_count(tmp_path):
    path = tmp_path / "many.csv"
    rows = [f"2026-11-{1 + i % 28:02d},ha-noi,-{i + 1}" for i in range(250)]
    path.write_text("date,unit,count\n" + "\n".join(rows) + "\n", encoding="utf-8")
    try:
        read_stats(path)
    except StatsErrors as errors:
        lines = [str(e) for e in errors.lines()]
    else:
        raise AssertionError("no error")
    assert len(lines) == MAX_REPORTED + 1
    assert lines[0].endswith("many.csv:2: count -1 is negative")
    assert lines[99].endswith("many.csv:101: count -100 is negative")
    assert lines[-1].endswith("many.csv: 150 more bad lines not shown")


def test_a_short_name_two_units_share_asks_for_the_slug(kit, tmp_path):
    units = tmp_path / "u.csv"
    units.write_text(
        "name,short_name,slug\nCông đoàn A,CĐ Ngành,a\nCông đoàn B,CĐ Ngành,b\n", encoding="utf-8"
    )
    path = tmp_path / "s.csv"
    path.write_text("date,unit,count\n2026-11-01,cđ ngành,5\n", encoding="utf-8")
    try:
        read_stats(path, [u for u in read_units(units, kit)])
    except StatsErrors as errors:
        assert str(errors.errors[0]).endswith(
            's.csv:2: unit "cđ ngành" names 2 units ("Công đoàn A", "Công đoàn B"): use the slug'
        )
    else:
        raise AssertionError("no error")
