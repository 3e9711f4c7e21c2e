-- Local cache of the CinetPay transaction history (getTransHistory), keyed by transaction_id.
-- amount_minor = amount x 100 exactly, so sums are exact integers. paid_at is the local
-- payment date and time ("YYYY-MM-DDTHH:MM:SS"), sortable as text. search_text holds the
-- case- and accent-folded searchable fields (id, payid, phone, designation, buyer, custom).

CREATE TABLE history (
    transaction_id  TEXT NOT NULL UNIQUE,
    payid           TEXT NOT NULL DEFAULT '',
    amount_minor    INTEGER NOT NULL CHECK (typeof(amount_minor) = 'integer'),
    currency        TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT '',
    result_code     TEXT NOT NULL DEFAULT '',
    error_message   TEXT NOT NULL DEFAULT '',
    operator        TEXT NOT NULL DEFAULT '',
    phone_prefix    TEXT NOT NULL DEFAULT '',
    phone           TEXT NOT NULL DEFAULT '',
    designation     TEXT NOT NULL DEFAULT '',
    buyer_name      TEXT NOT NULL DEFAULT '',
    custom          TEXT NOT NULL DEFAULT '',
    paid_at         TEXT,
    created_at      TEXT NOT NULL DEFAULT '',
    updated_at      TEXT NOT NULL DEFAULT '',
    fetched_at      TEXT NOT NULL,
    search_text     TEXT NOT NULL DEFAULT ''
);
-- Few indexes on purpose (each one slows a 100k-row refresh): the date range and the
-- default sort, the phone filter, and a covering index for totals by status and operator.
CREATE INDEX history_paid_at ON history (paid_at, transaction_id);
CREATE INDEX history_phone ON history (phone);
CREATE INDEX history_totals ON history (status, operator, amount_minor, paid_at);
