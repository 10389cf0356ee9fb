package io.kizuna.api.signingkey;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The key stopped signing: {@code successor} signs from now on. The key stays in the JWKS until
 * {@code publishedUntil} (the overlap), so tokens it signed before the rotation keep verifying.
 */
@LedgerEventType("signing_key.rotated")
@Revision("1")
public record SigningKeyRotated(SigningKeyId kid, String alg, SigningKeyId successor, Instant publishedUntil,
                                Instant rotatedAt) implements SigningKeyEvent {
}
