package io.kizuna.api.signingkey;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A server key was generated. {@code publicJwk} is the public JWK (RFC 7517) with {@code kid},
 * {@code alg} and {@code use: sig} — or, for the encryption-key families {@code RSA-OAEP-256} and
 * {@code ECDH-ES} (request objects encrypted to the server, RFC 9101 §6.1), {@code use: enc}; the private key appears only as {@code encryptedPrivateKey}
 * (base64url), encrypted by the key-encryption scheme named in {@code keyEncryption} (for example the
 * configured master key under AES-256-GCM with the {@code kid} as associated data, or a cloud KMS).
 */
@LedgerEventType("signing_key.generated")
@Revision("1")
public record SigningKeyGenerated(SigningKeyId kid,
                                  String alg,
                                  String publicJwk,
                                  String encryptedPrivateKey,
                                  String keyEncryption,
                                  Instant generatedAt) implements SigningKeyEvent {
}
