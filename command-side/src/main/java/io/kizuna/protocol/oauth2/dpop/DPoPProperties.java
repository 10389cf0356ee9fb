package io.kizuna.protocol.oauth2.dpop;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * DPoP settings ({@code kizuna.dpop.*}, RFC 9449).
 *
 * @param nonceRequired every DPoP proof, at the token endpoint and at UserInfo, must carry a server nonce
 *                      (§8, §9); clients registered with {@code dpop_bound_access_tokens} always need one
 *                      at the token endpoint. Default false.
 * @param proofMaxAge   how old a proof's {@code iat} may be (§4.3 check 11, §11.1); its {@code jti} is
 *                      remembered this long. Default 5 minutes.
 * @param clockSkew     how far in the future a proof's {@code iat} may lie. Default 60 seconds.
 * @param nonceLifetime the time slot of one server nonce; the current and the previous slot's nonces are
 *                      accepted, so a nonce lives between one and two slots. Default 5 minutes.
 */
@ConfigurationProperties("kizuna.dpop")
public record DPoPProperties(boolean nonceRequired, Duration proofMaxAge, Duration clockSkew,
                             Duration nonceLifetime) {

    public DPoPProperties {
        proofMaxAge = proofMaxAge == null ? Duration.ofMinutes(5) : proofMaxAge;
        clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
        nonceLifetime = nonceLifetime == null ? Duration.ofMinutes(5) : nonceLifetime;
    }
}
