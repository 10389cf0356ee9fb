package io.kizuna.client;

import io.kizuna.api.client.ClientType;
import io.kizuna.admin.AdminToken;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API to register OAuth clients, with RFC 7591 §2 metadata names and §3.2.1 response shape.
 * Protected by the operator's admin token ({@code kizuna.admin-token}). Clients registered here get no
 * registration access token; dynamic registration with initial access tokens (RFC 7591 §3) and its
 * management (RFC 7592) is {@code io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint}.
 */
@RestController
public class ClientAdminApi {
    private final ClientRegistrations registrations;
    private final AdminToken adminToken;
    private final ClientRegistry registry;
    private final io.kizuna.config.KizunaProperties properties;

    public ClientAdminApi(ClientRegistrations registrations, AdminToken adminToken, ClientRegistry registry,
                          io.kizuna.config.KizunaProperties properties) {
        this.registrations = registrations;
        this.adminToken = adminToken;
        this.registry = registry;
        this.properties = properties;
    }

    /**
     * Replaces a client's token settings (signing algorithms, lifetimes); omitted members fall back to the
     * server defaults. 200 with the effective settings.
     */
    @org.springframework.web.bind.annotation.PutMapping(path = "/admin/api/clients/{clientId}/token-settings",
            consumes = "application/json")
    public ResponseEntity<Map<String, Object>> tokenSettings(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @org.springframework.web.bind.annotation.PathVariable String clientId,
            @RequestBody TokenSettingsMetadata metadata) {
        requireClient(authorization, clientId);
        registrations.changeTokenSettings(clientId, new TokenSettings(metadata.access_token_signing_alg(),
                metadata.id_token_signed_response_alg(), metadata.access_token_lifetime(),
                metadata.refresh_token_lifetime(), metadata.id_token_lifetime(), metadata.require_pkce(),
                metadata.dpop_bound_access_tokens()));
        if (metadata.tls_client_certificate_bound_access_tokens() != null) {
            // RFC 8705 §3.4: the flag lives with the mutual-TLS settings, whose certificate identifiers stay
            MtlsSettings mtls = registry.find(clientId).orElseThrow().mtls();
            registrations.changeMtlsSettings(clientId, new MtlsSettings(mtls.subjectDn(), mtls.sanDns(),
                    mtls.sanUri(), mtls.sanIp(), mtls.sanEmail(), metadata.tls_client_certificate_bound_access_tokens()));
        }
        return described(clientId, (body, client) -> {
            io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint.describeTokenSettings(body,
                    client.tokenSettings(), properties);
            body.put("tls_client_certificate_bound_access_tokens", client.mtls().certificateBoundAccessTokens());
        });
    }

    /**
     * The token settings in client-metadata names (see {@link TokenSettings}), and RFC 8705 §3.4
     * {@code tls_client_certificate_bound_access_tokens} (left as it is when omitted).
     */
    public record TokenSettingsMetadata(String access_token_signing_alg, String id_token_signed_response_alg,
                                        Long access_token_lifetime, Long refresh_token_lifetime,
                                        Long id_token_lifetime, Boolean require_pkce,
                                        Boolean dpop_bound_access_tokens,
                                        Boolean tls_client_certificate_bound_access_tokens) {
    }

    /**
     * Replaces a client's mutual-TLS metadata (RFC 8705 §2.1.2: the one certificate identifier of a
     * {@code tls_client_auth} client, e.g. when its certificate is renewed with a new subject; §3.4
     * {@code tls_client_certificate_bound_access_tokens}, false when omitted). 200 with the registered values;
     * 400 {@code invalid_client_metadata} when the identifiers do not fit the client's authentication method.
     */
    @org.springframework.web.bind.annotation.PutMapping(path = "/admin/api/clients/{clientId}/mtls-settings",
            consumes = "application/json")
    public ResponseEntity<Map<String, Object>> mtlsSettings(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @org.springframework.web.bind.annotation.PathVariable String clientId,
            @RequestBody MtlsMetadata metadata) {
        requireClient(authorization, clientId);
        registrations.changeMtlsSettings(clientId, new MtlsSettings(metadata.tls_client_auth_subject_dn(),
                metadata.tls_client_auth_san_dns(), metadata.tls_client_auth_san_uri(),
                metadata.tls_client_auth_san_ip(), metadata.tls_client_auth_san_email(),
                Boolean.TRUE.equals(metadata.tls_client_certificate_bound_access_tokens())));
        return described(clientId, (body, client) -> io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint
                .describeMtls(body, client.mtls()));
    }

    /** The mutual-TLS metadata in client-metadata names (RFC 8705 §2.1.2, §3.4). */
    public record MtlsMetadata(String tls_client_auth_subject_dn, String tls_client_auth_san_dns,
                               String tls_client_auth_san_uri, String tls_client_auth_san_ip,
                               String tls_client_auth_san_email, Boolean tls_client_certificate_bound_access_tokens) {
    }

    /** One transaction: a client whose profile or settings are refused is not left half registered. */
    @PostMapping(path = "/admin/api/clients", consumes = "application/json")
    @org.springframework.transaction.annotation.Transactional
    public ResponseEntity<Map<String, Object>> register(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody ClientMetadata metadata) {
        adminToken.require(authorization);
        ClientType type = "none".equals(metadata.token_endpoint_auth_method()) ? ClientType.PUBLIC
                : ClientType.CONFIDENTIAL;
        List<String> grantTypes = metadata.grant_types() == null ? List.of("authorization_code", "refresh_token")
                : metadata.grant_types();
        List<String> scopes = metadata.scope() == null ? List.of("openid", "profile", "email")
                : List.of(metadata.scope().strip().split("\\s+"));
        String method = type == ClientType.PUBLIC ? "none"
                : metadata.token_endpoint_auth_method() == null ? "client_secret_basic"
                : metadata.token_endpoint_auth_method();
        metadata.mtls().check(method);
        boolean loopbackHttp = BackchannelSettings.loopbackHttpAllowed(properties);
        ClientPresentation.checkUri("client_uri", metadata.client_uri(), loopbackHttp);
        metadata.presentation().check(loopbackHttp);
        ClientRegistrations.Registered registered = registrations.register(null, null, metadata.client_name(), type,
                metadata.token_endpoint_auth_method(), metadata.redirect_uris(), grantTypes, scopes,
                metadata.client_uri(), metadata.access_token_format(), jwksJson(metadata.jwks()),
                new TokenSettings(metadata.access_token_signing_alg(), metadata.id_token_signed_response_alg(),
                        metadata.access_token_lifetime(), metadata.refresh_token_lifetime(), metadata.id_token_lifetime(),
                        metadata.require_pkce(), metadata.dpop_bound_access_tokens()),
                new LogoutSettings(metadata.post_logout_redirect_uris(), metadata.backchannel_logout_uri(),
                        Boolean.TRUE.equals(metadata.backchannel_logout_session_required()),
                        metadata.frontchannel_logout_uri(),
                        Boolean.TRUE.equals(metadata.frontchannel_logout_session_required())));
        registrations.changeResponseProtection(registered.clientId(), metadata.protection());
        registrations.changeMtlsSettings(registered.clientId(), metadata.mtls());
        registrations.changeProfile(registered.clientId(), metadata.profile());
        registrations.changeAuthorizationResponse(registered.clientId(), metadata.authorizationResponse());
        registrations.changeRequestObjectSettings(registered.clientId(), new RequestObjectSettings(
                metadata.request_uris(), metadata.request_object_encryption_alg(),
                metadata.request_object_encryption_enc()));
        registrations.changePresentation(registered.clientId(), metadata.presentation());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", registered.clientId());
        if (registered.clientSecret() != null) {
            body.put("client_secret", registered.clientSecret());
            body.put("client_secret_expires_at", 0);
        }
        body.put("client_name", metadata.client_name());
        body.put("token_endpoint_auth_method", type == ClientType.PUBLIC ? "none"
                : metadata.token_endpoint_auth_method() == null ? "client_secret_basic"
                : metadata.token_endpoint_auth_method());
        body.put("redirect_uris", metadata.redirect_uris() == null ? List.of() : metadata.redirect_uris());
        body.put("grant_types", grantTypes);
        body.put("scope", String.join(" ", scopes));
        if (metadata.jwks() != null) {
            body.put("jwks", metadata.jwks());
        }
        body.put("access_token_format", metadata.access_token_format() == null ? "jwt" : metadata.access_token_format());
        registry.find(registered.clientId()).ifPresent(client -> io.kizuna.protocol.oauth2.registration
                .ClientRegistrationEndpoint.describeTokenSettings(body, client.tokenSettings(), properties));
        registry.find(registered.clientId()).ifPresent(client -> io.kizuna.protocol.oauth2.registration
                .ClientRegistrationEndpoint.describeMtls(body, client.mtls()));
        registry.find(registered.clientId()).ifPresent(client -> body.put("client_profile", client.profile().value()));
        registry.find(registered.clientId()).ifPresent(client -> io.kizuna.protocol.oauth2.registration
                .ClientRegistrationEndpoint.describeLogoutSettings(body, client.logoutSettings()));
        io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint.describeProtection(body,
                registrations.currentProtection(registered.clientId()));
        io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint.describeAuthorizationResponse(body,
                registry.authorizationResponse(registered.clientId()));
        registry.find(registered.clientId()).ifPresent(client -> io.kizuna.protocol.oauth2.registration
                .ClientRegistrationEndpoint.describeRequestObjectSettings(body, client.requestObjectSettings()));
        if (metadata.client_uri() != null) {
            body.put("client_uri", metadata.client_uri());
        }
        registry.find(registered.clientId()).ifPresent(client -> io.kizuna.protocol.oauth2.registration
                .ClientRegistrationEndpoint.describePresentation(body, client.presentation()));
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()).body(body);
    }

    /**
     * Replaces what the member is shown about a client on the sign-in and consent pages (OIDC DCR §2
     * {@code logo_uri}, {@code policy_uri}, {@code tos_uri}; https URLs); omitted members are removed.
     * 200 with the registered values; {@code invalid_client_metadata} for a URL that is not allowed.
     */
    @org.springframework.web.bind.annotation.PutMapping(path = "/admin/api/clients/{clientId}/presentation",
            consumes = "application/json")
    public ResponseEntity<Map<String, Object>> presentation(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @org.springframework.web.bind.annotation.PathVariable String clientId,
            @RequestBody PresentationMetadata metadata) {
        requireClient(authorization, clientId);
        ClientPresentation presentation = new ClientPresentation(metadata.logo_uri(), metadata.policy_uri(),
                metadata.tos_uri());
        presentation.check(BackchannelSettings.loopbackHttpAllowed(properties));
        registrations.changePresentation(clientId, presentation);
        return described(clientId, (body, client) -> io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint
                .describePresentation(body, client.presentation()));
    }

    /** OIDC DCR §2 names of {@link ClientPresentation}. */
    public record PresentationMetadata(String logo_uri, String policy_uri, String tos_uri) {
    }

    /**
     * Replaces a client's ID token / UserInfo protection (OIDC DCR §2 names; omitted members turn the
     * feature off). 200 with the effective settings; {@code invalid_client_metadata} when the client has
     * no key to encrypt to.
     */
    @org.springframework.web.bind.annotation.PutMapping(path = "/admin/api/clients/{clientId}/response-protection",
            consumes = "application/json")
    public ResponseEntity<Map<String, Object>> responseProtection(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @org.springframework.web.bind.annotation.PathVariable String clientId,
            @RequestBody ProtectionMetadata metadata) {
        requireClient(authorization, clientId);
        registrations.changeResponseProtection(clientId, metadata.protection());
        return described(clientId, (body, client) -> io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint
                .describeProtection(body, registrations.currentProtection(clientId)));
    }

    /**
     * Replaces a client's JARM settings (JARM §3 names; omitted members fall back to the defaults: RS256, or
     * PS256 for a FAPI client, not encrypted). 200 with the registered values; {@code invalid_client_metadata}
     * for an algorithm not allowed or no key to encrypt to.
     */
    @org.springframework.web.bind.annotation.PutMapping(path = "/admin/api/clients/{clientId}/authorization-response",
            consumes = "application/json")
    public ResponseEntity<Map<String, Object>> authorizationResponse(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @org.springframework.web.bind.annotation.PathVariable String clientId,
            @RequestBody AuthorizationResponseMetadata metadata) {
        requireClient(authorization, clientId);
        registrations.changeAuthorizationResponse(clientId, new AuthorizationResponseSettings(
                metadata.authorization_signed_response_alg(), metadata.authorization_encrypted_response_alg(),
                metadata.authorization_encrypted_response_enc()));
        return described(clientId, (body, client) -> io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint
                .describeAuthorizationResponse(body, registry.authorizationResponse(clientId)));
    }

    /** JARM §3 client metadata names. */
    public record AuthorizationResponseMetadata(String authorization_signed_response_alg,
                                                String authorization_encrypted_response_alg,
                                                String authorization_encrypted_response_enc) {
    }

    /** The ID token / UserInfo protection in client-metadata names (see {@link ResponseProtection}). */
    public record ProtectionMetadata(String id_token_encrypted_response_alg, String id_token_encrypted_response_enc,
                                     String userinfo_signed_response_alg, String userinfo_encrypted_response_alg,
                                     String userinfo_encrypted_response_enc, String jwks_uri) {
        ResponseProtection protection() {
            return new ResponseProtection(id_token_encrypted_response_alg, id_token_encrypted_response_enc,
                    userinfo_signed_response_alg, userinfo_encrypted_response_alg, userinfo_encrypted_response_enc,
                    jwks_uri);
        }
    }

    /** The {@code jwks} value as JSON, or null; the aggregate decides whether the keys are acceptable. */
    private static String jwksJson(Map<String, Object> jwks) {
        return jwks == null ? null : com.nimbusds.jose.util.JSONObjectUtils.toJSONString(jwks);
    }

    /**
     * RFC 7591 §2 client metadata (the subset supported), plus Kizuna's {@code access_token_format}
     * ({@code jwt}, RFC 9068, the default; or {@code opaque}), an extension as §2 allows.
     */
    public record ClientMetadata(String client_name, List<String> redirect_uris, List<String> grant_types,
                                 String token_endpoint_auth_method, String scope, String client_uri,
                                 String access_token_format, Map<String, Object> jwks,
                                 String access_token_signing_alg, String id_token_signed_response_alg,
                                 Long access_token_lifetime, Long refresh_token_lifetime, Long id_token_lifetime,
                                 Boolean require_pkce, Boolean dpop_bound_access_tokens, String tls_client_auth_subject_dn, String tls_client_auth_san_dns,
                                 String tls_client_auth_san_uri, String tls_client_auth_san_ip,
                                 String tls_client_auth_san_email, Boolean tls_client_certificate_bound_access_tokens,
                                 String client_profile,
                                 List<String> post_logout_redirect_uris, String backchannel_logout_uri,
                                 Boolean backchannel_logout_session_required,
                                 String id_token_encrypted_response_alg, String id_token_encrypted_response_enc,
                                 String userinfo_signed_response_alg, String userinfo_encrypted_response_alg,
                                 String userinfo_encrypted_response_enc, String jwks_uri,
                                 List<String> request_uris, String request_object_encryption_alg,
                                 String request_object_encryption_enc,
                                 String authorization_signed_response_alg,
                                 String authorization_encrypted_response_alg,
                                 String authorization_encrypted_response_enc,
                                 String logo_uri, String policy_uri, String tos_uri,
                                 String frontchannel_logout_uri, Boolean frontchannel_logout_session_required) {

        /** OIDC DCR §2 / RFC 7591 §2: what the member is shown about the client. */
        ClientPresentation presentation() {
            return new ClientPresentation(logo_uri, policy_uri, tos_uri);
        }

        /** JARM §3. */
        AuthorizationResponseSettings authorizationResponse() {
            return new AuthorizationResponseSettings(authorization_signed_response_alg,
                    authorization_encrypted_response_alg, authorization_encrypted_response_enc);
        }

        /** Kizuna's {@code client_profile} (RFC 7591 §2 extension): none or a FAPI profile. */
        ClientProfile profile() {
            return ClientProfile.of(client_profile).orElseThrow(() -> new io.kizuna.api.LedgerRejection(
                    "invalid_client_metadata", "client_profile must be none, fapi1-advanced, fapi2-security or "
                            + "fapi2-message-signing"));
        }

        /** RFC 8705 §2.1.2, §3.4. */
        MtlsSettings mtls() {
            return new MtlsSettings(tls_client_auth_subject_dn, tls_client_auth_san_dns, tls_client_auth_san_uri,
                    tls_client_auth_san_ip, tls_client_auth_san_email,
                    tls_client_certificate_bound_access_tokens != null && tls_client_certificate_bound_access_tokens);
        }

        ResponseProtection protection() {
            return new ProtectionMetadata(id_token_encrypted_response_alg, id_token_encrypted_response_enc,
                    userinfo_signed_response_alg, userinfo_encrypted_response_alg, userinfo_encrypted_response_enc,
                    jwks_uri).protection();
        }
    }

    /**
     * Replaces a client's logout metadata (RP-Initiated Logout §3.1 {@code post_logout_redirect_uris},
     * Back-Channel Logout §2.2 {@code backchannel_logout_uri}, {@code backchannel_logout_session_required},
     * Front-Channel Logout §2 {@code frontchannel_logout_uri}, {@code frontchannel_logout_session_required});
     * omitted members are removed. 200 with the registered values.
     */
    @org.springframework.web.bind.annotation.PutMapping(path = "/admin/api/clients/{clientId}/logout-settings",
            consumes = "application/json")
    public ResponseEntity<Map<String, Object>> logoutSettings(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @org.springframework.web.bind.annotation.PathVariable String clientId,
            @RequestBody LogoutMetadata metadata) {
        requireClient(authorization, clientId);
        registrations.changeLogoutSettings(clientId, new LogoutSettings(metadata.post_logout_redirect_uris(),
                metadata.backchannel_logout_uri(), Boolean.TRUE.equals(metadata.backchannel_logout_session_required()),
                metadata.frontchannel_logout_uri(), Boolean.TRUE.equals(metadata.frontchannel_logout_session_required())));
        return described(clientId, (body, client) -> io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint
                .describeLogoutSettings(body, client.logoutSettings()));
    }

    /** The logout metadata in client-metadata names (see {@link LogoutSettings}). */
    public record LogoutMetadata(List<String> post_logout_redirect_uris, String backchannel_logout_uri,
                                 Boolean backchannel_logout_session_required, String frontchannel_logout_uri,
                                 Boolean frontchannel_logout_session_required) {
    }

    /**
     * Replaces a client's request-object metadata (OIDC DCR §2 {@code request_uris},
     * {@code request_object_encryption_alg}, {@code request_object_encryption_enc}); omitted members are
     * removed. 200 with the registered values.
     */
    @org.springframework.web.bind.annotation.PutMapping(path = "/admin/api/clients/{clientId}/request-object-settings",
            consumes = "application/json")
    public ResponseEntity<Map<String, Object>> requestObjectSettings(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @org.springframework.web.bind.annotation.PathVariable String clientId,
            @RequestBody RequestObjectMetadata metadata) {
        requireClient(authorization, clientId);
        registrations.changeRequestObjectSettings(clientId, new RequestObjectSettings(metadata.request_uris(),
                metadata.request_object_encryption_alg(), metadata.request_object_encryption_enc()));
        return described(clientId, (body, client) -> io.kizuna.protocol.oauth2.registration.ClientRegistrationEndpoint
                .describeRequestObjectSettings(body, client.requestObjectSettings()));
    }

    /** The request-object metadata in client-metadata names (see {@link RequestObjectSettings}). */
    public record RequestObjectMetadata(List<String> request_uris, String request_object_encryption_alg,
                                        String request_object_encryption_enc) {
    }

    /**
     * The answer of every settings endpoint: 200, {@code no-store}, {@code client_id} and what {@code describe}
     * writes for the client as it now is.
     */
    private ResponseEntity<Map<String, Object>> described(String clientId,
            java.util.function.BiConsumer<Map<String, Object>, RegisteredClient> describe) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", clientId);
        describe.accept(body, registry.find(clientId).orElseThrow());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** The administrator's token, then a registered, not deleted client: 404 {@code invalid_request} otherwise. */
    private void requireClient(String authorization, String clientId) {
        adminToken.require(authorization);
        if (registry.find(clientId).isEmpty()) {
            throw new io.kizuna.protocol.oauth2.error.OAuthException(404, "invalid_request", "no such client");
        }
    }
}
