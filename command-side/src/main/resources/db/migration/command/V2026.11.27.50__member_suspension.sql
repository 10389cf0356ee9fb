-- Admin console: an administrator's lock on a member's sign-in (member.login.suspended /
-- member.login.unsuspended), kept next to the credential it blocks and written in the same transaction.
ALTER TABLE member_credential ADD COLUMN suspended_at TIMESTAMPTZ;
