package io.kizuna.api.member;

/**
 * A member's personal attributes in plaintext. Never part of an event: events carry
 * {@link SealedPersonalData} produced by a {@link PersonalDataVault}.
 *
 * @param phoneNumber OIDC Core §5.1 {@code phone_number} as the member typed it, or null
 * @param address     OIDC Core §5.1.1 {@code address.formatted} (lines separated by newlines), or null
 */
public record PersonalData(String email, boolean emailVerified, String name, String locale, String phoneNumber,
                           String address) {
    public PersonalData(String email, boolean emailVerified, String name, String locale) {
        this(email, emailVerified, name, locale, null, null);
    }
}
