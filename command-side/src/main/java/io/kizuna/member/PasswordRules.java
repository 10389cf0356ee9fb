package io.kizuna.member;

import io.kizuna.api.LedgerRejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be, at registration, reset and change alike: 10–256 characters (NIST SP
 * 800-63B §5.1.1.2 asks for at least 8 and no composition rules) and not on a built-in list of the
 * commonest passwords.
 */
public final class PasswordRules {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 256;
    private static final Set<String> COMMON = load();

    private PasswordRules() {
    }

    /** Throws {@code weak_password} or {@code common_password}; never returns for a refused password. */
    public static void check(char[] password) {
        if (password == null || password.length < MIN_LENGTH || password.length > MAX_LENGTH) {
            throw new LedgerRejection("weak_password",
                    "the password must be " + MIN_LENGTH + " to " + MAX_LENGTH + " characters long");
        }
        if (COMMON.contains(new String(password).toLowerCase(Locale.ROOT))) {
            throw new LedgerRejection("common_password", "this password is among the most common ones");
        }
    }

    private static Set<String> load() {
        Set<String> common = new HashSet<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                PasswordRules.class.getResourceAsStream("common-passwords.txt"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    common.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(common);
    }
}
