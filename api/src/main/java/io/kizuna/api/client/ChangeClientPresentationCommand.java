package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's logo, policy and terms URLs (see {@link ClientPresentationChanged}). */
public record ChangeClientPresentationCommand(@TargetAggregateIdentifier ClientId clientId,
                                              String logoUri,
                                              String policyUri,
                                              String tosUri) {
}
