"""Shared fixtures: the default kit, golden-image comparison, sample photos."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.imaging import GoldenChecker

DATA = Path(__file__).parent / "data"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="Write the current renderings as the new golden images.",
    )


@pytest.fixture(scope="session")
def kit():
    from assets_gen.brand import load_kit

    return load_kit()


@pytest.fixture(scope="session")
def golden(request: pytest.FixtureRequest) -> GoldenChecker:
    return GoldenChecker(update=request.config.getoption("--update-goldens"))


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def default_build(kit, tmp_path_factory):
    """The default build of the default kit, every still-image kind (videos have their own
    tests): made once per session for the tests that judge the whole build."""
    import json

    from assets_gen.batch.kinds import KINDS
    from assets_gen.batch.runner import BuildOptions, run_build

    out = tmp_path_factory.mktemp("default-build")
    kinds = [name for name, kind in KINDS.items() if kind.in_build and name != "video"]
    result = run_build(kit, BuildOptions(out=out, only=kinds, jobs=2))
    assert result.failed == 0, [str(e) for e in result.errors]
    return out, json.loads((out / "manifest.json").read_text(encoding="utf-8"))
