package io.kizuna.api.signingkey;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The key left the JWKS for good: nothing it signed verifies any more. {@code reason}: {@code overlap_ended}
 * (its overlap after a rotation is over) or {@code operator} (an administrator retired it, e.g. after a
 * suspected compromise).
 */
@LedgerEventType("signing_key.retired")
@Revision("1")
public record SigningKeyRetired(SigningKeyId kid, String alg, String reason, Instant retiredAt)
        implements SigningKeyEvent {
}
