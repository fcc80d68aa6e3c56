"""The participation counter against the real server and a real SQLite file: counts from
20 concurrent clients add up exactly, survive a restart and a kill -9, bad bodies get 4xx
JSON, and a client past 30 counts a minute gets 429."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from assets_gen.counts import DownloadCounts
from assets_gen.web.downloads import RateLimit
from tests.webtools import Server

pytestmark = pytest.mark.slow


def client(n: int) -> httpx.Client:
    """A client from its own loopback address (127.0.0.n): the server tells clients apart
    by address, as it would tell phones apart."""
    return httpx.Client(transport=httpx.HTTPTransport(local_address=f"127.0.0.{n}"), timeout=10)


def count(c: httpx.Client, url: str, unit: str = "ha-noi", style: str = "vong-tron") -> httpx.Response:
    return c.post(url + "/api/downloads", json={"unit": unit, "style": style})


def test_counts_add_up_survive_restarts_and_refuse_bad_requests(tmp_path: Path) -> None:
    db = tmp_path / "counts" / "downloads.sqlite"
    srv = Server("--workers", "1", "--db", str(db))
    try:
        url = srv.url
        units = ["ha-noi", "ho-chi-minh", "cd-y-te", ""]

        def member(i: int) -> list[int]:
            with client(10 + i) as c:
                return [
                    count(c, url, units[(i + k) % 4], "dai-bang" if k % 2 else "vong-tron").status_code
                    for k in range(25)
                ]

        with ThreadPoolExecutor(20) as pool:
            statuses = [s for batch in pool.map(member, range(20)) for s in batch]
        assert statuses == [200] * 500
        totals = httpx.get(url + "/api/downloads").json()
        assert totals["total"] == 500
        assert sum(totals["units"].values()) == 375 and set(totals["units"]) == set(units) - {""}
        # The 31st count within a minute from one client is refused; others still count.
        with client(10) as c:
            assert [count(c, url).status_code for _ in range(6)] == [200] * 5 + [429]
            refused = count(c, url)
            assert refused.status_code == 429 and refused.json()["error"]["code"] == "too_many"
        with client(99) as c:
            assert count(c, url).status_code == 200
        # Bad bodies: 4xx JSON, nothing counted.
        with client(98) as c:
            bad = [
                c.post(
                    url + "/api/downloads", content=b"x" * 2000, headers={"content-type": "application/json"}
                ),
                c.post(url + "/api/downloads", content=b"not json"),
                c.post(
                    url + "/api/downloads", json={"unit": "ha-noi", "style": "vong-tron", "photo": "AAAA"}
                ),
                c.post(url + "/api/downloads", json=["ha-noi", "vong-tron"]),
                count(c, url, unit="khong-co"),
                count(c, url, style="khong-co"),
                c.post(url + "/api/downloads", json={"unit": 5, "style": "vong-tron"}),
            ]
        assert [r.status_code for r in bad] == [413, 400, 400, 400, 422, 422, 422]
        for r in bad:
            assert r.headers["content-type"].startswith("application/json")
            assert set(r.json()["error"]) == {"code", "message_vi", "message_en"}
        assert httpx.get(url + "/api/downloads").json()["total"] == 506
        # An exported page on another host may read and post (no cookies).
        pre = httpx.options(url + "/api/downloads", headers={"Origin": "https://example.org"})
        assert pre.status_code == 204 and pre.headers["access-control-allow-origin"] == "*"
        srv.stop()
        srv = Server("--workers", "1", "--db", str(db))
        assert httpx.get(srv.url + "/api/downloads").json()["total"] == 506, "kept across a restart"
        with client(50) as c:
            assert count(c, srv.url, unit="cd-y-te").status_code == 200
        srv.process.kill()  # kill -9: no chance to close the database
        srv.process.wait()
        srv.stop()
        srv = Server("--workers", "1", "--db", str(db))
        after = httpx.get(srv.url + "/api/downloads").json()
        assert after["total"] == 507 and after["units"]["cd-y-te"] == 126
    finally:
        srv.stop()
    # Only units, styles and numbers are kept.
    store = DownloadCounts(db)
    rows = store._db.execute("SELECT * FROM downloads").fetchall()
    store.close()
    assert {len(r) for r in rows} == {3}
    assert json.dumps(rows).isascii()


def test_rate_limit_window() -> None:
    limit = RateLimit(limit=3, window=60, clients=2)
    assert [limit.allow("a", now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert limit.allow("a", now=60.5), "the first count left the window"
    limit.allow("b", now=61)
    limit.allow("c", now=61)  # "a" forgotten: only two clients are remembered
    assert limit.allow("a", now=61)
