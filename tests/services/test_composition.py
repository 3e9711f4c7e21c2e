"""The one assembly of Comptoir (GUI and CLI): environment, preferences, client, journal."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from backoffice.api import CinetPayClient, Credentials, Endpoints
from backoffice.api.errors import NotSent
from backoffice.composition import (
    TRAINING_DIR,
    Setup,
    SetupError,
    command_setup,
    reset_training_journal,
    session_setup,
    training_dir,
)
from backoffice.preferences import Preferences
from backoffice.preferences import save as save_preferences
from backoffice.services.core import JOURNAL_FILE
from backoffice.store.errors import StoreError
from backoffice.store.states import State


def test_a_command_reads_the_environment_and_the_saved_preferences(tmp_path):
    save_preferences(tmp_path, Preferences(currency="USD", lang="fr"))
    setup = command_setup("en", {"COMPTOIR_DATA_DIR": str(tmp_path), "COMPTOIR_TIMEOUT": "7"})
    assert setup.data_dir == tmp_path
    assert setup.endpoints == Endpoints()  # CinetPay's own hosts
    assert (setup.settings.currency, setup.settings.lang) == ("USD", "en")
    assert setup.settings.description == "Vente comptoir"  # the saved one, as before
    timeout = setup.client_options["timeout"]
    assert (timeout.read, timeout.connect) == (7.0, 5.0)
    assert "timeout" not in command_setup("fr", {"COMPTOIR_DATA_DIR": str(tmp_path)}
                                          ).client_options


@pytest.mark.parametrize("raw", ["abc", "0", "-3", "601"])
def test_a_bad_timeout_is_refused_in_both_languages(tmp_path, raw):
    with pytest.raises(SetupError) as caught:
        command_setup("fr", {"COMPTOIR_DATA_DIR": str(tmp_path), "COMPTOIR_TIMEOUT": raw})
    assert "COMPTOIR_TIMEOUT invalide" in caught.value.human("fr")
    assert "Invalid COMPTOIR_TIMEOUT" in caught.value.human("en")


def test_real_mode_refuses_the_simulator_unless_allowed_in_a_source_tree(tmp_path):
    env = {"COMPTOIR_DATA_DIR": str(tmp_path), "COMPTOIR_CHECKOUT_URL": "http://127.0.0.1:9"}
    with pytest.raises(SetupError) as caught:
        command_setup("fr", env)
    assert caught.value.human("fr").startswith("Adresse CinetPay refusée")
    allowed = command_setup("fr", {**env, "COMPTOIR_ALLOW_LOOPBACK": "1"})
    assert allowed.endpoints.checkout == "http://127.0.0.1:9"


def test_a_session_takes_the_preferences_as_shown(tmp_path):
    prefs = Preferences(currency="GNF", lang="en")
    setup = session_setup(tmp_path, Endpoints(), prefs, {"deadline": 3.0})
    assert (setup.settings.currency, setup.settings.lang) == ("GNF", "en")
    assert dict(setup.client_options) == {"deadline": 3.0}


async def test_without_credentials_nothing_can_be_sent(tmp_path):
    core = await Setup(tmp_path, Endpoints(), Preferences().to_settings()).open(None)
    try:
        with pytest.raises(NotSent):
            await core.links.create(1000, "local")
        [row] = await core.links.list_all()
        assert row.state is State.FAILED
    finally:
        await core.aclose(drain=False)


@dataclass(frozen=True)
class Watched(Setup):
    """A Setup that keeps the clients it makes (to see them closed)."""

    made: list[CinetPayClient] | None = None

    def client(self, creds: Credentials | None) -> CinetPayClient:
        client = super().client(creds)
        assert self.made is not None
        self.made.append(client)
        return client


async def test_a_journal_that_cannot_open_closes_the_client(tmp_path):
    blocked = tmp_path / "file"
    blocked.write_text("not a directory", encoding="utf-8")
    made: list[CinetPayClient] = []
    setup = Watched(blocked, Endpoints(), Preferences().to_settings(), made=made)
    with pytest.raises((StoreError, OSError)):
        await setup.open(Credentials("k", "1", ""))
    [client] = made
    assert client.transport.client.is_closed


def test_training_has_its_own_journal_reset_at_each_start(tmp_path):
    formation = training_dir(tmp_path)
    assert formation == tmp_path / TRAINING_DIR
    formation.mkdir()
    for name in (JOURNAL_FILE, f"{JOURNAL_FILE}-wal", "settings.json"):
        (formation / name).write_text("x", encoding="utf-8")
    reset_training_journal(formation)
    assert sorted(p.name for p in formation.iterdir()) == ["settings.json"]
    (tmp_path / JOURNAL_FILE).write_text("real", encoding="utf-8")
    with pytest.raises(AssertionError):
        reset_training_journal(tmp_path)  # never the real journal
    assert (tmp_path / JOURNAL_FILE).exists()
