package io.kizuna.member;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.MemberRegistrationService;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.RegisterMemberCommand;
import java.util.Locale;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Registration: validates, hashes the password (Argon2id), seals personal data under a fresh member
 * key, appends {@code MemberRegistered} and issues the e-mail verification link, all in one transaction,
 * so a refused registration leaves neither an event nor an orphan key nor a mail.
 */
@Service
public class MemberRegistrations implements MemberRegistrationService {
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}$");

    private final CommandGateway commands;
    private final PasswordHasher hasher;
    private final PersonalDataCodec codec;
    private final MemberCredentialLookup credentials;
    private final EmailVerifications verifications;

    public MemberRegistrations(CommandGateway commands, PasswordHasher hasher, PersonalDataCodec codec,
                               MemberCredentialLookup credentials, EmailVerifications verifications) {
        this.commands = commands;
        this.hasher = hasher;
        this.codec = codec;
        this.credentials = credentials;
        this.verifications = verifications;
    }

    @Override
    @Transactional
    public MemberId register(Registration registration) {
        String email = registration.email() == null ? "" : registration.email().strip();
        if (email.length() > 320 || !EMAIL.matcher(email).matches()) {
            throw new LedgerRejection("invalid_email", "a valid e-mail address is required");
        }
        char[] password = registration.password() == null ? new char[0] : registration.password();
        PasswordRules.check(password);
        String name = registration.name() == null ? "" : registration.name().strip();
        if (name.isEmpty() || name.length() > 200) {
            throw new LedgerRejection("invalid_name", "a name of 1 to 200 characters is required");
        }
        if (credentials.isTaken(email)) {
            throw new LedgerRejection("login_taken", "this e-mail address is already registered");
        }
        String locale = "ja".equalsIgnoreCase(registration.locale()) ? "ja" : "en";
        MemberId memberId = MemberId.generate();
        PersonalData data = new PersonalData(email.toLowerCase(Locale.ROOT), false, name, locale);
        try {
            commands.sendAndWait(new RegisterMemberCommand(memberId, codec.seal(memberId, data),
                    hasher.hash(password), registration.registeredVia() == null ? "self" : registration.registeredVia()));
        } catch (DataIntegrityViolationException e) {
            throw new LedgerRejection("login_taken", "this e-mail address is already registered");
        } catch (RuntimeException e) {
            if (causedByDuplicate(e)) {
                throw new LedgerRejection("login_taken", "this e-mail address is already registered");
            }
            throw e;
        }
        verifications.send(memberId, data);
        return memberId;
    }

    private static boolean causedByDuplicate(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof DataIntegrityViolationException
                    || (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
