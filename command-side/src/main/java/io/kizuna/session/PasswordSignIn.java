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
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private SourceRegions regions = SourceRegions.NONE;

    public PasswordSignIn(MemberCredentialLookup credentials, PasswordHasher hasher, BrowserSessions sessions,
                          LedgerCommands commands, PersonalDataCodec codec, SignInThrottle throttle,
                          KizunaProperties properties,
                          org.springframework.transaction.PlatformTransactionManager transactionManager,
                          AuthenticationPolicy policy, SecondFactors secondFactors, PendingSignIns pending,
                          TotpCodes codes) {
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
        if (!hasher.verify(attempt.password(), credential.get().passwordHash())) {
            Optional<java.time.Instant> lockedUntil = throttle.failed(attempt.login(), attempt.sourceAddress());
            commands.send(new RecordLoginFailedCommand(memberId, attempt.clientId(), "bad_password", context,
                    regions.of(attempt.sourceAddress())));
            lockedUntil.ifPresent(until -> commands.send(new RecordLoginLockedCommand(memberId,
                    SignInThrottle.PER_LOGIN, until, context)));
            return new SignInResult(null, "invalid_credentials");
        }
        throttle.succeeded(attempt.login());
        AuthenticationPolicy.Decision decision = policy.decide(attempt.sourceAddress(), attempt.requiredAcr());
        if (decision.otpRequired()) {
            if (!secondFactors.enrolled(memberId)) {
                commands.send(new RecordLoginFailedCommand(memberId, attempt.clientId(), "second_factor_not_enrolled",
                        context, regions.of(attempt.sourceAddress())));
                return new SignInResult(null, "second_factor_not_enrolled");
            }
            return SignInResult.secondFactorRequired(pending.create(memberId.value(), attempt.clientId()));
        }
        return openSession(memberId, attempt.clientId(), List.of("pwd"), AuthenticationPolicy.LOA2, context,
                regions.of(attempt.sourceAddress()));
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
        return openSession(memberId, waiting.get().clientId(), List.of("pwd", "otp"), AuthenticationPolicy.LOA3,
                context, regions.of(sourceAddress));
    }

    private SignInResult openSession(MemberId memberId, String clientId, List<String> amr, String acr,
                                     SealedPersonalData context, String region) {
        // the session and the login event commit together, or neither does
        BrowserSessions.Opened session = transactions.execute(tx -> {
            BrowserSessions.Opened opened = sessions.open(memberId, amr, acr, clientId, properties.tokens().session());
            commands.send(new RecordLoginSucceededCommand(memberId, opened.sessionId(), clientId, amr, acr, context,
                    region));
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
