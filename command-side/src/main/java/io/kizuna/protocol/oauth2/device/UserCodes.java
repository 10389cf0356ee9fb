package io.kizuna.protocol.oauth2.device;

import java.security.SecureRandom;
import java.util.Locale;

/**
 * RFC 8628 §6.1 user codes: 8 characters from 20 consonants (no vowels, so no words; no digits or
 * look-alikes), about 34.6 bits, shown as {@code XXXX-XXXX}. What the member types is compared after
 * dropping dashes and spaces and upper-casing (§6.1: "case-insensitive ... ignore any punctuation").
 */
public final class UserCodes {
    static final String ALPHABET = "BCDFGHJKLMNPQRSTVWXZ";
    static final int LENGTH = 8;
    private static final SecureRandom RANDOM = new SecureRandom();

    private UserCodes() {
    }

    public static String generate() {
        StringBuilder code = new StringBuilder(LENGTH + 1);
        for (int i = 0; i < LENGTH; i++) {
            if (i == LENGTH / 2) {
                code.append('-');
            }
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }

    /** The canonical form ({@code BCDFGHJK}), or null when the input cannot be a user code. */
    public static String normalize(String typed) {
        if (typed == null || typed.length() > 32) {
            return null;
        }
        String code = typed.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (code.length() != LENGTH || !code.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            return null;
        }
        return code;
    }

    public static String display(String canonical) {
        return canonical.substring(0, LENGTH / 2) + "-" + canonical.substring(LENGTH / 2);
    }
}
