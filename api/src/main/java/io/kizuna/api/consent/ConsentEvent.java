package io.kizuna.api.consent;

/** Everything that happens to a member's consent for one client. */
public sealed interface ConsentEvent permits ConsentGranted, ConsentRevoked {
    String consentId();
}
