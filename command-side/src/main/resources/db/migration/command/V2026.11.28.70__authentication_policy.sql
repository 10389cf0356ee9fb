-- The authentication policy as last changed by an administrator (event policy.changed); no row means the
-- configured kizuna.policy.* values apply. A pure function of the ledger (ReadModelCatalog).
CREATE TABLE authentication_policy (
    policy_id                    TEXT PRIMARY KEY,
    trusted_networks             JSONB NOT NULL,
    otp_outside_trusted_networks BOOLEAN NOT NULL,
    second_factor_clients        JSONB NOT NULL,
    changed_by                   TEXT NOT NULL,
    changed_via                  TEXT NOT NULL,
    changed_at                   TIMESTAMPTZ NOT NULL
);
