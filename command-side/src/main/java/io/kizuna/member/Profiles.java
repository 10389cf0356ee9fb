package io.kizuna.member;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.FindMemberClaimsQuery;
import io.kizuna.api.member.MemberClaims;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalData;
import io.kizuna.api.member.ProfileService;
import io.kizuna.api.member.StandardClaims;
import io.kizuna.api.member.UpdateProfileCommand;
import io.kizuna.ledger.LedgerCommands;
import java.time.Clock;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;

/**
 * {@link ProfileService}: validates, seals the whole new profile under the member's data key and sends
 * {@link UpdateProfileCommand}. A changed address is checked against the logins in use, replaces the
 * login in {@link MemberCredentialLookup} in the command's transaction (the unique key catches a race),
 * and gets a verification link through {@link EmailVerifications}, the outbox of the embedded default.
 */
@Service
public class Profiles implements ProfileService {
    static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{2,63}$");
    /** E.164 with or without "+", or a national number: digits, spaces, dashes, parentheses. */
    static final Pattern PHONE = Pattern.compile("^\\+?[0-9][0-9 ()-]{5,30}$");

    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final PersonalDataCodec codec;
    private final MemberCredentialLookup credentials;
    private final EmailVerifications verifications;
    private final StandardClaimsRules standardClaims;
    private final Clock clock;

    public Profiles(LedgerCommands commands, QueryGateway queries, PersonalDataCodec codec,
                    MemberCredentialLookup credentials, EmailVerifications verifications,
                    StandardClaimsRules standardClaims, Clock clock) {
        this.standardClaims = standardClaims;
        this.clock = clock;
        this.commands = commands;
        this.queries = queries;
        this.codec = codec;
        this.credentials = credentials;
        this.verifications = verifications;
    }

    @Override
    public PersonalData current(MemberId memberId) {
        MemberClaims claims = queries.query(new FindMemberClaimsQuery(memberId),
                ResponseTypes.instanceOf(MemberClaims.class)).join();
        return claims == null ? null : claims.personalData();
    }

    @Override
    public boolean update(MemberId memberId, ProfileChange change) {
        PersonalData now = current(memberId);
        if (now == null) {
            throw new LedgerRejection("member_forgotten", "this member was forgotten");
        }
        String newName = change.name() == null ? "" : change.name().strip();
        if (newName.isEmpty() || newName.length() > 200) {
            throw new LedgerRejection("invalid_name", "a name of 1 to 200 characters is required");
        }
        String newEmail = change.email() == null ? "" : change.email().strip().toLowerCase(Locale.ROOT);
        if (newEmail.length() > 320 || !EMAIL.matcher(newEmail).matches()) {
            throw new LedgerRejection("invalid_email", "a valid e-mail address is required");
        }
        String newPhone = blankToNull(change.phoneNumber());
        if (newPhone != null && !PHONE.matcher(newPhone).matches()) {
            throw new LedgerRejection("invalid_phone", "a phone number of digits, spaces, dashes and parentheses");
        }
        String newAddress = blankToNull(change.address() == null ? null : change.address().replace("\r\n", "\n"));
        if (newAddress != null && newAddress.length() > 500) {
            throw new LedgerRejection("invalid_address", "an address of at most 500 characters");
        }
        String newLocale = change.locale() == null ? now.locale() : blankToNull(change.locale());
        StandardClaims newClaims = change.claims() == null ? now.standard() : standardClaims.check(change.claims(),
                newLocale);
        if (change.claims() == null && change.locale() != null) {
            standardClaims.check(now.standard(), newLocale);
        }
        // OIDC Core §5.1: phone_number_verified stays true only for the number that was verified
        newClaims = newClaims.withPhoneNumberVerified(Objects.equals(newPhone, now.phoneNumber())
                && now.standard().phoneNumberVerified());
        boolean emailChanged = !newEmail.equals(now.email());
        if (!emailChanged && newName.equals(now.name()) && Objects.equals(newPhone, now.phoneNumber())
                && Objects.equals(newAddress, now.address()) && Objects.equals(newLocale, now.locale())
                && newClaims.withUpdatedAt(null).equals(now.standard().withUpdatedAt(null))) {
            return false;
        }
        if (emailChanged && credentials.isTaken(newEmail)) {
            throw new LedgerRejection("email_taken", "this e-mail address is already registered");
        }
        // OIDC Core §5.1 updated_at: the time of this change, sealed with the rest
        PersonalData updated = new PersonalData(newEmail, !emailChanged && now.emailVerified(), newName, newLocale,
                newPhone, newAddress, newClaims.withUpdatedAt(clock.instant().getEpochSecond()));
        try {
            commands.send(new UpdateProfileCommand(memberId, codec.seal(memberId, updated), emailChanged));
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof DataIntegrityViolationException
                        || (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState()))) {
                    throw new LedgerRejection("email_taken", "this e-mail address is already registered");
                }
            }
            throw e;
        }
        if (emailChanged) {
            verifications.send(memberId, updated);
        }
        return emailChanged;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
