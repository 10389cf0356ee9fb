package io.kizuna.session;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.RecordLoginFailedCommand;
import io.kizuna.api.member.RecordLoginLockedCommand;
import io.kizuna.api.member.RecordLoginSucceededCommand;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.api.session.SignInService;
import io.kizuna.config.KizunaProperties;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.member.MemberCredentialLookup;
import io.kizuna.member.PasswordHasher;
import io.kizuna.member.SecondFactors;
import io.kizuna.member.TotpCodes;
import io.kizuna.policy.AuthenticationPolicy;
import io.kizuna.policy.SourceRegions;
import io.kizuna.member.PersonalDataCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Password sign-in (LoA 2). Every outcome for a known member is a ledger event; an unknown login is
 * answered exactly like a wrong password, after the same Argon2id work, so neither the answer nor its
 * timing tells whether an address is registered.
 */
@Service
public class PasswordSignIn implements SignInService {

    private final MemberCredentialLookup credentials;
    private final PasswordHasher hasher;
    private final BrowserSessions sessions;
    private final LedgerCommands commands;
    private final PersonalDataCodec codec;
    private final SignInThrottle throttle;
    private final KizunaProperties properties;
    private final String decoy;
    private final AuthenticationPolicy policy;
    private final SecondFactors secondFactors;
    private final PendingSignIns pending;
    private final TotpCodes codes;
    private final io.kizuna.member.Passkeys passkeys;
    private final io.kizuna.member.TotpEnrolments totpEnrolments;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final KnownDevices devices;
    private SourceRegions regions = SourceRegions.NONE;

    public PasswordSignIn(MemberCredentialLookup credentials, PasswordHasher hasher, BrowserSessions sessions,
                          LedgerCommands commands, PersonalDataCodec codec, SignInThrottle throttle,
                          KizunaProperties properties,
                          org.springframework.transaction.PlatformTransactionManager transactionManager,
                          AuthenticationPolicy policy, SecondFactors secondFactors, PendingSignIns pending,
                          TotpCodes codes, KnownDevices devices, io.kizuna.member.Passkeys passkeys,
                          io.kizuna.member.TotpEnrolments totpEnrolments) {
        this.devices = devices;
        this.passkeys = passkeys;
        this.totpEnrolments = totpEnrolments;
        this.policy = policy;
        this.secondFactors = secondFactors;
        this.pending = pending;
        this.codes = codes;
        this.credentials = credentials;
        this.hasher = hasher;
        this.sessions = sessions;
        this.commands = commands;
        this.codec = codec;
        this.throttle = throttle;
        this.properties = properties;
        this.decoy = hasher.decoy();
        this.transactions = new org.springframework.transaction.support.TransactionTemplate(transactionManager);
    }

    /** Optional: without a region table, sign-in events carry no region. */
    @org.springframework.beans.factory.annotation.Autowired(required = false)
    void setRegions(SourceRegions regions) {
        this.regions = regions;
    }

    @Override
    public SignInResult signIn(SignInAttempt attempt) {
        if (attempt.login() == null || attempt.login().length() > 320 || attempt.password() == null
                || attempt.password().length > 256) {
            return new SignInResult(null, "invalid_credentials");
        }
        if (!throttle.allowed(attempt.login(), attempt.sourceAddress())) {
            return new SignInResult(null, "throttled");
        }
        Optional<MemberCredentialLookup.Credential> credential = credentials.find(attempt.login());
        if (credential.isEmpty()) {
            hasher.verify(attempt.password(), decoy);
            throttle.failed(attempt.login(), attempt.sourceAddress());
            return new SignInResult(null, "invalid_credentials");
        }
        MemberId memberId = new MemberId(credential.get().memberId());
        SealedPersonalData context = codec.seal(memberId, context(attempt));
        if (credential.get().passwordHash() == null) { // provisioned, no password set yet
            hasher.verify(attempt.password(), decoy);
            throttle.failed(attempt.login(), attempt.sourceAddress());
            return new SignInResult(null, "invalid_credentials");
        }
        if (!hasher.verify(attempt.password(), credential.get().passwordHash())) {
            Optional<java.time.Instant> lockedUntil = throttle.failed(attempt.login(), attempt.sourceAddress());
            commands.send(new RecordLoginFailedCommand(memberId, attempt.clientId(), "bad_password", context,
                    regions.of(attempt.sourceAddress())));
            lockedUntil.ifPresent(until -> commands.send(new RecordLoginLockedCommand(memberId,
                    SignInThrottle.PER_LOGIN, until, context)));
            return new SignInResult(null, "invalid_credentials");
        }
        int recentFailures = throttle.failures(attempt.login());
        throttle.succeeded(attempt.login());
        if (!credential.get().active()) { // SCIM active=false: the same answer as a wrong password
            commands.send(new RecordLoginFailedCommand(memberId, attempt.clientId(), "member_deprovisioned", context));
            return new SignInResult(null, "invalid_credentials");
        }
        if (credentials.isSuspended(memberId.value())) {
            // told only to someone who knows the password, so it reveals nothing to a guesser
            commands.send(new RecordLoginFailedCommand(memberId, attempt.clientId(), "suspended", context));
            return new SignInResult(null, "suspended");
        }
        String device = KnownDevices.hash(attempt.deviceId());
        AuthenticationPolicy.Decision decision = policy.decide(new AuthenticationPolicy.Context(
                attempt.sourceAddress(), attempt.requiredAcr(), attempt.clientId(),
                devices.known(memberId.value(), device), recentFailures));
        String outcome = decision.reason();
        if (decision.otpRequired()) {
            if (secondFactors.enrolled(memberId) || passkeys.hasPasskey(memberId.value())) {
                return SignInResult.secondFactorRequired(pending.create(memberId.value(), attempt.clientId(), device,
                        outcome));
            }
            if (decision.strict()) {
                commands.send(new RecordLoginFailedCommand(memberId, attempt.clientId(), "second_factor_not_enrolled",
                        context, regions.of(attempt.sourceAddress())));
                return new SignInResult(null, "second_factor_not_enrolled");
            }
            // a risk signal never locks out a member who has no second factor to give: it is recorded instead
            outcome = outcome + "_no_second_factor";
        }
        return openSession(memberId, attempt.clientId(), List.of("pwd"), AuthenticationPolicy.LOA2, context, device,
                outcome, regions.of(attempt.sourceAddress()));
    }

    /** RFC 6238 second step: a valid, unused code from the enrolled authenticator completes the sign-in. */
    @Override
    public SignInResult completeSecondFactor(String pendingToken, String code, String sourceAddress,
                                             String userAgent) {
        java.util.Optional<PendingSignIns.Pending> waiting = pending.attempt(pendingToken);
        if (waiting.isEmpty()) {
            return new SignInResult(null, "expired");
        }
        MemberId memberId = new MemberId(waiting.get().memberId());
        SealedPersonalData context = codec.seal(memberId, context(new SignInAttempt(null, null,
                waiting.get().clientId(), sourceAddress, userAgent)));
        java.util.OptionalLong step = secondFactors.secret(memberId).map(secret -> codes.matchingStep(secret, code))
                .orElse(java.util.OptionalLong.empty());
        if (step.isEmpty() || !secondFactors.consumeStep(memberId, step.getAsLong())) {
            commands.send(new RecordLoginFailedCommand(memberId, waiting.get().clientId(), "invalid_code", context,
                    regions.of(sourceAddress)));
            return new SignInResult(null, "invalid_code", pendingToken);
        }
        pending.complete(pendingToken);
        if (credentials.isSuspended(memberId.value())) {
            commands.send(new RecordLoginFailedCommand(memberId, waiting.get().clientId(), "suspended", context));
            return new SignInResult(null, "suspended");
        }
        return openSession(memberId, waiting.get().clientId(), List.of("pwd", "otp"), AuthenticationPolicy.LOA3,
                context, waiting.get().deviceHash(), waiting.get().policyReason(),
                regions.of(sourceAddress));
    }

    /**
     * A recovery code instead of the TOTP code. Recovery codes are look-up secrets, one-time passwords in
     * RFC 8176's terms ({@code otp}); the member aggregate spends each once.
     */
    @Override
    public SignInResult completeWithRecoveryCode(String pendingToken, String recoveryCode, String sourceAddress,
                                                 String userAgent) {
        Optional<PendingSignIns.Pending> waiting = pending.attempt(pendingToken);
        if (waiting.isEmpty()) {
            return new SignInResult(null, "expired");
        }
        MemberId memberId = new MemberId(waiting.get().memberId());
        SealedPersonalData context = codec.seal(memberId, context(new SignInAttempt(null, null,
                waiting.get().clientId(), sourceAddress, userAgent)));
        String hash = totpEnrolments.recoveryCodeHash(recoveryCode);
        boolean spent = false;
        if (hash != null && secondFactors.hasRecoveryCode(memberId, hash)) {
            try {
                commands.send(new io.kizuna.api.member.UseRecoveryCodeCommand(memberId, hash));
                spent = true;
            } catch (io.kizuna.api.LedgerRejection e) {
                spent = false; // spent by a concurrent sign-in a moment ago
            }
        }
        if (!spent) {
            commands.send(new RecordLoginFailedCommand(memberId, waiting.get().clientId(), "invalid_recovery_code",
                    context));
            return new SignInResult(null, "invalid_code", pendingToken);
        }
        pending.complete(pendingToken);
        return openSession(memberId, waiting.get().clientId(), List.of("pwd", "otp"), AuthenticationPolicy.LOA3,
                context, waiting.get().deviceHash(), waiting.get().policyReason(),
                regions.of(sourceAddress));
    }

    /** W3C WebAuthn §7.2 as the second factor: password + key (RFC 8176 {@code hwk}/{@code swk}), LoA 3. */
    @Override
    public SignInResult completeWithPasskey(String pendingToken, String responseJson, String sourceAddress,
                                            String userAgent) {
        Optional<PendingSignIns.Pending> waiting = pending.attempt(pendingToken);
        if (waiting.isEmpty()) {
            return new SignInResult(null, "expired");
        }
        MemberId memberId = new MemberId(waiting.get().memberId());
        SealedPersonalData context = codec.seal(memberId, context(new SignInAttempt(null, null,
                waiting.get().clientId(), sourceAddress, userAgent)));
        io.kizuna.member.Passkeys.Assertion assertion = passkeys.verify(responseJson, memberId.value());
        if (assertion.status() != io.kizuna.member.Passkeys.Assertion.Status.VERIFIED) {
            commands.send(new RecordLoginFailedCommand(memberId, waiting.get().clientId(),
                    assertion.status() == io.kizuna.member.Passkeys.Assertion.Status.CLONE_SUSPECTED
                            ? "passkey_clone_suspected" : "invalid_passkey", context));
            return new SignInResult(null, "invalid_passkey", pendingToken);
        }
        pending.complete(pendingToken);
        return openSession(memberId, waiting.get().clientId(), List.of("pwd", assertion.amr()),
                AuthenticationPolicy.LOA3, context, waiting.get().deviceHash(), waiting.get().policyReason(),
                regions.of(sourceAddress));
    }

    /**
     * Passwordless: a discoverable credential with user verification is two factors in one (the key,
     * and the PIN or biometric that unlocked it), so RFC 8176 {@code hwk}/{@code swk} + {@code mfa}, LoA 3,
     * which satisfies any policy.
     */
    @Override
    public SignInResult signInWithPasskey(String responseJson, String clientId, String sourceAddress,
                                          String userAgent) {
        io.kizuna.member.Passkeys.Assertion assertion = passkeys.verify(responseJson, null);
        if (assertion.memberId() == null) {
            return new SignInResult(null, "invalid_passkey");
        }
        MemberId memberId = new MemberId(assertion.memberId());
        SealedPersonalData context = codec.seal(memberId, context(new SignInAttempt(null, null, clientId,
                sourceAddress, userAgent)));
        if (assertion.status() != io.kizuna.member.Passkeys.Assertion.Status.VERIFIED) {
            commands.send(new RecordLoginFailedCommand(memberId, clientId,
                    assertion.status() == io.kizuna.member.Passkeys.Assertion.Status.CLONE_SUSPECTED
                            ? "passkey_clone_suspected" : "invalid_passkey", context));
            return new SignInResult(null, "invalid_passkey");
        }
        // no policy decision to record: a verified passkey reaches LoA 3, the most any rule asks for
        return openSession(memberId, clientId, List.of(assertion.amr(), "mfa"), AuthenticationPolicy.LOA3, context,
                null, "passkey", regions.of(sourceAddress));
    }

    @Override
    public String passkeyRequestOptions(String pendingToken) {
        if (pendingToken == null) {
            return passkeys.requestOptions(null);
        }
        Optional<PendingSignIns.Pending> waiting = pending.peek(pendingToken);
        if (waiting.isEmpty() || !passkeys.hasPasskey(waiting.get().memberId())) {
            return null;
        }
        return passkeys.requestOptions(waiting.get().memberId());
    }

    @Override
    public SecondFactorChoices secondFactorChoices(String pendingToken) {
        return pending.peek(pendingToken)
                .map(p -> new SecondFactorChoices(secondFactors.enrolled(new MemberId(p.memberId())),
                        passkeys.hasPasskey(p.memberId())))
                .orElse(new SecondFactorChoices(false, false));
    }

    private SignInResult openSession(MemberId memberId, String clientId, List<String> amr, String acr,
                                     SealedPersonalData context, String device, String policyOutcome,
                                     String region) {
        // the session, the known device and the login event commit together, or none does
        BrowserSessions.Opened session = transactions.execute(tx -> {
            BrowserSessions.Opened opened = sessions.open(memberId, amr, acr, clientId, properties.tokens().session());
            devices.remember(memberId.value(), device);
            commands.send(new RecordLoginSucceededCommand(memberId, opened.sessionId(), clientId, amr, acr, context,
                    policyOutcome, region));
            return opened;
        });
        return new SignInResult(session.cookieValue(), null);
    }

    @Override
    public Optional<BrowserSession> findSession(String sessionCookieValue) {
        return sessions.find(sessionCookieValue);
    }

    private static Map<String, String> context(SignInAttempt attempt) {
        Map<String, String> context = new LinkedHashMap<>();
        context.put("source_address", attempt.sourceAddress());
        context.put("user_agent", attempt.userAgent() == null ? null
                : attempt.userAgent().substring(0, Math.min(300, attempt.userAgent().length())));
        return context;
    }
}
