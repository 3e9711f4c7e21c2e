-- 0004_links_truth: reserved (filled in by the change that needs it).
SELECT 1;
