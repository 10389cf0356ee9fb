package io.kizuna.protocol.oauth2.registration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.kizuna.api.client.ClientType;
import io.kizuna.client.ClientRegistrations;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.ClientSecrets;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Dynamic client registration (RFC 7591 §3) and management (RFC 7592 §2).
 *
 * <p>Registering needs an initial access token ({@link InitialAccessTokens}); the response carries a
 * fresh {@code registration_access_token}, stored only as its SHA-256, and the client's
 * {@code registration_client_uri}, where that token reads (§2.1), replaces (§2.2) or deletes (§2.3)
 * the registration. A wrong token, or a client that does not exist, is a 401 {@code invalid_token}
 * (RFC 7592 §2.1, RFC 6750 §3.1): the endpoint does not tell which.
 */
@RestController
public class ClientRegistrationEndpoint {
    public static final String PATH = "/oauth2/register";

    private final InitialAccessTokens initialAccessTokens;
    private final ClientRegistrations registrations;
    private final ClientRegistry registry;
    private final ClientSecrets secrets;
    private final KizunaProperties properties;
    private final ObjectMapper json;
    private final RegistrationScopePolicy policy;
    private final DynamicClientPkce pkce;
    @org.springframework.beans.factory.annotation.Autowired
    private io.kizuna.client.BackchannelClients backchannel;

    public ClientRegistrationEndpoint(InitialAccessTokens initialAccessTokens, ClientRegistrations registrations,
                                      ClientRegistry registry, ClientSecrets secrets, KizunaProperties properties,
                                      ObjectMapper json, RegistrationScopePolicy policy, DynamicClientPkce pkce) {
        this.policy = policy;
        this.pkce = pkce;
        this.initialAccessTokens = initialAccessTokens;
        this.registrations = registrations;
        this.registry = registry;
        this.secrets = secrets;
        this.properties = properties;
        this.json = json;
    }

    /** RFC 7591 §3.1 request, §3.2.1 response (201), §3.2.2 errors. */
    @PostMapping(path = PATH, consumes = "application/json")
    @org.springframework.transaction.annotation.Transactional
    public ResponseEntity<Map<String, Object>> register(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody(required = false) String body) {
        initialAccessTokens.require(authorization);
        ClientMetadata metadata = ClientMetadata.parse(json, body);
        for (String member : ClientMetadata.SERVER_MEMBERS) {
            if (metadata.raw().has(member)) {
                throw RegistrationErrors.invalidMetadata(member + " is set by the server (RFC 7591 §3.2.1)");
            }
        }
        ClientType type = "none".equals(metadata.tokenEndpointAuthMethod()) ? ClientType.PUBLIC
                : ClientType.CONFIDENTIAL;
        List<String> responseTypes = metadata.checkedResponseTypes();
        io.kizuna.client.MtlsSettings mtls = metadata.mtls();
        mtls.check(metadata.tokenEndpointAuthMethod());
        checkPresentation(metadata);
        ClientRegistrations.Managed managed = registrations.registerManaged(metadata.clientName(), type,
                metadata.tokenEndpointAuthMethod(), metadata.redirectUris(), metadata.grantTypesOrDefault(),
                policy.check(metadata.scopesOrDefault(policy.allowed())), metadata.clientUri(), metadata.accessTokenFormat(),
                jwksJson(metadata.jwks()), pkce.apply(metadata.tokenSettings(), type, metadata.profile()),
                metadata.logoutSettings(), metadata.protection());
        ClientRegistrations.Registered registered = managed.client();
        registrations.changeResponseProtection(registered.clientId(), metadata.protection());
        registrations.changeMtlsSettings(registered.clientId(), mtls);
        registrations.changeProfile(registered.clientId(), metadata.profile());
        registrations.changeAuthorizationResponse(registered.clientId(), metadata.authorizationResponse());
        registrations.changeRequestObjectSettings(registered.clientId(), metadata.requestObjectSettings());
        registrations.changePresentation(registered.clientId(), metadata.presentation());
        // CIBA Core 1.0 §4 metadata, in the registering transaction
        backchannel.change(registered.clientId(), metadata.grantTypesOrDefault(),
                io.kizuna.client.BackchannelClients.fromJson(metadata.raw()));
        String token = managed.registrationAccessToken();
        RegisteredClient client = registry.find(registered.clientId()).orElseThrow();
        Map<String, Object> response = describe(client, token, responseTypes);
        if (registered.clientSecret() != null) {
            response.put("client_secret", registered.clientSecret());
            // RFC 7591 §3.2.1: REQUIRED with a secret; 0 = never expires
            response.put("client_secret_expires_at", 0);
        }
        return ResponseEntity.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore())
                .header("Pragma", "no-cache").body(response);
    }

    /** RFC 7592 §2.1. */
    @GetMapping(PATH + "/{clientId}")
    public ResponseEntity<Map<String, Object>> read(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String clientId) {
        RegisteredClient client = authorize(authorization, clientId);
        return ok(describe(client, Bearer.token(authorization), responseTypes(client)));
    }

    /**
     * RFC 7592 §2.2: the body replaces all metadata, so an omitted value is removed (or falls back to the
     * RFC 7591 §2 default). {@code client_id} must be the client's; {@code client_secret}, if sent, must
     * be its current secret; the authentication method cannot change.
     */
    @PutMapping(path = PATH + "/{clientId}", consumes = "application/json")
    @org.springframework.transaction.annotation.Transactional
    public ResponseEntity<Map<String, Object>> update(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @PathVariable String clientId,
            @RequestBody(required = false) String body) {
        RegisteredClient client = authorize(authorization, clientId);
        ClientMetadata metadata = ClientMetadata.parse(json, body);
        if (!clientId.equals(metadata.raw().path("client_id").asText(null))) {
            throw RegistrationErrors.invalidMetadata("client_id must be sent and equal the client's (RFC 7592 §2.2)");
        }
        for (String member : ClientMetadata.SERVER_MEMBERS) {
            if (metadata.raw().has(member)) {
                throw RegistrationErrors.invalidMetadata(member + " must not be sent in an update (RFC 7592 §2.2)");
            }
        }
        if (metadata.raw().has("client_secret")
                && !secrets.matches(metadata.raw().path("client_secret").asText(null), client.secretHash())) {
            throw RegistrationErrors.invalidMetadata("client_secret does not match the issued secret (RFC 7592 §2.2)");
        }
        List<String> responseTypes = metadata.checkedResponseTypes();
        metadata.mtls().check(client.authMethod());
        checkPresentation(metadata);
        registrations.update(clientId, metadata.clientName(), metadata.tokenEndpointAuthMethod(),
                metadata.redirectUris(), metadata.grantTypesOrDefault(), policy.check(metadata.scopesOrDefault(policy.allowed())),
                metadata.clientUri(), metadata.accessTokenFormat(), jwksJson(metadata.jwks()),
                pkce.apply(metadata.tokenSettings(), client.type(), metadata.profile()), metadata.logoutSettings(),
                metadata.protection());
        registrations.changeResponseProtection(clientId, metadata.protection());
        registrations.changeMtlsSettings(clientId, metadata.mtls());
        registrations.changeProfile(clientId, metadata.profile());
        registrations.changeAuthorizationResponse(clientId, metadata.authorizationResponse());
        registrations.changeRequestObjectSettings(clientId, metadata.requestObjectSettings());
        registrations.changePresentation(clientId, metadata.presentation());
        backchannel.change(clientId, metadata.grantTypesOrDefault(),
                io.kizuna.client.BackchannelClients.fromJson(metadata.raw()));
        return ok(describe(registry.find(clientId).orElseThrow(), Bearer.token(authorization), responseTypes));
    }

    /** RFC 7592 §2.3: 204; the client and every token issued to it stop working. */
    @DeleteMapping(PATH + "/{clientId}")
    public ResponseEntity<Void> delete(@RequestHeader(name = "Authorization", required = false) String authorization,
                                       @PathVariable String clientId) {
        authorize(authorization, clientId);
        registrations.delete(clientId);
        return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
    }

    /** RFC 7592 §2.1: a wrong token and an unknown (or deleted) client look the same, 401. */
    private RegisteredClient authorize(String authorization, String clientId) {
        String token = Bearer.token(authorization);
        if (token == null) {
            throw new OAuthException(401, "invalid_token", "the registration access token is required (RFC 7592 §1)",
                    "Bearer realm=\"kizuna-registration\"");
        }
        String expected = registry.registrationTokenHash(clientId).orElse(null);
        if (!TokenHashes.sameHash(TokenHashes.sha256(token), expected)) {
            throw RegistrationErrors.invalidToken("the registration access token is not valid for this client");
        }
        return registry.find(clientId)
                .orElseThrow(() -> RegistrationErrors.invalidToken("the registration access token is not valid"));
    }

    /** RFC 7591 §3.2.1 / RFC 7592 §3: the registered metadata, with the management token and URI. */
    private Map<String, Object> describe(RegisteredClient client, String registrationToken,
                                         List<String> responseTypes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_id", client.clientId());
        registry.registeredAt(client.clientId()).ifPresent(at -> body.put("client_id_issued_at", at.getEpochSecond()));
        body.put("registration_access_token", registrationToken);
        body.put("registration_client_uri", properties.issuer() + PATH + "/" + client.clientId());
        body.put("client_name", client.name());
        body.put("token_endpoint_auth_method", client.authMethod());
        body.put("redirect_uris", client.redirectUris());
        body.put("grant_types", client.grantTypes());
        body.put("response_types", responseTypes);
        body.put("scope", String.join(" ", client.scopes()));
        if (client.siteUri() != null) {
            body.put("client_uri", client.siteUri());
        }
        if (client.jwks() != null) {
            try {
                body.put("jwks", JSONObjectUtils.parse(client.jwks()));
            } catch (java.text.ParseException e) {
                throw new IllegalStateException("stored jwks is not JSON", e);
            }
        }
        body.put("access_token_format", client.accessTokenFormat());
        describeTokenSettings(body, client.tokenSettings(), properties);
        describeMtls(body, client.mtls());
        body.put("client_profile", client.profile().value());
        describeLogoutSettings(body, client.logoutSettings());
        describeProtection(body, registrations.currentProtection(client.clientId()));
        describeAuthorizationResponse(body, registry.authorizationResponse(client.clientId()));
        describeRequestObjectSettings(body, client.requestObjectSettings());
        describePresentation(body, client.presentation());
        backchannel.describe(client.clientId(), body);
        return body;
    }

    /**
     * JARM §3: the members the client registered (enc with its default); an omitted signing algorithm stays
     * omitted, its default applying when a response is signed (the spec's wording since FAPI issue 192).
     */
    public static void describeAuthorizationResponse(Map<String, Object> body,
                                                     io.kizuna.client.AuthorizationResponseSettings s) {
        if (s.signedResponseAlg() != null) {
            body.put("authorization_signed_response_alg", s.signedResponseAlg());
        }
        if (s.encrypts()) {
            body.put("authorization_encrypted_response_alg", s.encryptedResponseAlg());
            body.put("authorization_encrypted_response_enc", s.encOrDefault());
        }
    }

    /** OIDC DCR §2: the ID token / UserInfo protection members that are set (enc with its default), and jwks_uri. */
    public static void describeProtection(Map<String, Object> body, io.kizuna.client.ResponseProtection p) {
        if (p.jwksUri() != null) {
            body.put("jwks_uri", p.jwksUri());
        }
        if (p.encryptsIdToken()) {
            body.put("id_token_encrypted_response_alg", p.idTokenEncryptedResponseAlg());
            body.put("id_token_encrypted_response_enc", p.idTokenEncOrDefault());
        }
        if (p.userinfoSignedResponseAlg() != null) {
            body.put("userinfo_signed_response_alg", p.userinfoSignedResponseAlg());
        }
        if (p.encryptsUserinfo()) {
            body.put("userinfo_encrypted_response_alg", p.userinfoEncryptedResponseAlg());
            body.put("userinfo_encrypted_response_enc", p.userinfoEncOrDefault());
        }
    }

    /** The effective token settings (the client's, else the server defaults), in client-metadata names. */
    public static void describeTokenSettings(Map<String, Object> body, io.kizuna.client.TokenSettings settings,
                                             KizunaProperties properties) {
        body.put("access_token_signing_alg", settings.accessTokenSigningAlgOrDefault());
        body.put("id_token_signed_response_alg", settings.idTokenSignedResponseAlgOrDefault());
        body.put("access_token_lifetime", settings.accessTokenLifetime(properties.tokens().accessToken()).toSeconds());
        body.put("refresh_token_lifetime", settings.refreshTokenLifetime(properties.tokens().refreshToken()).toSeconds());
        body.put("id_token_lifetime", settings.idTokenLifetime(properties.tokens().accessToken()).toSeconds());
        // Kizuna extension: false only for a confidential client that opted out of PKCE (RFC 9700 §2.1.1)
        body.put("require_pkce", settings.requirePkceOrDefault());
        body.put("dpop_bound_access_tokens", settings.requiresDpop()); // RFC 9449 §5.2
    }

    /** RFC 8705 §2.1.2, §3.4 metadata as registered. */
    public static void describeMtls(Map<String, Object> body, io.kizuna.client.MtlsSettings mtls) {
        java.util.function.BiConsumer<String, String> put = (name, value) -> {
            if (value != null) {
                body.put(name, value);
            }
        };
        put.accept("tls_client_auth_subject_dn", mtls.subjectDn());
        put.accept("tls_client_auth_san_dns", mtls.sanDns());
        put.accept("tls_client_auth_san_uri", mtls.sanUri());
        put.accept("tls_client_auth_san_ip", mtls.sanIp());
        put.accept("tls_client_auth_san_email", mtls.sanEmail());
        body.put("tls_client_certificate_bound_access_tokens", mtls.certificateBoundAccessTokens());
    }

    /** OIDC DCR §2 request-object metadata as registered (the enc with its A128CBC-HS256 default). */
    public static void describeRequestObjectSettings(Map<String, Object> body, io.kizuna.client.RequestObjectSettings s) {
        if (!s.requestUris().isEmpty()) {
            body.put("request_uris", s.requestUris());
        }
        if (s.requiresEncryption()) {
            body.put("request_object_encryption_alg", s.requestObjectEncryptionAlg());
            body.put("request_object_encryption_enc", s.encOrDefault());
        }
    }

    /**
     * OIDC DCR §2 / RFC 7591 §2: {@code client_uri}, {@code logo_uri}, {@code policy_uri} and {@code tos_uri}
     * are URLs the member is shown, so they are checked before anything is registered
     * ({@link io.kizuna.client.ClientPresentation#checkUri}); an invalid one is {@code invalid_client_metadata}
     * (RFC 7591 §3.2.2).
     */
    private void checkPresentation(ClientMetadata metadata) {
        boolean loopbackHttp = io.kizuna.client.BackchannelSettings.loopbackHttpAllowed(properties);
        io.kizuna.client.ClientPresentation.checkUri("client_uri", metadata.clientUri(), loopbackHttp);
        metadata.presentation().check(loopbackHttp);
    }

    /** OIDC DCR §2 {@code logo_uri}, {@code policy_uri}, {@code tos_uri}, as registered. */
    public static void describePresentation(Map<String, Object> body, io.kizuna.client.ClientPresentation p) {
        if (p == null) {
            return;
        }
        if (p.logoUri() != null) {
            body.put("logo_uri", p.logoUri());
        }
        if (p.policyUri() != null) {
            body.put("policy_uri", p.policyUri());
        }
        if (p.tosUri() != null) {
            body.put("tos_uri", p.tosUri());
        }
    }

    /** RP-Initiated Logout §3.1, Back-Channel Logout §2.2 and Front-Channel Logout §2 metadata, as registered. */
    public static void describeLogoutSettings(Map<String, Object> body, io.kizuna.client.LogoutSettings logout) {
        if (!logout.postLogoutRedirectUris().isEmpty()) {
            body.put("post_logout_redirect_uris", logout.postLogoutRedirectUris());
        }
        if (logout.backchannelLogoutUri() != null) {
            body.put("backchannel_logout_uri", logout.backchannelLogoutUri());
            body.put("backchannel_logout_session_required", logout.backchannelLogoutSessionRequired());
        }
        if (logout.frontchannelLogoutUri() != null) {
            body.put("frontchannel_logout_uri", logout.frontchannelLogoutUri());
            body.put("frontchannel_logout_session_required", logout.frontchannelLogoutSessionRequired());
        }
    }

    /** The response types the client's grant types allow (OIDC DCR §2); the registration does not narrow them. */
    private static List<String> responseTypes(RegisteredClient client) {
        return io.kizuna.protocol.oauth2.authorization.ResponseType.allowedBy(client.grantTypes());
    }

    private static ResponseEntity<Map<String, Object>> ok(Map<String, Object> body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }

    private static String jwksJson(Map<String, Object> jwks) {
        return jwks == null ? null : JSONObjectUtils.toJSONString(jwks);
    }
}
