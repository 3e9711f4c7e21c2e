-- 0004_links_truth: a link whose check answer disagrees with it (00 without ACCEPTED, another
-- amount or currency, a payment address off CinetPay's hosts) carries an anomaly: a stable
-- code (amount_mismatch, currency_mismatch, status_mismatch, code_mismatch, untrusted_url)
-- and what CinetPay said, for a person to check. Such a link is never ACCEPTED (enforced in
-- store/links.py) and never counted as paid nor as awaiting payment.
ALTER TABLE payment_links ADD COLUMN anomaly TEXT;
ALTER TABLE payment_links ADD COLUMN anomaly_detail TEXT;
