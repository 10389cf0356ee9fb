package io.kizuna.protocol.oidc.logout;

import io.kizuna.api.session.LogoutService;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.session.SignOut;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The confirmation page's side of RP-Initiated Logout 1.0 (see {@link LogoutService}). */
@Service
public class RpInitiatedLogouts implements LogoutService {
    static final String REASON = "rp_initiated_logout";

    private final PendingLogouts pending;
    private final ClientRegistry clients;
    private final SignOut signOut;

    public RpInitiatedLogouts(PendingLogouts pending, ClientRegistry clients, SignOut signOut) {
        this.pending = pending;
        this.clients = clients;
        this.signOut = signOut;
    }

    @Override
    public Optional<LogoutPrompt> find(String requestId) {
        return pending.find(requestId).map(request -> new LogoutPrompt(requestId,
                request.clientId() == null ? null
                        : clients.find(request.clientId()).map(RegisteredClient::name).orElse(null),
                request.hintSid(), request.hintSubject()));
    }

    @Override
    @Transactional
    public Optional<LogoutOutcome> complete(String requestId, String sessionCookieValue) {
        Optional<PendingLogouts.Pending> request = pending.find(requestId);
        if (request.isEmpty() || !pending.consume(requestId)) {
            return Optional.empty();
        }
        Optional<String> sessionId = signOut.sessionIdOf(sessionCookieValue);
        boolean ended = signOut.signOut(sessionCookieValue, REASON);
        // Front-Channel Logout 1.0 §4: the RPs of the session this browser just ended, to be framed by the page
        return Optional.of(new LogoutOutcome(redirectTo(request.get()),
                ended ? signOut.frontChannelLogout(sessionId.orElse(null)) : java.util.List.of()));
    }

    @Override
    @Transactional
    public boolean cancel(String requestId) {
        return pending.consume(requestId);
    }

    /** §3: the registered URI, with {@code state} added as a query parameter when the RP sent one. */
    static String redirectTo(PendingLogouts.Pending request) {
        if (request.postLogoutRedirectUri() == null) {
            return null;
        }
        if (request.state() == null) {
            return request.postLogoutRedirectUri();
        }
        String uri = request.postLogoutRedirectUri();
        return uri + (uri.contains("?") ? "&" : "?") + "state="
                + java.net.URLEncoder.encode(request.state(), java.nio.charset.StandardCharsets.UTF_8);
    }
}
