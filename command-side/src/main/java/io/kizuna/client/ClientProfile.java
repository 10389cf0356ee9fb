package io.kizuna.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A client's security profile (Kizuna's {@code client_profile} metadata, an RFC 7591 §2 extension). Each
 * FAPI profile switches on, for that client, every constraint the specification puts on the authorization
 * server, so that a FAPI client cannot be served outside it:
 *
 * <ul>
 *   <li>FAPI 2.0 Security Profile (final) §5.3.2: authorization requests only through PAR (RFC 9126),
 *       PKCE S256, {@code response_type=code} only, confidential clients authenticating with
 *       {@code private_key_jwt} or mutual TLS (RFC 8705), ID and access tokens signed with PS256, ES256 or
 *       EdDSA, authorization codes living at most 60 seconds.</li>
 *   <li>FAPI 2.0 Message Signing §5.3: as above, and the pushed request must be a signed request object
 *       (RFC 9101) with {@code exp}, {@code nbf} at most 60 minutes apart and {@code aud} = issuer.</li>
 *   <li>FAPI 1.0 Advanced (final) §5.2.2: a signed request object (by value or pushed), PKCE S256 when
 *       PAR is used (item 18; by value too unless the client registered {@code require_pkce} false), {@code code id_token}, or {@code code} with a JARM response mode
 *       (item 2, see the authorization endpoint), the same client authentication,
 *       PS256 or ES256 only, the same request-object time rules.</li>
 * </ul>
 */
public enum ClientProfile {
    NONE("none"),
    FAPI1_ADVANCED("fapi1-advanced"),
    FAPI2_SECURITY("fapi2-security"),
    FAPI2_MESSAGE_SIGNING("fapi2-message-signing");

    /** FAPI 2.0 SP §5.3.2.1, FAPI 1.0 Advanced §5.2.2 item 14: these client authentication methods only. */
    public static final Set<String> FAPI_AUTH_METHODS =
            Set.of("private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth");
    /** FAPI 2.0 SP §5.4.1: maximum authorization code lifetime. */
    public static final Duration MAX_CODE_LIFETIME = Duration.ofSeconds(60);
    /** FAPI 1.0 Advanced §5.2.2 items 13–17, FAPI 2.0 MS §5.3.1: request object lifetime bound. */
    public static final Duration MAX_REQUEST_OBJECT_LIFETIME = Duration.ofMinutes(60);

    private final String value;

    ClientProfile(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<ClientProfile> of(String value) {
        if (value == null) {
            return Optional.of(NONE);
        }
        return Arrays.stream(values()).filter(p -> p.value.equals(value)).findFirst();
    }

    public static ClientProfile orNone(String value) {
        return of(value).orElse(NONE);
    }

    public boolean fapi() {
        return this != NONE;
    }

    /** RFC 9126 §5 for this client: only pushed authorization requests. */
    public boolean requiresPushedRequests() {
        return this == FAPI2_SECURITY || this == FAPI2_MESSAGE_SIGNING;
    }

    /** RFC 9101: the request's parameters must come from a signed request object. */
    public boolean requiresRequestObject() {
        return this == FAPI1_ADVANCED || this == FAPI2_MESSAGE_SIGNING;
    }

    /** exp and nbf required, at most 60 minutes apart, nbf not older than 60 minutes, aud = issuer. */
    public boolean strictRequestObjects() {
        return requiresRequestObject();
    }

    /**
     * FAPI 2.0 Security Profile §5.3.2.1 item 2: only sender-constrained access tokens, by DPoP (RFC 9449)
     * or by mutual-TLS certificate binding (RFC 8705 §3) — the token request must bring a DPoP proof or a
     * client certificate. FAPI 1.0 Advanced demands more: see {@link #requiresCertificateBoundTokens()}.
     */
    public boolean requiresSenderConstrainedTokens() {
        return this == FAPI2_SECURITY || this == FAPI2_MESSAGE_SIGNING || this == FAPI1_ADVANCED;
    }

    /**
     * FAPI 1.0 Advanced §5.2.2 items 5 and 6 ("shall only issue sender-constrained access tokens", "shall
     * support MTLS as mechanism for constraining the legitimate senders of access tokens") — its
     * sender-constraining mechanism is mutual TLS (RFC 8705 §3): every token request must come with the
     * client's TLS certificate, and the tokens are bound to it.
     */
    public boolean requiresCertificateBoundTokens() {
        return this == FAPI1_ADVANCED;
    }

    /** The JWS algorithms this profile allows for ID tokens, access tokens and request objects. */
    public Set<String> signingAlgorithms() {
        return switch (this) {
            case NONE -> Set.of("ES256", "PS256", "RS256", "EdDSA");
            case FAPI1_ADVANCED -> Set.of("PS256", "ES256");
            case FAPI2_SECURITY, FAPI2_MESSAGE_SIGNING -> Set.of("PS256", "ES256", "EdDSA");
        };
    }

    /** The response types this profile allows (FAPI 2.0 SP §5.3.2.2 item 1; FAPI 1.0 Advanced §5.2.2 item 2). */
    public Set<String> responseTypes() {
        return switch (this) {
            case NONE -> Set.of();
            case FAPI1_ADVANCED -> Set.of("code", "code id_token");
            case FAPI2_SECURITY, FAPI2_MESSAGE_SIGNING -> Set.of("code");
        };
    }
}
