"""Cashiers and roles against a real SQLite journal, PINs in a private in-memory keyring."""

from __future__ import annotations

import pytest

from backoffice.keyring import CredentialStore
from backoffice.pin import FREE_TRIES, PinError, PinGuard
from backoffice.services.cashiers import ACTIONS, RoleError, allowed
from harness.memory_keyring import MemoryKeyring


@pytest.fixture
def vault() -> dict:
    return {}


@pytest.fixture
def guard(tmp_path, vault) -> PinGuard:
    return PinGuard(tmp_path / "data", store=CredentialStore(backend=MemoryKeyring(store=vault)),
                    lock_path=tmp_path / "pin.lock")


@pytest.fixture
def cashiers(core, guard):
    core.cashiers.use_pins(lambda: guard)
    return core.cashiers


def test_roles_table():
    assert {a for a in ACTIONS if allowed("cashier", a)} == {"collect", "cash", "close_shift"}
    assert all(allowed("manager", a) for a in ACTIONS)
    assert not allowed(None, "collect") and not allowed("cashier", "transfer")


async def test_a_shop_without_cashiers_may_do_everything(cashiers, core):
    for action in ACTIONS:
        await cashiers.require(action)
    assert core.context.cashier is None and cashiers.may("transfer")


async def test_first_cashier_must_be_a_manager_without_a_code(cashiers):
    with pytest.raises(RoleError) as refused:
        await cashiers.add("Awa", "cashier", "1234")
    assert refused.value.reason == "first" and await cashiers.list() == []
    [boss] = await cashiers.add("Koffi", "manager", "5678")
    assert (boss.name, boss.role) == ("Koffi", "manager")


async def test_the_code_gerant_becomes_the_first_manager(cashiers, guard, vault):
    guard.set("2468")
    with pytest.raises(PinError):
        await cashiers.add("Awa", "cashier", "1234")  # the code gérant is required
    with pytest.raises(PinError):
        await cashiers.add("Awa", "cashier", "1234", manager_code="0000")
    added = await cashiers.add("Awa", "cashier", "1234", manager_code="2468")
    assert [(r.name, r.role) for r in added] == [("Gérant", "manager"), ("Awa", "cashier")]
    gerant = await cashiers.verify("gérant", "2468")  # the very same code, any case
    assert gerant.role == "manager"
    guard.set("1357", "2468")  # changing the code gérant changes Gérant's PIN
    assert (await cashiers.verify("Gérant", "1357")).name == "Gérant"
    assert not any("1234" in v or "2468" in v for v in vault.values())  # verifiers only


async def test_roles_once_cashiers_exist(cashiers, core):
    await cashiers.add("Koffi", "manager", "5678")
    with pytest.raises(RoleError) as nobody:
        await cashiers.require("collect")
    assert nobody.value.reason == "nobody" and "F9" in nobody.value.human("fr")
    await cashiers.sign_in("Koffi", "5678")
    await cashiers.add("Awa", "cashier", "1234")
    await cashiers.sign_in("awa", "1234")
    assert core.context.cashier.name == "Awa"
    await cashiers.require("collect")
    for action in ("transfer", "contacts", "settings", "close_till", "reopen_day", "cashiers"):
        with pytest.raises(RoleError) as forbidden:
            await cashiers.require(action)
        assert forbidden.value.reason == "forbidden"
        assert "gérant" in forbidden.value.human("fr")
        assert "manager" in forbidden.value.human("en")
        assert not cashiers.may(action)
    with pytest.raises(RoleError):
        await cashiers.add("Moussa", "cashier", "4321")  # a cashier adds nobody


async def test_wrong_pin_refused_and_locks(cashiers):
    await cashiers.add("Koffi", "manager", "5678")
    with pytest.raises(PinError) as wrong:
        await cashiers.verify("Koffi", "0000")
    assert wrong.value.reason == "wrong"
    with pytest.raises(PinError) as unknown:
        await cashiers.verify("Nobody", "5678")
    assert unknown.value.human("en") == wrong.value.human("en")  # never says which
    for _ in range(FREE_TRIES):
        with pytest.raises(PinError):
            await cashiers.verify("Koffi", "0000")
    with pytest.raises(PinError) as locked:
        await cashiers.verify("Koffi", "5678")  # even the right one, while locked
    assert locked.value.reason == "locked" and locked.value.wait > 0


async def test_remove_is_soft_and_forgets_the_pin(cashiers, core, vault):
    await cashiers.add("Koffi", "manager", "5678")
    await cashiers.sign_in("Koffi", "5678")
    [awa] = await cashiers.add("Awa", "cashier", "1234")
    entries = len(vault)
    with pytest.raises(RoleError):
        await cashiers.remove("Koffi")  # the last manager while a cashier remains
    removed = await cashiers.remove("AWA")
    assert removed.removed_at is not None
    assert len(vault) < entries  # her verifier left the keyring
    assert [r.name for r in await cashiers.list()] == ["Koffi"]
    assert [r.name for r in await cashiers.list(include_removed=True)] == ["Awa", "Koffi"]
    with pytest.raises(PinError):
        await cashiers.verify("Awa", "1234")
    [again] = await cashiers.add("Awa", "cashier", "9999")  # the name is free again
    assert again.cashier_id != awa.cashier_id


async def test_names_are_unique_and_pins_valid(cashiers):
    await cashiers.add("Koffi", "manager", "5678")
    with pytest.raises(PinError):
        await cashiers.add("Awa", "cashier", "12")
    await cashiers.sign_in("Koffi", "5678")
    with pytest.raises(RoleError) as twice:
        await cashiers.add("KOFFI", "cashier", "1111")
    assert twice.value.reason == "invalid"
    assert [r.name for r in await cashiers.list()] == ["Koffi"]


async def test_an_unreadable_keyring_signs_nobody_in(cashiers, tmp_path, core):
    await cashiers.add("Koffi", "manager", "5678")
    broken = PinGuard(tmp_path / "data", store=CredentialStore(backend=MemoryKeyring(store={})),
                      lock_path=tmp_path / "pin.lock")
    core.cashiers.use_pins(lambda: broken)  # the verifier is not there
    with pytest.raises(PinError) as refused:
        await cashiers.verify("Koffi", "5678")
    assert refused.value.reason == "unreadable"


# --- every operation records the till and the cashier ------------------------------------


async def _transfer_contact(core):
    from backoffice.api import Contact

    return await core.contacts.add(Contact("225", "0701020304", "Kone", "Awa"))


def _stamps(core, table, where, key):
    return core.db.db.query_one(f"SELECT till, cashier_id FROM {table} WHERE {where} = ?",
                                (key,))


async def test_operations_record_till_and_cashier(cashiers, core):
    core.context.till = "CAISSE-2"
    before = await _transfer_contact(core)  # a shop without cashiers: nobody named
    assert tuple(_stamps(core, "contacts", "phone", before.phone)) == ("CAISSE-2", None)
    await cashiers.add("Koffi", "manager", "5678")
    koffi = await cashiers.sign_in("Koffi", "5678")
    link = await core.links.create(1500, "vente")
    transfer = await core.transfers.send("225", "0701020304", 5000)
    assert tuple(_stamps(core, "payment_links", "transaction_id", link.transaction_id)) == (
        "CAISSE-2", koffi.cashier_id)
    assert tuple(_stamps(core, "transfers", "client_transaction_id",
                         transfer.client_transaction_id)) == ("CAISSE-2", koffi.cashier_id)


async def test_a_cashier_cannot_send_money_nor_add_contacts(cashiers, core):
    from backoffice.api import Contact

    await cashiers.add("Koffi", "manager", "5678")
    await cashiers.sign_in("Koffi", "5678")
    await cashiers.add("Awa", "cashier", "1234")
    await cashiers.sign_in("Awa", "1234")
    with pytest.raises(RoleError):
        await core.transfers.send("225", "0701020304", 5000)
    with pytest.raises(RoleError):
        await core.contacts.add(Contact("225", "0701020399", "Kone", "Ali"))
    assert await core.transfers.list() == [] and await core.contacts.list() == []
    cashiers.sign_out()
    with pytest.raises(RoleError):  # nobody at the till either
        await core.transfers.send("225", "0701020304", 5000)


async def test_the_till_comes_from_the_preferences(tmp_path, monkeypatch):
    from backoffice.composition import command_setup
    from backoffice.services.context import default_till

    monkeypatch.setenv("COMPTOIR_DATA_DIR", str(tmp_path / "d"))
    monkeypatch.setenv("COMPTOIR_TILL", "CAISSE-7")
    core = await command_setup("fr").open(None)
    try:
        assert core.context.till == "CAISSE-7"
    finally:
        await core.aclose(drain=False)
    monkeypatch.delenv("COMPTOIR_TILL")
    core = await command_setup("fr").open(None)
    try:
        assert core.context.till == default_till() and core.context.till
    finally:
        await core.aclose(drain=False)


async def test_a_reset_code_gerant_signs_nobody_in_until_a_new_one(cashiers, guard):
    guard.set("2468")
    await cashiers.add("Awa", "cashier", "1234", manager_code="2468")
    guard.reset()  # comptoir-cli pin reset (the API key proved the manager)
    with pytest.raises(PinError) as refused:
        await cashiers.verify("Gérant", "0000")  # never "no code, come in"
    assert "réinitialisé" in refused.value.human("fr")
    guard.set("1357")
    assert (await cashiers.verify("Gérant", "1357")).role == "manager"


def test_a_code_set_in_training_does_not_reach_the_next_training(tmp_path):
    first = PinGuard.training(tmp_path / "formation")
    first.set("2468")
    for _ in range(FREE_TRIES + 1):
        first.check("0000")  # locked out in this session
    assert first.lockout() > 0
    following = PinGuard.training(tmp_path / "formation")  # the next training session
    assert following.state().value == "none" and following.lockout() == 0
    assert not (tmp_path / "formation" / "pin.required").exists()


async def test_money_out_is_confirmed_with_the_signed_in_managers_own_code(cashiers, guard):
    guard.set("2468")  # the code gérant
    assert cashiers.money_out_guard() is guard  # no cashiers: the code gérant
    await cashiers.add("Koffi", "manager", "5678", manager_code="2468")
    await cashiers.sign_in("Koffi", "5678")
    await cashiers.add("Awa", "cashier", "1234")
    koffi = cashiers.money_out_guard()
    assert koffi.check("5678").ok and not koffi.check("2468").ok
    await cashiers.sign_in("Gérant", "2468")
    assert cashiers.money_out_guard().check("2468").ok
    await cashiers.sign_in("Awa", "1234")  # a cashier: never her own code for money out
    assert cashiers.money_out_guard() is guard
