-- SCIM 2.0 directory read model (RFC 7644 §3.4): provisioned members with their directory entry sealed
-- exactly as in the ledger (opened per request with the member's key, so forgetting empties it), and
-- groups with their member ids.
CREATE TABLE directory_user (
    member_id     VARCHAR(64)  PRIMARY KEY,
    key_id        VARCHAR(64)  NOT NULL,
    sealed        TEXT         NOT NULL,
    active        BOOLEAN      NOT NULL,
    version       BIGINT       NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_modified TIMESTAMPTZ  NOT NULL
);

CREATE TABLE directory_group (
    group_id      VARCHAR(64)  PRIMARY KEY,
    display_name  VARCHAR(256) NOT NULL,
    external_id   VARCHAR(256),
    version       BIGINT       NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL,
    last_modified TIMESTAMPTZ  NOT NULL
);

CREATE TABLE directory_group_member (
    group_id  VARCHAR(64) NOT NULL REFERENCES directory_group (group_id) ON DELETE CASCADE,
    member_id VARCHAR(64) NOT NULL,
    -- the order members were added: the group event's sequence number and the member's place in it, so a
    -- rebuild from the ledger gives the same order (no sequence: a rebuilt table must not depend on one)
    position  BIGINT      NOT NULL,
    PRIMARY KEY (group_id, member_id)
);
CREATE INDEX directory_group_member_member ON directory_group_member (member_id);
