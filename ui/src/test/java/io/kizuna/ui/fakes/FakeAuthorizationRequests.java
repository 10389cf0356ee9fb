package io.kizuna.ui.fakes;

import io.kizuna.api.authorization.AuthorizationRequestService;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** Pending requests set up by each test; a decision consumes the request like the real one does. */
@Component
public class FakeAuthorizationRequests implements AuthorizationRequestService {

    public static final String REDIRECT_URI = "https://shop.example.jp/callback";

    public record Decision(String requestId, String session, boolean approved) {
    }

    private final Map<String, PendingAuthorization> pending = new ConcurrentHashMap<>();
    public final List<Decision> decisions = new CopyOnWriteArrayList<>();
    public final List<String> describedWithSession = new CopyOnWriteArrayList<>();
    /** Requests whose answer cannot be built for the client (JARM: its jwks_uri does not answer). */
    public final java.util.Set<String> undeliverable = ConcurrentHashMap.newKeySet();

    public void reset() {
        pending.clear();
        undeliverable.clear();
        decisions.clear();
        describedWithSession.clear();
    }

    public PendingAuthorization add(String requestId, List<String> scopes, boolean longLived, boolean alreadyConsented) {
        PendingAuthorization request = new PendingAuthorization(requestId, "shop-client", "Example Shop",
                "https://shop.example.jp", scopes, longLived, alreadyConsented, null, null);
        pending.put(requestId, request);
        return request;
    }

    /** A request whose claims parameter asks for member claims beyond {@code scopes} (OIDC Core §5.5). */
    public PendingAuthorization addWithClaims(String requestId, List<String> scopes, List<String> claims,
                                              List<String> essential) {
        PendingAuthorization request = new PendingAuthorization(requestId, "shop-client", "Example Shop",
                "https://shop.example.jp", scopes, false, false, null, null, claims, essential);
        pending.put(requestId, request);
        return request;
    }

    /** A request of a client that registered a logo, policy and terms (OIDC DCR §2), or any URLs given. */
    public PendingAuthorization addWithLinks(String requestId, String siteUri, ClientLinks links) {
        PendingAuthorization request = new PendingAuthorization(requestId, "shop-client", "Example Shop", siteUri,
                List.of("openid"), false, false, null, null, null, null, links);
        pending.put(requestId, request);
        return request;
    }

    @Override
    public Optional<PendingAuthorization> describe(String requestId, String sessionCookieValue) {
        describedWithSession.add(String.valueOf(sessionCookieValue));
        return Optional.ofNullable(pending.get(requestId));
    }

    @Override
    public Optional<String> decide(String requestId, String sessionCookieValue, boolean approved) {
        if (undeliverable.contains(requestId)) {
            throw new ResponseUndeliverable("the client's jwks_uri could not be read");
        }
        if (!FakeSignInService.SESSION.equals(sessionCookieValue) || pending.remove(requestId) == null) {
            return Optional.empty();
        }
        decisions.add(new Decision(requestId, sessionCookieValue, approved));
        return Optional.of(approved
                ? REDIRECT_URI + "?code=c0de-" + requestId + "&state=xyz&iss=https%3A%2F%2Fid.example.jp"
                : REDIRECT_URI + "?error=access_denied&state=xyz&iss=https%3A%2F%2Fid.example.jp");
    }
}
