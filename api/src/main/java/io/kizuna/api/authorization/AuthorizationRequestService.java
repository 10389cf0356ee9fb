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

    /**
     * {@link #decide} as the response to the client in the request's {@code response_mode}: a redirect
     * (query or fragment, OAuth 2.0 Multiple Response Types §2.1) or an auto-submitting form (OAuth 2.0
     * Form Post Response Mode §2) to be served as is, with its own Content-Security-Policy.
     */
    default Optional<ClientResponse> respond(String requestId, String sessionCookieValue, boolean approved) {
        return decide(requestId, sessionCookieValue, approved).map(ClientResponse::redirect);
    }

    /**
     * The member cancelled the sign-in of this request (no session needed): the request is consumed and
     * the client gets {@code error=access_denied} in the request's response mode (RFC 6749 §4.1.2.1,
     * OIDC Core §3.1.2.6). Empty when the request is unknown, expired or already decided.
     */
    default Optional<ClientResponse> cancel(String requestId) {
        return Optional.empty();
    }

    /**
     * No response could be built that the client could read — its keys for an encrypted (JARM) response
     * could not be fetched — so nothing was issued; the request stays pending until it expires.
     */
    class ResponseUndeliverable extends RuntimeException {
        public ResponseUndeliverable(String message) {
            super(message);
        }
    }

    /**
     * What the client registered for the member to see where they decide (OpenID Connect Dynamic Client
     * Registration 1.0 §2, RFC 7591 §2): {@code logo_uri}, {@code policy_uri}, {@code tos_uri}; each null when
     * not registered. The registration accepted only https URLs (http only to a loopback host on an http
     * server); pages still treat them as untrusted.
     */
    record ClientLinks(String logoUri, String policyUri, String tosUri) {
        public static final ClientLinks NONE = new ClientLinks(null, null, null);
    }

    /** A redirect ({@code location}) or a form_post page ({@code html} with {@code contentSecurityPolicy}). */
    record ClientResponse(String location, String html, String contentSecurityPolicy) {
        public static ClientResponse redirect(String location) {
            return new ClientResponse(location, null, null);
        }

        public boolean formPost() {
            return html != null;
        }
    }

    record PendingAuthorization(String requestId,
                                String clientId,
                                String clientName,
                                String siteUri,
                                List<String> scopes,
                                boolean longLived,
                                boolean alreadyConsented,
                                String requiredAcr,
                                String loginHint,
                                List<String> claims,
                                List<String> essentialClaims,
                                ClientLinks links) {
        /**
         * {@code claims}: member claims the {@code claims} parameter asks for beyond {@code scopes}, which the
         * consent screen lists one by one (OIDC Core §5.5); {@code essentialClaims}: those asked for as essential;
         * {@code links}: the client's logo, policy and terms, when it registered them.
         */
        public PendingAuthorization {
            claims = claims == null ? List.of() : List.copyOf(claims);
            essentialClaims = essentialClaims == null ? List.of() : List.copyOf(essentialClaims);
            links = links == null ? ClientLinks.NONE : links;
        }

        public PendingAuthorization(String requestId, String clientId, String clientName, String siteUri,
                                    List<String> scopes, boolean longLived, boolean alreadyConsented,
                                    String requiredAcr, String loginHint, List<String> claims,
                                    List<String> essentialClaims) {
            this(requestId, clientId, clientName, siteUri, scopes, longLived, alreadyConsented, requiredAcr,
                    loginHint, claims, essentialClaims, null);
        }

        public PendingAuthorization(String requestId, String clientId, String clientName, String siteUri,
                                    List<String> scopes, boolean longLived, boolean alreadyConsented,
                                    String requiredAcr, String loginHint) {
            this(requestId, clientId, clientName, siteUri, scopes, longLived, alreadyConsented, requiredAcr,
                    loginHint, null, null);
        }
    }
}
