package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's ID token / UserInfo protection (see {@link ClientResponseProtectionChanged}). */
public record ChangeClientResponseProtectionCommand(@TargetAggregateIdentifier ClientId clientId,
                                                    String idTokenEncryptedResponseAlg,
                                                    String idTokenEncryptedResponseEnc,
                                                    String userinfoSignedResponseAlg,
                                                    String userinfoEncryptedResponseAlg,
                                                    String userinfoEncryptedResponseEnc,
                                                    String jwksUri) {
}
