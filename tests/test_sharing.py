"""Sharing sizes: Open Graph images, the counter in ad slots, absolute counter snippets."""

from __future__ import annotations

import re

from assets_gen.batch.jobs import Job
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.kinds.counter import CounterOptions
from assets_gen.layout.sizes import SIZES
from assets_gen.render.banner import banner_sizes


def test_og_and_half_page_are_registered_banner_sizes():
    assert (SIZES["og"].width, SIZES["og"].height) == (1200, 630)
    assert (SIZES["half-page"].width, SIZES["half-page"].height) == (300, 600)
    names = {s.name for s in banner_sizes()}
    assert {"og", "half-page"} <= names  # so the portal and every unit get one


def test_the_counter_in_every_ad_slot_with_absolute_addresses(kit):
    opts = CounterOptions(base_url="https://baolaodong.vn/sangkien/")
    jobs = [j for j in KINDS["counter"].plan(PlanContext(kit=kit, units=[]), opts) if isinstance(j, Job)]
    assert [(j.size, j.path) for j in jobs] == [
        ("counter", "campaign/stats/counter.svg"),
        ("rectangle", "campaign/stats/counter-rectangle.svg"),
        ("half-page", "campaign/stats/counter-half-page.svg"),
        ("leaderboard", "campaign/stats/counter-leaderboard.svg"),
    ]
    for job in jobs:
        done = KINDS["counter"].render(kit, job)
        files = {f.path.rsplit("/", 1)[-1]: f.data for f in done.files}
        stem = job.path.rsplit("/", 1)[-1].removesuffix(".svg")
        svg = files[f"{stem}.svg"].decode()
        assert f'viewBox="0 0 {done.width} {done.height}"' in svg and "523.418" in svg
        for forbidden in ("<text", "<image", "<script", "href="):
            assert forbidden not in svg
        snippet = files[f"{stem}.html"].decode()
        assert f'src="https://baolaodong.vn/sangkien/{stem}.svg"' in snippet
        assert f'width="{done.width}" height="{done.height}"' in snippet
        if job.size != "counter":
            assert (done.width, done.height) == (SIZES[job.size].width, SIZES[job.size].height)


def test_base_url_must_be_a_web_address(tmp_path):
    from tests.test_cli import run

    code, _, err = run("stats", "--base-url", "baolaodong.vn", "--out", str(tmp_path))
    assert code == 2 and "is not a web address" in err
    assert re.search(r"--base-url", err)
