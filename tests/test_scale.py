"""Builds of any size: a streamed plan with a bounded buffer, manifest entries on disk,
a manifest read and written line by line, and a contact sheet that paginates."""

from __future__ import annotations

import json
import re
import sys
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import pytest

from assets_gen.batch import kinds as kinds_module
from assets_gen.batch.contact_sheet import write_contact_sheet
from assets_gen.batch.families import stream_chunks
from assets_gen.batch.jobs import Job, OutFile, Rendered
from assets_gen.batch.kinds.base import Kind
from assets_gen.batch.manifest import load_manifest, read_manifest
from assets_gen.batch.progress import Progress
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.batch.store import STORE
from tests.kits import write_units


@dataclass(frozen=True)
class TinyOptions:
    count: int = 0


def tiny(count: int) -> dict[str, object]:
    return {"tiny": TinyOptions(count)}


@pytest.fixture
def tiny_kind(monkeypatch: pytest.MonkeyPatch):
    """A kind that plans `TinyOptions.count` jobs in three designs and renders a few bytes."""

    def plan(ctx, opts: TinyOptions):
        for i in range(opts.count):
            yield Job(
                kind="tiny",
                size="fb-post",
                path=f"u{i % 50}/asset-{i:06d}-{'abc'[i % 3]}.txt",
                params=(("i", i), ("row", "Nguyễn Văn An, Công đoàn Y tế Việt Nam " * 4)),
            )

    def render(kit, job):
        return Rendered(files=(OutFile(job.path, b"%d" % job.p["i"]),), width=1, height=1, alt="x")

    def design(job):
        return job.path[-5]

    monkeypatch.setitem(
        kinds_module.KINDS,
        "tiny",
        Kind("tiny", plan, render, ("fb-post",), TinyOptions, uses_units=False, design=design),
    )


def test_chunks_are_single_designs_and_the_buffer_is_bounded(tiny_kind):
    held = 0
    peak = 0

    def planned():
        nonlocal held, peak
        for i in range(1000):
            held += 1
            peak = max(peak, held)
            job = Job(kind="tiny", size="fb-post", path=f"u/{i}-{'abcdefg'[i * 7 % 5]}.txt")
            yield job, "k"

    seen = []
    for chunk in stream_chunks(planned(), workers=2, chunk=8, buffer=20):
        held -= len(chunk)
        assert len({j.path[-5] for j, _ in chunk}) == 1  # one design per chunk
        assert len(chunk) <= 8
        seen.extend(j.path for j, _ in chunk)
    assert peak <= 21 and sorted(seen) == sorted(f"u/{i}-{'abcdefg'[i * 7 % 5]}.txt" for i in range(1000))


def _interning() -> list[tracemalloc.Filter]:
    """Filters that leave out what pathlib's `sys.intern` calls allocate (see build_memory)."""
    found = []
    for name, module in list(sys.modules.items()):
        source = getattr(module, "__file__", None)
        if (name == "pathlib" or name.startswith("pathlib.")) and source and source.endswith(".py"):
            for number, line in enumerate(Path(source).read_text(encoding="utf-8").splitlines(), 1):
                if "sys.intern(" in line:
                    found.append(tracemalloc.Filter(False, source, lineno=number))
    return found


class MemorySampler(Progress):
    """The memory a build holds, sampled every few hundred finished assets and at the end,
    and the peak of what follows (the manifest is written then)."""

    EVERY = 500

    def __init__(self) -> None:
        super().__init__(enabled=False)
        self.filters = _interning()
        self.held = 0
        self.at_finish = 0

    def advance(self, n: int = 1) -> None:
        super().advance(n)
        if self.done % self.EVERY == 0:
            self.sample()

    def sample(self) -> None:
        snapshot = tracemalloc.take_snapshot().filter_traces(self.filters)
        self.held = max(self.held, sum(stat.size for stat in snapshot.statistics("filename")))

    def finish(self) -> None:
        super().finish()
        self.sample()
        self.at_finish = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()


def build_memory(kit, out: Path, count: int) -> tuple[int, int]:
    """(most memory held by the build, peak added while writing the manifest), in bytes.

    pathlib interns every path part; every few thousand new file names CPython gives its
    table of interned strings a new allocation (the old one is freed), sized by all the
    strings the process has interned (about 4 MB in a full test run). tracemalloc counts
    the new table, not the old: a build's figure would depend on whether that happened
    during it. So the table's allocations are left out."""
    sampler = MemorySampler()
    tracemalloc.start()
    try:
        result = run_build(
            kit, BuildOptions(out=out, only=["tiny"], jobs=1, kind_options=tiny(count)), sampler
        )
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert (result.rendered, result.failed) == (count, 0)
    return sampler.held, peak - sampler.at_finish


@pytest.mark.slow
def test_memory_does_not_grow_with_the_number_of_assets(kit, tiny_kind, tmp_path):
    small = build_memory(kit, tmp_path / "small", 10_000)
    large = build_memory(kit, tmp_path / "large", 30_000)
    # Kept in memory, 20,000 more manifest entries would take about 20 MB more.
    assert large[0] - small[0] < 1_000_000, (small, large)
    assert large[1] - small[1] < 1_000_000, (small, large)
    again = run_build(
        kit, BuildOptions(out=tmp_path / "large", only=["tiny"], jobs=1, kind_options=tiny(30_000))
    )
    assert (again.rendered, again.unchanged) == (0, 30_000)


def test_manifest_is_one_asset_per_line_and_older_layouts_still_read(kit, tiny_kind, tmp_path):
    out = tmp_path / "out"
    run_build(kit, BuildOptions(out=out, only=["tiny"], jobs=1, kind_options=tiny(30)))
    lines = (out / "manifest.json").read_text(encoding="utf-8").splitlines()
    assert lines[0].endswith('"assets": [') and lines[-2:] == ['], "errors": [', "]}"]
    assert [json.loads(line.rstrip(","))["path"] for line in lines[1:-2]] == sorted(
        f"u{i % 50}/asset-{i:06d}-{'abc'[i % 3]}.txt" for i in range(30)
    )
    data = json.loads("\n".join(lines))  # still one JSON document
    assert len(data["assets"]) == 30 and data["errors"] == []
    brand, assets = read_manifest(out)
    assert brand == kit.campaign.name and [a["path"] for a in assets] == [a["path"] for a in data["assets"]]

    # A manifest written by an older version (indented) is read whole: nothing re-rendered.
    (out / "manifest.json").write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    again = run_build(kit, BuildOptions(out=out, only=["tiny"], jobs=1, kind_options=tiny(30)))
    assert (again.rendered, again.unchanged) == (0, 30)
    assert not (out / STORE).exists()  # the working store is scratch


def test_a_store_left_by_a_killed_build_is_not_trusted(kit, tiny_kind, tmp_path):
    out = tmp_path / "out"
    run_build(kit, BuildOptions(out=out, only=["tiny"], jobs=1, kind_options=tiny(10)))
    (out / STORE).write_bytes(b"not a database")
    again = run_build(kit, BuildOptions(out=out, only=["tiny"], jobs=1, kind_options=tiny(12)))
    assert (again.rendered, again.unchanged) == (2, 10)
    assert not (out / STORE).exists()


def test_large_builds_get_an_index_of_units_with_pages(kit, tmp_path):
    units = write_units(
        tmp_path / "units.csv",
        [
            ("Liên đoàn Lao động tỉnh Cà Mau", "LĐLĐ tỉnh Cà Mau", "ca-mau"),
            ("Công đoàn Y tế Việt Nam", "CĐ Y tế", "cd-y-te"),
        ],
    )
    out = tmp_path / "out"
    opts = BuildOptions(
        out=out, only=["banner"], units_file=units, sizes={"leaderboard", "story", "fb-post"}
    )
    assert run_build(kit, opts).failed == 0
    (out / "_sheet").mkdir()
    (out / "_sheet" / "unit-gone.html").write_text("stale", encoding="utf-8")
    write_contact_sheet(out, load_manifest(out), single_page=5, page=2)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "<figure" not in index  # only the list of units
    links = re.findall(r"<a href='(_sheet/[^']+)'", index)
    assert "_sheet/campaign.html" in links and "_sheet/unit-ca-mau-2.html" in links
    assert "Liên đoàn Lao động tỉnh Cà Mau" in index and "9 assets" in index
    pages = sorted(p.name for p in (out / "_sheet").iterdir())
    assert pages == [
        "campaign-2.html",
        "campaign.html",
        "unit-ca-mau-2.html",
        "unit-ca-mau.html",
        "unit-cd-y-te-2.html",
        "unit-cd-y-te.html",
    ]
    shown = []
    for name in pages:
        html = (out / "_sheet" / name).read_text(encoding="utf-8")
        figures = re.findall(r"<figure.*?</figure>", html)
        assert 1 <= len(figures) <= 2
        for href in re.findall(r"<a class='shot' href='([^']+)'", html):
            assert href.startswith("../") and (out / "_sheet" / href).resolve().is_file()
            shown.append(href)
        for src in re.findall(r"<img src='([^']+)'", html):
            assert (out / "_sheet" / src).resolve().is_file()
    assert len(shown) == len(set(shown)) == 9
