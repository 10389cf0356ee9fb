package io.kizuna.protocol.oauth2.client;

import io.kizuna.client.ClientRegistry;
import io.kizuna.client.ClientSecrets;
import io.kizuna.client.RegisteredClient;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.stereotype.Component;

/**
 * Client authentication at the token, introspection and revocation endpoints (RFC 6749 §2.3.1):
 * {@code client_secret_basic} (credentials form-urlencoded, then base64), {@code client_secret_post},
 * {@code private_key_jwt} and {@code client_secret_jwt} (RFC 7523 §2.2: {@code client_assertion} +
 * {@code client_assertion_type}), and {@code none} for public clients that only identify themselves.
 * A client uses exactly one method, the one it registered.
 */
@Component
public class ClientAuthenticator {
    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final ClientRegistry registry;
    private final ClientSecrets secrets;
    private final ClientAssertionVerifier assertions;
    private final io.kizuna.protocol.oauth2.mtls.ClientCertificates certificates;

    public ClientAuthenticator(ClientRegistry registry, ClientSecrets secrets, ClientAssertionVerifier assertions,
                               io.kizuna.protocol.oauth2.mtls.ClientCertificates certificates) {
        this.certificates = certificates;
        this.registry = registry;
        this.secrets = secrets;
        this.assertions = assertions;
    }

    public RegisteredClient authenticate(HttpServletRequest request, OAuthParameters parameters) {
        String header = request.getHeader("Authorization");
        boolean basic = header != null && header.regionMatches(true, 0, "Basic ", 0, 6);
        if (parameters.has("client_assertion") || parameters.has("client_assertion_type")) {
            if (basic || parameters.has("client_secret")) {
                throw OAuthException.invalidRequest("use one client authentication method (RFC 6749 §2.3)");
            }
            return checkAssertion(parameters);
        }
        if (basic) {
            if (parameters.has("client_secret")) {
                throw OAuthException.invalidRequest("use one client authentication method (RFC 6749 §2.3)");
            }
            String[] credentials = decodeBasic(header.substring(6).strip());
            if (parameters.has("client_id") && !parameters.get("client_id").equals(credentials[0])) {
                throw OAuthException.invalidRequest("client_id differs from the authenticated client");
            }
            return checkSecret(credentials[0], credentials[1], "client_secret_basic", true);
        }
        String clientId = parameters.get("client_id");
        if (clientId == null) {
            throw OAuthException.invalidClient("client authentication is required", true);
        }
        if (parameters.has("client_secret")) {
            return checkSecret(clientId, parameters.get("client_secret"), "client_secret_post", false);
        }
        RegisteredClient client = registry.find(clientId)
                .orElseThrow(() -> OAuthException.invalidClient("unknown client", false));
        if ("tls_client_auth".equals(client.authMethod()) || "self_signed_tls_client_auth".equals(client.authMethod())) {
            return checkCertificate(request, client);
        }
        if (!client.isPublic()) {
            throw OAuthException.invalidClient("this client must authenticate with " + client.authMethod(), true);
        }
        return client;
    }

    /** RFC 7523 §2.2: the assertion is the credential; RFC 7521 §4.2: client_id, if sent, must match it. */
    private RegisteredClient checkAssertion(OAuthParameters parameters) {
        if (!JWT_BEARER.equals(parameters.require("client_assertion_type"))) {
            throw OAuthException.invalidClient("client_assertion_type must be " + JWT_BEARER + " (RFC 7523 §2.2)",
                    false);
        }
        var assertion = ClientAssertionVerifier.parse(parameters.require("client_assertion"));
        String clientId = ClientAssertionVerifier.claimedClientId(assertion);
        if (parameters.has("client_id") && !parameters.get("client_id").equals(clientId)) {
            throw OAuthException.invalidClient("client_id differs from the assertion's sub (RFC 7521 §4.2)", false);
        }
        RegisteredClient client = registry.find(clientId)
                .orElseThrow(() -> OAuthException.invalidClient("client authentication failed", false));
        assertions.verify(assertion, client);
        return client;
    }

    private RegisteredClient checkSecret(String clientId, String secret, String method, boolean viaBasic) {
        RegisteredClient client = registry.find(clientId)
                .orElseThrow(() -> OAuthException.invalidClient("client authentication failed", viaBasic));
        if (client.isPublic() || !secrets.matches(secret, client.secretHash())) {
            throw OAuthException.invalidClient("client authentication failed", viaBasic);
        }
        if (!client.authMethod().equals(method)) {
            throw OAuthException.invalidClient("this client is registered for " + client.authMethod(), viaBasic);
        }
        return client;
    }

    /** RFC 8705 §2.1 and §2.2: the TLS client certificate is the credential. */
    private RegisteredClient checkCertificate(HttpServletRequest request, RegisteredClient client) {
        java.security.cert.X509Certificate certificate = certificates.of(request)
                .orElseThrow(() -> OAuthException.invalidClient("this client authenticates with a TLS client "
                        + "certificate and none was presented (RFC 8705 section 2)", false));
        boolean matches = "tls_client_auth".equals(client.authMethod()) ? client.mtls().matches(certificate)
                : selfSignedMatches(certificate, client.jwks());
        if (!matches) {
            throw OAuthException.invalidClient("the TLS client certificate does not match the client's registration "
                    + "(RFC 8705 section 2)", false);
        }
        return client;
    }

    /**
     * RFC 8705 §2.2.2: the certificate's public key is one of the client's registered keys (compared as
     * keys, so a registered {@code x5c} is not needed).
     */
    private static boolean selfSignedMatches(java.security.cert.X509Certificate certificate, String jwks) {
        if (jwks == null) {
            return false;
        }
        java.security.PublicKey presented = certificate.getPublicKey();
        try {
            for (com.nimbusds.jose.jwk.JWK key : com.nimbusds.jose.jwk.JWKSet.parse(jwks).getKeys()) {
                if (sameKey(key, presented)) {
                    return true;
                }
            }
            return false;
        } catch (com.nimbusds.jose.JOSEException | java.text.ParseException | RuntimeException e) {
            return false;
        }
    }

    private static boolean sameKey(com.nimbusds.jose.jwk.JWK key, java.security.PublicKey presented)
            throws com.nimbusds.jose.JOSEException {
        return switch (key) {
            case com.nimbusds.jose.jwk.ECKey ec -> java.util.Arrays.equals(ec.toPublicKey().getEncoded(),
                    presented.getEncoded());
            case com.nimbusds.jose.jwk.RSAKey rsa -> java.util.Arrays.equals(rsa.toPublicKey().getEncoded(),
                    presented.getEncoded());
            case com.nimbusds.jose.jwk.OctetKeyPair okp -> {
                // Ed25519 SubjectPublicKeyInfo (RFC 8410 §4): a fixed 12-octet prefix, then the 32-octet key
                byte[] encoded = presented.getEncoded();
                byte[] x = okp.getDecodedX();
                yield "EdDSA".equals(presented.getAlgorithm()) || "Ed25519".equals(presented.getAlgorithm())
                        ? encoded.length == 44 && x.length == 32
                                && java.util.Arrays.equals(java.util.Arrays.copyOfRange(encoded, 12, 44), x)
                        : false;
            }
            default -> false;
        };
    }

    private static String[] decodeBasic(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw OAuthException.invalidClient("malformed Basic credentials", true);
            }
            return new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
            };
        } catch (IllegalArgumentException e) {
            throw OAuthException.invalidClient("malformed Basic credentials", true);
        }
    }
}
