package io.kizuna.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.member.EnrolTotpCommand;
import io.kizuna.api.member.ForgetMemberCommand;
import io.kizuna.api.member.LoginFailed;
import io.kizuna.api.member.LoginLocked;
import io.kizuna.api.member.RecordLoginLockedCommand;
import io.kizuna.api.member.MemberEmailVerified;
import io.kizuna.api.member.ChangePasswordCommand;
import io.kizuna.api.member.MemberPasswordChanged;
import io.kizuna.api.member.VerifyEmailCommand;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.TotpEnrolled;
import io.kizuna.ledger.Rules;
import io.kizuna.api.member.LoginSucceeded;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.MemberRegistered;
import io.kizuna.api.member.RecordLoginFailedCommand;
import io.kizuna.api.member.RecordLoginSucceededCommand;
import io.kizuna.api.member.RegisterMemberCommand;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A member of the shared ID. Login uniqueness is enforced by {@link MemberCredentialLookup}. A forgotten
 * member keeps their pseudonymous history but can no longer sign in.
 */
@Aggregate
public class Member {

    @AggregateIdentifier
    private MemberId memberId;
    private String keyId;
    private Instant forgottenAt;
    private boolean emailVerified;

    protected Member() {
    }

    @CommandHandler
    public Member(RegisterMemberCommand command, Clock clock) {
        Rules.require(command.passwordHash() != null && command.passwordHash().startsWith("$argon2id$"),
                "invalid_request", "password must be an Argon2id hash");
        Rules.require(command.personalData() != null, "invalid_request", "personal data is required");
        apply(new MemberRegistered(command.memberId(), command.personalData(), command.passwordHash(),
                command.registeredVia(), clock.instant()));
    }

    @CommandHandler
    public void handle(RecordLoginSucceededCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        List<String> amr = command.amr() == null ? List.of() : List.copyOf(command.amr());
        Rules.require(!amr.isEmpty(), "invalid_request", "amr must name at least one factor");
        apply(new LoginSucceeded(memberId, command.sessionId(), command.clientId(), amr, command.acr(),
                command.context(), clock.instant(), command.region()));
    }

    @CommandHandler
    public void handle(RecordLoginFailedCommand command, Clock clock) {
        apply(new LoginFailed(memberId, command.clientId(), command.reason(), command.context(), clock.instant(),
                command.region()));
    }

    @CommandHandler
    public void handle(RecordLoginLockedCommand command, Clock clock) {
        Rules.require(command.failures() > 0 && command.lockedUntil() != null, "invalid_request",
                "a lockout needs its failure count and its end");
        apply(new LoginLocked(memberId, command.failures(), command.lockedUntil(), command.context(), clock.instant()));
    }

    /** RFC 6238: the secret was proven with a valid code before this command is sent. */
    @CommandHandler
    public void handle(EnrolTotpCommand command, Clock clock) {
        Rules.require(command.sealedSecret() != null, "invalid_request", "the TOTP secret is required");
        Rules.require(command.recoveryCodeHashes() != null && !command.recoveryCodeHashes().isEmpty(),
                "invalid_request", "recovery codes are required");
        apply(new TotpEnrolled(memberId, command.sealedSecret(), List.copyOf(command.recoveryCodeHashes()),
                clock.instant()));
    }

    /** Idempotent: a second verification (an older link, a double click) appends nothing. */
    @CommandHandler
    public void handle(VerifyEmailCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        if (!emailVerified) {
            apply(new MemberEmailVerified(memberId, clock.instant()));
        }
    }

    /** The new password was checked against the rules and hashed before; the ledger keeps the hash only. */
    @CommandHandler
    public void handle(ChangePasswordCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(command.passwordHash() != null && command.passwordHash().startsWith("$argon2id$"),
                "invalid_request", "password must be an Argon2id hash");
        Rules.require("reset".equals(command.changedVia()) || "account".equals(command.changedVia()),
                "invalid_request", "a password is changed by reset or in the account console");
        apply(new MemberPasswordChanged(memberId, command.passwordHash(), command.changedVia(), clock.instant()));
    }

    /** Idempotent: forgetting a forgotten member appends nothing and answers the original instant. */
    @CommandHandler
    public Instant handle(ForgetMemberCommand command, Clock clock) {
        if (forgottenAt == null) {
            apply(new MemberForgotten(memberId, keyId, command.requestedVia(), clock.instant()));
        }
        return forgottenAt;
    }

    @EventSourcingHandler
    void on(MemberRegistered event) {
        this.memberId = event.memberId();
        this.keyId = event.personalData() == null ? null : event.personalData().keyId();
    }

    @EventSourcingHandler
    void on(MemberEmailVerified event) {
        this.emailVerified = true;
    }

    @EventSourcingHandler
    void on(MemberForgotten event) {
        this.forgottenAt = event.forgottenAt();
    }
}
