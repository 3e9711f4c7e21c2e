-- 0010_shop_replication: what this till still has to copy to the shop database (issue 16).
-- Every insert or update of a replicated row leaves (table, row id) in shop_pending, in the same
-- transaction as the change, under a fresh sequence number (AUTOINCREMENT: never reused). The
-- replicator (backoffice/shop/replicate.py) pushes the row's current content, then deletes the
-- entries whose seq it read: a row changed again meanwhile has a new seq and stays pending.
-- So nothing is lost (a crash before the delete only pushes again: upserts are idempotent) and
-- nothing depends on clocks. One entry per row at most: a till without a shop database keeps a
-- table no bigger than an index, and pushes all its history the day one is configured.
-- The trigger deletes then inserts (no OR REPLACE: an outer statement's conflict clause would
-- override a trigger's one).
CREATE TABLE shop_pending (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl     TEXT NOT NULL,
    row_id  INTEGER NOT NULL
);
CREATE UNIQUE INDEX shop_pending_row ON shop_pending (tbl, row_id);

CREATE TRIGGER shop_pending_payment_links_insert AFTER INSERT ON payment_links BEGIN
    DELETE FROM shop_pending WHERE tbl = 'payment_links' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('payment_links', new.id);
END;
CREATE TRIGGER shop_pending_payment_links_update AFTER UPDATE ON payment_links BEGIN
    DELETE FROM shop_pending WHERE tbl = 'payment_links' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('payment_links', new.id);
END;
CREATE TRIGGER shop_pending_transfers_insert AFTER INSERT ON transfers BEGIN
    DELETE FROM shop_pending WHERE tbl = 'transfers' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('transfers', new.id);
END;
CREATE TRIGGER shop_pending_transfers_update AFTER UPDATE ON transfers BEGIN
    DELETE FROM shop_pending WHERE tbl = 'transfers' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('transfers', new.id);
END;
CREATE TRIGGER shop_pending_contacts_insert AFTER INSERT ON contacts BEGIN
    DELETE FROM shop_pending WHERE tbl = 'contacts' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('contacts', new.id);
END;
CREATE TRIGGER shop_pending_contacts_update AFTER UPDATE ON contacts BEGIN
    DELETE FROM shop_pending WHERE tbl = 'contacts' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('contacts', new.id);
END;
CREATE TRIGGER shop_pending_cash_movements_insert AFTER INSERT ON cash_movements BEGIN
    DELETE FROM shop_pending WHERE tbl = 'cash_movements' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('cash_movements', new.id);
END;
CREATE TRIGGER shop_pending_cash_movements_update AFTER UPDATE ON cash_movements BEGIN
    DELETE FROM shop_pending WHERE tbl = 'cash_movements' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('cash_movements', new.id);
END;
CREATE TRIGGER shop_pending_closings_insert AFTER INSERT ON closings BEGIN
    DELETE FROM shop_pending WHERE tbl = 'closings' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('closings', new.id);
END;
CREATE TRIGGER shop_pending_closings_update AFTER UPDATE ON closings BEGIN
    DELETE FROM shop_pending WHERE tbl = 'closings' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('closings', new.id);
END;
CREATE TRIGGER shop_pending_cashiers_insert AFTER INSERT ON cashiers BEGIN
    DELETE FROM shop_pending WHERE tbl = 'cashiers' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('cashiers', new.id);
END;
CREATE TRIGGER shop_pending_cashiers_update AFTER UPDATE ON cashiers BEGIN
    DELETE FROM shop_pending WHERE tbl = 'cashiers' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('cashiers', new.id);
END;
CREATE TRIGGER shop_pending_day_reopenings_insert AFTER INSERT ON day_reopenings BEGIN
    DELETE FROM shop_pending WHERE tbl = 'day_reopenings' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('day_reopenings', new.id);
END;
CREATE TRIGGER shop_pending_day_reopenings_update AFTER UPDATE ON day_reopenings BEGIN
    DELETE FROM shop_pending WHERE tbl = 'day_reopenings' AND row_id = new.id;
    INSERT INTO shop_pending (tbl, row_id) VALUES ('day_reopenings', new.id);
END;
-- Rows written before this migration are pending too (a first push copies the history).
INSERT INTO shop_pending (tbl, row_id) SELECT 'payment_links', id FROM payment_links ORDER BY id;
INSERT INTO shop_pending (tbl, row_id) SELECT 'transfers', id FROM transfers ORDER BY id;
INSERT INTO shop_pending (tbl, row_id) SELECT 'contacts', id FROM contacts ORDER BY id;
INSERT INTO shop_pending (tbl, row_id) SELECT 'cash_movements', id FROM cash_movements ORDER BY id;
INSERT INTO shop_pending (tbl, row_id) SELECT 'closings', id FROM closings ORDER BY id;
INSERT INTO shop_pending (tbl, row_id) SELECT 'cashiers', id FROM cashiers ORDER BY id;
INSERT INTO shop_pending (tbl, row_id) SELECT 'day_reopenings', id FROM day_reopenings ORDER BY id;

-- Operations of this till that another till adopted (comptoir-cli shop adopt): copied from the
-- shop database by the replicator; the outbox never sends them again (store/outbox.py).
CREATE TABLE shop_adopted (
    kind        TEXT NOT NULL CHECK (kind IN ('link', 'transfer', 'contact')),
    ref         TEXT NOT NULL,
    adopted_by  TEXT NOT NULL,
    adopted_at  TEXT NOT NULL,
    PRIMARY KEY (kind, ref)
) WITHOUT ROWID;
