package io.kizuna.member;

import io.kizuna.api.member.ProfileRejected;
import io.kizuna.api.member.ProfileRejected.FieldProblem;
import io.kizuna.api.member.StandardClaims;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Validates and normalises the OIDC Core §5.1 standard claims a member types into the profile form, with Jakarta
 * Validation: lengths, {@code birthdate} as {@code YYYY-MM-DD}, {@code 0000-MM-DD} (year withheld) or {@code YYYY},
 * {@code zoneinfo} an IANA zone id, {@code locale} a BCP 47 tag, {@code profile}/{@code picture}/{@code website}
 * absolute http(s) URLs. Blank values become null (not set). Every invalid field is reported at once, as a
 * {@link ProfileRejected} whose field names are those of the form.
 */
@Component
public class StandardClaimsRules {
    private final Validator validator;

    public StandardClaimsRules(Validator validator) {
        this.validator = validator;
    }

    /** The normalised claims (stripped, blanks as null); {@code locale} is checked alongside. */
    public StandardClaims check(StandardClaims typed, String locale) {
        Form form = new Form(clean(typed.givenName()), clean(typed.familyName()), clean(typed.middleName()),
                clean(typed.nickname()), clean(typed.preferredUsername()), clean(typed.profile()),
                clean(typed.picture()), clean(typed.website()), clean(typed.gender()), clean(typed.birthdate()),
                clean(typed.zoneinfo()), clean(locale), clean(typed.streetAddress()), clean(typed.locality()),
                clean(typed.region()), clean(typed.postalCode()), clean(typed.country()));
        List<FieldProblem> problems = new ArrayList<>();
        validator.validate(form).stream()
                .sorted(Comparator.comparing((ConstraintViolation<Form> v) -> FIELD_ORDER.indexOf(field(v))))
                .forEach(v -> {
                    FieldProblem problem = new FieldProblem(field(v), v.getMessage());
                    if (problems.stream().noneMatch(p -> p.field().equals(problem.field()))) {
                        problems.add(problem);
                    }
                });
        if (!problems.isEmpty()) {
            throw new ProfileRejected(problems);
        }
        return new StandardClaims(form.givenName, form.familyName, form.middleName, form.nickname,
                form.preferredUsername, form.profile, form.picture, form.website, form.gender, form.birthdate,
                form.zoneinfo, typed.phoneNumberVerified(), form.streetAddress, form.locality, form.region,
                form.postalCode, form.country, typed.updatedAt());
    }

    /** The form's field names, in the order the page shows them (the OIDC claim names, snake_case). */
    static final List<String> FIELD_ORDER = List.of("given_name", "middle_name", "family_name", "nickname",
            "preferred_username", "gender", "birthdate", "profile", "picture", "website", "zoneinfo", "locale",
            "street_address", "locality", "region", "postal_code", "country");

    private static final Map<String, String> FIELD_OF_PROPERTY = Map.ofEntries(
            Map.entry("givenName", "given_name"), Map.entry("familyName", "family_name"),
            Map.entry("middleName", "middle_name"), Map.entry("nickname", "nickname"),
            Map.entry("preferredUsername", "preferred_username"), Map.entry("profile", "profile"),
            Map.entry("profileValid", "profile"), Map.entry("picture", "picture"),
            Map.entry("pictureValid", "picture"), Map.entry("website", "website"),
            Map.entry("websiteValid", "website"), Map.entry("gender", "gender"), Map.entry("birthdate", "birthdate"),
            Map.entry("birthdateValid", "birthdate"), Map.entry("zoneinfo", "zoneinfo"),
            Map.entry("zoneinfoValid", "zoneinfo"), Map.entry("locale", "locale"), Map.entry("localeValid", "locale"),
            Map.entry("streetAddress", "street_address"), Map.entry("locality", "locality"),
            Map.entry("region", "region"), Map.entry("postalCode", "postal_code"), Map.entry("country", "country"));

    private static String field(ConstraintViolation<?> violation) {
        return FIELD_OF_PROPERTY.getOrDefault(violation.getPropertyPath().toString(),
                violation.getPropertyPath().toString());
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The typed values as Jakarta Validation sees them; messages are the stable problem codes. */
    record Form(@Size(max = 100, message = "too_long") String givenName,
                @Size(max = 100, message = "too_long") String familyName,
                @Size(max = 100, message = "too_long") String middleName,
                @Size(max = 100, message = "too_long") String nickname,
                @Size(max = 100, message = "too_long")
                @Pattern(regexp = "[^\\s]+", message = "invalid_preferred_username") String preferredUsername,
                @Size(max = 500, message = "too_long") String profile,
                @Size(max = 500, message = "too_long") String picture,
                @Size(max = 500, message = "too_long") String website,
                @Size(max = 50, message = "too_long") String gender,
                String birthdate,
                @Size(max = 64, message = "too_long") String zoneinfo,
                @Size(max = 35, message = "too_long") String locale,
                @Size(max = 200, message = "too_long") String streetAddress,
                @Size(max = 100, message = "too_long") String locality,
                @Size(max = 100, message = "too_long") String region,
                @Size(max = 20, message = "too_long") String postalCode,
                @Size(max = 100, message = "too_long") String country) {

        @AssertTrue(message = "invalid_url")
        boolean isProfileValid() {
            return isHttpUrl(profile);
        }

        @AssertTrue(message = "invalid_url")
        boolean isPictureValid() {
            return isHttpUrl(picture);
        }

        @AssertTrue(message = "invalid_url")
        boolean isWebsiteValid() {
            return isHttpUrl(website);
        }

        /** OIDC Core §5.1 birthdate: ISO 8601 YYYY-MM-DD; year 0000 means withheld; YYYY alone is allowed. */
        @AssertTrue(message = "invalid_birthdate")
        boolean isBirthdateValid() {
            if (birthdate == null) {
                return true;
            }
            try {
                if (birthdate.matches("\\d{4}")) {
                    return !"0000".equals(birthdate);
                }
                if (!birthdate.matches("\\d{4}-\\d{2}-\\d{2}")) {
                    return false;
                }
                if (birthdate.startsWith("0000-")) {
                    MonthDay.parse("--" + birthdate.substring(5));
                    return true;
                }
                return !LocalDate.parse(birthdate).isAfter(LocalDate.now());
            } catch (DateTimeException e) {
                return false;
            }
        }

        /** OIDC Core §5.1 zoneinfo: a zone of the IANA time zone database, e.g. Asia/Tokyo. */
        @AssertTrue(message = "invalid_zoneinfo")
        boolean isZoneinfoValid() {
            return zoneinfo == null || (zoneinfo.contains("/") || "UTC".equals(zoneinfo))
                    && ZoneId.getAvailableZoneIds().contains(zoneinfo);
        }

        /** OIDC Core §5.1 locale: a BCP 47 language tag such as ja-JP (RFC 5646). */
        @AssertTrue(message = "invalid_locale")
        boolean isLocaleValid() {
            if (locale == null) {
                return true;
            }
            try {
                new Locale.Builder().setLanguageTag(locale);
                return true;
            } catch (IllformedLocaleException e) {
                return false;
            }
        }

        private static boolean isHttpUrl(String value) {
            if (value == null) {
                return true;
            }
            try {
                URI uri = new URI(value);
                return uri.isAbsolute() && uri.getHost() != null
                        && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
            } catch (Exception e) {
                return false;
            }
        }
    }
}
