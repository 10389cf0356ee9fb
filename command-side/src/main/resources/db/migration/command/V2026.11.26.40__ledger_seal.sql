-- Tamper evidence: one link of a hash chain per stored event, in the order the sealing tracking
-- processor saw the events (not globalindex order: BIGSERIAL values can commit out of order).
-- seal_sequence is dense (1, 2, 3, ...) so a removed seal shows as a gap;
-- link_hash = SHA-256(previous link_hash || canonical bytes of the event row), see docs/auditing.md.
CREATE TABLE ledger_seal (
    seal_sequence    BIGINT       PRIMARY KEY,
    global_index     BIGINT       NOT NULL UNIQUE,
    event_identifier VARCHAR(255) NOT NULL,
    link_hash        BYTEA        NOT NULL,
    sealed_at        TIMESTAMPTZ  NOT NULL
);
