"""The brand kit as bytes, for cluster workers that have only the tool installed.

The kit folder (and any kit file outside it, except the tool's bundled fonts, which every
worker has) is packed into one tar, named by its content hash. A worker unpacks it once
per hash into a cache folder, mirroring the client's absolute paths under a root there,
so the kit's relative references resolve as they do on the client, and loads it once per
process. Jobs carry the client's absolute paths: `Rebase` maps them to the worker's, and
maps paths in error messages back, so an error reads the same as in a local build. Files
a job reads from outside the kit (an author's photo elsewhere) travel with its chunk, by
content.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import io
import os
import shutil
import tarfile
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from assets_gen import __version__
from assets_gen.batch.jobs import Job
from assets_gen.brand.loader import load_kit
from assets_gen.brand.model import Kit
from assets_gen.encode import write_atomic
from assets_gen.errors import AssetsGenError
from assets_gen.resources import fonts_dir

CACHE_ENV = "ASSETS_GEN_CACHE"


@dataclass(frozen=True)
class KitPack:
    """A kit as it travels: the tar, its hash, and the client's paths it was packed from."""

    digest: str
    data: bytes
    kit_dir: str
    """The kit folder on the client (absolute)."""
    outside: tuple[str, ...]
    """Kit files outside the kit folder that were packed (absolute client paths)."""
    fonts_dir: str
    """The client's bundled fonts folder: the worker uses its own."""
    cwd: str
    """The client's working folder: paths in error messages are shown relative to it."""
    version: str = __version__


def pack_kit(kit: Kit) -> KitPack:
    """The kit folder and the kit's other files (not bundled fonts) as one tar."""
    fonts = str(fonts_dir())
    kit_dir = str(kit.dir)
    names: set[str] = set()
    for folder, dirs, files in os.walk(kit_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        names.update(os.path.join(folder, f) for f in files if not f.startswith("."))
    outside = set()
    for path in _kit_paths(kit):
        text = str(path)
        if _under(text, kit_dir) or _under(text, fonts):
            continue
        found = [os.path.join(d, f) for d, _, fs in os.walk(text) for f in fs] if path.is_dir() else [text]
        outside.update(found)
    planning_only = {str(p) for p in (kit.data.authors,) if p is not None}
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w", format=tarfile.PAX_FORMAT) as tar:
        for name in sorted(names | outside):
            # The authors file is read only by the planner, here; it can hold hundreds of
            # thousands of rows, so workers get an empty stand-in (the kit must load).
            data = b"" if name in planning_only else Path(name).read_bytes()
            info = tarfile.TarInfo(name.lstrip("/"))
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    data = buffer.getvalue()
    return KitPack(
        digest=hashlib.sha256(data).hexdigest(),
        data=data,
        kit_dir=kit_dir,
        outside=tuple(sorted(outside)),
        fonts_dir=fonts,
        cwd=os.getcwd(),
    )


def _kit_paths(kit: Kit) -> Iterable[Path]:
    yield from kit.fonts.all().values()
    for group in (kit.logo, kit.data):
        for f in dataclasses.fields(group):
            value = getattr(group, f.name)
            for item in value if isinstance(value, tuple) else (value,):
                if isinstance(item, Path):
                    yield item


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def shipped_files(jobs: Iterable[Job], pack: KitPack) -> dict[str, bytes]:
    """The files these jobs read that the kit pack does not hold, by client path."""
    covered = set(pack.outside)
    found: dict[str, bytes] = {}
    for job in jobs:
        for name in job.files:
            if name in found or name in covered or _under(name, pack.kit_dir) or _under(name, pack.fonts_dir):
                continue
            with contextlib.suppress(OSError):  # gone since planning: the job reports it
                found[name] = Path(name).read_bytes()
    return found


# -- worker side ------------------------------------------------------------------------

_KITS: dict[str, tuple[Kit, Path]] = {}


def cache_dir() -> Path:
    return Path(os.environ.get(CACHE_ENV) or Path(tempfile.gettempdir()) / "assets-gen-cluster")


def worker_kit(pack: KitPack) -> tuple[Kit, Path]:
    """The kit of `pack` on this worker (unpacked once per machine, loaded once per
    process) and the root its client paths are mirrored under."""
    found = _KITS.get(pack.digest)
    if found is not None:
        return found
    if pack.version != __version__:
        raise AssetsGenError(
            "cluster worker",
            f"runs assets-gen {__version__} but the build runs {pack.version}: install the same version",
        )
    home = cache_dir() / "kits" / pack.digest[:32]
    if not home.is_dir():
        home.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".unpack-", dir=home.parent))
        with tarfile.open(fileobj=io.BytesIO(pack.data)) as tar:
            tar.extractall(staging / "root", filter="data")
        try:
            os.rename(staging, home)  # another worker process may have been first: fine
        except OSError:
            shutil.rmtree(staging, ignore_errors=True)
    root = home / "root"
    kit = load_kit(Path(f"{root}{pack.kit_dir}"))
    _KITS[pack.digest] = (kit, root)
    return kit, root


class Rebase:
    """Client paths to this worker's, and back in error messages."""

    def __init__(self, pack: KitPack, root: Path, files: dict[str, bytes]) -> None:
        self.pack = pack
        self.root = str(root)
        self.covered = set(pack.outside)
        self.files = {name: _store_file(name, data) for name, data in files.items()}
        here = str(fonts_dir())
        back = [(path, _display(name, pack.cwd)) for name, path in self.files.items()]
        back.append((here, _display(pack.fonts_dir, pack.cwd)))
        client_cwd = pack.cwd.rstrip("/") + "/"
        for root_form in _forms(self.root):
            back.append((root_form + client_cwd, ""))
            back.append((root_form, ""))
        self.back = sorted(back, key=lambda pair: len(pair[0]), reverse=True)
        self.fonts = here

    def path(self, name: str) -> str:
        if name in self.files:
            return self.files[name]
        if _under(name, self.pack.fonts_dir):
            return self.fonts + name[len(self.pack.fonts_dir) :]
        if name in self.covered or _under(name, self.pack.kit_dir):
            return self.root + name
        return name

    def job(self, job: Job) -> Job:
        return dataclasses.replace(
            job, params=self._value(job.params), files=tuple(self.path(f) for f in job.files)
        )

    def _value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.path(value) if value.startswith("/") else value
        if isinstance(value, tuple):
            return tuple(self._value(v) for v in value)
        if isinstance(value, list):
            return [self._value(v) for v in value]
        if isinstance(value, dict):
            return {k: self._value(v) for k, v in value.items()}
        return value

    def error(self, err: AssetsGenError) -> AssetsGenError:
        return type(err)(self.text(err.where) if err.where else err.where, self.text(err.what))

    def text(self, text: str) -> str:
        for here, there in self.back:
            text = text.replace(here, there)
        return text


def _store_file(name: str, data: bytes) -> str:
    """A shipped file in the worker's cache, by content, under its own file name."""
    folder = cache_dir() / "files" / hashlib.sha256(data).hexdigest()[:32]
    path = folder / Path(name).name
    if not path.is_file():
        write_atomic(path, data)  # other worker processes on this machine may read it
    return str(path)


def _display(path: str, cwd: str) -> str:
    """A client path as the client's display_path would show it."""
    rel = os.path.relpath(path, cwd)
    return path if rel.startswith("..") else rel


def _forms(path: str) -> list[str]:
    """A worker path as messages may show it: absolute, or relative to the worker's folder."""
    forms = [path]
    with contextlib.suppress(ValueError):
        rel = os.path.relpath(path)
        if not rel.startswith(".."):
            forms.append(rel)
    return forms
