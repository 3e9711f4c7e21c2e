"""Encaisser, issue 17: the brisk check's schedule (fake clock), "Annuler" (the QR goes, the
customer window says so, nothing is sent to CinetPay), a late payment flagged in the list, and
the PAYÉ / refused flash and sound (an overlay: nothing in the window moves)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

from backoffice.services.outcomes import LinkOutcome
from backoffice.ui.checkout.feedback import Flash, Sound, choose_player, flash_window, tone_file
from backoffice.ui.checkout.links_model import LinksModel
from backoffice.ui.checkout.status_checker import StatusChecker
from backoffice.ui.checkout.tab import CheckoutTab
from tests.support.checkout_ui import create
from tests.support.till import (
    gui_thread_cleanup,  # noqa: F401 (autouse fixture)
    requests,
    settle_loop,
    show,
)
from tests.support.waits import until


class Ticks:
    """A monotonic clock that moves only when told."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def slow_checks(monkeypatch):  # no automatic check during the test
    monkeypatch.setattr(StatusChecker, "SCHEDULE", ((math.inf, 600.0),))


@pytest.fixture
def quiet(ui_ctx):
    """Sounds are recorded, never played."""
    started: list[tuple[str, list[str]]] = []
    return started


def recording_sound(tab: CheckoutTab, started: list) -> None:
    tab.sound = Sound(tab.ctx.data_dir, which=lambda name: f"/usr/bin/{name}",
                      start=lambda program, args: started.append((program, args)))


def geometries(window: QWidget) -> dict[int, tuple]:
    return {id(w): (w.objectName(), w.geometry().getRect())
            for w in window.findChildren(QWidget) if not isinstance(w, Flash)}


# --- the schedule (fake clock, no network) ---------------------------------------------------


def test_schedule_is_brisk_while_someone_may_be_paying_then_slower_and_bounded(qapp):
    clock = Ticks()
    checker = StatusChecker(SimpleNamespace(), clock=clock)
    checker.start("CPT1")
    try:
        assert checker.next_interval() == 2.0
        clock.now += 35  # a customer paying 35 s after the QR appeared: still every 2 s
        assert checker.next_interval() == 2.0
        clock.now += 150  # 185 s
        assert checker.next_interval() == 5.0
        clock.now += 200  # 385 s
        assert checker.next_interval() == 10.0
        clock.now += 300  # 685 s
        assert checker.next_interval() == 30.0
        checker.touch()  # the cashier is still at the till: brisk again
        assert checker.next_interval() == 2.0
        clock.now += StatusChecker.STOP_IDLE  # nobody looked at it for 30 minutes
        assert checker.next_interval() is None
        checker.touch()
        checker.count = StatusChecker.MAX_CHECKS  # whatever the attention, a round ends
        assert checker.next_interval() is None
    finally:
        checker.stop()


def test_rate_limit_backs_off_from_retry_after_doubling_to_a_cap(qapp):
    checker = StatusChecker(SimpleNamespace(), clock=Ticks())
    checker.start("CPT1")
    try:
        checker.rate_limited(None)
        assert checker.next_interval() == StatusChecker.MIN_BACKOFF
        checker.rate_limited(None)
        assert checker.next_interval() == 2 * StatusChecker.MIN_BACKOFF
        checker.rate_limited(90.0)  # Retry-After wins when longer
        assert checker.next_interval() == 90.0
        checker.rate_limited(None)
        assert checker.next_interval() == StatusChecker.MAX_BACKOFF
        checker.start("CPT2")  # another link: a fresh start
        assert checker.next_interval() == 2.0
    finally:
        checker.stop()


def test_a_touch_during_a_slow_wait_brings_the_next_check_forward(qapp):
    clock = Ticks()
    checker = StatusChecker(SimpleNamespace(), clock=clock)
    checker.start("CPT1")
    try:
        clock.now += 700
        checker._schedule()  # a 30 s wait is running
        assert checker._timer.isActive() and checker._timer.interval() == 30_000
        checker.touch()
        assert checker._timer.isActive() and checker._timer.interval() == 2_000
    finally:
        checker.stop()


async def test_input_while_the_qr_is_in_sight_counts_as_attention(ui_ctx, sim, qtbot,
                                                                   slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await create(tab, qtbot)
    clock = Ticks()
    tab.checker.clock = clock
    tab.checker.touch()
    tab.checker.SCHEDULE = ((180.0, 2.0), (math.inf, 30.0))  # this checker only
    clock.now += 700
    assert tab.checker.next_interval() == 30.0
    QApplication.sendEvent(tab.amount, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift,
                                                 Qt.KeyboardModifier.NoModifier))
    assert tab.checker.next_interval() == 2.0
    clock.now += 700
    tab.hide()  # another tab: the QR is out of sight, a key press is not attention
    QApplication.sendEvent(window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift,
                                             Qt.KeyboardModifier.NoModifier))
    assert tab.checker.next_interval() == 30.0
    window.close()


async def test_a_rate_limited_check_backs_off(ui_ctx, sim, qtbot, monkeypatch):
    monkeypatch.setattr(StatusChecker, "SCHEDULE", ((math.inf, 0.05),))
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await create(tab, qtbot)
    sim.set_faults(rate=1.0, kinds=["rate_limit_429"], paths=["/v2/payment/check"])
    await until(lambda: tab.checker.backoff > 0, timeout=10)
    assert tab.checker.active and tab.checker.next_interval() >= StatusChecker.MIN_BACKOFF
    window.close()


# --- Annuler ---------------------------------------------------------------------------------


async def test_annuler_hides_the_qr_and_the_customer_window_says_so(ui_ctx, sim, qtbot,
                                                                    slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot)
    tab.customer_button.click()
    customer = tab.customer_window
    assert customer.qr.url == row.payment_url and tab.cancel_button.isEnabled()
    sent = len(sim.request_log())

    qtbot.mouseClick(tab.cancel_button, Qt.MouseButton.LeftButton)
    await until(lambda: tab.banner.outcome == LinkOutcome.CANCELLED)

    assert tab.qr.url == "" and tab.panel.current_url() == ""
    assert tab.banner.text() == "Lien annulé" and "ne doit pas payer" in tab.detail_label.text()
    assert not tab.copy_button.isEnabled() and not tab.cancel_button.isEnabled()
    assert not tab.checker.active
    assert customer.qr.url == "" and not customer.qr.isVisible()
    assert customer.banner.text() == "Paiement annulé"
    assert customer.detail.text().startswith("Ne payez pas")
    assert "ne pas payer" in ui_ctx.messages.text
    assert len(sim.request_log()) == sent  # CinetPay is told nothing (it has no cancel)
    assert (await ui_ctx.core.unconfirmed()).awaiting_payment == 0
    await settle_loop(ui_ctx)
    status = LinksModel.columns.index("status")
    # the list reloads on the change event: wait for it rather than read it mid-reload
    await until(lambda: tab.model.index(0, status).data() == "Annulé")
    window.close()


async def test_a_late_payment_after_annuler_is_flagged_in_the_list(ui_ctx, sim, qtbot,
                                                                   slow_checks, quiet):
    tab = CheckoutTab(ui_ctx)
    recording_sound(tab, quiet)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot)
    tab.cancel_current()
    await until(lambda: tab.banner.outcome == LinkOutcome.CANCELLED)
    sim.settle(row.transaction_id, outcome="ACCEPTED")

    tab.refresh()  # F5: every waiting link, ended ones included (less often)
    await until(lambda: tab.banner.outcome == LinkOutcome.PAID)
    await settle_loop(ui_ctx)

    status = LinksModel.columns.index("status")
    assert tab.model.index(0, status).data() == "PAYÉ (paiement tardif)"
    assert tab.detail_label.text().startswith("Paiement tardif")
    assert [p for p, _ in quiet] and tab.sound.played == [LinkOutcome.PAID]
    window.close()


# --- flash and sound -------------------------------------------------------------------------


async def test_paid_flashes_the_till_and_the_customer_window_and_plays_a_sound(
        ui_ctx, sim, qtbot, monkeypatch, quiet):
    monkeypatch.setattr(StatusChecker, "SCHEDULE", ((math.inf, 0.05),))
    tab = CheckoutTab(ui_ctx)
    recording_sound(tab, quiet)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot)
    tab.customer_button.click()
    sim.settle(row.transaction_id, outcome="ACCEPTED")
    await until(lambda: tab.banner.text() == "PAYÉ")

    flash = window.findChild(Flash, "flash")
    assert flash is not None and flash.isVisible() and flash.text == "PAYÉ"
    assert flash.geometry() == window.rect()
    assert flash.testAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
    assert flash.colour.name() == "#1e7b34"
    on_customer = tab.customer_window.findChild(Flash, "flash")
    assert on_customer is not None and on_customer.isVisible()
    assert on_customer.text == "Paiement reçu"
    assert tab.sound.played == [LinkOutcome.PAID]
    [(program, [wav])] = quiet
    assert program.endswith("paplay") and wav.endswith("sound-paid.wav")
    await until(lambda: not flash.isVisible(), timeout=Flash.DURATION_MS / 1000 + 2)
    window.close()


async def test_refusal_flashes_red_and_preferences_turn_both_off(ui_ctx, sim, qtbot,
                                                                  slow_checks, quiet):
    tab = CheckoutTab(ui_ctx)
    recording_sound(tab, quiet)
    window = show(ui_ctx, tab)
    row = await create(tab, qtbot, "1000")
    sim.settle(row.transaction_id, outcome="REFUSED", code="602")
    tab.verify_current()
    await until(lambda: tab.banner.outcome == LinkOutcome.REFUSED)
    flash = window.findChild(Flash, "flash")
    assert flash.isVisible() and flash.colour.name() == "#b3261e"
    assert tab.sound.played == [LinkOutcome.REFUSED]

    ui_ctx.prefs.flash = ui_ctx.prefs.sound = False
    flash.hide()
    second = await create(tab, qtbot, "2000")
    sim.settle(second.transaction_id, outcome="ACCEPTED")
    tab.verify_current()
    await until(lambda: tab.banner.text() == "PAYÉ")
    assert not flash.isVisible() and tab.sound.played == [LinkOutcome.REFUSED]
    window.close()


async def test_the_flash_overlays_and_nothing_in_the_window_moves(ui_ctx, sim, qtbot,
                                                                  slow_checks):
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await create(tab, qtbot)
    await settle_loop(ui_ctx)
    before = geometries(window)
    flash = flash_window(window, LinkOutcome.PAID, "PAYÉ")
    await until(lambda: flash.isVisible())
    QApplication.processEvents()
    assert geometries(window) == before
    assert flash.geometry() == window.rect()
    window.resize(window.width() - 40, window.height() - 30)  # follows the window
    await until(lambda: flash.geometry() == window.rect())
    assert flash_window(window, LinkOutcome.PENDING, "x") is None  # only PAYÉ / refused
    window.close()


def test_sound_falls_back_to_the_bell_and_writes_its_tone_once(qapp, tmp_path, monkeypatch):
    assert choose_player(lambda name: None) is None
    assert choose_player(lambda name: "/bin/aplay" if name == "aplay" else None) == "/bin/aplay"
    bells: list[int] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: bells.append(1)))
    Sound(tmp_path, which=lambda name: None).play(LinkOutcome.REFUSED)
    assert bells == [1]
    wav = tone_file(LinkOutcome.PAID, tmp_path)
    assert wav.read_bytes()[:4] == b"RIFF" and wav.stat().st_size > 10_000
    stamp = wav.stat().st_mtime_ns
    assert tone_file(LinkOutcome.PAID, tmp_path).stat().st_mtime_ns == stamp
    Sound(tmp_path, which=lambda name: None).play(LinkOutcome.PENDING)  # nothing to say
    assert bells == [1]


async def test_no_automatic_check_reaches_cinetpay_for_a_cancelled_link(ui_ctx, sim, qtbot,
                                                                        monkeypatch):
    monkeypatch.setattr(StatusChecker, "SCHEDULE", ((math.inf, 0.05),))
    tab = CheckoutTab(ui_ctx)
    window = show(ui_ctx, tab)
    await create(tab, qtbot)
    await until(lambda: tab.checker.count >= 1)
    tab.cancel_current()
    await until(lambda: not tab.checker.active)
    checks = requests(sim, "checkout.check")
    await settle_loop(ui_ctx)
    assert requests(sim, "checkout.check") == checks
    window.close()
