package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's JARM settings (see {@link ClientAuthorizationResponseChanged}). */
public record ChangeClientAuthorizationResponseCommand(@TargetAggregateIdentifier ClientId clientId,
                                                       String authorizationSignedResponseAlg,
                                                       String authorizationEncryptedResponseAlg,
                                                       String authorizationEncryptedResponseEnc) {
}
