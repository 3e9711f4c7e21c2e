"""Fixtures of the hostile-server tests: the rewriting proxy in front of the session's
simulator (tests/support/rewriting_proxy.py holds the helpers), and comptoir-cli through it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from backoffice.api import CinetPayClient, Credentials, Endpoints
from backoffice.api.transport import is_loopback
from backoffice.services.core import Comptoir
from backoffice.simulator import DEMO_CREDENTIALS, Simulator
from tests.support.cli import Cli, base_env, endpoint_env
from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT
from tests.support.rewriting_proxy import (
    RewritingProxy,
    Tls,
    make_tls,
    proxy_env,
    real_client,
)


@pytest.fixture(scope="session")
def proxy_tls(tmp_path_factory: pytest.TempPathFactory) -> Tls:
    return make_tls(tmp_path_factory.mktemp("proxy-tls"))


@pytest.fixture
def proxy(sim: Simulator, proxy_tls: Tls) -> Iterator[RewritingProxy]:
    """Forwards to the simulator (reset for this test); rules added by the test rewrite."""
    server = RewritingProxy(sim.base_url, tls=proxy_tls).start()
    yield server
    server.stop()
    assert not server.errors, f"a rewrite rule raised: {server.errors!r}"


def _cli(data_dir: Path, pycache: Path, endpoints: dict[str, str]) -> Cli:
    env = {**base_env(pycache), **endpoints, "COMPTOIR_DATA_DIR": str(data_dir),
           "COMPTOIR_LANG": "fr", "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
           "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"],
           "COMPTOIR_TRANSFER_PASSWORD": DEMO_CREDENTIALS["transfer_password"]}
    return Cli(data_dir, env)


@pytest.fixture(scope="session")
def hostile_pycache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pycache")


@pytest.fixture
def real_cli(proxy: RewritingProxy, proxy_tls: Tls, tmp_path: Path,
             hostile_pycache: Path) -> Cli:
    """comptoir-cli in real mode (CinetPay's own https hosts, no loopback switch), its
    traffic routed through the proxy (HTTPS_PROXY) with the test CA trusted."""
    return _cli(tmp_path / "data", hostile_pycache, proxy_env(proxy, proxy_tls))


@pytest.fixture
def loopback_cli(proxy: RewritingProxy, tmp_path: Path, hostile_pycache: Path) -> Cli:
    """comptoir-cli with the proxy as its endpoints (loopback: the training URL rule)."""
    return _cli(tmp_path / "data", hostile_pycache, endpoint_env(proxy.url))


@pytest.fixture
async def real_core(proxy: RewritingProxy, proxy_tls: Tls, creds: Credentials,
                    tmp_path: Path) -> AsyncIterator[Comptoir]:
    """The services in real mode: endpoints are CinetPay's own hosts (the URL trust rule
    for real CinetPay hosts applies), the connections go through the proxy."""
    api, http = real_client(proxy, proxy_tls, creds)
    assert not is_loopback(api.endpoints.checkout)
    core = await Comptoir.open(tmp_path / "core", api)
    yield core
    await core.aclose(drain=False)
    await http.aclose()


@pytest.fixture
async def loopback_core(proxy: RewritingProxy, creds: Credentials,
                        tmp_path: Path) -> AsyncIterator[Comptoir]:
    """The services with the proxy as their endpoints (loopback: the training URL rule)."""
    api = CinetPayClient(creds, Endpoints.single(proxy.url), timeout=SHORT_TIMEOUT,
                         retry=FAST_RETRY)
    core = await Comptoir.open(tmp_path / "core", api)
    yield core
    await core.aclose(drain=False)
