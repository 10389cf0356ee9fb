package io.kizuna.api.client;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's logout metadata (see {@link ClientLogoutSettingsChanged}). */
public record ChangeClientLogoutSettingsCommand(@TargetAggregateIdentifier ClientId clientId,
                                                List<String> postLogoutRedirectUris,
                                                String backchannelLogoutUri,
                                                boolean backchannelLogoutSessionRequired,
                                                String frontchannelLogoutUri,
                                                boolean frontchannelLogoutSessionRequired) {

    /** Without front-channel logout (OIDC Front-Channel Logout 1.0 §2). */
    public ChangeClientLogoutSettingsCommand(ClientId clientId, List<String> postLogoutRedirectUris,
                                             String backchannelLogoutUri, boolean backchannelLogoutSessionRequired) {
        this(clientId, postLogoutRedirectUris, backchannelLogoutUri, backchannelLogoutSessionRequired, null, false);
    }
}
