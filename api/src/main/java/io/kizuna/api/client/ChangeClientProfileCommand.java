package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sets a client's security profile (see {@link ClientProfileChanged}). */
public record ChangeClientProfileCommand(@TargetAggregateIdentifier ClientId clientId, String profile) {
}
