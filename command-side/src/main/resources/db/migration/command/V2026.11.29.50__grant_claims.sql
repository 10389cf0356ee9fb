-- OIDC Core §5.5: member claims a grant's member approved one by one beyond the granted scopes (names only),
-- those UserInfo releases for the grant's access tokens. Written from grant.claims.approved.
CREATE TABLE grant_claims (
    grant_id        VARCHAR(64) PRIMARY KEY,
    userinfo_claims TEXT[]      NOT NULL
);
