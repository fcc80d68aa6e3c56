"""Run a build: plan jobs, skip the unchanged, render the rest in parallel, write safely.

- Incremental: a job whose key (all its inputs) matches the manifest and whose file is
  still there is not rendered again.
- Nothing lost: files and the manifest are written to a temporary name and renamed; the
  manifest is checkpointed every few seconds, so a killed build keeps what it finished.
- Bounded: jobs are submitted in a window, so memory stays flat however many there are.
- Bad rows and bad files become error lines; everything else is still produced.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import sys
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets_gen.batch.jobs import Job, Rendered
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.manifest import Manifest, load_manifest
from assets_gen.batch.progress import Progress
from assets_gen.batch.thumbs import thumb_path
from assets_gen.brand.model import Kit
from assets_gen.brand.units import Unit, read_units
from assets_gen.encode import write_atomic
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


# -- worker side ---------------------------------------------------------------------

_WORKER_KIT: Kit | None = None


def _init_worker(kit: Kit) -> None:
    global _WORKER_KIT
    _WORKER_KIT = kit


def execute(job: Job, kit: Kit | None = None) -> Rendered | AssetsGenError:
    """Render one job; user errors come back as values (picklable, no traceback)."""
    kit = kit or _WORKER_KIT
    assert kit is not None, "worker started without a kit"
    try:
        return KINDS[job.kind].render(kit, job)
    except AssetsGenError as err:
        return _located(err, job)
    except Exception as exc:  # a bug: still one line, and the batch goes on
        if os.environ.get("ASSETS_GEN_DEBUG"):
            raise
        return AssetsGenError(job.where or job.path, f"internal error: {type(exc).__name__}: {exc}")


def build_one(job: Job, key: str, out: Path, kit: Kit | None = None) -> dict[str, Any] | AssetsGenError:
    """Render one job and write its files (atomically, in the worker: the parent only
    gathers manifest entries); returns the entry or the error."""
    outcome = execute(job, kit)
    if isinstance(outcome, AssetsGenError):
        return outcome
    entry = _entry(job, key, outcome)
    for f in outcome.files:
        write_atomic(out / f.path, f.data)
    if outcome.thumb is not None:
        entry["thumb"] = thumb_path(entry["sha256"], outcome.thumb)
        if not (out / entry["thumb"]).exists():
            write_atomic(out / entry["thumb"], outcome.thumb)
    return entry


def _located(err: AssetsGenError, job: Job) -> AssetsGenError:
    if job.where and err.where != job.where:
        what = f"{err.where}: {err.what}" if err.where and err.where not in job.where else err.what
        return type(err)(job.where, what)
    return err


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


def make_executor(jobs: int, kit: Kit) -> Executor | None:
    """A process pool for jobs > 1 (None: render in this process)."""
    if jobs <= 1:
        return None
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context(method),
        initializer=_init_worker,
        initargs=(kit,),
    )


def run_build(
    kit: Kit,
    opts: BuildOptions,
    progress: Progress | None = None,
    executor: Executor | None = None,
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

    planned = _prepare(kit, planned, fail, lambda path: _drop_stale(out, manifest, old_assets, path))
    unit_names = {u.slug: u.name for u in units}
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

    own_executor = executor is None
    if own_executor:
        executor = make_executor(min(opts.jobs, max(len(planned), 1)), kit)
    try:
        if executor is None:
            for job, key in planned:
                record(job, build_one(job, key, out, kit))
        else:
            for job, outcome in _run_windowed(executor, planned, out, window=max(opts.jobs, 1) * 4):
                record(job, outcome)
    finally:
        if own_executor and executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
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


def _run_windowed(
    executor: Executor, planned: Iterable[tuple[Job, str]], out: Path, window: int
) -> Iterator[tuple[Job, dict[str, Any] | AssetsGenError]]:
    """Submit at most `window` jobs at a time; yield results as they finish."""
    pending: dict[Future, tuple[Job, str]] = {}
    source = iter(planned)
    exhausted = False
    while True:
        while not exhausted and len(pending) < window:
            try:
                job, key = next(source)
            except StopIteration:
                exhausted = True
                break
            pending[executor.submit(build_one, job, key, out)] = (job, key)
        if not pending:
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        for future in done:
            job, _key = pending.pop(future)
            try:
                outcome = future.result()
            except Exception as exc:  # a worker that died
                outcome = AssetsGenError(job.where or job.path, f"worker failed: {type(exc).__name__}: {exc}")
            yield job, outcome


def _entry(job: Job, key: str, rendered: Rendered) -> dict[str, Any]:
    import hashlib

    main = rendered.main
    entry: dict[str, Any] = {
        "kind": job.kind,
        "unit": job.unit,
        "format": job.format,
        "path": job.path,
        "width": rendered.width,
        "height": rendered.height,
        "alt": rendered.alt,
        "sha256": hashlib.sha256(main.data).hexdigest(),
        "bytes": len(main.data),
    }
    entry.update(dict(job.extra))
    entry.update(dict(rendered.extra))
    if len(rendered.files) > 1:
        entry["files"] = [f.path for f in rendered.files[1:]]
    entry["key"] = key
    return entry


def _error_entry(err: AssetsGenError) -> dict[str, str]:
    return {"where": err.where or "", "message": err.what, "line": f"error: {err}"}


def _prepare(kit: Kit, planned: list[tuple[Job, str]], fail: Any, drop: Any) -> list[tuple[Job, str]]:
    """Let each kind draw its shared layers once; report each problem once, drop its jobs."""
    stopped: set[str] = set()
    for name, kind in KINDS.items():
        jobs = [job for job, _ in planned if job.kind == name]
        if kind.prepare is None or not jobs:
            continue
        for err, paths in kind.prepare(kit, jobs):
            fail(err)
            stopped |= paths
    for path in stopped:
        drop(path)
    return [(job, key) for job, key in planned if job.path not in stopped]


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
