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
import io.kizuna.api.member.MemberSuspended;
import io.kizuna.api.member.MemberUnsuspended;
import io.kizuna.api.member.ResetSecondFactorCommand;
import io.kizuna.api.member.SecondFactorReset;
import io.kizuna.api.member.SuspendMemberCommand;
import io.kizuna.api.member.UnsuspendMemberCommand;
import io.kizuna.ledger.Rules;
import io.kizuna.api.member.LoginSucceeded;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.MemberRegistered;
import io.kizuna.api.member.RecordLoginFailedCommand;
import io.kizuna.api.member.RecordLoginSucceededCommand;
import io.kizuna.api.member.RegisterMemberCommand;
import io.kizuna.api.member.MemberDeprovisioned;
import io.kizuna.api.member.MemberDirectoryEntryUpdated;
import io.kizuna.api.member.MemberProvisioned;
import io.kizuna.api.member.MemberReactivated;
import io.kizuna.api.member.ProvisionMemberCommand;
import io.kizuna.api.member.UpdateDirectoryEntryCommand;
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
    private boolean suspended;
    private boolean totpEnrolled;
    /** SCIM {@code meta.version} of a provisioned member's directory entry; 0 for self-registered members. */
    private long directoryVersion;
    private boolean active = true;

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

    /** SCIM 2.0 provisioning (RFC 7644 §3.3): uniqueness of userName and externalId is the lookups' job. */
    @CommandHandler
    public Member(ProvisionMemberCommand command, Clock clock) {
        Rules.require(command.passwordHash() == null || command.passwordHash().startsWith("$argon2id$"),
                "invalid_request", "password must be an Argon2id hash");
        Rules.require(command.personalData() != null && command.directoryEntry() != null, "invalid_request",
                "personal data and the directory entry are required");
        Rules.require(command.personalData().keyId().equals(command.directoryEntry().keyId()), "invalid_request",
                "personal data and the directory entry must be sealed under the member's key");
        Rules.require(command.provisionedBy() != null && !command.provisionedBy().isBlank(), "invalid_request",
                "the provisioning client is required");
        apply(new MemberProvisioned(command.memberId(), command.personalData(), command.directoryEntry(),
                command.passwordHash(), command.active(), command.provisionedBy(), clock.instant()));
    }

    /**
     * SCIM replace / modify (RFC 7644 §3.5.1, §3.5.2) as one decision: the new attributes, then a new password
     * if one came, then the change of {@code active}. Refused unless the client saw the current version
     * (RFC 7644 §3.14, If-Match).
     */
    @CommandHandler
    public long handle(UpdateDirectoryEntryCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(directoryVersion > 0, "not_provisioned", "this member is not managed by provisioning");
        Rules.require(command.expectedVersion() == directoryVersion, "version_mismatch",
                "the member was changed since version " + command.expectedVersion());
        Rules.require(command.personalData() != null && command.directoryEntry() != null
                && keyId.equals(command.personalData().keyId()) && keyId.equals(command.directoryEntry().keyId()),
                "invalid_request", "personal data and the directory entry must be sealed under the member's key");
        Rules.require(command.passwordHash() == null || command.passwordHash().startsWith("$argon2id$"),
                "invalid_request", "password must be an Argon2id hash");
        Instant now = clock.instant();
        apply(new MemberDirectoryEntryUpdated(memberId, command.personalData(), command.directoryEntry(),
                command.updatedBy(), now));
        if (command.passwordHash() != null) {
            apply(new MemberPasswordChanged(memberId, command.passwordHash(), "scim", now));
        }
        if (active && !command.active()) {
            apply(new MemberDeprovisioned(memberId, command.updatedBy(), now));
        } else if (!active && command.active()) {
            apply(new MemberReactivated(memberId, command.updatedBy(), now));
        }
        return directoryVersion;
    }

    @CommandHandler
    public void handle(RecordLoginSucceededCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(active, "member_deprovisioned", "this member was deprovisioned");
        List<String> amr = command.amr() == null ? List.of() : List.copyOf(command.amr());
        Rules.require(!amr.isEmpty(), "invalid_request", "amr must name at least one factor");
        apply(new LoginSucceeded(memberId, command.sessionId(), command.clientId(), amr, command.acr(),
                command.context(), clock.instant(), command.policy()));
    }

    @CommandHandler
    public void handle(RecordLoginFailedCommand command, Clock clock) {
        apply(new LoginFailed(memberId, command.clientId(), command.reason(), command.context(), clock.instant()));
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
        Rules.require(active, "member_deprovisioned", "this member was deprovisioned");
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

    /** Admin console: idempotent, a member already locked by an administrator gets no second event. */
    @CommandHandler
    public void handle(SuspendMemberCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(command.by() != null && !command.by().isBlank(), "invalid_request",
                "the administrator is required");
        if (!suspended) {
            apply(new MemberSuspended(memberId, command.by(), clock.instant()));
        }
    }

    /** Admin console: lifts an administrator's lock and any throttle pause; recorded every time it is asked. */
    @CommandHandler
    public void handle(UnsuspendMemberCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(command.by() != null && !command.by().isBlank(), "invalid_request",
                "the administrator is required");
        apply(new MemberUnsuspended(memberId, command.by(), clock.instant()));
    }

    /** Admin console: removes the authenticator; refused when there is none, so the operator is told. */
    @CommandHandler
    public void handle(ResetSecondFactorCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(command.by() != null && !command.by().isBlank(), "invalid_request",
                "the administrator is required");
        Rules.require(totpEnrolled, "invalid_request", "this member has no authenticator to reset");
        apply(new SecondFactorReset(memberId, command.by(), clock.instant()));
    }

    @EventSourcingHandler
    void on(MemberSuspended event) {
        this.suspended = true;
    }

    @EventSourcingHandler
    void on(MemberUnsuspended event) {
        this.suspended = false;
    }

    @EventSourcingHandler
    void on(TotpEnrolled event) {
        this.totpEnrolled = true;
    }

    @EventSourcingHandler
    void on(SecondFactorReset event) {
        this.totpEnrolled = false;
    }

    @EventSourcingHandler
    void on(MemberRegistered event) {
        this.memberId = event.memberId();
        this.keyId = event.personalData() == null ? null : event.personalData().keyId();
    }

    @EventSourcingHandler
    void on(MemberProvisioned event) {
        this.memberId = event.memberId();
        this.keyId = event.personalData().keyId();
        this.directoryVersion = 1;
        this.active = event.active();
    }

    /** Each event of one update bumps the version once: the update event does, the others ride along. */
    @EventSourcingHandler
    void on(MemberDirectoryEntryUpdated event) {
        this.directoryVersion++;
    }

    @EventSourcingHandler
    void on(MemberDeprovisioned event) {
        this.active = false;
    }

    @EventSourcingHandler
    void on(MemberReactivated event) {
        this.active = true;
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
