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
