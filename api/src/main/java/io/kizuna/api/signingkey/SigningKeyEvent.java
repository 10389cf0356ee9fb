package io.kizuna.api.signingkey;

/**
 * Everything that happens to a token-signing key: generated → activated (signs new tokens) → rotated
 * (a successor signs; this key stays published in the JWKS until {@code publishedUntil}, so tokens it
 * signed keep verifying) → retired (gone from the JWKS; what it signed no longer verifies).
 */
public sealed interface SigningKeyEvent
        permits SigningKeyGenerated, SigningKeyActivated, SigningKeyRotated, SigningKeyRetired {
    SigningKeyId kid();
}
