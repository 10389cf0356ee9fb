package io.kizuna.api.signingkey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a key that no longer signs from the JWKS ({@code reason}: {@code overlap_ended} or {@code operator}). */
public record RetireSigningKeyCommand(@TargetAggregateIdentifier SigningKeyId kid, String reason) {
}
