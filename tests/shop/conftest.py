"""The shop database's tests run against a real PostgreSQL server of their own."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.postgres import PostgresServer, binaries


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresServer]:
    if binaries() is None:
        pytest.fail("PostgreSQL is not installed: .ci/run installs it (apt-get install postgresql)")
    # Under /tmp, not pytest's private directory: the server's user must reach it.
    base = Path(tempfile.mkdtemp(prefix="comptoir-pg-"))
    server = PostgresServer.start(base)
    yield server
    if server.running():
        server.stop("immediate")
    shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def shop_dsn(postgres: PostgresServer, request: pytest.FixtureRequest) -> str:
    """A fresh, empty database for one test."""
    name = "shop_" + "".join(c if c.isalnum() else "_" for c in request.node.name)[:50].lower()
    return postgres.create_database(name)
