-- Which member a code-issuing grant belongs to, so forgetting a member also revokes grants whose code
-- is not redeemed yet (they have no tokens in token_lookup). Nullable: rows written before this column
-- existed belong to codes long expired (60 s lifetime).
ALTER TABLE grant_lookup ADD COLUMN member_id VARCHAR(64);
CREATE INDEX grant_lookup_member ON grant_lookup (member_id);
