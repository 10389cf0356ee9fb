package io.kizuna.client;

import io.kizuna.api.client.ClientTokenSettingsChanged;
import io.kizuna.ledger.Rules;
import io.kizuna.signingkey.SigningAlgorithms;
import java.time.Duration;

/**
 * A client's token settings (Kizuna's client metadata, RFC 7591 §2 allows extensions):
 * {@code access_token_signing_alg} and {@code id_token_signed_response_alg} (OIDC DCR §2) — ES256 (default),
 * PS256, RS256 or EdDSA — and {@code access_token_lifetime}, {@code refresh_token_lifetime},
 * {@code id_token_lifetime} in seconds. Null means the server default.
 *
 * <p>Bounds: access and ID tokens 60 s to 1 day (a signing key stays published one day after rotation by
 * default, so every JWT outlives neither its key's overlap nor a sensible revocation window); refresh
 * tokens 5 minutes to 365 days.
 *
 * <p>{@code require_pkce}: PKCE with S256 is required unless a confidential client is registered with
 * {@code false} (never for public clients, RFC 9700 §2.1.1; {@code plain} is never accepted).
 *
 * <p>{@code dpop_bound_access_tokens} (RFC 9449 §5.2): when true, every token request of the client must
 * carry a DPoP proof (otherwise {@code invalid_request}) and must answer a server nonce (§8); null or
 * false: DPoP is the client's choice.
 */
public record TokenSettings(String accessTokenSigningAlg,
                            String idTokenSignedResponseAlg,
                            Long accessTokenLifetime,
                            Long refreshTokenLifetime,
                            Long idTokenLifetime,
                            Boolean requirePkce,
                            Boolean dpopBoundAccessTokens) {
    public static final TokenSettings DEFAULTS = new TokenSettings(null, null, null, null, null);

    public TokenSettings {
        // false and absent mean the same (RFC 9449 §5.2: "If omitted, the default value is false"); one form
        // keeps "unchanged" comparisons honest
        dpopBoundAccessTokens = Boolean.TRUE.equals(dpopBoundAccessTokens) ? Boolean.TRUE : null;
    }

    public TokenSettings(String accessTokenSigningAlg, String idTokenSignedResponseAlg, Long accessTokenLifetime,
                         Long refreshTokenLifetime, Long idTokenLifetime) {
        this(accessTokenSigningAlg, idTokenSignedResponseAlg, accessTokenLifetime, refreshTokenLifetime,
                idTokenLifetime, null, null);
    }

    /** RFC 9700 §2.1.1: PKCE is required unless this (confidential) client was registered with {@code false}. */
    public boolean requirePkceOrDefault() {
        return requirePkce == null || requirePkce;
    }
    public static final long MIN_JWT_SECONDS = 60;
    public static final long MAX_JWT_SECONDS = Duration.ofDays(1).toSeconds();
    public static final long MIN_REFRESH_SECONDS = Duration.ofMinutes(5).toSeconds();
    public static final long MAX_REFRESH_SECONDS = Duration.ofDays(365).toSeconds();

    public static TokenSettings of(ClientTokenSettingsChanged e) {
        return new TokenSettings(e.accessTokenSigningAlg(), e.idTokenSignedResponseAlg(), e.accessTokenLifetime(),
                e.refreshTokenLifetime(), e.idTokenLifetime(), e.requirePkce(), e.dpopBoundAccessTokens());
    }

    /** RFC 9449 §5.2. */
    public boolean requiresDpop() {
        return Boolean.TRUE.equals(dpopBoundAccessTokens);
    }

    /** The same settings with {@code dpop_bound_access_tokens} set (null leaves it false). */
    public TokenSettings withDpopBoundAccessTokens(Boolean bound) {
        return new TokenSettings(accessTokenSigningAlg, idTokenSignedResponseAlg, accessTokenLifetime,
                refreshTokenLifetime, idTokenLifetime, requirePkce, bound);
    }

    /** The same settings with {@code require_pkce} set (null: the default, required). */
    public TokenSettings withRequirePkce(Boolean required) {
        return new TokenSettings(accessTokenSigningAlg, idTokenSignedResponseAlg, accessTokenLifetime,
                refreshTokenLifetime, idTokenLifetime, required, dpopBoundAccessTokens);
    }

    public String accessTokenSigningAlgOrDefault() {
        return accessTokenSigningAlg == null ? SigningAlgorithms.DEFAULT : accessTokenSigningAlg;
    }

    public String idTokenSignedResponseAlgOrDefault() {
        return idTokenSignedResponseAlg == null ? SigningAlgorithms.DEFAULT : idTokenSignedResponseAlg;
    }

    public Duration accessTokenLifetime(Duration serverDefault) {
        return accessTokenLifetime == null ? serverDefault : Duration.ofSeconds(accessTokenLifetime);
    }

    public Duration refreshTokenLifetime(Duration serverDefault) {
        return refreshTokenLifetime == null ? serverDefault : Duration.ofSeconds(refreshTokenLifetime);
    }

    public Duration idTokenLifetime(Duration serverDefault) {
        return idTokenLifetime == null ? serverDefault : Duration.ofSeconds(idTokenLifetime);
    }

    /** The aggregate's checks; {@code invalid_client_metadata} (RFC 7591 §3.2.2) on any violation. */
    public void check() {
        Rules.require(accessTokenSigningAlg == null || SigningAlgorithms.supported(accessTokenSigningAlg),
                "invalid_client_metadata", "access_token_signing_alg must be one of " + SigningAlgorithms.SUPPORTED);
        Rules.require(idTokenSignedResponseAlg == null || SigningAlgorithms.supported(idTokenSignedResponseAlg),
                "invalid_client_metadata", "id_token_signed_response_alg must be one of " + SigningAlgorithms.SUPPORTED
                        + " (unsigned ID tokens, alg none, are not issued)");
        within(accessTokenLifetime, MIN_JWT_SECONDS, MAX_JWT_SECONDS, "access_token_lifetime");
        within(idTokenLifetime, MIN_JWT_SECONDS, MAX_JWT_SECONDS, "id_token_lifetime");
        within(refreshTokenLifetime, MIN_REFRESH_SECONDS, MAX_REFRESH_SECONDS, "refresh_token_lifetime");
    }

    private static void within(Long value, long min, long max, String name) {
        Rules.require(value == null || (value >= min && value <= max), "invalid_client_metadata",
                name + " must be between " + min + " and " + max + " seconds");
    }
}
