package io.kizuna.protocol.oauth2.authorization;

import java.util.List;

/**
 * An authorization request that passed every check of RFC 6749 §4.1.1 and RFC 7636 §4.3, with the
 * OIDC Core §3.1.2.1 parameters that shape the member's interaction: {@code prompt}, {@code max_age}
 * (seconds, null when absent), {@code responseType} (the canonical {@link ResponseType#value()}),
 * {@code requiredAcr} (the weakest supported value of {@code acr_values}, null when none),
 * {@code loginHint}, {@code responseMode} ({@code query}, {@code fragment}, {@code form_post} or JARM's
 * {@code query.jwt}, {@code fragment.jwt}, {@code form_post.jwt} — {@code jwt} already resolved; never null), {@code claims} (the OIDC Core §5.5 {@code claims} parameter as validated JSON, or null) and
 * {@code dpopJkt} (RFC 9449 §10), which binds the code to a DPoP key.
 */
public record ValidatedAuthorizationRequest(String clientId,
                                            String redirectUri,
                                            boolean redirectUriSupplied,
                                            List<String> scopes,
                                            String state,
                                            String nonce,
                                            String codeChallenge,
                                            String codeChallengeMethod,
                                            String prompt,
                                            Integer maxAge,
                                            String requiredAcr,
                                            String loginHint,
                                            String responseType,
                                            String responseMode,
                                            String claims,
                                            String dpopJkt,
                                            List<String> resources) {
    /** RFC 6749 §4.2: {@code response_type=token}. */
    public static final String TOKEN = "token";

    public ResponseType type() {
        return ResponseType.parse(responseType).orElse(ResponseType.CODE);
    }

    public boolean prompts(String value) {
        return prompt != null && List.of(prompt.split(" ")).contains(value);
    }
}
