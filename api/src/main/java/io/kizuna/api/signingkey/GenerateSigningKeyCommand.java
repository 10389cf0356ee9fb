package io.kizuna.api.signingkey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a freshly generated key; the private part arrives already encrypted (see {@link SigningKeyGenerated}). */
public record GenerateSigningKeyCommand(@TargetAggregateIdentifier SigningKeyId kid,
                                        String alg,
                                        String publicJwk,
                                        String encryptedPrivateKey,
                                        String keyEncryption) {
}
