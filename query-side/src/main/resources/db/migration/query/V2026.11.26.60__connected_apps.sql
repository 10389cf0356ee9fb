-- Connected apps for the account console (rebuildable from ConsentGranted, ClientRegistered,
-- AccessTokenIssued). Names and sites of clients are copied in so one query answers the page.
CREATE TABLE client_directory (
    client_id VARCHAR(128) PRIMARY KEY,
    name      VARCHAR(255) NOT NULL,
    site_uri  VARCHAR(2048)
);

CREATE TABLE connected_app (
    member_id        VARCHAR(64)  NOT NULL,
    client_id        VARCHAR(128) NOT NULL,
    scopes           TEXT[]       NOT NULL,
    first_granted_at TIMESTAMPTZ  NOT NULL,
    last_granted_at  TIMESTAMPTZ  NOT NULL,
    last_used_at     TIMESTAMPTZ,
    PRIMARY KEY (member_id, client_id)
);
