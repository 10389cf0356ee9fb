package io.kizuna.client;

import io.kizuna.api.client.ClientDeleted;
import io.kizuna.api.client.ClientRegistered;
import io.kizuna.api.client.ClientSecretRotated;
import io.kizuna.api.client.ClientTokenSettingsChanged;
import io.kizuna.api.client.ClientUpdated;
import io.kizuna.api.client.RegistrationAccessTokenIssued;
import io.kizuna.api.client.ClientType;
import io.kizuna.config.CommandSideConfiguration;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Registered clients, written in the registration's transaction; the primary key refuses duplicates. */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class ClientRegistry {
    private static final long SETTINGS_TTL_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    private final JdbcTemplate jdbc;
    private final java.util.concurrent.ConcurrentHashMap<String, CachedSettings> tokenSettings =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, CachedProtection> protection =
            new java.util.concurrent.ConcurrentHashMap<>();

    public ClientRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ClientRegistered e) {
        jdbc.update("""
                INSERT INTO oauth_client (client_id, name, client_type, secret_hash, auth_method, redirect_uris,
                                          grant_types, scopes, site_uri, registered_at, access_token_format,
                                          jwks)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                ps -> {
                    ps.setString(1, e.clientId().value());
                    ps.setString(2, e.name());
                    ps.setString(3, e.type().name());
                    ps.setString(4, e.secretHash());
                    ps.setString(5, e.tokenEndpointAuthMethod());
                    ps.setArray(6, ps.getConnection().createArrayOf("text", e.redirectUris().toArray()));
                    ps.setArray(7, ps.getConnection().createArrayOf("text", e.grantTypes().toArray()));
                    ps.setArray(8, ps.getConnection().createArrayOf("text", e.scopes().toArray()));
                    ps.setString(9, e.siteUri());
                    ps.setTimestamp(10, Timestamp.from(e.registeredAt()));
                    ps.setString(11, e.accessTokenFormatOrDefault());
                    ps.setString(12, e.jwks());
                });
    }

    /** RFC 7592 §2.2: the update replaces the metadata; type, method and secret stay. */
    @EventHandler
    void on(ClientUpdated e) {
        jdbc.update("""
                UPDATE oauth_client SET name = ?, redirect_uris = ?, grant_types = ?, scopes = ?, site_uri = ?,
                                        access_token_format = ?, jwks = ?
                WHERE client_id = ?""",
                ps -> {
                    ps.setString(1, e.name());
                    ps.setArray(2, ps.getConnection().createArrayOf("text", e.redirectUris().toArray()));
                    ps.setArray(3, ps.getConnection().createArrayOf("text", e.grantTypes().toArray()));
                    ps.setArray(4, ps.getConnection().createArrayOf("text", e.scopes().toArray()));
                    ps.setString(5, e.siteUri());
                    ps.setString(6, e.accessTokenFormat());
                    ps.setString(7, e.jwks());
                    ps.setString(8, e.clientId().value());
                });
        protection.remove(e.clientId().value());
    }

    @EventHandler
    void on(ClientTokenSettingsChanged e) {
        jdbc.update("""
                UPDATE oauth_client SET access_token_signing_alg = ?, id_token_signed_response_alg = ?,
                       access_token_lifetime = ?, refresh_token_lifetime = ?, id_token_lifetime = ?, require_pkce = ?,
                       dpop_bound_access_tokens = ?
                WHERE client_id = ?""", e.accessTokenSigningAlg(), e.idTokenSignedResponseAlg(),
                e.accessTokenLifetime(), e.refreshTokenLifetime(), e.idTokenLifetime(), e.requirePkce(),
                Boolean.TRUE.equals(e.dpopBoundAccessTokens()), e.clientId().value());
        tokenSettings.remove(e.clientId().value());
    }

    @EventHandler
    void on(io.kizuna.api.client.ClientProfileChanged e) {
        jdbc.update("UPDATE oauth_client SET client_profile = ? WHERE client_id = ?", e.profile(), e.clientId().value());
    }

    @EventHandler
    void on(io.kizuna.api.client.ClientMtlsSettingsChanged e) {
        jdbc.update("""
                UPDATE oauth_client SET tls_subject_dn = ?, tls_san_dns = ?, tls_san_uri = ?, tls_san_ip = ?,
                       tls_san_email = ?, tls_bound_tokens = ?
                WHERE client_id = ?""", e.subjectDn(), e.sanDns(), e.sanUri(), e.sanIp(), e.sanEmail(),
                e.certificateBoundAccessTokens(), e.clientId().value());
    }

    @EventHandler
    void on(io.kizuna.api.client.ClientLogoutSettingsChanged e) {
        jdbc.update("""
                UPDATE oauth_client SET post_logout_redirect_uris = ?, backchannel_logout_uri = ?,
                       backchannel_logout_session_required = ?, frontchannel_logout_uri = ?,
                       frontchannel_logout_session_required = ?
                WHERE client_id = ?""",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", e.postLogoutRedirectUris().toArray()));
                    ps.setString(2, e.backchannelLogoutUri());
                    ps.setBoolean(3, e.backchannelLogoutSessionRequired());
                    // absent from events stored before Front-Channel Logout: none
                    ps.setString(4, e.frontchannelLogoutUri());
                    ps.setBoolean(5, e.frontchannelLogoutSessionRequiredOrDefault());
                    ps.setString(6, e.clientId().value());
                });
    }

    @EventHandler
    void on(io.kizuna.api.client.ClientRequestObjectSettingsChanged e) {
        jdbc.update("""
                UPDATE oauth_client SET request_uris = ?, request_object_encryption_alg = ?,
                       request_object_encryption_enc = ?
                WHERE client_id = ?""",
                ps -> {
                    ps.setArray(1, ps.getConnection().createArrayOf("text", e.requestUris().toArray()));
                    ps.setString(2, e.requestObjectEncryptionAlg());
                    ps.setString(3, e.requestObjectEncryptionEnc());
                    ps.setString(4, e.clientId().value());
                });
    }

    @EventHandler
    void on(io.kizuna.api.client.ClientPresentationChanged e) {
        jdbc.update("UPDATE oauth_client SET logo_uri = ?, policy_uri = ?, tos_uri = ? WHERE client_id = ?",
                e.logoUri(), e.policyUri(), e.tosUri(), e.clientId().value());
    }

    /**
     * The token settings of a client, for the token minter: cached for 30 seconds (a token request must
     * not cost a second query), dropped at once when this node records a change.
     */
    public TokenSettings tokenSettings(String clientId) {
        long now = System.nanoTime();
        CachedSettings cached = tokenSettings.get(clientId);
        if (cached != null && now - cached.loadedAt() < SETTINGS_TTL_NANOS) {
            return cached.settings();
        }
        TokenSettings settings = jdbc.query("""
                SELECT access_token_signing_alg, id_token_signed_response_alg, access_token_lifetime,
                       refresh_token_lifetime, id_token_lifetime, require_pkce, dpop_bound_access_tokens
                FROM oauth_client WHERE client_id = ?""",
                rs -> rs.next() ? settings(rs) : TokenSettings.DEFAULTS, clientId);
        if (tokenSettings.size() > 10_000) {
            tokenSettings.clear();
        }
        tokenSettings.put(clientId, new CachedSettings(settings, now));
        return settings;
    }

    private record CachedSettings(TokenSettings settings, long loadedAt) {
    }

    private static TokenSettings settings(ResultSet rs) throws SQLException {
        return new TokenSettings(rs.getString("access_token_signing_alg"), rs.getString("id_token_signed_response_alg"),
                rs.getObject("access_token_lifetime", Long.class), rs.getObject("refresh_token_lifetime", Long.class),
                rs.getObject("id_token_lifetime", Long.class), rs.getObject("require_pkce", Boolean.class),
                rs.getBoolean("dpop_bound_access_tokens"));
    }

    @EventHandler
    void on(io.kizuna.api.client.ClientResponseProtectionChanged e) {
        jdbc.update("""
                UPDATE oauth_client SET id_token_encrypted_response_alg = ?, id_token_encrypted_response_enc = ?,
                       userinfo_signed_response_alg = ?, userinfo_encrypted_response_alg = ?,
                       userinfo_encrypted_response_enc = ?, jwks_uri = ?
                WHERE client_id = ?""", e.idTokenEncryptedResponseAlg(), e.idTokenEncryptedResponseEnc(),
                e.userinfoSignedResponseAlg(), e.userinfoEncryptedResponseAlg(), e.userinfoEncryptedResponseEnc(),
                e.jwksUri(), e.clientId().value());
        protection.remove(e.clientId().value());
    }

    /**
     * The ID token / UserInfo protection of a client and its registered jwks, cached like
     * {@link #tokenSettings} (30 seconds, dropped when this node records a change).
     */
    public Protection responseProtection(String clientId) {
        long now = System.nanoTime();
        CachedProtection cached = protection.get(clientId);
        if (cached != null && now - cached.loadedAt() < SETTINGS_TTL_NANOS) {
            return cached.protection();
        }
        Protection loaded = jdbc.query("""
                SELECT id_token_encrypted_response_alg, id_token_encrypted_response_enc, userinfo_signed_response_alg,
                       userinfo_encrypted_response_alg, userinfo_encrypted_response_enc, jwks_uri, jwks
                FROM oauth_client WHERE client_id = ?""",
                rs -> rs.next() ? new Protection(protection(rs), rs.getString("jwks"))
                        : new Protection(ResponseProtection.NONE, null), clientId);
        if (protection.size() > 10_000) {
            protection.clear();
        }
        protection.put(clientId, new CachedProtection(loaded, now));
        return loaded;
    }

    /** The recorded protection, uncached (for deciding whether a change is one). */
    public ResponseProtection storedProtection(String clientId) {
        return jdbc.query("SELECT * FROM oauth_client WHERE client_id = ?",
                rs -> rs.next() ? protection(rs) : ResponseProtection.NONE, clientId);
    }

    @EventHandler
    void on(io.kizuna.api.client.ClientAuthorizationResponseChanged e) {
        jdbc.update("""
                UPDATE oauth_client SET authorization_signed_response_alg = ?, authorization_encrypted_response_alg = ?,
                       authorization_encrypted_response_enc = ?
                WHERE client_id = ?""", e.authorizationSignedResponseAlg(), e.authorizationEncryptedResponseAlg(),
                e.authorizationEncryptedResponseEnc(), e.clientId().value());
    }

    /**
     * The recorded JARM settings (JARM §3) of a client, {@link AuthorizationResponseSettings#NONE} when it
     * has none; read once per authorization request (not cached: no hot path).
     */
    public AuthorizationResponseSettings authorizationResponse(String clientId) {
        return jdbc.query("""
                SELECT authorization_signed_response_alg, authorization_encrypted_response_alg,
                       authorization_encrypted_response_enc
                FROM oauth_client WHERE client_id = ?""",
                rs -> rs.next() ? new AuthorizationResponseSettings(rs.getString(1), rs.getString(2), rs.getString(3))
                        : AuthorizationResponseSettings.NONE, clientId);
    }

    /** A client's {@link ResponseProtection} with its registered JWK set (JSON, or null). */
    public record Protection(ResponseProtection settings, String jwks) {
    }

    private record CachedProtection(Protection protection, long loadedAt) {
    }

    static ResponseProtection protection(ResultSet rs) throws SQLException {
        return new ResponseProtection(rs.getString("id_token_encrypted_response_alg"),
                rs.getString("id_token_encrypted_response_enc"), rs.getString("userinfo_signed_response_alg"),
                rs.getString("userinfo_encrypted_response_alg"), rs.getString("userinfo_encrypted_response_enc"),
                rs.getString("jwks_uri"));
    }

    @EventHandler
    void on(ClientDeleted e) {
        jdbc.update("UPDATE oauth_client SET deleted_at = ?, registration_token_hash = NULL WHERE client_id = ?",
                Timestamp.from(e.deletedAt()), e.clientId().value());
    }

    /** In the rotating transaction: the old secret stops working when the rotation is acknowledged. */
    @EventHandler
    void on(ClientSecretRotated e) {
        jdbc.update("UPDATE oauth_client SET secret_hash = ? WHERE client_id = ?", e.secretHash(), e.clientId().value());
    }

    @EventHandler
    void on(RegistrationAccessTokenIssued e) {
        jdbc.update("UPDATE oauth_client SET registration_token_hash = ? WHERE client_id = ?", e.tokenHash(),
                e.clientId().value());
    }

    /** A client that may authenticate and be authorized: registered and not deleted. */
    public Optional<RegisteredClient> find(String clientId) {
        if (clientId == null || clientId.length() > 128) {
            return Optional.empty();
        }
        return jdbc.query("SELECT * FROM oauth_client WHERE client_id = ? AND deleted_at IS NULL",
                rs -> rs.next() ? Optional.of(map(rs)) : Optional.empty(), clientId);
    }

    /** Whether the id was ever registered, deleted or not: ids are never reused. */
    public boolean exists(String clientId) {
        return jdbc.queryForObject("SELECT count(*) FROM oauth_client WHERE client_id = ?", Integer.class,
                clientId) > 0;
    }

    /** The SHA-256 of the live client's registration access token (RFC 7592 §1), if it has one. */
    public Optional<String> registrationTokenHash(String clientId) {
        if (clientId == null || clientId.length() > 128) {
            return Optional.empty();
        }
        return jdbc.query("SELECT registration_token_hash FROM oauth_client WHERE client_id = ? AND deleted_at IS NULL",
                rs -> rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty(), clientId);
    }

    /** {@code client_id_issued_at} (RFC 7591 §3.2.1). */
    public Optional<java.time.Instant> registeredAt(String clientId) {
        return jdbc.query("SELECT registered_at FROM oauth_client WHERE client_id = ?",
                rs -> rs.next() ? Optional.of(rs.getTimestamp(1).toInstant()) : Optional.empty(), clientId);
    }

    private static RegisteredClient map(ResultSet rs) throws SQLException {
        return new RegisteredClient(rs.getString("client_id"), rs.getString("name"),
                ClientType.valueOf(rs.getString("client_type")), rs.getString("secret_hash"),
                rs.getString("auth_method"), list(rs.getArray("redirect_uris")), list(rs.getArray("grant_types")),
                list(rs.getArray("scopes")), rs.getString("site_uri"),
                rs.getString("access_token_format") == null ? ClientRegistered.JWT : rs.getString("access_token_format"),
                rs.getString("jwks"), settings(rs),
                new MtlsSettings(rs.getString("tls_subject_dn"), rs.getString("tls_san_dns"), rs.getString("tls_san_uri"),
                        rs.getString("tls_san_ip"), rs.getString("tls_san_email"), rs.getBoolean("tls_bound_tokens")),
                ClientProfile.orNone(rs.getString("client_profile")),
                new LogoutSettings(list(rs.getArray("post_logout_redirect_uris")),
                        rs.getString("backchannel_logout_uri"), rs.getBoolean("backchannel_logout_session_required"),
                        rs.getString("frontchannel_logout_uri"), rs.getBoolean("frontchannel_logout_session_required")),
                new RequestObjectSettings(list(rs.getArray("request_uris")),
                        rs.getString("request_object_encryption_alg"), rs.getString("request_object_encryption_enc")),
                new ClientPresentation(rs.getString("logo_uri"), rs.getString("policy_uri"), rs.getString("tos_uri")));
    }

    static List<String> list(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
