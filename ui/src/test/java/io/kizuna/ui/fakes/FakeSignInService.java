package io.kizuna.ui.fakes;

import io.kizuna.api.session.SignInService;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;

/** One member, one valid session, one throttled login; remembers every attempt. */
@Component
public class FakeSignInService implements SignInService {

    public static final String EMAIL = "hanako@example.jp";
    public static final String PASSWORD = "correct horse battery";
    public static final String THROTTLED_EMAIL = "busy@example.jp";
    public static final String SESSION = "s3ss10n-v4lue";
    public static final String MEMBER_ID = "7f1d5a2e-0000-4000-8000-000000000001";

    /** An attempt as it arrived; the password copied before the page wipes its array. */
    public record Recorded(String login, String password, String clientId, String sourceAddress, String userAgent) {
    }

    public final List<Recorded> attempts = new CopyOnWriteArrayList<>();

    public void reset() {
        attempts.clear();
    }

    @Override
    public SignInResult signIn(SignInAttempt attempt) {
        String password = new String(attempt.password());
        attempts.add(new Recorded(attempt.login(), password, attempt.clientId(), attempt.sourceAddress(),
                attempt.userAgent()));
        if (THROTTLED_EMAIL.equals(attempt.login())) {
            return new SignInResult(null, "throttled");
        }
        if (OTP_EMAIL.equals(attempt.login()) && PASSWORD.equals(password)) {
            return SignInResult.secondFactorRequired(PENDING);
        }
        if (EMAIL.equals(attempt.login()) && PASSWORD.equals(password)) {
            return new SignInResult(SESSION, null);
        }
        return new SignInResult(null, "invalid_credentials");
    }

    /** Pending token of the one member who needs a second factor; code 123456 completes it. */
    public static final String PENDING = "p3nd1ng";
    public static final String OTP_EMAIL = "otp@example.jp";

    @Override
    public SignInResult completeSecondFactor(String pendingToken, String code, String sourceAddress,
                                             String userAgent) {
        if (!PENDING.equals(pendingToken)) {
            return new SignInResult(null, "expired");
        }
        return "123456".equals(code) ? new SignInResult(SESSION, null) : new SignInResult(null, "invalid_code", PENDING);
    }

    /** Recovery code {@code aaaa-bbbb-cccc-dddd} completes the pending sign-in. */
    @Override
    public SignInResult completeWithRecoveryCode(String pendingToken, String recoveryCode, String sourceAddress,
                                                 String userAgent) {
        if (!PENDING.equals(pendingToken)) {
            return new SignInResult(null, "expired");
        }
        return "aaaa-bbbb-cccc-dddd".equals(recoveryCode) ? new SignInResult(SESSION, null)
                : new SignInResult(null, "invalid_code", PENDING);
    }

    @Override
    public SignInResult completeWithPasskey(String pendingToken, String json, String sourceAddress, String userAgent) {
        return PENDING.equals(pendingToken) ? new SignInResult(null, "invalid_passkey", PENDING)
                : new SignInResult(null, "expired");
    }

    @Override
    public SignInResult signInWithPasskey(String json, String clientId, String sourceAddress, String userAgent) {
        return new SignInResult(null, "invalid_passkey");
    }

    @Override
    public String passkeyRequestOptions(String pendingToken) {
        return "{\"challenge\":\"AAAA\",\"rpId\":\"localhost\",\"allowCredentials\":[]}";
    }

    @Override
    public SecondFactorChoices secondFactorChoices(String pendingToken) {
        return new SecondFactorChoices(PENDING.equals(pendingToken), false);
    }

    @Override
    public Optional<BrowserSession> findSession(String sessionCookieValue) {
        return SESSION.equals(sessionCookieValue)
                ? Optional.of(new BrowserSession("session-1", MEMBER_ID, Instant.parse("2026-01-01T00:00:00Z"), List.of("pwd")))
                : Optional.empty();
    }
}
