package io.kizuna.protocol.oauth2.registration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import io.kizuna.client.TokenSettings;

/**
 * RFC 7591 §2 client metadata as sent to the registration endpoint (the subset Kizuna supports, plus its
 * {@code access_token_format} extension, which §2 allows). Parsed by hand so that a value of the wrong
 * JSON type is an {@code invalid_client_metadata} error (§3.2.2) rather than an unreadable request;
 * unknown members are ignored (§2: "MUST ignore any client metadata sent by the client that it does not
 * understand").
 */
record ClientMetadata(String clientName,
                      List<String> redirectUris,
                      List<String> grantTypes,
                      List<String> responseTypes,
                      String tokenEndpointAuthMethod,
                      String scope,
                      String clientUri,
                      Map<String, Object> jwks,
                      String accessTokenFormat,
                      TokenSettings tokenSettings,
                      io.kizuna.client.LogoutSettings logoutSettings,
                      io.kizuna.client.ResponseProtection protection,
                      JsonNode raw) {

    /** Kizuna's {@code client_profile} extension (RFC 7591 §2): none (default) or a FAPI profile. */
    io.kizuna.client.ClientProfile profile() {
        String value = text(raw, "client_profile");
        return io.kizuna.client.ClientProfile.of(value).orElseThrow(() -> RegistrationErrors.invalidMetadata(
                "client_profile must be none, fapi1-advanced, fapi2-security or fapi2-message-signing"));
    }

    /**
     * JARM §3 metadata: {@code authorization_signed_response_alg} and
     * {@code authorization_encrypted_response_alg}/{@code _enc}; omitted members keep the spec's defaults.
     */
    io.kizuna.client.AuthorizationResponseSettings authorizationResponse() {
        return new io.kizuna.client.AuthorizationResponseSettings(text(raw, "authorization_signed_response_alg"),
                text(raw, "authorization_encrypted_response_alg"), text(raw, "authorization_encrypted_response_enc"));
    }

    /**
     * OIDC DCR §2 request-object metadata: {@code request_uris} (OIDC Core §6.2) and
     * {@code request_object_encryption_alg}/{@code _enc} (§6.1).
     */
    io.kizuna.client.RequestObjectSettings requestObjectSettings() {
        return new io.kizuna.client.RequestObjectSettings(texts(raw, "request_uris"),
                text(raw, "request_object_encryption_alg"), text(raw, "request_object_encryption_enc"));
    }

    /** OIDC DCR §2 / RFC 7591 §2 {@code logo_uri}, {@code policy_uri}, {@code tos_uri}, shown to the member. */
    io.kizuna.client.ClientPresentation presentation() {
        return new io.kizuna.client.ClientPresentation(text(raw, "logo_uri"), text(raw, "policy_uri"),
                text(raw, "tos_uri"));
    }

    /** RFC 8705 §2.1.2, §3.4 metadata: the certificate identifier and certificate-bound access tokens. */
    io.kizuna.client.MtlsSettings mtls() {
        Boolean bound = bool(raw, "tls_client_certificate_bound_access_tokens");
        return new io.kizuna.client.MtlsSettings(text(raw, "tls_client_auth_subject_dn"),
                text(raw, "tls_client_auth_san_dns"), text(raw, "tls_client_auth_san_uri"),
                text(raw, "tls_client_auth_san_ip"), text(raw, "tls_client_auth_san_email"),
                bound != null && bound);
    }
    static final int MAX_BODY = 64 * 1024;
    static final int MAX_URIS = 20;
    static final int MAX_VALUE = 2048;
    /** RFC 7591 §2 defaults. */
    static final List<String> DEFAULT_GRANT_TYPES = List.of("authorization_code");
    /** RFC 7591 §2 lets the server choose the scopes of a client that names none: the OpenID Connect ones. */
    static final List<String> DEFAULT_SCOPES = List.of("openid", "profile", "email", "phone", "address");
    /** RFC 7591 §3.2.1 / RFC 7592 §3: set by the server, never by the client. */
    static final Set<String> SERVER_MEMBERS = Set.of("registration_access_token", "registration_client_uri",
            "client_secret_expires_at", "client_id_issued_at");

    /** OIDC Dynamic Client Registration 1.0 §2 {@code id_token_signed_response_alg} default. */
    static final String DCR_DEFAULT_ID_TOKEN_ALG = "RS256";

    static ClientMetadata parse(ObjectMapper json, String body) {
        if (body == null || body.isBlank()) {
            throw RegistrationErrors.invalidMetadata("the request body must be a JSON object of client metadata");
        }
        if (body.length() > MAX_BODY) {
            throw RegistrationErrors.invalidMetadata("the client metadata is too large");
        }
        JsonNode node;
        try {
            node = json.readTree(body);
        } catch (Exception e) {
            throw RegistrationErrors.invalidMetadata("the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw RegistrationErrors.invalidMetadata("the request body must be a JSON object of client metadata");
        }
        if (node.hasNonNull("jwks_uri") && node.hasNonNull("jwks")) {
            throw RegistrationErrors.invalidMetadata("jwks_uri and jwks must not both be present (RFC 7591 §2)");
        }
        if (node.has("jwks") && !node.get("jwks").isObject()) {
            throw RegistrationErrors.invalidMetadata("jwks must be a JSON object (RFC 7517 §5)");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> jwks = node.hasNonNull("jwks") ? json.convertValue(node.get("jwks"), Map.class) : null;
        return new ClientMetadata(text(node, "client_name"), texts(node, "redirect_uris"),
                texts(node, "grant_types"), texts(node, "response_types"), text(node, "token_endpoint_auth_method"),
                text(node, "scope"), text(node, "client_uri"), jwks, text(node, "access_token_format"),
                // OIDC DCR §2: "The default, if omitted, is RS256" for dynamically registered clients — except
                // FAPI clients, for which RS256 is not allowed: they get the server default (ES256)
                new TokenSettings(text(node, "access_token_signing_alg"),
                        node.hasNonNull("id_token_signed_response_alg") ? text(node, "id_token_signed_response_alg")
                                : io.kizuna.client.ClientProfile.orNone(text(node, "client_profile")).fapi() ? null
                                : DCR_DEFAULT_ID_TOKEN_ALG,
                        seconds(node, "access_token_lifetime"), seconds(node, "refresh_token_lifetime"),
                        seconds(node, "id_token_lifetime"), bool(node, "require_pkce"),
                        flag(node, "dpop_bound_access_tokens")),
                // RP-Initiated Logout 1.0 §3.1, Back-Channel Logout 1.0 §2.2, Front-Channel Logout 1.0 §2
                new io.kizuna.client.LogoutSettings(texts(node, "post_logout_redirect_uris"),
                        text(node, "backchannel_logout_uri"), Boolean.TRUE.equals(bool(node, "backchannel_logout_session_required")),
                        text(node, "frontchannel_logout_uri"),
                        Boolean.TRUE.equals(bool(node, "frontchannel_logout_session_required"))),
                // OIDC DCR §2: ID token and UserInfo encryption, UserInfo signing; the keys by jwks or jwks_uri
                new io.kizuna.client.ResponseProtection(text(node, "id_token_encrypted_response_alg"),
                        text(node, "id_token_encrypted_response_enc"), text(node, "userinfo_signed_response_alg"),
                        text(node, "userinfo_encrypted_response_alg"), text(node, "userinfo_encrypted_response_enc"),
                        text(node, "jwks_uri")),
                node);
    }

    List<String> grantTypesOrDefault() {
        return grantTypes == null ? DEFAULT_GRANT_TYPES : grantTypes;
    }

    /**
     * The requested scopes, or when none: the OpenID Connect scopes that {@code allowed} (the registration
     * scope policy) permits, with offline_access (OIDC Core §11) only for a client that can use a refresh token.
     */
    List<String> scopesOrDefault(java.util.Set<String> allowed) {
        if (scope == null || scope.isBlank()) {
            return java.util.stream.Stream.concat(DEFAULT_SCOPES.stream(),
                            grantTypesOrDefault().contains("refresh_token") ? java.util.stream.Stream.of("offline_access")
                                    : java.util.stream.Stream.empty())
                    .filter(allowed::contains).toList();
        }
        return List.of(scope.strip().split("\\s+"));
    }

    /**
     * RFC 7591 §2.1 and OIDC DCR §2: {@code response_types} must agree with {@code grant_types}. A response
     * type with {@code code} needs {@code authorization_code}; one with {@code token} or {@code id_token}
     * needs {@code implicit} (only when the client asks for it explicitly); and each of those two grant
     * types must be used by some registered response type. Omitted, they are what the grant types allow
     * (OIDC DCR §2's default is {@code code}, which a client without implicit gets). Values are returned in
     * canonical order ({@code code id_token token}).
     */
    List<String> checkedResponseTypes() {
        List<String> grants = grantTypesOrDefault();
        if (responseTypes == null) {
            return io.kizuna.protocol.oauth2.authorization.ResponseType.allowedBy(grants);
        }
        List<io.kizuna.protocol.oauth2.authorization.ResponseType> types = new ArrayList<>();
        for (String value : responseTypes) {
            types.add(io.kizuna.protocol.oauth2.authorization.ResponseType.parse(value).orElseThrow(() ->
                    RegistrationErrors.invalidMetadata("the supported response_types values are "
                            + io.kizuna.protocol.oauth2.authorization.ResponseType.SUPPORTED)));
        }
        for (var type : types) {
            if (!grants.containsAll(type.requiredGrantTypes())) {
                throw RegistrationErrors.invalidMetadata("response_types " + type.value() + " needs grant_types "
                        + type.requiredGrantTypes() + " (RFC 7591 §2.1, OIDC DCR §2)");
            }
        }
        if (grants.contains("authorization_code") && types.stream().noneMatch(t -> t.code())) {
            throw RegistrationErrors.invalidMetadata(
                    "grant_types authorization_code needs a response_types value with code (RFC 7591 §2.1)");
        }
        if (grants.contains("implicit") && types.stream().noneMatch(t -> t.frontChannelTokens())) {
            throw RegistrationErrors.invalidMetadata("grant_types implicit needs a response_types value with "
                    + "token or id_token (RFC 7591 §2.1, OIDC DCR §2)");
        }
        return types.stream().map(t -> t.value()).distinct().toList();
    }

    /** A JSON boolean member ({@code require_pkce}, {@code backchannel_logout_session_required}, …), or null. */
    private static Boolean bool(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw RegistrationErrors.invalidMetadata(name + " must be true or false");
        }
        return value.asBoolean();
    }

    /** RFC 9449 §5.2 {@code dpop_bound_access_tokens}: a JSON boolean, or null when absent. */
    private static Boolean flag(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw RegistrationErrors.invalidMetadata(name + " must be a JSON boolean");
        }
        return value.booleanValue();
    }

    /** A lifetime in whole seconds, or null. */
    private static Long seconds(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw RegistrationErrors.invalidMetadata(name + " must be a whole number of seconds");
        }
        return value.asLong();
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().length() > MAX_VALUE) {
            throw RegistrationErrors.invalidMetadata(name + " must be a string of at most " + MAX_VALUE
                    + " characters");
        }
        return value.asText();
    }

    private static List<String> texts(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray() || value.size() > MAX_URIS) {
            throw RegistrationErrors.invalidMetadata(name + " must be an array of at most " + MAX_URIS + " strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual() || item.asText().length() > MAX_VALUE) {
                throw RegistrationErrors.invalidMetadata(name + " must be an array of strings");
            }
            values.add(item.asText());
        }
        return List.copyOf(values);
    }
}
