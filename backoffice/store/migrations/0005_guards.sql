-- 0005_guards: reserved (filled in by the change that needs it).
SELECT 1;
