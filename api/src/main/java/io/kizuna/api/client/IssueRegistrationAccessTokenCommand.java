package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records the hash of a new registration access token (RFC 7591 §3.2.1). */
public record IssueRegistrationAccessTokenCommand(@TargetAggregateIdentifier ClientId clientId, String tokenHash) {
}
