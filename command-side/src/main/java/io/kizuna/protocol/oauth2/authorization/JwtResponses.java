package io.kizuna.protocol.oauth2.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.api.authorization.AuthorizationRequestService.ClientResponse;
import io.kizuna.client.AuthorizationResponseSettings;
import io.kizuna.client.ClientEncryptionKeys;
import io.kizuna.client.ClientProfile;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.signingkey.SigningAlgorithms;
import io.kizuna.signingkey.SigningKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Authorization responses in the request's response mode, JWT-secured when it is one of JARM's (JWT
 * Secured Authorization Response Mode for OAuth 2.0):
 * <ul>
 *   <li>§2.1: the response JWT carries {@code iss} (our issuer), {@code aud} (the client_id), {@code exp}
 *       ({@link #LIFETIME}, five minutes: the spec recommends ten at most, and a browser carries the
 *       response to the client at once) and every parameter of the response — {@code code}, {@code state},
 *       {@code access_token} and its companions, {@code id_token}, or {@code error},
 *       {@code error_description} and {@code state};</li>
 *   <li>§2.2, §3: signed with our active key for the client's {@code authorization_signed_response_alg}
 *       (RS256 when not registered, PS256 for a FAPI client; should that algorithm have no active key, the
 *       server default ES256, which always has one), then, when the client registered
 *       {@code authorization_encrypted_response_alg}, nested in a JWE ({@code cty: JWT}) to its public key
 *       from {@code jwks} or {@code jwks_uri} ({@link ClientEncryptionKeys});</li>
 *   <li>§2.3: delivered by {@link AuthorizationResponses#respondWithJwt}.</li>
 * </ul>
 * Plain modes go to {@link AuthorizationResponses#respond} unchanged (with RFC 9207 {@code iss}).
 */
@Component
public class JwtResponses {
    /** JARM §2.1: "a maximum JWT lifetime of 10 minutes is RECOMMENDED"; five minutes here. */
    public static final Duration LIFETIME = Duration.ofMinutes(5);

    private final ClientRegistry clients;
    private final SigningKeys keys;
    private final ClientEncryptionKeys encryptionKeys;
    private final KizunaProperties properties;
    private final Clock clock;

    public JwtResponses(ClientRegistry clients, SigningKeys keys, ClientEncryptionKeys encryptionKeys,
                        KizunaProperties properties, Clock clock) {
        this.clients = clients;
        this.keys = keys;
        this.encryptionKeys = encryptionKeys;
        this.properties = properties;
        this.clock = clock;
    }

    /** A successful response with {@code params} (in order) and {@code state} when sent, in {@code mode}. */
    public ClientResponse respond(String clientId, String redirectUri, String mode, Map<String, String> params,
                                  String state) {
        if (!AuthorizationResponses.isJwt(mode)) {
            return AuthorizationResponses.respond(redirectUri, mode, params, state, properties.issuer());
        }
        Map<String, String> all = new LinkedHashMap<>(params);
        if (state != null) {
            all.put("state", state);
        }
        return AuthorizationResponses.respondWithJwt(redirectUri, mode, responseJwt(clientId, all));
    }

    /** An error (RFC 6749 §4.1.2.1, §4.2.2.1; JARM §2.1: in the response JWT too) in {@code mode}. */
    public ClientResponse error(String clientId, String redirectUri, String mode, String error, String description,
                                String state) {
        if (!AuthorizationResponses.isJwt(mode)) {
            return AuthorizationResponses.error(redirectUri, mode, error, description, state, properties.issuer());
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("error", error);
        params.put("error_description", OAuthErrors.description(description));
        return respond(clientId, redirectUri, mode, params, state);
    }

    /**
     * Fails ({@code ResponseUndeliverable}, from {@link ClientEncryptionKeys#keyFor}) when a response in
     * {@code mode} could not be encrypted to the client now — its jwks_uri does not answer — so that the
     * caller issues nothing it could not deliver; a no-op for plain modes and unencrypted clients.
     */
    public void ensureDeliverable(String clientId, String mode) {
        if (!AuthorizationResponses.isJwt(mode)) {
            return;
        }
        AuthorizationResponseSettings settings = clients.authorizationResponse(clientId);
        if (settings.encrypts()) {
            encryptionKey(clientId, settings.encryptedResponseAlg());
        }
    }

    private com.nimbusds.jose.jwk.JWK encryptionKey(String clientId, String alg) {
        try {
            return encryptionKeys.keyFor(clientId, clients.responseProtection(clientId), alg);
        } catch (io.kizuna.api.LedgerRejection e) {
            throw new io.kizuna.api.authorization.AuthorizationRequestService.ResponseUndeliverable(e.description());
        }
    }

    /** The response JWT (JARM §2.1), signed and, when the client asked for it, encrypted (§2.2). */
    String responseJwt(String clientId, Map<String, String> params) {
        AuthorizationResponseSettings settings = clients.authorizationResponse(clientId);
        ClientProfile profile = clients.find(clientId).map(RegisteredClient::profile).orElse(ClientProfile.NONE);
        Instant now = clock.instant();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(properties.issuer()).audience(clientId)
                .expirationTime(Date.from(now.plus(LIFETIME)));
        params.forEach(claims::claim);
        String alg = settings.signedResponseAlgOrDefault(profile);
        SigningKeys.ActiveKey key = keys.active(keys.algorithms().contains(alg) ? alg : SigningAlgorithms.DEFAULT);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(key.algorithm()).keyID(key.kid()).build(), claims.build());
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("signing the authorization response failed", e);
        }
        if (!settings.encrypts()) {
            return jwt.serialize();
        }
        String encAlg = settings.encryptedResponseAlg();
        return ClientEncryptionKeys.encrypt(new Payload(jwt), true,
                encryptionKey(clientId, encAlg), encAlg,
                settings.encOrDefault());
    }
}
