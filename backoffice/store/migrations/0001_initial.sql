-- Journal of money operations (payment links, transfers, contact additions), their status
-- history, the outbox view over everything not yet confirmed, and the small caches.
-- Timestamps are ISO-8601 UTC text with a Z ("2026-11-23T10:15:00.123Z").
-- States: queued -> sending -> sent -> final, or uncertain / failed (see states.py).

CREATE TABLE payment_links (
    id              INTEGER PRIMARY KEY,
    transaction_id  TEXT NOT NULL UNIQUE CHECK (length(transaction_id) > 0),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    amount          INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    currency        TEXT NOT NULL,
    description     TEXT NOT NULL,
    request_json    TEXT NOT NULL CHECK (json_valid(request_json)),
    state           TEXT NOT NULL DEFAULT 'queued'
                    CHECK (state IN ('queued', 'sending', 'sent', 'final', 'uncertain', 'failed')),
    payment_status  TEXT CHECK (payment_status IN ('PENDING', 'ACCEPTED', 'REFUSED')),
    status_code     TEXT,
    status_message  TEXT,
    payment_token   TEXT,
    payment_url     TEXT,
    payment_method  TEXT,
    phone           TEXT,
    attempts        INTEGER NOT NULL DEFAULT 0,
    last_error      TEXT,
    checked_at      TEXT,
    not_before      TEXT
);
CREATE INDEX payment_links_state ON payment_links (state, created_at);
CREATE INDEX payment_links_created ON payment_links (created_at);

CREATE TABLE link_events (
    id              INTEGER PRIMARY KEY,
    transaction_id  TEXT NOT NULL REFERENCES payment_links (transaction_id),
    at              TEXT NOT NULL,
    state           TEXT NOT NULL,
    payment_status  TEXT,
    code            TEXT,
    detail          TEXT
);
CREATE INDEX link_events_ref ON link_events (transaction_id, id);

CREATE TABLE transfers (
    id                      INTEGER PRIMARY KEY,
    client_transaction_id   TEXT NOT NULL UNIQUE CHECK (length(client_transaction_id) > 0),
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    batch_id                TEXT,
    prefix                  TEXT NOT NULL,
    phone                   TEXT NOT NULL,
    amount                  INTEGER NOT NULL CHECK (typeof(amount) = 'integer' AND amount > 0),
    notify_url              TEXT,
    state                   TEXT NOT NULL DEFAULT 'queued'
                            CHECK (state IN ('queued', 'sending', 'sent', 'final', 'uncertain',
                                             'failed')),
    cinetpay_transaction_id TEXT,
    lot                     TEXT,
    treatment_status        TEXT CHECK (treatment_status IN ('NEW', 'REC', 'NOS', 'VAL', 'REJ')),
    code                    TEXT,
    last_error              TEXT,
    attempts                INTEGER NOT NULL DEFAULT 0,
    checked_at              TEXT,
    not_before              TEXT
);
CREATE INDEX transfers_state ON transfers (state, created_at);
CREATE INDEX transfers_created ON transfers (created_at);
CREATE INDEX transfers_batch ON transfers (batch_id, created_at) WHERE batch_id IS NOT NULL;

CREATE TABLE transfer_events (
    id                      INTEGER PRIMARY KEY,
    client_transaction_id   TEXT NOT NULL REFERENCES transfers (client_transaction_id),
    at                      TEXT NOT NULL,
    state                   TEXT NOT NULL,
    treatment_status        TEXT,
    code                    TEXT,
    detail                  TEXT
);
CREATE INDEX transfer_events_ref ON transfer_events (client_transaction_id, id);

-- Contacts added from here; `sent` means known to CinetPay (no `final` for contacts).
CREATE TABLE contacts (
    id          INTEGER PRIMARY KEY,
    prefix      TEXT NOT NULL CHECK (length(prefix) > 0),
    phone       TEXT NOT NULL CHECK (length(phone) > 0),
    name        TEXT NOT NULL,
    surname     TEXT NOT NULL,
    email       TEXT,
    state       TEXT NOT NULL DEFAULT 'queued'
                CHECK (state IN ('queued', 'sending', 'sent', 'uncertain', 'failed')),
    code        TEXT,
    last_error  TEXT,
    attempts    INTEGER NOT NULL DEFAULT 0,
    not_before  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (prefix, phone)
);
CREATE INDEX contacts_state ON contacts (state, created_at);

CREATE TABLE contact_events (
    id          INTEGER PRIMARY KEY,
    contact_id  INTEGER NOT NULL REFERENCES contacts (id),
    at          TEXT NOT NULL,
    state       TEXT NOT NULL,
    code        TEXT,
    detail      TEXT
);
CREATE INDEX contact_events_ref ON contact_events (contact_id, id);

-- Everything not yet confirmed by the server. `sending` rows are in flight (or, at startup,
-- crash leftovers to flip to `uncertain`); due work is queued/uncertain past not_before.
CREATE VIEW outbox (kind, ref, state, created_at, attempts, not_before) AS
    SELECT 'link', transaction_id, state, created_at, attempts, not_before
      FROM payment_links WHERE state IN ('queued', 'sending', 'uncertain')
    UNION ALL
    SELECT 'transfer', client_transaction_id, state, created_at, attempts, not_before
      FROM transfers WHERE state IN ('queued', 'sending', 'uncertain')
    UNION ALL
    SELECT 'contact', prefix || ':' || phone, state, created_at, attempts, not_before
      FROM contacts WHERE state IN ('queued', 'sending', 'uncertain');

-- Last known server values (balances, contact list) with the time they were fetched.
CREATE TABLE cache_meta (
    key           TEXT PRIMARY KEY NOT NULL,
    fetched_at    TEXT NOT NULL,
    payload_json  TEXT NOT NULL CHECK (json_valid(payload_json))
) WITHOUT ROWID;
