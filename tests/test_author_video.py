""" "Mỗi ngày 1 sáng kiến" author videos: the day's author, the face kept in frame, holds."""

from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from assets_gen.batch.jobs import Job
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.kinds.author_video import AuthorVideoOptions, author_of_day
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.brand.authors import Author, read_authors
from assets_gen.brand.units import read_units
from assets_gen.video.author import build_author
from assets_gen.video.captions import captions
from assets_gen.video.formats import get_aspect
from assets_gen.video.kenburns import MARGIN, crop_at, crops, find_face


@pytest.fixture(scope="module")
def authors(kit) -> list[Author]:
    units = {u.slug: u for u in read_units(kit.data.units, kit)}
    return [a for a in read_authors(kit.data.authors, units) if isinstance(a, Author)]


def plan(kit, **options) -> list[Job]:
    ctx = PlanContext(kit=kit, units=[])
    return [j for j in KINDS["author-video"].plan(ctx, AuthorVideoOptions(**options)) if isinstance(j, Job)]


def test_every_author_without_a_date_one_author_a_day_with_one(kit, authors):
    assert len(plan(kit)) == 2 * len(authors)
    picked = []
    for offset in range(len(authors)):
        jobs = plan(kit, day=dt.date(2026, 12, 1) + dt.timedelta(days=offset))
        assert sorted(j.size for j in jobs) == ["video-1x1", "video-9x16"]
        picked.append({j.p["author"] for j in jobs}.pop())
    assert len(set(picked)) == len(authors)  # five days, five authors
    assert plan(kit, day=dt.date(2026, 12, 3)) == plan(kit, day=dt.date(2026, 12, 3))  # stable
    assert author_of_day(5, dt.date(2026, 12, 3)) == dt.date(2026, 12, 3).toordinal() % 5


def test_the_sample_portraits_have_a_face_found(authors):
    with_photo = [a for a in authors if a.photo is not None]
    assert with_photo
    for author in with_photo:
        assert find_face(author.photo, author.photo.stat().st_mtime_ns) is not None, author.photo


@given(
    pw=st.integers(300, 3000),
    ph=st.integers(300, 3000),
    fx=st.floats(0, 1),
    fy=st.floats(0, 1),
    fs=st.floats(0.05, 0.4),
    aspect=st.sampled_from([952 / 704, 457 / 822, 1.0]),
    p=st.floats(0, 1),
)
def test_every_crop_of_the_move_stays_in_the_photo_and_keeps_the_face(pw, ph, fx, fy, fs, aspect, p):
    side = fs * min(pw, ph)
    x0, y0 = fx * (pw - side), fy * (ph - side)
    face = (x0, y0, x0 + side, y0 + side)
    first, last = crops((pw, ph), aspect, face)
    cx0, cy0, cx1, cy1 = crop_at(first, last, p)
    assert cx0 >= -1e-6 and cy0 >= -1e-6 and cx1 <= pw + 1e-6 and cy1 <= ph + 1e-6
    assert abs((cx1 - cx0) / (cy1 - cy0) - aspect) < 1e-6
    margin = MARGIN * side
    room_w, room_h = cx1 - cx0, cy1 - cy0
    if room_w >= side + 2 * margin and room_h >= side + 2 * margin:  # the face fits with its margin
        assert cx0 <= face[0] + 1e-6 and face[2] <= cx1 + 1e-6
        assert cy0 <= face[1] + 1e-6 and face[3] <= cy1 + 1e-6


def test_every_sample_author_fits_both_aspects(kit, authors):
    for author in authors:  # the longest unit name in a 1:1 column, a monogram for no photo
        for aspect in ("9:16", "1:1"):
            build_author(kit, get_aspect(aspect), author)


@pytest.mark.parametrize("aspect", ["9:16", "1:1"])
def test_messages_and_end_card_hold_still_and_are_captioned(kit, authors, aspect):
    author = authors[0]
    video = build_author(kit, get_aspect(aspect), author)
    assert 15.0 <= video.duration <= 20.0
    comp = video.compositor()

    def text_pixels(t: float) -> np.ndarray:
        """The frame outside the moving photo."""
        frame = comp.render(t).copy()
        x, y, w, h = next(e for e in video.elements if hasattr(e, "first")).box
        frame[y : y + h, x : x + w] = 0
        return frame

    for start, hold in ((1.4, 1.5), (6.5, 1.5), (11.3, 1.5), (14.5, 2.5)):
        assert np.array_equal(text_pixels(start), text_pixels(start + hold)), (start, hold)
    text = " ".join(c.text for c in captions(video))
    for words in (author.name, author.title, author.benefit, author.quote, "sangkien.congdoan.vn"):
        assert words.replace(" ", "") in text.replace("\u00a0", " ").replace(" ", ""), words


@pytest.mark.slow
def test_build_with_a_date_makes_that_days_video_and_its_captions(kit, tmp_path):
    out = tmp_path / "out"
    day = dt.date(2026, 12, 3)
    result = run_build(
        kit,
        BuildOptions(
            out=out,
            only=["author-video", "captions"],
            sizes={"video-1x1"},
            jobs=2,
            kind_options={"author-video": AuthorVideoOptions(day=day)},
        ),
    )
    assert result.failed == 0, [str(e) for e in result.errors]
    assets = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["assets"]
    [videos] = [[e for e in assets if e["kind"] == "author-video"]]
    assert len(videos) == 1 and videos[0]["date"] == day.isoformat()
    entry = videos[0]
    assert 15.0 <= entry["duration"] <= 20.0 and (entry["width"], entry["height"]) == (1080, 1080)
    stem = entry["path"].removesuffix(".mp4")
    assert (out / f"{stem}.png").is_file()
    caption = [e for e in assets if e["kind"] == "captions" and e["path"] == f"{stem}.vi.vtt"]
    assert caption and (out / f"{stem}.vi_VN.srt").is_file()
    # The next day's run makes the next author's video and leaves the day before's alone
    # (a daily run owns only its day's video and captions).
    following = BuildOptions(
        out=out,
        only=["author-video", "captions"],
        sizes={"video-1x1"},
        jobs=2,
        kind_options={"author-video": AuthorVideoOptions(day=day + dt.timedelta(days=1))},
    )
    result = run_build(kit, following)
    assert (result.rendered, result.failed) == (2, 0), [str(e) for e in result.errors]
    assets = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["assets"]
    videos = sorted((e["date"], e["path"]) for e in assets if e["kind"] == "author-video")
    assert [d for d, _ in videos] == [day.isoformat(), (day + dt.timedelta(days=1)).isoformat()]
    assert videos[0][1] == entry["path"] != videos[1][1]
    for _, path in videos:
        stem = path.removesuffix(".mp4")
        for suffix in (".mp4", ".png", ".vi.vtt", ".vi_VN.srt"):
            assert (out / f"{stem}{suffix}").is_file(), (stem, suffix)
