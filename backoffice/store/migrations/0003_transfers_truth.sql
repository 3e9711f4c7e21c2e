-- 0003_transfers_truth: what a transfer needs so that it is never sent twice and never shown
-- with a wrong status.
-- last_sent_at / last_sent_mono: the wall clock and the system's monotonic clock (seconds
--   since boot) of the last send attempt, written before the request leaves. A "not found"
--   proves nothing until both say the request can no longer arrive (clock jumps included).
-- sending_status: CinetPay's CONFIRM / PENDING (PENDING: the merchant has not confirmed the
--   transfer by e-mail yet).
-- conflicts: how many times CinetPay answered 805 (id already used) while its check said 723.
-- review: why a person must check this transfer with CinetPay (NULL: nothing to do); such a
--   transfer is still checked, never sent again automatically.
ALTER TABLE transfers ADD COLUMN last_sent_at TEXT;
ALTER TABLE transfers ADD COLUMN last_sent_mono REAL;
ALTER TABLE transfers ADD COLUMN sending_status TEXT;
ALTER TABLE transfers ADD COLUMN conflicts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE transfers ADD COLUMN review TEXT;
