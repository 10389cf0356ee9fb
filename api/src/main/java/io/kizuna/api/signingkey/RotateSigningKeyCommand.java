package io.kizuna.api.signingkey;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hands signing over from this active key to {@code successor}; this key stays published until {@code publishedUntil}. */
public record RotateSigningKeyCommand(@TargetAggregateIdentifier SigningKeyId kid, SigningKeyId successor,
                                      Instant publishedUntil) {
}
