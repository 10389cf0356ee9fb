package io.kizuna.member;

import io.kizuna.crypto.MasterKey;
import io.kizuna.crypto.TokenHashes;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Keyed, pseudonymous lookup key of a login (e-mail), so that no table holds the e-mail in plaintext. */
@Component
public class LoginKeys {
    private final byte[] key;

    public LoginKeys(MasterKey masterKey) {
        this.key = masterKey.derive("kizuna/login-key/v1");
    }

    public String of(String login) {
        return TokenHashes.hmac(key, normalise(login));
    }

    public static String normalise(String login) {
        return login == null ? "" : login.strip().toLowerCase(Locale.ROOT);
    }
}
