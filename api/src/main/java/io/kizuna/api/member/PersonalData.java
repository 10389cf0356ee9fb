package io.kizuna.api.member;

/**
 * A member's personal attributes in plaintext. Never part of an event: events carry
 * {@link SealedPersonalData} produced by a {@link PersonalDataVault}.
 */
public record PersonalData(String email, boolean emailVerified, String name, String locale) {
}
