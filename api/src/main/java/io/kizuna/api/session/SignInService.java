package io.kizuna.api.session;

import java.util.Optional;

/**
 * Password sign-in for the login page. The page never sees a password hash or a member record: it
 * hands over what the browser sent and gets back either a session (cookie value) or a refusal code.
 */
public interface SignInService {
    /** The authentication context class of a sign-in with a second factor or a passkey (LoA 3, ITU-T X.1254). */
    String LOA3 = "urn:kizuna:loa:3";


    /** Name of the cookie holding the browser session secret. */
    String SESSION_COOKIE = "KIZUNA_SESSION";

    /**
     * Name of the long-lived cookie that tells a browser apart from others (a random value; only its hash is
     * stored), for the authentication policy's "new device" risk signal.
     */
    String DEVICE_COOKIE = "KIZUNA_DEVICE";

    SignInResult signIn(SignInAttempt attempt);

    /**
     * Second step of a sign-in that the authentication policy decided needs a one-time code: the
     * pending token from the first step and the code from the member's authenticator.
     */
    SignInResult completeSecondFactor(String pendingToken, String code, String sourceAddress, String userAgent);

    /**
     * Second step with a recovery code instead of the TOTP code: a code is spent once
     * ({@code member.recovery_code.used}) and refused afterwards.
     */
    SignInResult completeWithRecoveryCode(String pendingToken, String recoveryCode, String sourceAddress,
                                          String userAgent);

    /**
     * Second step with a WebAuthn assertion (W3C WebAuthn §7.2) from one of the member's registered
     * credentials; amr {@code pwd} + {@code hwk}/{@code swk} (RFC 8176), LoA 3.
     */
    SignInResult completeWithPasskey(String pendingToken, String authenticationResponseJson, String sourceAddress,
                                     String userAgent);

    /**
     * Passwordless sign-in with a discoverable credential and user verification: the user handle names
     * the member; amr {@code hwk}/{@code swk} + {@code mfa} (RFC 8176), LoA 3.
     */
    SignInResult signInWithPasskey(String authenticationResponseJson, String clientId, String sourceAddress,
                                   String userAgent);

    /**
     * Request options ({@code PublicKeyCredentialRequestOptionsJSON}) with a fresh one-time challenge: for
     * the pending sign-in's member (its credentials allowed) or, with a null token, for a discoverable
     * credential of anyone. Null when the pending sign-in is unknown or has no passkey.
     */
    String passkeyRequestOptions(String pendingToken);

    /** Which second factors the member of a pending sign-in can use (without counting an attempt). */
    SecondFactorChoices secondFactorChoices(String pendingToken);

    record SecondFactorChoices(boolean totp, boolean passkey) {
    }

    /** The signed-in member's session for a cookie value, if the session is still valid. */
    Optional<BrowserSession> findSession(String sessionCookieValue);

    /**
     * @param clientId    the client the sign-in was started for, or null for the account console
     * @param requiredAcr the level of assurance the client asked for ({@code acr_values}), or null
     * @param deviceId    the browser's long-lived device cookie ({@link #DEVICE_COOKIE}), or null
     */
    record SignInAttempt(String login, char[] password, String clientId, String sourceAddress, String userAgent,
                         String requiredAcr, String deviceId) {
        public SignInAttempt(String login, char[] password, String clientId, String sourceAddress, String userAgent) {
            this(login, password, clientId, sourceAddress, userAgent, null, null);
        }

        public SignInAttempt(String login, char[] password, String clientId, String sourceAddress, String userAgent,
                             String requiredAcr) {
            this(login, password, clientId, sourceAddress, userAgent, requiredAcr, null);
        }
    }

    /**
     * @param sessionCookieValue the secret to set as the session cookie (only its hash is stored)
     * @param error a stable code for the page ({@code invalid_credentials}, {@code throttled},
     *              {@code second_factor_not_enrolled}, {@code invalid_code}, {@code expired}) or null
     * @param pendingSecondFactor set when the password was right but the policy wants a one-time code
     */
    record SignInResult(String sessionCookieValue, String error, String pendingSecondFactor) {
        public SignInResult(String sessionCookieValue, String error) {
            this(sessionCookieValue, error, null);
        }

        public static SignInResult secondFactorRequired(String pendingToken) {
            return new SignInResult(null, null, pendingToken);
        }

        public boolean succeeded() {
            return error == null && pendingSecondFactor == null;
        }

        public boolean needsSecondFactor() {
            return pendingSecondFactor != null;
        }
    }

    record BrowserSession(String sessionId, String memberId, java.time.Instant authTime, java.util.List<String> amr) {
    }
}
