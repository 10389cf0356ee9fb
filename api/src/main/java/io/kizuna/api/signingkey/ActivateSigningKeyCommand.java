package io.kizuna.api.signingkey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Makes a generated key the signer of its algorithm. */
public record ActivateSigningKeyCommand(@TargetAggregateIdentifier SigningKeyId kid) {
}
