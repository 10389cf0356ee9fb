package io.kizuna.member;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.ChangePasswordCommand;
import io.kizuna.api.member.MemberDeprovisioned;
import io.kizuna.api.member.MemberDirectoryEntryUpdated;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.MemberPasswordChanged;
import io.kizuna.api.member.MemberProvisioned;
import io.kizuna.api.member.MemberReactivated;
import io.kizuna.api.member.MemberRegistered;
import io.kizuna.api.member.ProvisionMemberCommand;
import io.kizuna.api.member.RecordLoginSucceededCommand;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.api.member.UpdateDirectoryEntryCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** SCIM provisioning on the Member aggregate (RFC 7644 §3.3, §3.5, §3.14). */
class MemberProvisioningTest {
    static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    static final MemberId ID = new MemberId("member-1");
    static final SealedPersonalData DATA = new SealedPersonalData("key-1", "ZGF0YQ");
    static final SealedPersonalData ENTRY = new SealedPersonalData("key-1", "ZW50cnk");
    static final SealedPersonalData ENTRY2 = new SealedPersonalData("key-1", "ZW50cnky");
    static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

    AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static MemberProvisioned provisioned() {
        return new MemberProvisioned(ID, DATA, ENTRY, null, true, "hr-sync", NOW);
    }

    @Test
    @DisplayName("provisioning appends member.provisioned, a password is optional")
    void provisions() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionMemberCommand(ID, DATA, ENTRY, null, true, "hr-sync"))
                .expectEvents(provisioned());
    }

    @Test
    @DisplayName("provisioning refuses a plaintext password and data sealed under different keys")
    void refusesBadInput() {
        fixture.givenNoPriorActivity()
                .when(new ProvisionMemberCommand(ID, DATA, ENTRY, "plaintext", true, "hr-sync"))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.givenNoPriorActivity()
                .when(new ProvisionMemberCommand(ID, DATA, new SealedPersonalData("other-key", "eA"), null, true,
                        "hr-sync"))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("an update with active=false and a password appends updated, password changed and deprovisioned")
    void updateDeprovisions() {
        fixture.given(provisioned())
                .when(new UpdateDirectoryEntryCommand(ID, DATA, ENTRY2, HASH, false, 1, "hr-sync"))
                .expectEvents(new MemberDirectoryEntryUpdated(ID, DATA, ENTRY2, "hr-sync", NOW),
                        new MemberPasswordChanged(ID, HASH, "scim", NOW),
                        new MemberDeprovisioned(ID, "hr-sync", NOW))
                .expectResultMessagePayload(2L);
    }

    @Test
    @DisplayName("a deprovisioned member cannot sign in or change the password; active=true reactivates")
    void deprovisionedIsLockedOut() {
        MemberDeprovisioned off = new MemberDeprovisioned(ID, "hr-sync", NOW);
        MemberDirectoryEntryUpdated updated = new MemberDirectoryEntryUpdated(ID, DATA, ENTRY, "hr-sync", NOW);
        fixture.given(provisioned(), updated, off)
                .when(new RecordLoginSucceededCommand(ID, "s-1", "www", List.of("pwd"), "loa2", DATA))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(provisioned(), updated, off)
                .when(new ChangePasswordCommand(ID, HASH, "reset"))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(provisioned(), updated, off)
                .when(new UpdateDirectoryEntryCommand(ID, DATA, ENTRY, null, true, 2, "hr-sync"))
                .expectEvents(new MemberDirectoryEntryUpdated(ID, DATA, ENTRY, "hr-sync", NOW),
                        new MemberReactivated(ID, "hr-sync", NOW));
    }

    @Test
    @DisplayName("a stale version is refused (RFC 7644 §3.14); self-registered and forgotten members are not SCIM's")
    void refusals() {
        fixture.given(provisioned(), new MemberDirectoryEntryUpdated(ID, DATA, ENTRY2, "hr-sync", NOW))
                .when(new UpdateDirectoryEntryCommand(ID, DATA, ENTRY, null, true, 1, "hr-sync"))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(new MemberRegistered(ID, DATA, HASH, "self", NOW))
                .when(new UpdateDirectoryEntryCommand(ID, DATA, ENTRY, null, true, 0, "hr-sync"))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(provisioned(), new MemberForgotten(ID, "key-1", "scim:hr-sync", NOW))
                .when(new UpdateDirectoryEntryCommand(ID, DATA, ENTRY, null, true, 1, "hr-sync"))
                .expectNoEvents().expectException(LedgerRejection.class);
    }
}
