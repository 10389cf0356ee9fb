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
 */
@LedgerEventType("client.logout_settings.changed")
@Revision("1")
public record ClientLogoutSettingsChanged(ClientId clientId,
                                          List<String> postLogoutRedirectUris,
                                          String backchannelLogoutUri,
                                          boolean backchannelLogoutSessionRequired,
                                          Instant changedAt) implements ClientEvent {
}
