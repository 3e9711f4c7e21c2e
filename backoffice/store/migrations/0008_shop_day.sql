-- 0008_shop_day: cashiers, the till and the cashier of every operation, the cash drawer, the
-- end-of-day closing (versions never edited), what a receipt prints, links that end.

-- Named cashiers (optional: a shop of one has none). Their PIN verifiers live in the OS keyring
-- like the manager PIN (backoffice/pin.py), never here. A removed cashier keeps their row so
-- past operations still name them; a name is unique among the cashiers not removed.
CREATE TABLE cashiers (
    id          INTEGER PRIMARY KEY,
    cashier_id  TEXT NOT NULL UNIQUE CHECK (length(cashier_id) > 0),
    name        TEXT NOT NULL CHECK (length(trim(name)) > 0),
    role        TEXT NOT NULL CHECK (role IN ('cashier', 'manager')),
    created_at  TEXT NOT NULL,
    removed_at  TEXT
);
CREATE UNIQUE INDEX cashiers_active_name ON cashiers (name COLLATE NOCASE)
    WHERE removed_at IS NULL;

-- Which till and which cashier made each operation (NULL: before cashiers, or none at the till).
ALTER TABLE payment_links ADD COLUMN till TEXT;
ALTER TABLE payment_links ADD COLUMN cashier_id TEXT;
ALTER TABLE transfers ADD COLUMN till TEXT;
ALTER TABLE transfers ADD COLUMN cashier_id TEXT;
ALTER TABLE contacts ADD COLUMN till TEXT;
ALTER TABLE contacts ADD COLUMN cashier_id TEXT;

-- What a receipt prints and what the closing reconciles: CinetPay's operator reference, and
-- when this till learned that the link was paid (ACCEPTED written to the journal).
ALTER TABLE payment_links ADD COLUMN operator_id TEXT;
ALTER TABLE payment_links ADD COLUMN accepted_at TEXT;
-- A waiting link ends: cancelled by the cashier or expired after a set time. It stays
-- checkable, so a payment that arrives after its end is still detected (and flagged).
ALTER TABLE payment_links ADD COLUMN ended_at TEXT;
ALTER TABLE payment_links ADD COLUMN end_reason TEXT
    CHECK (end_reason IS NULL OR end_reason IN ('cancelled', 'expired'));
CREATE INDEX payment_links_till_day ON payment_links (till, created_at);

-- The cash drawer: cash sales, cash paid out, cash added (float). Never sent to CinetPay,
-- never edited nor deleted: a mistake is corrected by an opposite movement with a reason.
CREATE TABLE cash_movements (
    id           INTEGER PRIMARY KEY,
    movement_id  TEXT NOT NULL UNIQUE CHECK (length(movement_id) > 0),
    created_at   TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('sale', 'payout', 'float')),
    amount       INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    currency     TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    till         TEXT NOT NULL,
    cashier_id   TEXT
);
CREATE INDEX cash_movements_day ON cash_movements (till, created_at);
CREATE TRIGGER cash_movements_never_edited BEFORE UPDATE ON cash_movements
BEGIN SELECT RAISE(ABORT, 'cash movements are never edited'); END;
CREATE TRIGGER cash_movements_never_deleted BEFORE DELETE ON cash_movements
BEGIN SELECT RAISE(ABORT, 'cash movements are never deleted'); END;

-- End-of-day closings. A closing is never edited: a re-run writes the next version of the same
-- (shop day, till, cashier) and keeps the old ones. cashier_id NULL: the whole till.
CREATE TABLE closings (
    id             INTEGER PRIMARY KEY,
    closing_id     TEXT NOT NULL UNIQUE CHECK (length(closing_id) > 0),
    shop_day       TEXT NOT NULL,  -- YYYY-MM-DD in the shop's time zone
    till           TEXT NOT NULL,
    cashier_id     TEXT,
    version        INTEGER NOT NULL CHECK (version >= 1),
    period_start   TEXT NOT NULL,
    period_end     TEXT NOT NULL,
    created_at     TEXT NOT NULL,
    closed_by      TEXT,           -- the cashier_id of who closed
    provisional    INTEGER NOT NULL CHECK (provisional IN (0, 1)),
    expected_cash  INTEGER NOT NULL CHECK (typeof(expected_cash) = 'integer'),
    counted_cash   INTEGER CHECK (counted_cash IS NULL OR typeof(counted_cash) = 'integer'),
    report_json    TEXT NOT NULL CHECK (json_valid(report_json))
);
CREATE UNIQUE INDEX closings_version ON closings (shop_day, till, coalesce(cashier_id, ''), version);
CREATE TRIGGER closings_never_edited BEFORE UPDATE ON closings
BEGIN SELECT RAISE(ABORT, 'closings are never edited'); END;
CREATE TRIGGER closings_never_deleted BEFORE DELETE ON closings
BEGIN SELECT RAISE(ABORT, 'closings are never deleted'); END;

-- A manager reopening a closed day (who, when, why): the next closing of that day is a new
-- version; the reopening itself is kept.
CREATE TABLE day_reopenings (
    id           INTEGER PRIMARY KEY,
    shop_day     TEXT NOT NULL,
    till         TEXT NOT NULL,
    reopened_at  TEXT NOT NULL,
    reopened_by  TEXT,
    reason       TEXT NOT NULL DEFAULT ''
);
