"""Daily content in the build: unit cards, cluster leaderboards, and what a new day re-renders."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.brand import load_kit
from tests.kits import copy_kit

DAILY_KINDS = ["stats", "leaderboard", "counter", "unit-stats", "milestone"]
UNITS = {  # slug: cluster
    "ha-noi": "Cụm thi đua các thành phố trực thuộc Trung ương",
    "ho-chi-minh": "Cụm thi đua các thành phố trực thuộc Trung ương",
    "hue": "Cụm thi đua các thành phố trực thuộc Trung ương",
    "lai-chau": "Cụm thi đua miền núi phía Bắc",
    "dien-bien": "Cụm thi đua miền núi phía Bắc",
    "cd-tkv": "",
}


@pytest.fixture(scope="module")
def small_kit(tmp_path_factory) -> Path:
    """The default kit with six of its units (two clusters and one unit in none) and
    their rows of the sample statistics."""
    folder = copy_kit(tmp_path_factory.mktemp("daily") / "kit")
    with open(folder / "units.csv", encoding="utf-8") as handle:
        units = [row for row in csv.DictReader(handle) if row["slug"] in UNITS]
    with open(folder / "units.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["name", "short_name", "slug", "cluster"])
        writer.writerows([u["name"], u["short_name"], u["slug"], UNITS[u["slug"]]] for u in units)
    lines = (folder / "stats.csv").read_text(encoding="utf-8").splitlines()
    kept = [lines[0], *(line for line in lines[1:] if line.split(",")[1] in UNITS)]
    (folder / "stats.csv").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return folder


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


def test_unit_cards_cluster_boards_and_a_new_day(small_kit, tmp_path):
    kit = load_kit(small_kit)
    out = tmp_path / "out"
    first = run_build(kit, BuildOptions(out=out, only=DAILY_KINDS, jobs=2))
    assert first.failed == 0, [str(e) for e in first.errors]
    assets = manifest(out)["assets"]
    by_kind = {k: sorted(e["path"] for e in assets if e["kind"] == k) for k in DAILY_KINDS}
    assert by_kind["unit-stats"] == sorted(
        f"units/{slug}/unit-stats-{size}.png" for slug in UNITS for size in ("fb-post", "story")
    )
    assert by_kind["leaderboard"] == sorted(
        f"campaign/stats/{folder}leaderboard-{size}.png"
        for folder in (
            "",
            "clusters/cum-thi-dua-cac-thanh-pho-truc-thuoc-trung-uong/",
            "clusters/cum-thi-dua-mien-nui-phia-bac/",
        )
        for size in ("fb-portrait", "story")
    )
    hanoi = next(e for e in assets if e["path"] == "units/ha-noi/unit-stats-fb-post.png")
    assert hanoi["rank"] == 2 and "xếp hạng 2/6 đơn vị" in hanoi["alt"]
    assert f"tổng cộng {hanoi['total']:,}".replace(",", ".") in hanoi["alt"]
    board = next(e for e in assets if e["path"].endswith("mien-nui-phia-bac/leaderboard-story.png"))
    assert board["cluster"] == "Cụm thi đua miền núi phía Bắc"
    assert "Liên đoàn Lao động tỉnh Lai Châu" in board["alt"] and "Hà Nội" not in board["alt"]

    # A new day on which two of the six units report.
    with open(small_kit / "stats.csv", "a", encoding="utf-8") as handle:
        handle.write("2026-11-28,ha-noi,812\n2026-11-28,Liên đoàn Lao động tỉnh Lai Châu,57\n")
    again = run_build(load_kit(small_kit), BuildOptions(out=out, only=DAILY_KINDS, jobs=2))
    assert again.failed == 0, [str(e) for e in again.errors]
    # 2 national cards, 6 leaderboards, the counter in its 4 sizes, and 2 sizes for each
    # of the 2 units that reported; no milestone was crossed.
    assert again.rendered == 2 + 6 + 4 + 2 * 2
    milestones = len(by_kind["milestone"])
    assert milestones >= 2  # the six units' sample data passes 100.000 and 200.000
    assert again.unchanged == 2 * 4 + milestones
    after = {e["path"]: e for e in manifest(out)["assets"]}
    assert after["units/ha-noi/unit-stats-story.png"]["date"] == "2026-11-28"
    assert after["units/hue/unit-stats-story.png"]["date"] == "2026-11-27"


def test_milestones_name_the_first_day_and_its_leaders(kit, tmp_path):
    from assets_gen.brand.stats import read_stats
    from assets_gen.brand.units import read_units
    from assets_gen.render.milestone import milestone_alt, reached

    path = tmp_path / "s.csv"
    path.write_text(
        "date,unit,count\n2026-11-01,ha-noi,60\n2026-11-01,hue,30\n"
        "2026-11-02,hue,50\n2026-11-02,ha-noi,20\n2026-11-02,Công đoàn Khu kinh tế Dung Quất,40\n"
        "2026-11-03,ha-noi,5\n",
        encoding="utf-8",
    )
    units = {u.slug: u for u in read_units(kit.data.units, kit)}
    stats = read_stats(path, units.values())
    found = reached(stats, stats.days[-1], (100, 150, 300), units)
    assert [(m.number, m.day.day, m.total) for m in found] == [(100, 2, 200), (150, 2, 200)]
    assert [(x.short_name, x.added) for x in found[0].top] == [
        ("LĐLĐ TP. Huế", 50),
        ("Công đoàn Khu kinh tế Dung Quất", 40),
        ("LĐLĐ TP. Hà Nội", 20),
    ]
    assert reached(stats, stats.days[0], (100,), units) == []
    alt = milestone_alt(kit, found[0])
    assert "cán mốc 100 sáng kiến ngày 02/11/2026" in alt and "Liên đoàn Lao động thành phố Huế: 50" in alt
