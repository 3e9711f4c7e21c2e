-- 0009_history_search: the History screen at 100k rows.
-- Sorting by amount walks an index instead of sorting every row for each page.
CREATE INDEX history_amount ON history (amount_minor, transaction_id);
-- A trigram index over the folded search text: a search of 3+ characters finds its rows in
-- milliseconds instead of scanning the table (shorter needles still scan: trigrams need 3).
-- External content (the text is not stored twice), kept in step by the triggers below; an
-- unchanged row refreshed from CinetPay does not touch the index.
CREATE VIRTUAL TABLE history_fts USING fts5(
    search_text, content = 'history', content_rowid = 'rowid', tokenize = 'trigram');
INSERT INTO history_fts (history_fts) VALUES ('rebuild');
CREATE TRIGGER history_fts_insert AFTER INSERT ON history BEGIN
    INSERT INTO history_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
CREATE TRIGGER history_fts_delete AFTER DELETE ON history BEGIN
    INSERT INTO history_fts (history_fts, rowid, search_text)
    VALUES ('delete', old.rowid, old.search_text);
END;
CREATE TRIGGER history_fts_update AFTER UPDATE OF search_text ON history
WHEN old.search_text IS NOT new.search_text BEGIN
    INSERT INTO history_fts (history_fts, rowid, search_text)
    VALUES ('delete', old.rowid, old.search_text);
    INSERT INTO history_fts (rowid, search_text) VALUES (new.rowid, new.search_text);
END;
