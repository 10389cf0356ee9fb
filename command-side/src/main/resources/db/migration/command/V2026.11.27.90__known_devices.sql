-- Browsers a member completed a sign-in from (risk signal "new device"). The device cookie is a 256-bit
-- random value kept only as a SHA-256 hash; rows go when the member is forgotten. Not a projection: the
-- sign-in that opens a session writes it in the same transaction as its ledger event.
CREATE TABLE known_device (
    member_id   VARCHAR(64) NOT NULL,
    device_hash VARCHAR(64) NOT NULL,
    first_seen  TIMESTAMPTZ NOT NULL,
    last_seen   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (member_id, device_hash)
);

-- the device and the policy's reason of a sign-in that waits for its second factor
ALTER TABLE pending_sign_in ADD COLUMN device_hash VARCHAR(64), ADD COLUMN policy_reason VARCHAR(64);
