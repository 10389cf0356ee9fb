package io.kizuna.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.kizuna.api.member.EnrolTotpCommand;
import io.kizuna.api.member.MemberProfileUpdated;
import io.kizuna.api.member.UpdateProfileCommand;
import io.kizuna.api.member.PasskeyCloneSuspected;
import io.kizuna.api.member.PasskeyRegistered;
import io.kizuna.api.member.PasskeyRemoved;
import io.kizuna.api.member.RecordPasskeyCloneSuspectedCommand;
import io.kizuna.api.member.RecoveryCodeUsed;
import io.kizuna.api.member.RecoveryCodesRegenerated;
import io.kizuna.api.member.RegenerateRecoveryCodesCommand;
import io.kizuna.api.member.RegisterPasskeyCommand;
import io.kizuna.api.member.RemovePasskeyCommand;
import io.kizuna.api.member.UseRecoveryCodeCommand;
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
    /** Keyed hashes of the recovery codes not yet spent. */
    private final java.util.Set<String> recoveryCodes = new java.util.HashSet<>();
    /** Ids (base64url) of the registered WebAuthn credentials. */
    private final java.util.Set<String> passkeys = new java.util.HashSet<>();
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
                command.context(), clock.instant(), command.policy(), command.region()));
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

    /** A recovery code is spent once: the aggregate, not a lookup, decides (optimistic locking serialises races). */
    @CommandHandler
    public void handle(UseRecoveryCodeCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(command.codeHash() != null && recoveryCodes.contains(command.codeHash()), "invalid_code",
                "no such unspent recovery code");
        apply(new RecoveryCodeUsed(memberId, command.codeHash(), clock.instant()));
    }

    @CommandHandler
    public void handle(RegenerateRecoveryCodesCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(command.recoveryCodeHashes() != null && !command.recoveryCodeHashes().isEmpty(),
                "invalid_request", "recovery codes are required");
        apply(new RecoveryCodesRegenerated(memberId, List.copyOf(command.recoveryCodeHashes()), clock.instant()));
    }

    /** W3C WebAuthn §7.1: the registration response was verified before this command is sent. */
    @CommandHandler
    public void handle(RegisterPasskeyCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(command.credentialId() != null && command.credentialId().matches("[A-Za-z0-9_-]{16,1366}"),
                "invalid_request", "a credential id is base64url of 16 to 1023 bytes");
        Rules.require(command.attestedCredentialData() != null && !command.attestedCredentialData().isEmpty(),
                "invalid_request", "the attested credential data is required");
        Rules.require(command.signCount() >= 0, "invalid_request", "a signature counter is not negative");
        Rules.require(!passkeys.contains(command.credentialId()), "invalid_request",
                "this credential is registered already");
        apply(new PasskeyRegistered(memberId, command.credentialId(), command.attestedCredentialData(),
                command.signCount(), command.userVerified(), command.backupEligible(),
                command.transports() == null ? List.of() : List.copyOf(command.transports()), clock.instant()));
    }

    @CommandHandler
    public void handle(RemovePasskeyCommand command, Clock clock) {
        Rules.require(passkeys.contains(command.credentialId()), "invalid_request", "no such credential");
        apply(new PasskeyRemoved(memberId, command.credentialId(), clock.instant()));
    }

    @CommandHandler
    public void handle(RecordPasskeyCloneSuspectedCommand command, Clock clock) {
        Rules.require(passkeys.contains(command.credentialId()), "invalid_request", "no such credential");
        apply(new PasskeyCloneSuspected(memberId, command.credentialId(), command.storedSignCount(),
                command.presentedSignCount(), clock.instant()));
    }

    /** OIDC Core §5.1 claims edited in the account console; validated and sealed before. */
    @CommandHandler
    public void handle(UpdateProfileCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(command.personalData() != null && keyId != null && keyId.equals(command.personalData().keyId()),
                "invalid_request", "the profile must be sealed under the member's data key");
        apply(new MemberProfileUpdated(memberId, command.personalData(), command.emailChanged(), clock.instant()));
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

    /**
     * Admin console: removes every second factor (authenticator app with its recovery codes, passkeys);
     * refused when there is none, so the operator is told.
     */
    @CommandHandler
    public void handle(ResetSecondFactorCommand command, Clock clock) {
        Rules.require(forgottenAt == null, "member_forgotten", "this member was forgotten");
        Rules.require(command.by() != null && !command.by().isBlank(), "invalid_request",
                "the administrator is required");
        Rules.require(totpEnrolled || !passkeys.isEmpty(), "invalid_request",
                "this member has no authenticator to reset");
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
    void on(SecondFactorReset event) {
        this.totpEnrolled = false;
        recoveryCodes.clear();
        passkeys.clear();
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
    void on(TotpEnrolled event) {
        this.totpEnrolled = true;
        recoveryCodes.clear();
        recoveryCodes.addAll(event.recoveryCodeHashes());
    }

    @EventSourcingHandler
    void on(RecoveryCodesRegenerated event) {
        recoveryCodes.clear();
        recoveryCodes.addAll(event.recoveryCodeHashes());
    }

    @EventSourcingHandler
    void on(RecoveryCodeUsed event) {
        recoveryCodes.remove(event.codeHash());
    }

    @EventSourcingHandler
    void on(PasskeyRegistered event) {
        passkeys.add(event.credentialId());
    }

    @EventSourcingHandler
    void on(PasskeyRemoved event) {
        passkeys.remove(event.credentialId());
    }

    @EventSourcingHandler
    void on(MemberProfileUpdated event) {
        if (event.emailChanged()) {
            this.emailVerified = false;
        }
    }

    @EventSourcingHandler
    void on(MemberForgotten event) {
        this.forgottenAt = event.forgottenAt();
    }
}
