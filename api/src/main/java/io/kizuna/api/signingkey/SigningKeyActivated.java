package io.kizuna.api.signingkey;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The key became the one that signs new tokens of its algorithm (one active key per algorithm). */
@LedgerEventType("signing_key.activated")
@Revision("1")
public record SigningKeyActivated(SigningKeyId kid, String alg, Instant activatedAt) implements SigningKeyEvent {
}
