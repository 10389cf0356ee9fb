package io.kizuna.protocol.oidc.logout;

import io.kizuna.api.session.FrontChannelLogoutFrame;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.LogoutSettings;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.session.SessionClients;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * OpenID Connect Front-Channel Logout 1.0: which Relying Parties the page confirming a sign-out tells, through
 * the browser, that the session ended. They are the clients that received an ID token in the session
 * ({@link SessionClients}, the same list Back-Channel Logout uses) and registered a {@code frontchannel_logout_uri}
 * (§2). Each gets one {@code <iframe>} (§4) whose {@code src} is that URI; when the client registered
 * {@code frontchannel_logout_session_required}, the {@code iss} (our issuer) and {@code sid} query parameters
 * are added (§2, §3) — {@code sid} is exactly the {@code sid} claim of the ID tokens issued in the session.
 * A query the RP registered is kept (§2 allows one).
 */
@Component
public class FrontChannelLogout {
    private final SessionClients sessionClients;
    private final ClientRegistry clients;
    private final KizunaProperties properties;

    public FrontChannelLogout(SessionClients sessionClients, ClientRegistry clients, KizunaProperties properties) {
        this.sessionClients = sessionClients;
        this.clients = clients;
        this.properties = properties;
    }

    /** The frames for the (ending or just ended) session {@code sessionId}; empty for null. */
    public List<FrontChannelLogoutFrame> frames(String sessionId) {
        if (sessionId == null) {
            return List.of();
        }
        List<FrontChannelLogoutFrame> frames = new ArrayList<>();
        for (SessionClients.Recipient recipient : sessionClients.recipients(sessionId)) {
            Optional<RegisteredClient> client = clients.find(recipient.clientId());
            if (client.isEmpty() || client.get().logoutSettings().frontchannelLogoutUri() == null) {
                continue;
            }
            LogoutSettings settings = client.get().logoutSettings();
            String uri = settings.frontchannelLogoutUri();
            String src = settings.frontchannelLogoutSessionRequired() ? withSession(uri, sessionId) : uri;
            frames.add(new FrontChannelLogoutFrame(client.get().name(), src, LogoutSettings.origin(uri)));
        }
        return List.copyOf(frames);
    }

    /** §3: {@code iss} and {@code sid} as query parameters, after any query the RP registered. */
    String withSession(String uri, String sid) {
        return uri + (uri.contains("?") ? "&" : "?") + "iss="
                + URLEncoder.encode(properties.issuer(), StandardCharsets.UTF_8) + "&sid="
                + URLEncoder.encode(sid, StandardCharsets.UTF_8);
    }
}
