-- 0001_shop: the shop database (PostgreSQL), shared by every till of a shop (issue 16).
-- Each till's SQLite journal stays the record of its own operations; these tables hold their
-- copies, pushed by the tills' replicators (backoffice/shop/replicate.py). Amounts BIGINT
-- (the journal's integers), timestamps timestamptz, the till's full row in `row` (jsonb).
-- `sender`: the till that sends the operation to CinetPay (its creator, or the till that
-- adopted it); set on the first insert and by an adoption only, never by a replicator's update.
-- `state_rank`: 0 not yet acknowledged (queued, sending, uncertain), 1 sent, 2 final or failed;
-- a copy only replaces a row of a lower rank, or of the same rank and an older updated_at.

CREATE TABLE tills (
    code         TEXT PRIMARY KEY,
    host         TEXT NOT NULL DEFAULT '',
    app_version  TEXT NOT NULL DEFAULT '',
    first_seen   timestamptz NOT NULL DEFAULT now(),
    last_seen    timestamptz NOT NULL DEFAULT now(),
    last_pushed  timestamptz,          -- the last time it copied rows here
    pending      INTEGER NOT NULL DEFAULT 0  -- rows it had not copied yet, as it said at last_seen
);

CREATE TABLE links (
    transaction_id  TEXT PRIMARY KEY,
    till            TEXT NOT NULL,
    cashier_id      TEXT,
    sender          TEXT NOT NULL,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL,
    amount          BIGINT NOT NULL,
    currency        TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    state           TEXT NOT NULL,
    state_rank      SMALLINT NOT NULL,
    payment_status  TEXT,
    status_code     TEXT,
    payment_method  TEXT,
    phone           TEXT,
    operator_id     TEXT,
    accepted_at     timestamptz,
    ended_at        timestamptz,
    end_reason      TEXT,
    anomaly         TEXT,
    reason          TEXT,
    row             jsonb NOT NULL,
    pushed_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX links_till_created ON links (till, created_at);
CREATE INDEX links_created ON links (created_at);
CREATE INDEX links_open ON links (sender) WHERE state_rank < 2;

CREATE TABLE transfers (
    client_transaction_id    TEXT PRIMARY KEY,
    till                     TEXT NOT NULL,
    cashier_id               TEXT,
    sender                   TEXT NOT NULL,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    batch_id                 TEXT,
    prefix                   TEXT NOT NULL,
    phone                    TEXT NOT NULL,
    amount                   BIGINT NOT NULL,
    payment_method           TEXT,
    state                    TEXT NOT NULL,
    state_rank               SMALLINT NOT NULL,
    treatment_status         TEXT,
    sending_status           TEXT,
    cinetpay_transaction_id  TEXT,
    code                     TEXT,
    review                   TEXT,
    reason                   TEXT,
    row                      jsonb NOT NULL,
    pushed_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX transfers_till_created ON transfers (till, created_at);
CREATE INDEX transfers_created ON transfers (created_at);
CREATE INDEX transfers_open ON transfers (sender) WHERE state_rank < 2;

CREATE TABLE contacts (
    till        TEXT NOT NULL,
    prefix      TEXT NOT NULL,
    phone       TEXT NOT NULL,
    cashier_id  TEXT,
    sender      TEXT NOT NULL,
    name        TEXT NOT NULL,
    surname     TEXT NOT NULL,
    email       TEXT,
    state       TEXT NOT NULL,
    state_rank  SMALLINT NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    row         jsonb NOT NULL,
    pushed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (till, prefix, phone)
);
CREATE INDEX contacts_open ON contacts (sender) WHERE state_rank < 1;

-- Append-only at the till: copies are inserted once, never updated.
CREATE TABLE cash_movements (
    movement_id  TEXT PRIMARY KEY,
    till         TEXT NOT NULL,
    cashier_id   TEXT,
    created_at   timestamptz NOT NULL,
    kind         TEXT NOT NULL,
    amount       BIGINT NOT NULL,
    currency     TEXT NOT NULL,
    description  TEXT NOT NULL DEFAULT '',
    row          jsonb NOT NULL,
    pushed_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cash_movements_till_created ON cash_movements (till, created_at);

CREATE TABLE closings (
    closing_id     TEXT PRIMARY KEY,
    till           TEXT NOT NULL,
    cashier_id     TEXT,
    shop_day       TEXT NOT NULL,
    version        INTEGER NOT NULL,
    period_start   timestamptz NOT NULL,
    period_end     timestamptz NOT NULL,
    created_at     timestamptz NOT NULL,
    closed_by      TEXT,
    provisional    BOOLEAN NOT NULL,
    expected_cash  BIGINT NOT NULL,
    counted_cash   BIGINT,
    report         jsonb NOT NULL,
    row            jsonb NOT NULL,
    pushed_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX closings_day ON closings (shop_day, till);

CREATE TABLE cashiers (
    till        TEXT NOT NULL,
    cashier_id  TEXT NOT NULL,
    name        TEXT NOT NULL,
    role        TEXT NOT NULL,
    created_at  timestamptz NOT NULL,
    removed_at  timestamptz,
    row         jsonb NOT NULL,
    pushed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (till, cashier_id)
);

CREATE TABLE day_reopenings (
    till         TEXT NOT NULL,
    shop_day     TEXT NOT NULL,
    reopened_at  timestamptz NOT NULL,
    reopened_by  TEXT,
    reason       TEXT NOT NULL DEFAULT '',
    row          jsonb NOT NULL,
    pushed_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (till, shop_day, reopened_at)
);

-- A manager's till took over the outbox of a till that is gone (comptoir-cli shop adopt).
CREATE TABLE adoptions (
    id            BIGSERIAL PRIMARY KEY,
    adopted_till  TEXT NOT NULL,
    by_till       TEXT NOT NULL,
    by_cashier    TEXT,          -- cashier_id of the manager who did it (NULL: no cashiers)
    adopted_at    timestamptz NOT NULL DEFAULT now(),
    operations    INTEGER NOT NULL DEFAULT 0,
    CHECK (adopted_till <> by_till)
);
-- Which operations each adoption took: one adoption per operation at a time.
CREATE TABLE adopted_operations (
    kind         TEXT NOT NULL CHECK (kind IN ('link', 'transfer', 'contact')),
    ref          TEXT NOT NULL,   -- transaction_id, client_transaction_id, or 'prefix:phone'
    from_till    TEXT NOT NULL,   -- who sent it before (whose outbox must stop sending it)
    adoption_id  BIGINT NOT NULL REFERENCES adoptions (id),
    PRIMARY KEY (kind, ref, from_till)
);
CREATE INDEX adopted_operations_from ON adopted_operations (from_till);

-- Every insert or update tells the listeners (back office): a small JSON payload
-- {"table": …, "till": …, "id": …} on the channel comptoir_shop. TG_ARGV[0]: the key column.
CREATE FUNCTION comptoir_shop_notify() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r jsonb := to_jsonb(NEW);
    ref text := r ->> TG_ARGV[0];
BEGIN
    IF TG_TABLE_NAME = 'contacts' THEN
        ref := (r ->> 'prefix') || ':' || (r ->> 'phone');
    END IF;
    PERFORM pg_notify('comptoir_shop', json_build_object(
        'table', TG_TABLE_NAME, 'till', coalesce(r ->> 'till', r ->> 'code',
                                                 r ->> 'by_till'), 'id', ref)::text);
    RETURN NULL;
END $$;

CREATE TRIGGER tills_notify AFTER INSERT OR UPDATE ON tills
    FOR EACH ROW EXECUTE FUNCTION comptoir_shop_notify('code');
CREATE TRIGGER links_notify AFTER INSERT OR UPDATE ON links
    FOR EACH ROW EXECUTE FUNCTION comptoir_shop_notify('transaction_id');
CREATE TRIGGER transfers_notify AFTER INSERT OR UPDATE ON transfers
    FOR EACH ROW EXECUTE FUNCTION comptoir_shop_notify('client_transaction_id');
CREATE TRIGGER contacts_notify AFTER INSERT OR UPDATE ON contacts
    FOR EACH ROW EXECUTE FUNCTION comptoir_shop_notify('phone');
CREATE TRIGGER cash_movements_notify AFTER INSERT OR UPDATE ON cash_movements
    FOR EACH ROW EXECUTE FUNCTION comptoir_shop_notify('movement_id');
CREATE TRIGGER closings_notify AFTER INSERT OR UPDATE ON closings
    FOR EACH ROW EXECUTE FUNCTION comptoir_shop_notify('closing_id');
CREATE TRIGGER cashiers_notify AFTER INSERT OR UPDATE ON cashiers
    FOR EACH ROW EXECUTE FUNCTION comptoir_shop_notify('cashier_id');
CREATE TRIGGER day_reopenings_notify AFTER INSERT OR UPDATE ON day_reopenings
    FOR EACH ROW EXECUTE FUNCTION comptoir_shop_notify('shop_day');
CREATE TRIGGER adoptions_notify AFTER INSERT OR UPDATE ON adoptions
    FOR EACH ROW EXECUTE FUNCTION comptoir_shop_notify('id');
