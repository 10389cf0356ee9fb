package io.kizuna.client;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import io.kizuna.api.LedgerRejection;
import java.net.URI;
import java.text.ParseException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts to a client's public key (OIDC Core §10.2): the key comes from the client's registered
 * {@code jwks}, or from its {@code jwks_uri}, fetched with short timeouts and a size limit, and cached
 * (Nimbus {@link JWKSourceBuilder}: cached for {@code kizuna.client-keys.cache-ttl}, refetches at most
 * every 30 seconds when no key matches or the URL fails, so a broken jwks_uri is not hammered).
 *
 * <p>A client whose keys cannot be had — jwks_uri unreachable, too large, not a JWK set, or without a
 * key for the algorithm — gets {@code invalid_client} (HTTP 400) from the token endpoint: RFC 6749 §5.2
 * has no code for "your registration is unusable", and the fault lies with the client's own metadata,
 * not with its request or grant; 400 rather than 401 because the client did authenticate. The token
 * request's transaction rolls back, so the authorization code is not spent and may be redeemed again
 * once the client's jwks_uri answers.
 *
 * <p>Every fetch passes the {@link io.kizuna.net.OutboundGuard} (no internal addresses unless allowed) and
 * follows no redirect.
 *
 * <p>The same fetcher and cache give a {@code private_key_jwt} client's signature keys when it registered a
 * {@code jwks_uri} instead of {@code jwks} ({@link #signatureKeys}).
 */
@Component
public class ClientEncryptionKeys {
    private static final Logger LOG = LoggerFactory.getLogger(ClientEncryptionKeys.class);
    private static final int MAX_SOURCES = 1_000;

    private final boolean allowHttp;
    private final int timeoutMillis;
    private final int sizeLimit;
    private final long cacheTtlMillis;
    private final ConcurrentHashMap<String, JWKSource<SecurityContext>> sources = new ConcurrentHashMap<>();

    private final io.kizuna.net.OutboundGuard guard;

    public ClientEncryptionKeys(@Value("${kizuna.client-keys.allow-http-jwks-uri:false}") boolean allowHttp,
                                @Value("${kizuna.client-keys.timeout:2s}") Duration timeout,
                                @Value("${kizuna.client-keys.size-limit:65536}") int sizeLimit,
                                @Value("${kizuna.client-keys.cache-ttl:5m}") Duration cacheTtl,
                                io.kizuna.net.OutboundGuard guard) {
        this.guard = guard;
        this.allowHttp = allowHttp;
        this.timeoutMillis = (int) timeout.toMillis();
        this.sizeLimit = sizeLimit;
        this.cacheTtlMillis = cacheTtl.toMillis();
    }

    /**
     * RFC 7591 §2 {@code jwks_uri}: an absolute https URL without credentials or fragment ({@code http}
     * only when {@code kizuna.client-keys.allow-http-jwks-uri} is set, for tests and local development).
     */
    public void checkJwksUri(String value) {
        if (value == null) {
            return;
        }
        URI uri;
        try {
            uri = new URI(value);
        } catch (Exception e) {
            throw new LedgerRejection("invalid_client_metadata", "jwks_uri is not a URI");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeOk = "https".equals(scheme) || (allowHttp && "http".equals(scheme));
        if (!uri.isAbsolute() || !schemeOk || uri.getHost() == null || uri.getUserInfo() != null
                || uri.getFragment() != null || value.length() > ResponseProtection.MAX_URI) {
            throw new LedgerRejection("invalid_client_metadata",
                    "jwks_uri must be an absolute https URL without user info or fragment (RFC 7591 §2)");
        }
    }

    /**
     * The client's key for {@code alg}; {@code invalid_client} when there is none or the jwks_uri fails.
     */
    public JWK keyFor(String clientId, ClientRegistry.Protection protection, String alg) {
        JWKSet set;
        String jwksUri = protection.settings().jwksUri();
        if (jwksUri != null) {
            try {
                // a selector for the kind of key needed: when the cached set has none (the client rotated its
                // keys), Nimbus refetches at once instead of waiting for the cache to expire
                set = new JWKSet(source(jwksUri).get(selectorFor(alg), null));
            } catch (KeySourceException | RuntimeException e) {
                LOG.info("jwks_uri of client {} could not be read: {}", clientId, e.toString());
                throw new LedgerRejection("invalid_client", "the client's jwks_uri could not be read, so the "
                        + "response cannot be encrypted to its key (OIDC Core §10.2); try again when it answers");
            }
        } else {
            try {
                set = protection.jwks() == null ? new JWKSet() : JWKSet.parse(protection.jwks());
            } catch (ParseException e) {
                set = new JWKSet();
            }
        }
        return ClientKeys.encryptionKey(set, alg).orElseThrow(() -> new LedgerRejection("invalid_client",
                "the client has no public key for " + alg + " with use enc (OIDC Core §10.2)"));
    }

    /**
     * The keys at a client's {@code jwks_uri} that may verify its signatures (RFC 7591 §2; {@code use} sig or
     * none), with {@code kid} when the JWS names one. A {@code kid} missing from the cached set (the client
     * rotated its keys) makes Nimbus refetch at once, rate-limited. Empty when the URL fails: the caller's
     * signature check then fails as for a wrong key.
     */
    public java.util.List<JWK> signatureKeys(String clientId, String jwksUri, String kid) {
        JWKMatcher.Builder matcher = new JWKMatcher.Builder().keyUses(com.nimbusds.jose.jwk.KeyUse.SIGNATURE, null);
        if (kid != null) {
            matcher.keyID(kid);
        }
        try {
            return source(jwksUri).get(new JWKSelector(matcher.build()), null);
        } catch (KeySourceException | RuntimeException e) {
            LOG.info("jwks_uri of client {} could not be read: {}", clientId, e.toString());
            return java.util.List.of();
        }
    }

    private static JWKSelector selectorFor(String alg) {
        return new JWKSelector(new JWKMatcher.Builder()
                .keyType(alg.startsWith("RSA") ? com.nimbusds.jose.jwk.KeyType.RSA : com.nimbusds.jose.jwk.KeyType.EC)
                .keyUses(com.nimbusds.jose.jwk.KeyUse.ENCRYPTION, null)
                .algorithms(JWEAlgorithm.parse(alg), null)
                .build());
    }

    private JWKSource<SecurityContext> source(String jwksUri) throws KeySourceException {
        JWKSource<SecurityContext> source = sources.get(jwksUri);
        if (source != null) {
            return source;
        }
        if (sources.size() > MAX_SOURCES) {
            sources.clear();
        }
        try {
            DefaultResourceRetriever retriever = new GuardedRetriever(timeoutMillis, sizeLimit, guard);
            source = JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUri).toURL(), retriever)
                    .cache(cacheTtlMillis, timeoutMillis)
                    .refreshAheadCache(false)
                    .retrying(false)
                    .outageTolerant(false)
                    .build();
        } catch (java.net.MalformedURLException | IllegalArgumentException e) {
            throw new KeySourceException("jwks_uri is not a URL");
        }
        sources.put(jwksUri, source);
        return source;
    }

    /** Nimbus's retriever with the SSRF guard before each connection and no redirects followed. */
    static final class GuardedRetriever extends DefaultResourceRetriever {
        private final io.kizuna.net.OutboundGuard guard;

        GuardedRetriever(int timeoutMillis, int sizeLimit, io.kizuna.net.OutboundGuard guard) {
            super(timeoutMillis, timeoutMillis, sizeLimit);
            this.guard = guard;
        }

        @Override
        protected java.net.HttpURLConnection openHTTPConnection(java.net.URL url) throws java.io.IOException {
            try {
                guard.check(url.toURI());
            } catch (java.net.URISyntaxException e) {
                throw new java.io.IOException("jwks_uri is not a URI");
            }
            java.net.HttpURLConnection connection = super.openHTTPConnection(url);
            connection.setInstanceFollowRedirects(false);
            return connection;
        }
    }

    /**
     * A compact JWE (RFC 7516 §7.1) of {@code payload} to {@code key}, with its {@code kid}; {@code cty: JWT}
     * when the payload is a signed JWT (a nested JWT, RFC 7519 §5.2, OIDC Core §10.2).
     */
    public static String encrypt(Payload payload, boolean nestedJwt, JWK key, String alg, String enc) {
        JWEHeader.Builder header = new JWEHeader.Builder(JWEAlgorithm.parse(alg), EncryptionMethod.parse(enc))
                .keyID(key.getKeyID());
        if (nestedJwt) {
            header.contentType("JWT");
        }
        try {
            JWEEncrypter encrypter = key instanceof RSAKey rsa ? new RSAEncrypter(rsa) : new ECDHEncrypter((ECKey) key);
            JWEObject jwe = new JWEObject(header.build(), payload);
            jwe.encrypt(encrypter);
            return jwe.serialize();
        } catch (JOSEException e) {
            throw new LedgerRejection("invalid_client", "the response cannot be encrypted to the client's "
                    + alg + " key (OIDC Core §10.2)");
        }
    }
}
