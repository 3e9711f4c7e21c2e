"""The duplicate guards' decisions (Qt-free), against a real journal and the simulator."""

from __future__ import annotations

from datetime import timedelta

from backoffice.output.csvfiles import TransferLine
from backoffice.services.duplicates import content_hash


def good_phones(sim, n: int) -> list[str]:
    return [c["phone"] for c in sim.contacts() if not c["phone"].endswith("99")][:n]


def shift(core, delta: timedelta) -> None:
    """Move the journal's clock (created_at of new rows, and 'now' for the windows)."""
    base = core.clock.source
    core.clock.source = lambda: base() + delta


async def test_single_within_15_minutes_then_not(core, sim):
    [phone] = good_phones(sim, 1)
    guard = core.duplicates
    line = TransferLine("225", phone, 2000)
    assert (await guard.check_single(line)).clean
    await core.transfers.send("225", phone, 2000)
    dup = await guard.check_single(TransferLine("+225", f" {phone} ", 2000))
    assert dup.needs_again and 0 in dup.recent
    assert (await guard.check_single(TransferLine("225", phone, 2005))).clean
    shift(core, timedelta(minutes=16))
    assert (await guard.check_single(line)).clean


async def test_batch_same_content_lines_and_repeats(core, sim):
    a, b = good_phones(sim, 2)
    guard = core.duplicates
    lines = [TransferLine("225", a, 1000), TransferLine("225", b, 1500)]
    assert (await guard.check_batch(lines)).clean
    rows = await core.transfers.send_batch(lines)
    await guard.record_batch(lines, rows[0].batch_id)

    again = await guard.check_batch([TransferLine("+225", f"{a} ", 1000),
                                     TransferLine("225", b, 1500)])
    assert again.file_sent_at is not None and set(again.recent) == {0, 1}
    mixed = await guard.check_batch([TransferLine("225", b, 900), TransferLine("225", a, 1000)])
    assert mixed.file_sent_at is None and list(mixed.recent) == [1]
    repeats = await guard.check_batch([TransferLine("225", b, 900), TransferLine("225", a, 400),
                                       TransferLine("225", b, 900)])
    assert repeats.repeats == [[0, 2]] and repeats.needs_allow_repeats
    assert not repeats.needs_again

    shift(core, timedelta(hours=25))
    assert (await guard.check_batch(lines)).clean  # a day later: a new payroll


async def test_refused_transfers_do_not_count(core, sim):
    row = await core.transfers.send("225", "0101010101", 5000)  # not a contact: refused
    assert row.state.value == "failed"
    dup = await core.duplicates.check_single(TransferLine("225", "0101010101", 5000))
    assert dup.clean


def test_content_hash_ignores_form_not_substance():
    one = [TransferLine("225", "0701020304", 1000), TransferLine("225", "0505050505", 200)]
    same = [TransferLine("+225", " 07 01 02 03 04", 1000), TransferLine("225", "0505050505", 200)]
    assert content_hash(one) == content_hash(same)
    assert content_hash(one) != content_hash(list(reversed(one)))
    assert content_hash(one) != content_hash([one[0], TransferLine("225", "0505050505", 205)])
