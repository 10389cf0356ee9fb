package io.kizuna.protocol.oauth2.authorization;

import java.util.List;

/** An authorization request that passed every check of RFC 6749 §4.1.1 and RFC 7636 §4.3. */
public record ValidatedAuthorizationRequest(String clientId,
                                            String redirectUri,
                                            boolean redirectUriSupplied,
                                            List<String> scopes,
                                            String state,
                                            String nonce,
                                            String codeChallenge,
                                            String codeChallengeMethod) {
}
