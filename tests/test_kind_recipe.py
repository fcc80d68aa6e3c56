"""A kind added by the recipe of docs/ARCHITECTURE.md builds like the built-in ones: two
files (tests/recipe/badge_render.py, tests/recipe/badge_kind.py) and one registry line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PIL import Image

from assets_gen.batch import kinds as registry
from assets_gen.batch.check import check_kit
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.errors import AssetsGenError
from tests.recipe import badge_kind


@pytest.fixture
def with_badges(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setitem(registry.KINDS, badge_kind.KIND.name, badge_kind.KIND)  # the registry line


def test_the_new_kind_builds_with_its_options_sizes_and_checks(kit, tmp_path: Path, with_badges):
    units = tmp_path / "units.csv"
    units.write_text("name,short_name,slug\nCông đoàn Y tế Việt Nam,CĐ Y tế,y-te\n", encoding="utf-8")
    out = tmp_path / "out"
    opts = BuildOptions(
        out=out,
        only=["badge"],
        units_file=units,
        sizes={"story"},
        jobs=1,
        index=True,
        kind_options={"badge": badge_kind.BadgeOptions(greeting="Xin chào", dest="chao")},
    )
    result = run_build(kit, opts)
    assert (result.rendered, result.failed) == (2, 0), result.errors
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert sorted((a["path"], a["kind"], a["format"]) for a in manifest["assets"]) == [
        ("chao/campaign-story.png", "badge", "story"),
        ("chao/y-te-story.png", "badge", "story"),
    ]
    with Image.open(out / "chao/y-te-story.png") as im:
        assert im.size == (1080, 1920)
    assert "chao/y-te-story.png" in (out / "index.html").read_text(encoding="utf-8")
    assert run_build(kit, opts).unchanged == 2  # incremental like every kind

    # Its sizes are what --sizes selects; other names are refused.
    with pytest.raises(AssetsGenError, match="unknown size fb-cover for badge"):
        run_build(kit, BuildOptions(out=out, only=["badge"], sizes={"fb-cover"}))
    # Its check runs in `assets-gen check`, collected from the registry.
    assert check_kit(kit) == []


def test_options_of_another_kind_are_refused(kit, tmp_path: Path, with_badges):
    from assets_gen.batch.kinds.steps import StepsOptions

    with pytest.raises(TypeError, match="options of kind badge"):
        run_build(kit, BuildOptions(out=tmp_path, only=["badge"], kind_options={"badge": StepsOptions()}))
