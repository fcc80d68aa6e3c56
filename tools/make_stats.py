"""Write the default kit's sample statistics: brand/stats.csv (date,unit,count).

Why a script: the sample must be plausible (bigger federations count more, weekdays more
than weekends, the campaign gathers pace) and reproducible, so it is generated from a
fixed seed and scaled to end on a known running total. Re-run it after changing the
units: python tools/make_stats.py brand
"""

from __future__ import annotations

import csv
import datetime as dt
import math
import random
import sys
from pathlib import Path

START = dt.date(2026, 9, 1)  # campaign launch, the day before National Day
END = dt.date(2026, 11, 27)
TOTAL = 523_418  # running total on END
SEED = 2026

# Relative size of each unit's membership and industry; others default to 0.3.
WEIGHTS = {
    "ho-chi-minh": 1.35,
    "ha-noi": 1.1,
    "hai-phong": 0.62,
    "dong-nai": 0.6,
    "bac-ninh": 0.58,
    "cd-tkv": 0.5,
    "cd-giao-duc": 0.52,
    "thanh-hoa": 0.5,
    "nghe-an": 0.46,
    "quang-ninh": 0.45,
    "cd-dien-luc": 0.44,
    "thai-nguyen": 0.42,
    "hung-yen": 0.4,
    "da-nang": 0.4,
    "can-tho": 0.36,
    "tay-ninh": 0.36,
    "phu-tho": 0.35,
    "cd-y-te": 0.34,
    "ninh-binh": 0.33,
    "cd-dau-khi": 0.3,
    "khanh-hoa": 0.3,
    "an-giang": 0.3,
    "cd-ngan-hang": 0.26,
    "lam-dong": 0.26,
    "gia-lai": 0.25,
    "dak-lak": 0.25,
    "quang-ngai": 0.24,
    "vinh-long": 0.24,
    "dong-thap": 0.23,
    "hue": 0.22,
    "ha-tinh": 0.22,
    "quang-tri": 0.2,
    "cd-vien-chuc": 0.2,
    "lao-cai": 0.18,
    "tuyen-quang": 0.17,
    "ca-mau": 0.17,
    "son-la": 0.15,
    "lang-son": 0.14,
    "cao-bang": 0.1,
    "dien-bien": 0.1,
    "lai-chau": 0.08,
}
# Monday to Sunday: union meetings early in the week, few submissions at weekends.
WEEKDAY = (1.12, 1.08, 1.04, 1.0, 0.96, 0.55, 0.38)


def read_slugs(kit: Path) -> list[str]:
    with open(kit / "units.csv", encoding="utf-8-sig", newline="") as handle:
        return [row["slug"] for row in csv.DictReader(handle)]


def generate(slugs: list[str]) -> list[tuple[dt.date, str, int]]:
    rng = random.Random(SEED)
    days = [START + dt.timedelta(days=i) for i in range((END - START).days + 1)]
    # Each unit gets going at its own pace: some a week late, some faster.
    pace = {s: (rng.uniform(0, 9), rng.uniform(0.85, 1.15)) for s in slugs}
    raw: list[tuple[dt.date, str, float]] = []
    for i, day in enumerate(days):
        # Slow start, then steady growth (logistic), with a push in mid-October (10/10,
        # the Confederation's founding-month emulation) and before the year-end review.
        growth = 1 / (1 + math.exp(-(i - 48) / 16))
        push = 1 + 0.25 * math.exp(-(((day - dt.date(2026, 10, 12)).days) ** 2) / 18)
        national = (0.15 + growth) * push * WEEKDAY[day.weekday()]
        for slug in slugs:
            delay, speed = pace[slug]
            ramp = min(1.0, max(0.0, (i - delay) / 10)) if i < delay + 10 else 1.0
            noise = rng.lognormvariate(0, 0.18)
            raw.append((day, slug, national * WEIGHTS.get(slug, 0.3) * speed * ramp * noise))
    scale = TOTAL / sum(v for _, _, v in raw)
    # Largest-remainder rounding: whole counts that add up to TOTAL exactly.
    scaled = [(d, s, v * scale) for d, s, v in raw]
    counts = [math.floor(v) for _, _, v in scaled]
    order = sorted(range(len(scaled)), key=lambda k: scaled[k][2] - counts[k], reverse=True)
    for k in order[: TOTAL - sum(counts)]:
        counts[k] += 1
    return [(d, s, n) for (d, s, _), n in zip(scaled, counts, strict=True)]


def main(kit: Path) -> None:
    rows = generate(read_slugs(kit))
    with open(kit / "stats.csv", "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["date", "unit", "count"])
        for day, slug, count in rows:
            writer.writerow([day.isoformat(), slug, count])
    print(f"wrote {len(rows)} rows, total {sum(n for _, _, n in rows)}")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "brand"))
