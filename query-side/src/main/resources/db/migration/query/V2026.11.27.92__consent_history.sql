-- History of each member's consent per client for the account console (granted, extended, revoked, access
-- ended), and token issuance counted per UTC day ("used"), so the page reads a few rows, not the ledger.
-- keyed by the event's id, so a rebuild from the ledger reproduces every row exactly
CREATE TABLE consent_history (
    event_id  VARCHAR(64)  PRIMARY KEY,
    member_id VARCHAR(64)  NOT NULL,
    client_id VARCHAR(128) NOT NULL,
    kind      VARCHAR(32)  NOT NULL,
    at        TIMESTAMPTZ  NOT NULL,
    scopes    TEXT[]       NOT NULL,
    detail    VARCHAR(64),
    -- for approvals: everything the consent covered afterwards, to tell what a later approval added
    all_scopes TEXT[],
    -- the consent aggregate's sequence number (consent events only): the order of approvals and withdrawals
    consent_seq BIGINT
);
CREATE INDEX consent_history_member_client ON consent_history (member_id, client_id, at DESC);

CREATE TABLE consent_usage_day (
    member_id VARCHAR(64)  NOT NULL,
    client_id VARCHAR(128) NOT NULL,
    day       DATE         NOT NULL,
    tokens    INTEGER      NOT NULL,
    PRIMARY KEY (member_id, client_id, day)
);
