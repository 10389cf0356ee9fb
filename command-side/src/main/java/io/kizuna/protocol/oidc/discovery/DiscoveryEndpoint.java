package io.kizuna.protocol.oidc.discovery;

import io.kizuna.config.KizunaProperties;
import io.kizuna.protocol.oauth2.authorization.AuthorizationEndpoint;
import io.kizuna.protocol.oauth2.device.DeviceAuthorizationEndpoint;
import io.kizuna.protocol.oauth2.introspection.IntrospectionEndpoint;
import io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint;
import io.kizuna.protocol.oauth2.revocation.RevocationEndpoint;
import io.kizuna.protocol.oauth2.token.TokenEndpoint;
import io.kizuna.protocol.oidc.userinfo.UserInfoEndpoint;
import io.kizuna.signingkey.SigningKeys;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * OpenID Provider metadata (OIDC Discovery 1.0 §3) and the same document as OAuth 2.0 authorization
 * server metadata (RFC 8414 §2), plus the JWK set (RFC 7517 §5) they point to.
 */
@RestController
public class DiscoveryEndpoint {
    public static final String JWKS_PATH = "/oauth2/jwks";
    static final List<String> AUTH_METHODS = List.of("client_secret_basic", "client_secret_post",
            "client_secret_jwt", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth", "none");
    /** RFC 7523 assertions: ES256, PS256, RS256, EdDSA for private_key_jwt; HS256 for client_secret_jwt. */
    static final List<String> ASSERTION_ALGS = List.of("ES256", "PS256", "RS256", "EdDSA", "HS256");

    private final KizunaProperties properties;
    private final SigningKeys keys;
    private final io.kizuna.protocol.oauth2.par.ParProperties par;
    private final io.kizuna.protocol.oauth2.mtls.MtlsProperties mtls;

    public DiscoveryEndpoint(KizunaProperties properties, SigningKeys keys,
                             io.kizuna.protocol.oauth2.par.ParProperties par,
                             io.kizuna.protocol.oauth2.mtls.MtlsProperties mtls) {
        this.mtls = mtls;
        this.par = par;
        this.properties = properties;
        this.keys = keys;
    }

    @GetMapping(path = {"/.well-known/openid-configuration", "/.well-known/oauth-authorization-server"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<Map<String, Object>> metadata() {
        String issuer = properties.issuer();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("issuer", issuer);
        m.put("authorization_endpoint", issuer + AuthorizationEndpoint.PATH);
        m.put("token_endpoint", issuer + TokenEndpoint.PATH);
        m.put("userinfo_endpoint", issuer + UserInfoEndpoint.PATH);
        m.put("jwks_uri", issuer + JWKS_PATH);
        m.put("introspection_endpoint", issuer + IntrospectionEndpoint.PATH);
        m.put("revocation_endpoint", issuer + RevocationEndpoint.PATH);
        m.put("registration_endpoint", issuer + ClientRegistrationEndpoint.PATH);
        m.put("device_authorization_endpoint", issuer + DeviceAuthorizationEndpoint.PATH);
        m.put("scopes_supported", List.of("openid", "profile", "email", "phone", "address", "offline_access"));
        // OIDC Core §3.1-§3.3 and RFC 6749 §4.2; all but code only for clients registered with implicit
        m.put("response_types_supported", io.kizuna.protocol.oauth2.authorization.ResponseType.SUPPORTED);
        // Multiple Response Types §2.1, Form Post Response Mode §2, JARM §2.3
        m.put("response_modes_supported", io.kizuna.protocol.oauth2.authorization.AuthorizationResponses.MODES);
        m.put("grant_types_supported", List.of("authorization_code", io.kizuna.grant.Grant.IMPLICIT, "refresh_token",
                "client_credentials",
                io.kizuna.grant.Grant.DEVICE_CODE, io.kizuna.grant.Grant.JWT_BEARER,
                io.kizuna.grant.Grant.TOKEN_EXCHANGE));
        m.put("subject_types_supported", List.of("public"));
        // the algorithms with an active key right now; a client picks one as id_token_signed_response_alg
        m.put("id_token_signing_alg_values_supported", keys.algorithms());
        // one client authentication for all three endpoints (RFC 8414 §2; ClientAuthenticator)
        m.put("token_endpoint_auth_methods_supported", AUTH_METHODS);
        m.put("token_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGS);
        m.put("introspection_endpoint_auth_methods_supported",
                AUTH_METHODS.stream().filter(method -> !method.equals("none")).toList());
        m.put("introspection_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGS);
        m.put("introspection_signing_alg_values_supported", List.of("ES256"));
        m.put("revocation_endpoint_auth_methods_supported", AUTH_METHODS);
        m.put("revocation_endpoint_auth_signing_alg_values_supported", ASSERTION_ALGS);
        m.put("code_challenge_methods_supported", List.of("S256"));
        m.put("dpop_signing_alg_values_supported", io.kizuna.protocol.oauth2.dpop.DPoPProofs.ALGS); // RFC 9449 §5.1
        m.put("acr_values_supported", List.of(io.kizuna.policy.AuthenticationPolicy.LOA2,
                io.kizuna.policy.AuthenticationPolicy.LOA3));
        // OIDC Discovery §3: the ID token's own claims and every member claim of OIDC Core §5.1
        List<String> claimsSupported = new java.util.ArrayList<>(List.of("sub", "iss", "aud", "exp", "iat",
                "auth_time", "nonce", "amr", "acr", "azp", "at_hash", "c_hash", "s_hash", "sid"));
        claimsSupported.addAll(io.kizuna.protocol.oidc.claims.MemberClaimNames.all());
        m.put("claims_supported", List.copyOf(claimsSupported));
        m.put("prompt_values_supported", List.of("none", "login", "consent", "select_account"));
        m.put("authorization_response_iss_parameter_supported", true);
        // OIDC Core §5.5: userinfo and id_token members (claims beyond the scopes after the member approves them),
        // and acr with value(s) as acr_values
        m.put("claims_parameter_supported", true);
        // RFC 9101: signed request objects by value, pushed (RFC 9126), or by reference to one of the client's
        // registered request_uris (OIDC Core §6.2, fetched with an SSRF guard); signed-then-encrypted to our
        // use=enc keys (OIDC Core §6.1, RFC 9101 §6.1)
        m.put("request_parameter_supported", true);
        m.put("request_uri_parameter_supported", true);
        m.put("require_request_uri_registration", true);
        m.put("request_object_signing_alg_values_supported", ASSERTION_ALGS);
        List<String> families = keys.encryptionFamilies();
        m.put("request_object_encryption_alg_values_supported",
                io.kizuna.signingkey.EncryptionKeyAlgorithms.JWE_ALGS.stream()
                        .filter(alg -> families.contains(io.kizuna.signingkey.EncryptionKeyAlgorithms.familyOf(alg)))
                        .toList());
        m.put("request_object_encryption_enc_values_supported",
                io.kizuna.signingkey.EncryptionKeyAlgorithms.JWE_ENCS);
        m.put("pushed_authorization_request_endpoint",
                issuer + io.kizuna.protocol.oauth2.par.PushedAuthorizationRequestEndpoint.PATH);
        m.put("require_pushed_authorization_requests", par.required());
        // RFC 8705 §3.3: access tokens bound to the client's TLS certificate are issued (§3.4 per client)
        m.put("tls_client_certificate_bound_access_tokens", true);
        if (mtls.endpointBase() != null) {
            // RFC 8705 §5: where the endpoints that take client certificates are, when on another host
            String base = mtls.endpointBase();
            Map<String, Object> aliases = new LinkedHashMap<>();
            aliases.put("token_endpoint", base + TokenEndpoint.PATH);
            aliases.put("revocation_endpoint", base + RevocationEndpoint.PATH);
            aliases.put("introspection_endpoint", base + IntrospectionEndpoint.PATH);
            aliases.put("pushed_authorization_request_endpoint",
                    base + io.kizuna.protocol.oauth2.par.PushedAuthorizationRequestEndpoint.PATH);
            aliases.put("device_authorization_endpoint", base + DeviceAuthorizationEndpoint.PATH);
            aliases.put("userinfo_endpoint", base + UserInfoEndpoint.PATH);
            m.put("mtls_endpoint_aliases", aliases);
        }
        // OIDC RP-Initiated Logout 1.0 §2.1, Back-Channel Logout 1.0 §2.1 (Logout Tokens carry sub and sid)
        m.put("end_session_endpoint", issuer + io.kizuna.protocol.oidc.logout.EndSessionEndpoint.PATH);
        m.put("backchannel_logout_supported", true);
        m.put("backchannel_logout_session_supported", true);
        // OIDC Front-Channel Logout 1.0 §3: the sign-out page frames each RP's frontchannel_logout_uri, with iss and
        // sid when the RP registered frontchannel_logout_session_required
        m.put("frontchannel_logout_supported", true);
        m.put("frontchannel_logout_session_supported", true);
        // OIDC Discovery §3: ID token encryption (OIDC Core §10.2) and UserInfo signing/encryption (§5.3.2)
        m.put("id_token_encryption_alg_values_supported", io.kizuna.client.ResponseProtection.ENCRYPTION_ALGS);
        m.put("id_token_encryption_enc_values_supported", io.kizuna.client.ResponseProtection.ENCRYPTION_ENCS);
        m.put("userinfo_signing_alg_values_supported", keys.algorithms());
        m.put("userinfo_encryption_alg_values_supported", io.kizuna.client.ResponseProtection.ENCRYPTION_ALGS);
        m.put("userinfo_encryption_enc_values_supported", io.kizuna.client.ResponseProtection.ENCRYPTION_ENCS);
        // JARM §4: the response JWT's signature (any algorithm with an active key) and encryption
        m.put("authorization_signing_alg_values_supported", keys.algorithms());
        m.put("authorization_encryption_alg_values_supported", io.kizuna.client.ResponseProtection.ENCRYPTION_ALGS);
        m.put("authorization_encryption_enc_values_supported", io.kizuna.client.ResponseProtection.ENCRYPTION_ENCS);
        // OpenID Connect CIBA Core 1.0 §4 (poll and ping)
        io.kizuna.protocol.oidc.ciba.BackchannelDiscovery.describe(m, issuer);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5))).body(m);
    }

    @GetMapping(path = JWKS_PATH, produces = "application/jwk-set+json")
    public ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)))
                .body(keys.publicJwks().toJSONObject(true));
    }
}
