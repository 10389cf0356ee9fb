package io.kizuna.session;

import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.RecordLoginFailedCommand;
import io.kizuna.api.member.RecordLoginSucceededCommand;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.api.session.SignInService;
import io.kizuna.config.KizunaProperties;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.member.MemberCredentialLookup;
import io.kizuna.member.PasswordHasher;
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
    static final String LOA2 = "urn:kizuna:loa:2";

    private final MemberCredentialLookup credentials;
    private final PasswordHasher hasher;
    private final BrowserSessions sessions;
    private final LedgerCommands commands;
    private final PersonalDataCodec codec;
    private final SignInThrottle throttle;
    private final KizunaProperties properties;
    private final String decoy;
    private final org.springframework.transaction.support.TransactionTemplate transactions;

    public PasswordSignIn(MemberCredentialLookup credentials, PasswordHasher hasher, BrowserSessions sessions,
                          LedgerCommands commands, PersonalDataCodec codec, SignInThrottle throttle,
                          KizunaProperties properties,
                          org.springframework.transaction.PlatformTransactionManager transactionManager) {
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
            throttle.failed(attempt.login(), attempt.sourceAddress());
            commands.send(new RecordLoginFailedCommand(memberId, attempt.clientId(), "bad_password", context));
            return new SignInResult(null, "invalid_credentials");
        }
        throttle.succeeded(attempt.login());
        List<String> amr = List.of("pwd");
        // the session and the login event commit together, or neither does
        BrowserSessions.Opened session = transactions.execute(tx -> {
            BrowserSessions.Opened opened = sessions.open(memberId, amr, LOA2, attempt.clientId(),
                    properties.tokens().session());
            commands.send(new RecordLoginSucceededCommand(memberId, opened.sessionId(), attempt.clientId(), amr, LOA2,
                    context));
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
