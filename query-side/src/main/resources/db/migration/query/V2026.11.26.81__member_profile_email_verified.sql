-- member.email.verified: a flag beside the sealed profile (the sealed registration data keeps false).
ALTER TABLE member_profile ADD COLUMN email_verified BOOLEAN NOT NULL DEFAULT FALSE;
