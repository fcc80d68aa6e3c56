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
from concurrent.futures import FIRST_COMPLETED, BrokenExecutor, Executor, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from assets_gen.batch.jobs import Job, Rendered
from assets_gen.batch.kinds import KINDS, PlanContext
from assets_gen.batch.manifest import Manifest, load_manifest
from assets_gen.batch.progress import Progress
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
    # Assets of kinds this run does not touch are kept as they are.
    for path, entry in old_assets.items():
        if entry.get("kind") not in kinds and (out / path).exists():
            manifest.assets[path] = entry

    planned: list[tuple[Job, str]] = []
    for item in plan_jobs(kit, kinds, ctx):
        if isinstance(item, AssetsGenError):
            fail(item)
            continue
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

    planned_paths = {job.path for job, _ in planned} | set(manifest.assets)
    if opts.prune:
        for path, entry in old_assets.items():
            if entry.get("kind") in kinds and path not in planned_paths:
                _remove_outputs(out, entry)

    progress.start(len(planned) + result.unchanged)
    progress.advance(result.unchanged)
    last_checkpoint = time.monotonic()

    def record(job: Job, key: str, outcome: Rendered | AssetsGenError) -> None:
        nonlocal last_checkpoint
        if isinstance(outcome, AssetsGenError):
            fail(outcome)
            manifest.assets.pop(job.path, None)
        else:
            for f in outcome.files:
                write_atomic(out / f.path, f.data)
            manifest.assets[job.path] = _entry(job, key, outcome)
            result.rendered += 1
        progress.advance()
        if time.monotonic() - last_checkpoint > CHECKPOINT_SECONDS:
            manifest.errors = [_error_entry(e) for e in result.errors]
            manifest.write(out)
            last_checkpoint = time.monotonic()

    workers = min(opts.jobs, max(len(planned), 1))
    pool = _Pool(executor, workers, kit)
    try:
        if workers <= 1 and executor is None:
            for job, key in planned:
                record(job, key, execute(job, kit))
        else:
            for job, key, outcome in _run_windowed(pool, planned, window=max(opts.jobs, 1) * 4):
                record(job, key, outcome)
    finally:
        pool.shutdown()
        progress.finish()
        manifest.errors = [_error_entry(e) for e in result.errors]
        manifest.write(out)

    result.manifest = manifest
    if opts.index:
        from assets_gen.batch.contact_sheet import write_contact_sheet

        write_contact_sheet(out, manifest)
    result.seconds = time.monotonic() - started
    return result


class _Pool:
    """The executor, replaced by a fresh one if a worker process dies (killed, out of memory)."""

    def __init__(self, executor: Executor | None, workers: int, kit: Kit) -> None:
        self.given = executor is not None
        self.workers, self.kit = workers, kit
        self.executor = executor

    def get(self) -> Executor:
        if self.executor is None:
            self.executor = make_executor(max(self.workers, 2), self.kit)
        assert self.executor is not None
        return self.executor

    def replace(self) -> None:
        if not self.given and self.executor is not None:
            self.executor.shutdown(wait=False, cancel_futures=True)
            self.executor = None

    def shutdown(self) -> None:
        if not self.given and self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)


MAX_ATTEMPTS = 3


def _run_windowed(
    pool: _Pool, planned: Iterable[tuple[Job, str]], window: int
) -> Iterator[tuple[Job, str, Rendered | AssetsGenError]]:
    """Submit at most `window` jobs at a time; yield results as they finish.

    A job whose worker died is tried again in a fresh pool, up to MAX_ATTEMPTS times, so
    a crash costs a retry, not the batch.
    """
    pending: dict[Future, tuple[Job, str, int]] = {}
    retry: list[tuple[Job, str, int]] = []
    source = iter(planned)
    exhausted = False
    while True:
        while retry or (not exhausted and len(pending) < window):
            if retry:
                job, key, attempt = retry.pop()
            else:
                try:
                    job, key = next(source)
                except StopIteration:
                    exhausted = True
                    break
                attempt = 1
            try:
                future = pool.get().submit(execute, job)
            except BrokenExecutor:
                pool.replace()
                future = pool.get().submit(execute, job)
            pending[future] = (job, key, attempt)
        if not pending:
            return
        done, _ = wait(pending, return_when=FIRST_COMPLETED)
        broken = False
        for future in done:
            job, key, attempt = pending.pop(future)
            try:
                outcome = future.result()
            except BrokenExecutor:
                broken = True
                if attempt < MAX_ATTEMPTS:
                    retry.append((job, key, attempt + 1))
                    continue
                outcome = AssetsGenError(job.where or job.path, "the worker process died rendering it")
            except Exception as exc:
                outcome = AssetsGenError(job.where or job.path, f"worker failed: {type(exc).__name__}: {exc}")
            yield job, key, outcome
        if broken:
            # Every job still pending on the dead pool goes round again.
            retry.extend(pending.values())
            pending.clear()
            pool.replace()


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


def _file_size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _remove_outputs(out: Path, entry: dict[str, Any]) -> None:
    for rel in [entry["path"], *entry.get("files", [])]:
        with contextlib.suppress(OSError):
            (out / rel).unlink()
