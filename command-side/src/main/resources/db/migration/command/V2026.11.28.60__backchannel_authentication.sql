-- OpenID Connect CIBA Core 1.0. A client's CIBA metadata (§4), from client.backchannel_settings.changed.
CREATE TABLE client_backchannel (
    client_id             VARCHAR(128) PRIMARY KEY,
    delivery_mode         VARCHAR(8),
    notification_endpoint VARCHAR(2048),
    request_signing_alg   VARCHAR(16),
    user_code_parameter   BOOLEAN      NOT NULL DEFAULT FALSE
);

-- Backchannel authentication requests (§7): auth_req_id as SHA-256 → grant, written in the requesting
-- transaction (BackchannelRequests); status follows the ledger (pending, approved, denied, redeemed).
-- Operational state outside the ledger, carried over a rebuild: the polling pace (§7.3 interval, slow_down),
-- the binding message (§7.1, free text the client chose, shown to the member) and the client notification
-- token (§7.1, the client's bearer credential for ping mode, sealed under a master sub-key).
CREATE TABLE backchannel_authentication (
    auth_req_id_hash          VARCHAR(64)  PRIMARY KEY,
    grant_id                  VARCHAR(64)  NOT NULL UNIQUE,
    client_id                 VARCHAR(128) NOT NULL,
    member_id                 VARCHAR(64)  NOT NULL,
    scopes                    TEXT[]       NOT NULL,
    acr_values                TEXT[]       NOT NULL,
    delivery_mode             VARCHAR(8)   NOT NULL,
    status                    VARCHAR(16)  NOT NULL,
    requested_at              TIMESTAMPTZ  NOT NULL,
    expires_at                TIMESTAMPTZ  NOT NULL,
    interval_seconds          INTEGER      NOT NULL,
    last_polled_at            TIMESTAMPTZ,
    binding_message           VARCHAR(256),
    notification_token_sealed BYTEA
);
CREATE INDEX backchannel_authentication_member ON backchannel_authentication (member_id, status, expires_at);
CREATE INDEX backchannel_authentication_expiry ON backchannel_authentication (expires_at);
