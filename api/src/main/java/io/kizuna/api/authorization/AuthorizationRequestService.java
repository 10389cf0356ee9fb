package io.kizuna.api.authorization;

import java.util.List;
import java.util.Optional;

/**
 * The pending authorization requests that the authorization endpoint (RFC 6749 §4.1.1) parked while
 * the member signs in and consents. The consent page describes one and reports the member's decision.
 */
public interface AuthorizationRequestService {

    /**
     * The request, if it is still pending; {@code alreadyConsented} when the member approved these scopes
     * before (never with {@code prompt=consent}); {@code requiredAcr} when {@code acr_values} asks for a
     * level of assurance; {@code loginHint} to prefill the sign-in form.
     */
    Optional<PendingAuthorization> describe(String requestId, String sessionCookieValue);

    /**
     * Records the member's decision and returns where the browser goes next: the client's redirect URI
     * with a code (RFC 6749 §4.1.2) or with {@code error=access_denied} (§4.1.2.1). Empty when the
     * request is unknown, expired or already decided, or the session is not valid.
     */
    Optional<String> decide(String requestId, String sessionCookieValue, boolean approved);

    record PendingAuthorization(String requestId,
                                String clientId,
                                String clientName,
                                String siteUri,
                                List<String> scopes,
                                boolean longLived,
                                boolean alreadyConsented,
                                String requiredAcr,
                                String loginHint) {
    }
}
