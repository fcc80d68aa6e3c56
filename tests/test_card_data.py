"""The cards' data: stats, authors, events and guides, read strictly with FILE:LINE errors."""

from __future__ import annotations

import datetime as dt
import itertools
import shutil
from pathlib import Path

import pytest

from assets_gen.brand.authors import Author, read_authors
from assets_gen.brand.events import load_event
from assets_gen.brand.guides import load_guides
from assets_gen.brand.lint import lint_kit
from assets_gen.brand.stats import format_datetime, format_number, format_percent, read_stats
from assets_gen.brand.units import read_units
from assets_gen.errors import DataError


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("body", "line", "reason"),
    [
        ("date,unit,count\n2026-11-01,ha-noi,5\n27/11/2026,ha-noi,5\n", 3, 'date "27/11/2026" is not a date'),
        ("date,unit,count\n2026-02-30,ha-noi,5\n", 2, 'date "2026-02-30" is not a date'),
        ("date,unit,count\n2026-11-01,ha-noi,-4\n", 2, "count -4 is negative"),
        ("date,unit,count\n2026-11-01,ha-noi,nhiều\n", 2, 'count "nhiều" is not a whole number'),
        ("date,unit,count\n2026-11-01,ha-noi,1,234\n", 2, "4 values for 3 columns"),
        ("date,unit,count\n", 2, "no data rows"),
        ("", 1, "the file is empty"),
    ],
)
def test_stats_errors_name_file_and_line(tmp_path, body, line, reason):
    path = write(tmp_path / "s.csv", body)
    with pytest.raises(DataError) as info:
        read_stats(path)
    assert info.value.where.endswith(f"s.csv:{line}")
    assert reason in info.value.what


def test_stats_unknown_date_and_thousands(tmp_path):
    path = write(tmp_path / "s.csv", "date,unit,count\n2026-11-01,ha-noi,1.234\n2026-11-02,hue,6\n")
    stats = read_stats(path)
    assert stats.total(dt.date(2026, 11, 2)) == 1240
    assert stats.resolve_day(None) == dt.date(2026, 11, 2)
    with pytest.raises(DataError, match="no data for 2026-12-01"):
        stats.resolve_day(dt.date(2026, 12, 1))


def test_sample_stats_cover_every_unit_for_60_days(kit):
    stats = read_stats(kit.data.stats)
    units = {u.slug for u in read_units(kit.data.units, kit)}
    assert set(stats.unit_lines) == units and len(units) == 41
    assert len(stats.days) >= 60
    assert (stats.days[-1] - stats.days[0]).days + 1 == len(stats.days)


def test_vietnamese_formats():
    assert format_number(523418) == "523.418"
    assert format_percent(0.523418) == "52,3%"
    assert format_datetime(dt.datetime(2026, 6, 26, 19, 30)) == "19:30, thứ Sáu, 26/06/2026"


def test_authors_row_errors(tmp_path, kit):
    units = {u.slug: u for u in read_units(kit.data.units, kit)}
    shutil.copy(kit.data.authors.parent / "photos" / "camera.png", tmp_path / "ok.png")
    path = write(
        tmp_path / "a.csv",
        "name,unit,title,benefit,photo\n"
        "An,ha-noi,Sáng kiến A,,ok.png\n"
        "Bình,ha-noi,Sáng kiến B,,thieu.jpg\n"
        "Chi,khong-co,Sáng kiến C,,\n"
        ",ha-noi,Sáng kiến D,,\n"
        "Dũng,ha-noi,Sáng kiến E,làm lợi 2,3 tỷ đồng,ok.png\n"
        "An,ha-noi,Sáng kiến F,,\n"
        "Giang,Công ty Than Hà Tu,Sáng kiến G,,\n",
    )
    items = list(read_authors(path, units))
    assert isinstance(items[0], Author) and items[0].photo == (tmp_path / "ok.png")
    errors = [(e.where.rsplit(":", 1)[1], e.what) for e in items if isinstance(e, DataError)]
    assert errors[0] == ("3", f'photo "thieu.jpg" not found (paths are relative to {tmp_path})')
    assert errors[1][0] == "4" and 'unknown unit "khong-co"' in errors[1][1]
    assert errors[2] == ("5", "empty name")
    assert errors[3][0] == "6" and "must be in double quotes" in errors[3][1]
    assert errors[4][0] == "7" and "same file name as line 2" in errors[4][1]
    last = items[-1]
    assert (
        isinstance(last, Author)
        and last.unit_name == "Công ty Than Hà Tu"
        and last.unit_slug == "cong-ty-than-ha-tu"
    )


def test_authors_are_read_as_a_stream(tmp_path, kit):
    """Rows come before the rest of the file is read: a damaged tail does not stop them."""
    path = tmp_path / "a.csv"
    good = "".join(f"Tác giả {i},LĐLĐ Hà Nội,Sáng kiến số {i}\n" for i in range(5000))
    head = "name,unit,title\nAn,LĐLĐ Hà Nội,A\nBình,LĐLĐ Hà Nội,B\n"
    path.write_bytes(f"{head}{good}".encode() + b"\xff\xfe broken\n")
    rows = read_authors(path, {})
    first_two = list(itertools.islice(rows, 2))
    assert [a.name for a in first_two] == ["An", "Bình"]
    with pytest.raises(DataError, match="not UTF-8"):
        list(rows)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("start = 2026-12-18T19:30:00", 'start = "18/12/2026"'), "start: '18/12/2026' is not a local date"),
        (('livestream = "https://', 'livestream = "www.'), "livestream: "),
        (('format = "Trực tuyến"', 'format = "Trực tuyến"\nplace = "Hà Nội"'), "place: unknown key"),
        (
            ('photo = "photos/camera.png"', 'photo = "photos/khong-co.png"'),
            'guests[0].photo: file "photos/khong-co.png"',
        ),
    ],
)
def test_event_errors(tmp_path, kit, change, message):
    source = next(kit.data.events.glob("*.toml")).read_text(encoding="utf-8")
    assert change[0] in source
    path = write(tmp_path / "e.toml", source.replace(change[0], change[1]))
    with pytest.raises(DataError) as info:
        load_event(kit, path)
    assert info.value.where.endswith("e.toml") and message in info.value.what


def test_guides_load_with_icons(kit):
    guides = load_guides(kit)
    assert [g.slug for g in guides] == ["1-gui-sang-kien", "2-xet-duyet"]
    assert all(len(g.steps) == 5 and all(s.icon.is_file() for s in g.steps) for g in guides)


def test_check_reports_bad_card_data(tmp_path, kit):
    from assets_gen.brand import load_kit

    kit_dir = tmp_path / "brand"
    shutil.copytree(kit.dir, kit_dir)
    assert lint_kit(load_kit(kit_dir)) == []
    with open(kit_dir / "authors.csv", "a", encoding="utf-8") as handle:
        handle.write("Lan,khong-co,,Sáng kiến,,,\n")
    stats = kit_dir / "stats.csv"
    stats.write_text(stats.read_text(encoding="utf-8") + "2026-11-28,ha-noi,x\n", encoding="utf-8")
    guide = kit_dir / "content" / "1-gui-sang-kien.toml"
    guide.write_text(
        guide.read_text(encoding="utf-8").replace('icon = "globe"', 'icon = "khong-co"'), "utf-8"
    )
    problems = lint_kit(load_kit(kit_dir))
    assert any("authors.csv:7" in p and "khong-co" in p for p in problems)
    assert any("stats.csv:3610" in p and 'count "x"' in p for p in problems)
    assert any("1-gui-sang-kien.toml" in p and 'no icon "khong-co"' in p for p in problems)
