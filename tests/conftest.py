"""Shared fixtures. Tests that read ../shared (the seed article, its gold file, PolNeAR) skip with a reason when it
is absent, and fail instead when CLAIMGRAPH_REQUIRE_SHARED=1 (as in CI)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CLAIMGRAPH_SHARED", ROOT.parent / "shared"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _need(path: Path) -> Path:
    if path.exists():
        return path
    message = f"{path} is missing: the shared data (seed article, gold file, PolNeAR) lives beside the repository"
    if os.environ.get("CLAIMGRAPH_REQUIRE_SHARED") == "1":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return _need(SHARED / "seeds" / "000_70435aaee199c165.txt")


@pytest.fixture(scope="session")
def seed_gold_path() -> Path:
    return _need(SHARED / "gold" / "seed-article.json")


@pytest.fixture(scope="session")
def polnear_dev() -> Path:
    return _need(SHARED / "data" / "polnear" / "dev")


@pytest.fixture(scope="session")
def seed_analysis(seed_path):
    import claimgraph

    return claimgraph.analyze(seed_path.read_bytes(), published="2024-10-28", name=str(seed_path))
