package io.kizuna.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings under {@code kizuna.*}.
 *
 * @param issuer          the issuer identifier (RFC 8414 §2): https URL without query or fragment
 * @param masterKey       base64 of 32 random bytes; wins over {@code masterKeyFile}
 * @param masterKeyFile   file holding the master key, created on first start when missing
 * @param secureCookies   mark cookies Secure (off only for plain-http local runs)
 */
@ConfigurationProperties(prefix = "kizuna")
public record KizunaProperties(String issuer,
                               String masterKey,
                               Path masterKeyFile,
                               boolean secureCookies,
                               Tokens tokens) {

    public KizunaProperties {
        if (issuer == null || issuer.isBlank()) {
            issuer = "http://localhost:8080";
        }
        if (issuer.endsWith("/")) {
            issuer = issuer.substring(0, issuer.length() - 1);
        }
        if (tokens == null) {
            tokens = new Tokens(null, null, null, null, null);
        }
    }

    /** Lifetimes of what the authorization server hands out. */
    public record Tokens(Duration accessToken, Duration refreshToken, Duration authorizationCode,
                         Duration authorizationRequest, Duration session) {
        public Tokens {
            accessToken = accessToken == null ? Duration.ofMinutes(10) : accessToken;
            refreshToken = refreshToken == null ? Duration.ofDays(30) : refreshToken;
            authorizationCode = authorizationCode == null ? Duration.ofSeconds(60) : authorizationCode;
            authorizationRequest = authorizationRequest == null ? Duration.ofMinutes(15) : authorizationRequest;
            session = session == null ? Duration.ofHours(12) : session;
        }
    }
}
