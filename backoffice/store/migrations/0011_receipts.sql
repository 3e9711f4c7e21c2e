-- 0011_receipts: what a receipt needs from the journal (issue 15).
-- The payer's country calling code as CinetPay's check answer gives it ("225"), so a receipt
-- prints +225 07 •• •• 34 12 on the classic platform too (NULL: not said, older rows).
ALTER TABLE payment_links ADD COLUMN phone_prefix TEXT;

-- Every receipt that reached the printer (a failed print is not here). The first row of a link
-- is its original; any later print of it is a DUPLICATA, whatever process or session prints it.
-- Rows are never edited nor deleted.
CREATE TABLE receipt_prints (
    id              INTEGER PRIMARY KEY,
    transaction_id  TEXT NOT NULL REFERENCES payment_links (transaction_id),
    printed_at      TEXT NOT NULL,
    duplicate       INTEGER NOT NULL CHECK (duplicate IN (0, 1)),
    printer         TEXT NOT NULL DEFAULT '',  -- where it was printed (printer or file)
    till            TEXT,
    cashier_id      TEXT
);
CREATE INDEX receipt_prints_link ON receipt_prints (transaction_id, id);
CREATE TRIGGER receipt_prints_never_edited BEFORE UPDATE ON receipt_prints
BEGIN SELECT RAISE(ABORT, 'receipt prints are never edited'); END;
CREATE TRIGGER receipt_prints_never_deleted BEFORE DELETE ON receipt_prints
BEGIN SELECT RAISE(ABORT, 'receipt prints are never deleted'); END;
