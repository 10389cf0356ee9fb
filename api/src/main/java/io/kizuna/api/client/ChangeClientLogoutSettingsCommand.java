package io.kizuna.api.client;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's logout metadata (see {@link ClientLogoutSettingsChanged}). */
public record ChangeClientLogoutSettingsCommand(@TargetAggregateIdentifier ClientId clientId,
                                                List<String> postLogoutRedirectUris,
                                                String backchannelLogoutUri,
                                                boolean backchannelLogoutSessionRequired) {
}
