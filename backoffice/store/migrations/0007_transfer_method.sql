-- 0007_transfer_method: the payment method of a transfer on CinetPay's current platform
-- (OM_CI, WAVE_SN…), journaled with the transfer before it is sent: a re-send after the
-- in-flight grace carries the same method. NULL for classic transfers (the contact decides).
ALTER TABLE transfers ADD COLUMN payment_method TEXT;
