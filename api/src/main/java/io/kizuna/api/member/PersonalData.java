package io.kizuna.api.member;

/**
 * A member's personal attributes in plaintext. Never part of an event: events carry
 * {@link SealedPersonalData} produced by a {@link PersonalDataVault}.
 *
 * <p>{@code standard} holds the other OIDC Core §5.1 standard claims; it was added later, so data sealed before
 * it has none and decodes with {@link StandardClaims#EMPTY} (an additive JSON member, no upcaster needed).
 *
 * @param phoneNumber OIDC Core §5.1 {@code phone_number} as the member typed it, or null
 * @param address     OIDC Core §5.1.1 {@code address.formatted} (lines separated by newlines), or null
 */
public record PersonalData(String email, boolean emailVerified, String name, String locale, String phoneNumber,
                           String address, StandardClaims standard) {
    public PersonalData {
        if (standard == null) {
            standard = StandardClaims.EMPTY;
        }
    }

    public PersonalData(String email, boolean emailVerified, String name, String locale) {
        this(email, emailVerified, name, locale, null, null, null);
    }

    public PersonalData(String email, boolean emailVerified, String name, String locale, String phoneNumber,
                        String address) {
        this(email, emailVerified, name, locale, phoneNumber, address, null);
    }

    public PersonalData withEmailVerified(boolean verified) {
        return new PersonalData(email, verified, name, locale, phoneNumber, address, standard);
    }

    public PersonalData withStandard(StandardClaims claims) {
        return new PersonalData(email, emailVerified, name, locale, phoneNumber, address, claims);
    }
}
