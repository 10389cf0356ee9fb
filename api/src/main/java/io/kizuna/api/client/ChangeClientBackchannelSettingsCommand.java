package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's CIBA metadata (see {@link ClientBackchannelSettingsChanged}). */
public record ChangeClientBackchannelSettingsCommand(@TargetAggregateIdentifier ClientId clientId,
                                                     String deliveryMode,
                                                     String notificationEndpoint,
                                                     String requestSigningAlg,
                                                     boolean userCodeParameter) {
}
