package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The client's logout metadata was replaced: where the member may be sent after an RP-initiated logout
 * ({@code postLogoutRedirectUris}, OIDC RP-Initiated Logout 1.0 §3.1 {@code post_logout_redirect_uris}) and
 * where a Logout Token is posted when a session it took part in ends ({@code backchannelLogoutUri}, OIDC
 * Back-Channel Logout 1.0 §2.2, with {@code backchannelLogoutSessionRequired}). Empty / null: none.
 *
 * <p>{@code frontchannelLogoutUri} and {@code frontchannelLogoutSessionRequired} (OIDC Front-Channel Logout 1.0
 * §2): the page the browser loads in an iframe when the member signs out at Kizuna, and whether it wants
 * {@code iss} and {@code sid}. Added within revision 1 (payloads only grow within a revision): events stored
 * before front-channel logout existed have neither, and load with null — no front-channel logout.
 */
@LedgerEventType("client.logout_settings.changed")
@Revision("1")
public record ClientLogoutSettingsChanged(ClientId clientId,
                                          List<String> postLogoutRedirectUris,
                                          String backchannelLogoutUri,
                                          boolean backchannelLogoutSessionRequired,
                                          Instant changedAt,
                                          String frontchannelLogoutUri,
                                          Boolean frontchannelLogoutSessionRequired) implements ClientEvent {

    /** Without front-channel logout metadata (as events were stored before it existed). */
    public ClientLogoutSettingsChanged(ClientId clientId, List<String> postLogoutRedirectUris,
                                       String backchannelLogoutUri, boolean backchannelLogoutSessionRequired,
                                       Instant changedAt) {
        this(clientId, postLogoutRedirectUris, backchannelLogoutUri, backchannelLogoutSessionRequired, changedAt,
                null, null);
    }

    /** {@code frontchannelLogoutSessionRequired}, false when the event predates it. */
    public boolean frontchannelLogoutSessionRequiredOrDefault() {
        return Boolean.TRUE.equals(frontchannelLogoutSessionRequired);
    }
}
