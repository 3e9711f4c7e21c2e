"""comptoir-cli end to end: real subprocesses, a data directory per test, the session's
simulator (reset per test) and the demo credentials supplied through COMPTOIR_* variables.
The helpers are in tests/support/cli.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from tests.support.cli import Cli, base_env, endpoint_env


@pytest.fixture(scope="session")
def pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pycache")


@pytest.fixture
def cli(sim: Simulator, tmp_path: Path, pycache: Path) -> Cli:
    data_dir = tmp_path / "data"
    env = {**base_env(pycache), **endpoint_env(sim.base_url), "COMPTOIR_DATA_DIR": str(data_dir),
           "COMPTOIR_LANG": "fr", "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
           "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"],
           "COMPTOIR_TRANSFER_PASSWORD": DEMO_CREDENTIALS["transfer_password"]}
    return Cli(data_dir, env)
