package io.kizuna.api.member;

/**
 * The OIDC Core §5.1 standard claims of a member beyond those {@link PersonalData} always had ({@code name},
 * {@code email}, {@code locale}, {@code phone_number}, {@code address.formatted}). Part of the sealed personal
 * data, never plaintext in an event. Every value is optional: null means the member left it empty, and an empty
 * claim is never released (OIDC Core §5.3.2 omits it rather than sending null).
 *
 * @param birthdate           {@code YYYY-MM-DD}, {@code 0000-MM-DD} (year withheld) or {@code YYYY} (§5.1)
 * @param zoneinfo            an IANA time zone such as {@code Asia/Tokyo}
 * @param phoneNumberVerified true only once a phone number was verified; Kizuna has no such check yet
 * @param updatedAt           {@code updated_at}: epoch seconds of the last profile change, null if never changed
 */
public record StandardClaims(String givenName, String familyName, String middleName, String nickname,
                             String preferredUsername, String profile, String picture, String website, String gender,
                             String birthdate, String zoneinfo, boolean phoneNumberVerified, String streetAddress,
                             String locality, String region, String postalCode, String country, Long updatedAt) {

    public static final StandardClaims EMPTY = new StandardClaims(null, null, null, null, null, null, null, null, null,
            null, null, false, null, null, null, null, null, null);

    public StandardClaims withUpdatedAt(Long epochSeconds) {
        return new StandardClaims(givenName, familyName, middleName, nickname, preferredUsername, profile, picture,
                website, gender, birthdate, zoneinfo, phoneNumberVerified, streetAddress, locality, region, postalCode,
                country, epochSeconds);
    }

    public StandardClaims withPhoneNumberVerified(boolean verified) {
        return new StandardClaims(givenName, familyName, middleName, nickname, preferredUsername, profile, picture,
                website, gender, birthdate, zoneinfo, verified, streetAddress, locality, region, postalCode, country,
                updatedAt);
    }

    /** Whether any OIDC Core §5.1.1 address member besides {@code formatted} is set. */
    public boolean hasAddressParts() {
        return streetAddress != null || locality != null || region != null || postalCode != null || country != null;
    }
}
