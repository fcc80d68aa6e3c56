"""Run a build: plan jobs, skip the unchanged, render the rest in parallel, write safely.

- Incremental: a job whose key (all its inputs) matches the manifest and whose file is
  still there is not rendered again.
- Nothing lost: files and the manifest are written to a temporary name and renamed; the
  manifest is checkpointed every few seconds, so a killed build keeps what it finished.
- Parallel by design family (batch/pool.py): a design's shared layers are drawn about
  once per build, and workers write their own files.
- Bad rows and bad files become error lines; everything else is still produced.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets_gen.batch import pool
from assets_gen.batch.jobs import Job
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.manifest import Manifest, load_manifest
from assets_gen.batch.progress import Progress
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit, read_units
from assets_gen.errors import AssetsGenError

CHECKPOINT_SECONDS = 3.0


@dataclass
class BuildOptions:
    out: Path
    only: list[str] | None = None
    """Kinds to make (None: every kind that `build` makes)."""
    units_file: Path | None = None
    """Units CSV (None: the kit's)."""
    formats: set[str] | None = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    prune: bool = False
    """Delete outputs of the selected kinds that the plan no longer has (build only)."""
    options: dict[str, Any] = field(default_factory=dict)
    index: bool = False
    """Write the contact sheet (index.html)."""


@dataclass
class BuildResult:
    rendered: int = 0
    unchanged: int = 0
    failed: int = 0
    seconds: float = 0.0
    errors: list[AssetsGenError] = field(default_factory=list)
    manifest: Manifest | None = None

    def summary(self) -> str:
        return (
            f"{self.rendered} rendered, {self.unchanged} unchanged, {self.failed} failed "
            f"in {self.seconds:.1f} s"
        )


# -- client side ---------------------------------------------------------------------


def load_units(kit: Kit, path: Path | None) -> tuple[list[Unit], list[AssetsGenError]]:
    units_file = path or kit.data.units
    if units_file is None:
        return [], []
    units: list[Unit] = []
    errors: list[AssetsGenError] = []
    try:
        for item in read_units(units_file, kit):
            (errors if isinstance(item, AssetsGenError) else units).append(item)
    except AssetsGenError as err:
        errors.append(err)
    return units, errors


def plan_jobs(kit: Kit, kinds: list[str], ctx: PlanContext) -> Iterator[Job | AssetsGenError]:
    for name in kinds:
        try:
            yield from KINDS[name].plan(ctx)
        except AssetsGenError as err:
            yield err


def check_formats(formats: set[str] | None) -> None:
    from assets_gen.layout.sizes import SIZES

    unknown = sorted(set(formats or ()) - set(SIZES))
    if unknown:
        raise AssetsGenError(
            "--formats",
            f"unknown size {', '.join(unknown)} (sizes: {', '.join(SIZES)}; see `assets-gen sizes`)",
        )


def selected_kinds(only: list[str] | None) -> list[str]:
    if only is None:
        return [name for name, kind in KINDS.items() if kind.in_build]
    unknown = [k for k in only if k not in KINDS]
    if unknown:
        raise AssetsGenError("--only", f"unknown kind {', '.join(unknown)} (kinds: {', '.join(KINDS)})")
    return [k for k in KINDS if k in only]


def run_build(
    kit: Kit,
    opts: BuildOptions,
    progress: Progress | None = None,
    report: Any = None,
) -> BuildResult:
    """Build the selected kinds into opts.out; `report(err)` is called for each error."""
    started = time.monotonic()
    progress = progress or Progress(enabled=False)
    result = BuildResult()
    out = opts.out
    out.mkdir(parents=True, exist_ok=True)
    kinds = selected_kinds(opts.only)
    check_formats(opts.formats)
    remove_stale_temporaries(out)

    def fail(err: AssetsGenError) -> None:
        result.errors.append(err)
        result.failed += 1
        if report:
            report(err)

    units: list[Unit] = []
    if any(KINDS[k].uses_units for k in kinds):
        units, unit_errors = load_units(kit, opts.units_file)
        for err in unit_errors:
            fail(err)
    ctx = PlanContext(kit=kit, units=units, formats=opts.formats, options=opts.options)

    old = load_manifest(out)
    old_assets = old.assets if old else {}
    manifest = Manifest(brand=kit.campaign.name)

    planned: list[tuple[Job, str]] = []
    seen: set[str] = set()
    for item in plan_jobs(kit, kinds, ctx):
        if isinstance(item, AssetsGenError):
            fail(item)
            continue
        seen.add(item.path)
        try:
            key = item.key(kit)
        except OSError as exc:
            fail(AssetsGenError(item.where or item.path, f"cannot be read: {exc.strerror}"))
            continue
        entry = old_assets.get(item.path)
        if (
            not opts.force
            and entry is not None
            and entry.get("key") == key
            and _file_size(out / item.path) == entry.get("bytes")
        ):
            manifest.assets[item.path] = entry
            result.unchanged += 1
            continue
        planned.append((item, key))

    # What this run did not plan is kept as it is, unless it is in the run's scope (its
    # kinds and sizes, all units) and the plan no longer has it: then it is deleted.
    for path, entry in old_assets.items():
        if path in seen or not (out / path).exists():
            continue
        if opts.prune and _in_scope(entry, kinds, opts):
            _remove_outputs(out, entry)
        else:
            manifest.assets[path] = entry

    unit_names = {u.slug: u.name for u in units}
    jobs_by_path = {job.path: job for job, _ in planned}
    progress.start(len(planned) + result.unchanged)
    progress.advance(result.unchanged)
    last_checkpoint = time.monotonic()

    def record(job: Job, outcome: dict[str, Any] | AssetsGenError) -> None:
        nonlocal last_checkpoint
        if isinstance(outcome, AssetsGenError):
            fail(outcome)
            _drop_stale(out, manifest, old_assets, job.path)
        else:
            if job.unit in unit_names:  # for the contact sheet's headings
                outcome["unit_name"] = unit_names[job.unit]
            manifest.assets[job.path] = outcome
            result.rendered += 1
        progress.advance()
        if time.monotonic() - last_checkpoint > CHECKPOINT_SECONDS:
            manifest.errors = [_error_entry(e) for e in result.errors]
            manifest.write(out)
            last_checkpoint = time.monotonic()

    try:
        for kind, first, second in pool.run(kit, planned, out, opts.jobs):
            if kind == "stopped":  # one problem of a whole design: reported once
                fail(first)
                for path in second:
                    _drop_stale(out, manifest, old_assets, path)
                    progress.advance()
            else:
                record(jobs_by_path[first], second)
    finally:
        progress.finish()
        manifest.errors = [_error_entry(e) for e in result.errors]
        manifest.write(out)

    result.manifest = manifest
    if opts.index:
        from assets_gen.batch.contact_sheet import write_contact_sheet

        write_contact_sheet(out, manifest, unit_names)
        manifest.write(out)  # with the thumbnails the contact sheet made
    result.seconds = time.monotonic() - started
    return result


def _error_entry(err: AssetsGenError) -> dict[str, str]:
    return {"where": err.where or "", "message": err.what, "line": f"error: {err}"}


def _drop_stale(out: Path, manifest: Manifest, old_assets: dict[str, dict[str, Any]], path: str) -> None:
    """The output folder never shows an asset the last build could not make."""
    stale = manifest.assets.pop(path, None) or old_assets.get(path)
    if stale:
        _remove_outputs(out, stale)


def _in_scope(entry: dict[str, Any], kinds: list[str], opts: BuildOptions) -> bool:
    """Whether a previous asset belongs to what this run builds (and may be pruned)."""
    return (
        entry.get("kind") in kinds
        and (opts.formats is None or entry.get("format") in opts.formats)
        and opts.units_file is None
    )


def remove_stale_temporaries(out: Path) -> None:
    """Delete the temporary files a killed build left (`.NAME.XXXX.tmp`, see write_atomic)."""
    for folder, _dirs, names in os.walk(out):
        for name in names:
            if name.startswith(".") and name.endswith(".tmp"):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))


def _file_size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _remove_outputs(out: Path, entry: dict[str, Any]) -> None:
    for rel in [entry["path"], *entry.get("files", [])]:
        with contextlib.suppress(OSError):
            (out / rel).unlink()
