package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Deregisters a client (RFC 7592 §2.3). */
public record DeleteClientCommand(@TargetAggregateIdentifier ClientId clientId) {
}
