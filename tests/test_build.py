"""The batch build: incremental, scoped, deterministic, atomic, and honest about bad rows."""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from assets_gen.batch.kinds.banner import KIND as BANNER
from assets_gen.batch.progress import Progress
from assets_gen.batch.runner import BuildOptions, run_build
from assets_gen.brand import load_kit
from assets_gen.errors import AssetsGenError
from tests.kits import copy_kit, write_units

ROOT = Path(__file__).resolve().parent.parent
UNITS = [
    ("Liên đoàn Lao động tỉnh Lạng Sơn", "LĐLĐ tỉnh Lạng Sơn", "lang-son"),
    ("Công đoàn Tập đoàn Công nghiệp Than - Khoáng sản Việt Nam", "CĐ Than - Khoáng sản Việt Nam", "cd-tkv"),
    ("Công đoàn Y tế Việt Nam", "CĐ Y tế Việt Nam", "cd-y-te"),
]
FORMATS = {"avatar", "leaderboard", "skyscraper", "fb-post"}
SUMMARY = re.compile(r"^(\d+) rendered, (\d+) unchanged, (\d+) failed(?:, \d+ warnings?)? in [\d.]+ s$")


def options(out: Path, units: Path, jobs: int = 1, **kw) -> BuildOptions:
    return BuildOptions(
        out=out, only=["frame", "banner"], units_file=units, sizes=set(FORMATS), jobs=jobs, **kw
    )


def cli(*args: str, cwd: Path | None = None, **kw) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "assets_gen", *args], env=env, cwd=cwd, capture_output=True, text=True, **kw
    )


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def built(kit, tmp_path_factory):
    """A first build of three units in four sizes."""
    tmp = tmp_path_factory.mktemp("build")
    units = write_units(tmp / "units.csv", UNITS)
    out = tmp / "out"
    result = run_build(kit, options(out, units, index=True))
    return tmp, units, out, result


def test_first_build_renders_every_unit_in_every_size(built):
    _, _, out, result = built
    per_unit = 2 + 3  # two frame styles, three banner sizes
    assert (result.rendered, result.unchanged, result.failed) == (per_unit * (1 + len(UNITS)), 0, 0)
    for slug in ("lang-son", "cd-tkv", "cd-y-te"):
        names = sorted(p.name for p in (out / "units" / slug).iterdir())
        assert names == [
            "banner-fb-post.png",
            "banner-leaderboard.png",
            "banner-leaderboard@2x.png",  # web ads come at 2x too
            "banner-skyscraper.png",
            "banner-skyscraper@2x.png",
            "frame-dai-bang.png",
            "frame-vong-tron.png",
        ]


def test_manifest_records_a_true_sha256_and_thumbnails(built):
    _, _, out, _ = built
    assets = manifest(out)["assets"]
    for entry in assets:
        data = (out / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
        assert entry["bytes"] == len(data)
        thumb = out / entry["thumb"]
        with Image.open(thumb) as im:
            assert max(im.size) <= 360
        assert thumb.stat().st_size < 60_000


def test_rebuild_with_nothing_changed_renders_nothing(kit, built):
    _, units, out, first = built
    again = run_build(kit, options(out, units))
    assert (again.rendered, again.unchanged, again.failed) == (0, first.rendered, 0)


def test_renaming_one_unit_rerenders_only_its_assets(kit, built, tmp_path):
    _, _, out, first = built
    renamed = [UNITS[0], ("Công đoàn Y tế Việt Nam (mới)", "CĐ Y tế (mới)", "cd-y-te"), UNITS[1]]
    units = write_units(tmp_path / "units.csv", renamed)
    before = {e["path"]: e["sha256"] for e in manifest(out)["assets"]}
    result = run_build(kit, options(out, units))
    after = {e["path"]: e["sha256"] for e in manifest(out)["assets"]}
    changed = sorted(p for p in after if after[p] != before.get(p))
    assert result.rendered == 5 and result.unchanged == first.rendered - 5
    assert all(p.startswith("units/cd-y-te/") for p in changed) and len(changed) == 5


def test_same_inputs_give_identical_bytes(kit, built, tmp_path):
    out = built[2]
    other = tmp_path / "again"
    run_build(kit, options(other, write_units(tmp_path / "u.csv", UNITS), jobs=2))
    for entry in manifest(other)["assets"]:
        if entry["unit"] in (None, "lang-son", "cd-tkv"):
            assert (other / entry["path"]).read_bytes() == (out / entry["path"]).read_bytes(), entry["path"]


def test_filters_keep_what_they_do_not_touch(kit, built, tmp_path):
    out = built[2]
    total = len(manifest(out)["assets"])
    one = write_units(tmp_path / "one.csv", [UNITS[0]])
    result = run_build(
        kit,
        BuildOptions(out=out, only=["banner"], units_file=one, sizes={"leaderboard"}, jobs=1, prune=True),
    )
    assert result.failed == 0
    assert len(manifest(out)["assets"]) == total
    assert (out / "units" / "cd-tkv" / "banner-skyscraper.png").exists()


def test_unknown_kind_and_size_are_refused(kit, tmp_path):
    with pytest.raises(AssetsGenError, match="--only: unknown kind poster"):
        run_build(kit, BuildOptions(out=tmp_path, only=["poster"]))
    with pytest.raises(AssetsGenError, match="--sizes: unknown size fb-cvr"):
        run_build(kit, BuildOptions(out=tmp_path, sizes={"fb-cvr"}))


def test_pruning_deletes_assets_of_units_no_longer_listed(tmp_path):
    dest = copy_kit(tmp_path / "brand")
    write_units(dest / "units.csv", UNITS)
    kit = load_kit(dest)
    out = tmp_path / "out"
    opts = BuildOptions(out=out, only=["banner"], sizes={"leaderboard"}, jobs=1, prune=True)
    run_build(kit, opts)
    write_units(dest / "units.csv", UNITS[:2])
    result = run_build(load_kit(dest), opts)
    assert (result.rendered, result.unchanged) == (0, 3)
    assert not (out / "units" / "cd-y-te" / "banner-leaderboard.png").exists()


def test_editing_a_template_rerenders_only_its_size(tmp_path):
    dest = copy_kit(tmp_path / "brand")
    write_units(dest / "units.csv", UNITS[:2])
    out = tmp_path / "out"
    opts = BuildOptions(out=out, only=["banner"], sizes={"leaderboard", "fb-post"}, jobs=1)
    run_build(load_kit(dest), opts)
    template = dest / "templates" / "banner-fb-post.svg"
    template.write_text(template.read_text(encoding="utf-8").replace("#FFF8EC", "#FFF4E0"), encoding="utf-8")
    result = run_build(load_kit(dest), opts)
    assert (result.rendered, result.unchanged) == (3, 3)


def test_bad_rows_are_reported_and_the_rest_is_built(tmp_path):
    units = tmp_path / "units.csv"
    units.write_text(
        "name,short_name,slug\n"
        "Liên đoàn Lao động tỉnh Lạng Sơn,LĐLĐ tỉnh Lạng Sơn,lang-son\n"
        ",,empty\n"
        "Công đoàn Y tế Việt Nam,CĐ Y tế,lang-son\n"
        "Công đoàn Giáo dục Việt Nam,CĐ Giáo dục,CD Giao Duc\n",
        encoding="utf-8",
    )
    done = cli(
        *f"build --units {units} --out out --only banner --sizes leaderboard --jobs 1".split(), cwd=tmp_path
    )
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error:")]
    name = units.name  # shown relative to the folder the command runs in
    assert errors == [
        f"error: {name}:3: empty name",
        f'error: {name}:4: duplicate slug "lang-son" (also at {name}:2)',
        f'error: {name}:5: slug "CD Giao Duc" must be lowercase letters, digits and "-"',
    ]
    assert "Traceback" not in done.stderr
    data = manifest(tmp_path / "out")
    assert [e["line"] for e in data["errors"]] == errors
    assert {e["path"] for e in data["assets"]} == {
        "campaign/banners/banner-leaderboard.png",
        "units/lang-son/banner-leaderboard.png",
    }
    assert SUMMARY.match(done.stderr.splitlines()[-1]).groups() == ("2", "0", "3")


def test_progress_lines_when_not_a_terminal(tmp_path):
    units = write_units(tmp_path / "units.csv", UNITS[:1])
    args = f"build --units {units} --out out --only banner --sizes leaderboard,mobile-banner"
    done = cli(*args.split(), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert lines[0] == "progress: 0/4 (0%)"
    assert all(line.startswith(("progress: ", "wrote ")) for line in lines[:-1])
    assert SUMMARY.match(lines[-1]).groups() == ("4", "0", "0")


def test_progress_bar_on_a_terminal():
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    stream = Tty()
    progress = Progress(stream=stream)
    progress.start(4)
    for _ in range(4):
        progress.advance()
    progress.finish()
    text = stream.getvalue()
    assert "\r" in text and "█" in text and "4/4 (100%)" in text


def test_a_misnamed_template_is_reported(tmp_path):
    dest = copy_kit(tmp_path / "brand", {"banner-fb-psot.svg": "<svg/>"}, keep_templates=True)
    write_units(dest / "units.csv", UNITS[:1])
    result = run_build(
        load_kit(dest), BuildOptions(out=tmp_path / "out", only=["banner"], sizes={"leaderboard"}, jobs=1)
    )
    assert result.failed == 1 and result.rendered == 2
    assert "banner-fb-psot.svg: the name must be banner-<size>.svg" in str(result.errors[0])


@pytest.mark.slow
def test_a_killed_build_leaves_only_complete_files_and_the_next_one_finishes(tmp_path):
    units = write_units(tmp_path / "units.csv", UNITS)
    args = ("build", "--units", str(units), "--out", "out", "--only", "frame,banner", "--jobs", "2")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "assets_gen", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    out = tmp_path / "out"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list(out.rglob("banner-*.png"))) < 12:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the build and its workers, mid-way
    proc.wait()
    finished = [p for p in out.rglob("*") if p.is_file() and not p.name.endswith(".tmp")]
    banners = len(BANNER.sizes)
    made = [p for p in finished if p.name.startswith("banner-") and "@" not in p.name]
    assert 12 <= len(made) < banners * (1 + len(UNITS))
    for path in finished:
        if path.suffix in (".png", ".jpg", ".webp"):
            with Image.open(path) as im:
                im.load()  # a partial file would fail here
        elif path.suffix == ".json":
            json.loads(path.read_text(encoding="utf-8"))
    done = cli(*args, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    rendered, unchanged, failed = map(int, SUMMARY.match(done.stderr.splitlines()[-1]).groups())
    total = (2 + banners) * (1 + len(UNITS))
    assert failed == 0 and rendered + unchanged == total and rendered > 0
    assert not [p for p in out.rglob("*.tmp")]
    assert len(manifest(out)["assets"]) == total


def test_a_design_problem_is_reported_once_per_size(tmp_path):
    dest = copy_kit(tmp_path / "brand")
    toml = dest / "brand.toml"
    long = "Tự hào trí tuệ lao động Việt Nam, sáng tạo mỗi ngày trong từng nhà máy, công trường và văn phòng"
    text = toml.read_text(encoding="utf-8")
    toml.write_text(
        re.sub(r"^slogan = .*$", f'slogan = "{long}"', text, count=1, flags=re.M), encoding="utf-8"
    )
    write_units(dest / "units.csv", UNITS[:2])
    opts = BuildOptions(out=tmp_path / "out", only=["banner"], sizes={"mobile-banner", "fb-post"}, jobs=1)
    result = run_build(load_kit(dest), opts)
    assert (result.rendered, result.failed) == (3, 1)
    assert str(result.errors[0]).startswith("banner mobile-banner: campaign.slogan")
    assert "does not fit" in str(result.errors[0])


def test_worker_errors_come_back_as_one_line(kit, tmp_path):
    units = write_units(
        tmp_path / "units.csv",
        [UNITS[0], ("Công đoàn " + "Rấtdàiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii" * 4, "Tên" * 40, "qua-dai")],
    )
    opts = BuildOptions(
        out=tmp_path / "out", only=["banner"], units_file=units, sizes={"leaderboard"}, jobs=2
    )
    result = run_build(kit, opts)
    assert (result.rendered, result.failed) == (2, 1)
    line = str(result.errors[0])
    assert line.startswith(f"{units.name}:3: unit short_name") or line.startswith(
        f"{units}:3: unit short_name"
    )
    assert "does not fit" in line and "worker failed" not in line


def test_jobs_are_grouped_by_design_largest_first():
    from assets_gen.batch.families import families
    from assets_gen.batch.jobs import Job

    def job(path: str, size: str) -> tuple[Job, str]:
        return Job(kind="banner", size=size, path=path), "key"

    planned = [
        job(f"units/u{i}/banner-{size}.png", size) for i in range(20) for size in ("mobile-banner", "story")
    ]
    chunks = families(planned, workers=2)
    assert [len(c) for c in chunks] == [20, 20]
    assert {j.size for j, _ in chunks[0]} == {"story"}  # the costlier design goes first
    many = families(planned * 10, workers=8)  # few designs, many workers: split, never below 16
    assert len(many) > 2 and min(len(c) for c in many) >= 16


def test_costly_kinds_go_first_one_job_at_a_time():
    from assets_gen.batch.families import families
    from assets_gen.batch.jobs import Job

    stills = [
        (Job(kind="banner", size="story", path=f"units/u{i}/banner-story.png"), "k") for i in range(30)
    ]
    videos = [
        (Job(kind="video", size="fb-post", path=f"units/u{i}/video/intro-1x1.mp4"), "k") for i in range(3)
    ]
    chunks = families(stills + videos, workers=2)
    assert [len(c) for c in chunks[:3]] == [1, 1, 1] and chunks[0][0][0].kind == "video"
    assert len(chunks) == 4 and len(chunks[3]) == 30
