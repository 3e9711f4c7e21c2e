"""The desktop app in real mode never talks to the training simulator: loopback endpoints from
COMPTOIR_*_URL are refused with a message in the window (the source-tree switch aside)."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QLabel

from backoffice.keyring import CredentialStore
from backoffice.simulator import DEMO_CREDENTIALS
from backoffice.ui.app import ComptoirApp
from harness.memory_keyring import MemoryKeyring
from tests.support.clients import FAST_RETRY, SHORT_TIMEOUT
from tests.support.waits import until


def real_mode_env(url: str, **extra: str) -> dict[str, str]:
    return {"COMPTOIR_CHECKOUT_URL": url, "COMPTOIR_LEGACY_URL": url,
            "COMPTOIR_TRANSFER_URL": url, "COMPTOIR_APIKEY": DEMO_CREDENTIALS["apikey"],
            "COMPTOIR_SITE_ID": DEMO_CREDENTIALS["site_id"], **extra}


def notice(ctl: ComptoirApp) -> str:
    label = ctl.window.findChild(QLabel, "noticeText")
    return label.text() if label is not None else ""


async def test_real_mode_refuses_the_simulator_and_says_so(qapp, tmp_path, sim):
    before = len(sim.request_log())
    ctl = ComptoirApp(qapp, base_dir=tmp_path, install_signals=False,
                      store=CredentialStore(backend=MemoryKeyring(store={})),
                      environ=real_mode_env(sim.base_url),
                      client_options={"timeout": SHORT_TIMEOUT, "retry": FAST_RETRY})
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: "mode réel" in notice(ctl), timeout=10)
    assert ctl.ctx is None and ctl.simulator is None
    assert len(sim.request_log()) == before  # not one request reached the simulator
    ctl.request_quit()
    await asyncio.wait_for(run, 15)


async def test_the_source_tree_switch_lets_tests_use_the_simulator(qapp, tmp_path, sim):
    ctl = ComptoirApp(qapp, base_dir=tmp_path, install_signals=False,
                      store=CredentialStore(backend=MemoryKeyring(store={})),
                      environ=real_mode_env(sim.base_url, COMPTOIR_ALLOW_LOOPBACK="1"),
                      client_options={"timeout": SHORT_TIMEOUT, "retry": FAST_RETRY})
    run = asyncio.ensure_future(ctl.run())
    await until(lambda: ctl.ctx is not None, timeout=10)
    assert not ctl.ctx.training
    ctl.request_quit()
    assert await asyncio.wait_for(run, 15) == 0
