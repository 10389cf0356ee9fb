package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces a confidential client's secret (RFC 6749 §2.3.1). {@code secretHash} is the keyed hash of the
 * newly generated secret; the plaintext is shown to the operator once and never stored.
 * {@code requestedBy} is the pseudonymous member id of the administrator (no personal data).
 */
public record RotateClientSecretCommand(@TargetAggregateIdentifier ClientId clientId, String secretHash,
                                        String requestedBy) {
}
