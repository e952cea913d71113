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
def ecbplus_dev() -> Path:
    return _need(SHARED / "data" / "ecbplus" / "dev")


@pytest.fixture(scope="session")
def seed_analysis(seed_path):
    import claimgraph

    return claimgraph.analyze(seed_path.read_bytes(), published="2024-10-28", name=str(seed_path))


POSTGRES_URL = os.environ.get("CLAIMGRAPH_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def _postgres_schema_url():
    """A fresh schema in the test database, dropped afterwards; skipped (or failed in CI) when unreachable."""
    import uuid

    from sqlalchemy import create_engine, text

    from claimgraph.store.base import normalise_db_url

    base = normalise_db_url(POSTGRES_URL)
    name = f"cg_test_{uuid.uuid4().hex[:10]}"
    try:
        engine = create_engine(base)
        with engine.begin() as conn:
            conn.execute(text(f"CREATE SCHEMA {name}"))
    except Exception as exc:  # noqa: BLE001
        message = f"PostgreSQL at {POSTGRES_URL} is not reachable ({exc.__class__.__name__})"
        if os.environ.get("CLAIMGRAPH_REQUIRE_POSTGRES") == "1":
            pytest.fail(message)
        pytest.skip(message)
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{name}"
    with engine.begin() as conn:
        conn.execute(text(f"DROP SCHEMA {name} CASCADE"))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
    else:
        yield from _postgres_schema_url()
