-- 0006_reasons: why an operation failed, waits or is checked, as a stable code (the reason,
-- services/reasons.py) rather than words: the words are chosen when a row is shown, in the
-- reader's language. last_error keeps the words written then, the fallback of older rows.
-- (The outbox view names its columns: it needs no change.)
ALTER TABLE payment_links ADD COLUMN reason TEXT;
ALTER TABLE transfers ADD COLUMN reason TEXT;
ALTER TABLE contacts ADD COLUMN reason TEXT;
-- Older rows whose words are one of the fixed texts get their reason back (the only place
-- that reads stored words: once, here). A link CinetPay never created is told apart by it.
UPDATE payment_links SET reason = 'never_created' WHERE state = 'failed' AND last_error IN (
    'CinetPay ne connaît pas ce lien : il n''a jamais été créé',
    'CinetPay does not know this link: it was never created');
UPDATE payment_links SET reason = 'not_sent' WHERE last_error IN (
    'Interrompu avant l''envoi : rien n''a été envoyé à CinetPay',
    'Interrupted before sending: nothing was sent to CinetPay');
UPDATE transfers SET reason = 'not_yet_found' WHERE last_error IN (
    'Pas encore trouvé chez CinetPay : la demande peut encore arriver, nouvelle vérification avant tout envoi',
    'Not found at CinetPay yet: the request may still arrive, checked again before anything is sent');
UPDATE transfers SET reason = 'check_with_cinetpay' WHERE last_error IN (
    'À vérifier avec CinetPay : l''identifiant est déjà utilisé (805) mais le transfert reste introuvable (723) ; rien ne sera renvoyé automatiquement',
    'Check with CinetPay: the id is already used (805) but the transfer cannot be found (723); nothing will be sent again automatically');
