-- Signing keys become a ledger aggregate (SigningKey): the table is now the in-transaction lookup of
-- its events. Rows written before (in_ledger = FALSE) are adopted into the ledger at the next start.
ALTER TABLE signing_key ADD COLUMN key_encryption  VARCHAR(64);
ALTER TABLE signing_key ADD COLUMN activated_at    TIMESTAMPTZ;
ALTER TABLE signing_key ADD COLUMN rotated_at      TIMESTAMPTZ;
ALTER TABLE signing_key ADD COLUMN published_until TIMESTAMPTZ;
ALTER TABLE signing_key ADD COLUMN retired_at      TIMESTAMPTZ;
ALTER TABLE signing_key ADD COLUMN in_ledger       BOOLEAN NOT NULL DEFAULT FALSE;
-- statuses: generated, active, rotated (published until published_until), retired
UPDATE signing_key SET status = 'rotated', published_until = now() WHERE status = 'retiring';
CREATE UNIQUE INDEX signing_key_one_active_per_alg ON signing_key (alg) WHERE status = 'active';
