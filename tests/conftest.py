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
