"""Card renderers: exact sizes, everything inside the safe area (also with the longest
names), QR codes where the card says they are, and golden images."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import zxingcpp

from assets_gen.brand.authors import Author
from assets_gen.brand.events import Event, Guest, event_files, load_event
from assets_gen.brand.guides import load_guides
from assets_gen.brand.stats import read_stats
from assets_gen.brand.units import read_units
from assets_gen.render import event, leaderboard, spotlight, stats_card, steps
from assets_gen.render.card import initial

LONGEST_UNIT = "Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam"
PHOTO = Path(__file__).resolve().parent.parent / "brand" / "photos" / "astronaut.jpg"


def overlap(a, b) -> float:
    """Area two boxes share."""
    return max(0.0, min(a.right, b.right) - max(a.x, b.x)) * max(0.0, min(a.bottom, b.bottom) - max(a.y, b.y))


def check_geometry(card, name: str) -> None:
    """Exact size; everything important inside the safe area; nothing drawn over anything
    else (a text inside a pill or a QR code inside its panel is fine, a half-covered one is not)."""
    size = card.size
    assert card.image.size == (size.width, size.height), name
    assert card.placed, name
    for what, box in card.placed:
        assert size.safe.contains(box), f"{name}: {what} {box} leaves the safe area {size.safe}"
    for i, (what, box) in enumerate(card.placed):
        for other, obox in card.placed[i + 1 :]:
            if not (box.contains(obox) or obox.contains(box)):
                assert overlap(box, obox) == 0, f"{name}: {what} {box} overlaps {other} {obox}"
        for panel in card.panels:
            assert panel.contains(box) or overlap(panel, box) == 0, f"{name}: {what} {box} half under {panel}"


def check_qr(card, expected: list[str], name: str) -> None:
    assert sorted(d for d, _ in card.qr_codes) == sorted(expected), name
    for data, box in card.qr_codes:
        crop = card.finish().crop(box.rounded())
        assert [r.text for r in zxingcpp.read_barcodes(crop)] == [data], f"{name}: QR at {box}"


@pytest.fixture(scope="module")
def units(kit):
    return {u.slug: u for u in read_units(kit.data.units, kit)}


@pytest.fixture(scope="module")
def figures(kit):
    stats = read_stats(kit.data.stats)
    return stats, stats_card.daily_figures(stats, stats.days[-1], kit.campaign.goal)


def long_author(photo: Path | None) -> Author:
    return Author(
        name="Nguyễn Huỳnh Thị Phương Thảo Tôn Nữ Khánh Linh",
        unit_slug="cd-tkv",
        unit_name=LONGEST_UNIT,
        title="Hệ thống giám sát, cảnh báo sớm nồng độ khí mê-tan và tự động ngắt điện thiết bị "
        "trong lò chợ bằng cảm biến chế tạo trong nước",
        id="long",
        role="Phó Quản đốc phụ trách cơ điện, Phân xưởng Khai thác than hầm lò số 8",
        benefit="làm lợi 12,75 tỷ đồng mỗi năm cho doanh nghiệp",
        quote="Sáng kiến quý nhất là sáng kiến giữ an toàn cho anh em dưới lò, để ai đi làm cũng "
        "được trở về với gia đình.",
        photo=photo,
    )


def test_guide_pages_and_summaries(kit):
    for guide in load_guides(kit):
        pages = steps.carousel(guide)
        assert [p.kind for p in pages] == ["cover", "steps", "steps", "steps", "end"]
        assert [p.steps for p in pages[1:4]] == [(0, 1), (2, 3), (4,)]
        for i, page in enumerate(pages):
            card = steps.render_page(kit, guide, i)
            check_geometry(card, f"{guide.slug} page {i + 1}")
            assert "page counter" in [w for w, _ in card.placed], "page counter"
            check_qr(card, [kit.links.portal] if page.kind == "end" else [], f"{guide.slug} page {i + 1}")
        for size in steps.SUMMARY_SIZES:
            card = steps.render_summary(kit, guide, size)
            check_geometry(card, f"{guide.slug} {size}")
            check_qr(card, [kit.links.portal], f"{guide.slug} {size}")


def test_stats_and_leaderboard(kit, figures, units):
    stats, fig = figures
    assert (fig.total, fig.added, len(fig.series)) == (523_418, stats.added[stats.days[-1]], 30)
    for size in stats_card.SIZES:
        check_geometry(stats_card.render_stats(kit, fig, size), f"stats {size}")
    entries = leaderboard.leaderboard_entries(stats, fig.day, units)
    assert [e.total for e in entries] == sorted((e.total for e in entries), reverse=True)
    for size in leaderboard.SIZES:
        check_geometry(leaderboard.render_leaderboard(kit, fig.day, entries, size), f"leaderboard {size}")


@pytest.mark.parametrize("photo", [PHOTO, None], ids=["photo", "initial"])
def test_spotlight_takes_long_names(kit, photo):
    author = long_author(photo)
    for size in spotlight.SIZES:
        card = spotlight.render_spotlight(kit, author, size)
        check_geometry(card, f"spotlight {size}")
        check_qr(card, [], "spotlight")


def test_event_posters(kit):
    for path in event_files(kit):
        ev = load_event(kit, path)
        for size in event.SIZES:
            card = event.render_event(kit, ev, size)
            check_geometry(card, f"{ev.slug} {size}")
            check_qr(card, [ev.livestream], f"{ev.slug} {size}")


def test_event_poster_with_four_guests_and_none(kit):
    base = load_event(kit, event_files(kit)[0])
    guests = (*base.guests, Guest("Hoàng Thị Ngọc Ánh", "Người dẫn chương trình", None))
    for variant in (guests, ()):
        ev = Event(**{**base.__dict__, "guests": variant, "livestream": "https://example.vn/live/q4"})
        for size in event.SIZES:
            card = event.render_event(kit, ev, size)
            check_geometry(card, f"{len(variant)} guests {size}")
            names = [w for w, _ in card.placed if w == "guest name"]
            assert len(names) == len(variant), f"{size}: every guest is on the poster"
            check_qr(card, ["https://example.vn/live/q4"], f"{len(variant)} guests {size}")


def test_initials_use_the_given_name():
    assert initial("Nguyễn Thị Thu Hằng") == "H"
    assert initial("TS. Lê Quang Minh") == "M"
    assert initial("đặng minh ngọc") == "N"


def test_goldens(kit, golden, figures, units):
    stats, fig = figures
    guide = load_guides(kit)[0]
    ev = load_event(kit, event_files(kit)[0])
    cards = {
        "steps-page-2": steps.render_page(kit, guide, 1),
        "steps-summary-story": steps.render_summary(kit, guide, "story"),
        "stats-fb-post": stats_card.render_stats(kit, fig, "fb-post"),
        "leaderboard-fb-portrait": leaderboard.render_leaderboard(
            kit, fig.day, leaderboard.leaderboard_entries(stats, fig.day, units), "fb-portrait"
        ),
        "spotlight-fb-post": spotlight.render_spotlight(kit, long_author(PHOTO), "fb-post"),
        "spotlight-story-longest": spotlight.render_spotlight(kit, long_author(PHOTO), "story"),
        "event-fb-event": event.render_event(kit, ev, "fb-event"),
        "event-story-no-guests": event.render_event(kit, Event(**{**ev.__dict__, "guests": ()}), "story"),
    }
    for name, card in cards.items():
        image = card.finish()
        golden(image.resize((image.width // 2, image.height // 2)), name)


def test_dates_in_the_figures_are_dates(figures):
    _, fig = figures
    again = stats_card.DailyFigures.from_params(fig.params())
    assert again == fig
    assert isinstance(again.series[0][0], dt.date)
