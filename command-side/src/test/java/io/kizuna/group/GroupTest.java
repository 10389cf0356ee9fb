package io.kizuna.group;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.group.CreateGroupCommand;
import io.kizuna.api.group.DeleteGroupCommand;
import io.kizuna.api.group.GroupCreated;
import io.kizuna.api.group.GroupDeleted;
import io.kizuna.api.group.GroupId;
import io.kizuna.api.group.GroupMembersAdded;
import io.kizuna.api.group.GroupMembersRemoved;
import io.kizuna.api.group.GroupRenamed;
import io.kizuna.api.group.UpdateGroupCommand;
import io.kizuna.api.member.MemberId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Group aggregate behind SCIM Groups (RFC 7643 §4.2): it appends only what changed and checks versions. */
class GroupTest {
    static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");
    static final GroupId ID = new GroupId("group-1");
    static final MemberId A = new MemberId("member-a");
    static final MemberId B = new MemberId("member-b");
    static final MemberId C = new MemberId("member-c");

    AggregateTestFixture<Group> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Group.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static GroupCreated created() {
        return new GroupCreated(ID, "Engineering", "ext-1", List.of(A, B), "hr-sync", NOW);
    }

    @Test
    @DisplayName("create appends group.created with distinct members, display name stripped")
    void creates() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(ID, " Engineering ", "ext-1", List.of(A, B, A), "hr-sync"))
                .expectEvents(created());
    }

    @Test
    @DisplayName("create refuses a blank display name (RFC 7643 §4.2: displayName is required)")
    void refusesBlankName() {
        fixture.givenNoPriorActivity()
                .when(new CreateGroupCommand(ID, "  ", null, List.of(), "hr-sync"))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("update appends renamed, members removed and added — only the differences")
    void updatesDifferences() {
        fixture.given(created())
                .when(new UpdateGroupCommand(ID, "Platform", "ext-1", List.of(A, C), 1, "hr-sync"))
                .expectEvents(new GroupRenamed(ID, "Platform", "ext-1", "hr-sync", NOW),
                        new GroupMembersRemoved(ID, List.of(B), "hr-sync", NOW),
                        new GroupMembersAdded(ID, List.of(C), "hr-sync", NOW))
                .expectResultMessagePayload(4L);
    }

    @Test
    @DisplayName("an update that changes nothing appends nothing and keeps the version")
    void noOpUpdate() {
        fixture.given(created())
                .when(new UpdateGroupCommand(ID, "Engineering", "ext-1", List.of(B, A), 1, "hr-sync"))
                .expectNoEvents().expectResultMessagePayload(1L);
    }

    @Test
    @DisplayName("a stale version is refused (RFC 7644 §3.14 If-Match)")
    void staleVersion() {
        fixture.given(created(), new GroupMembersAdded(ID, List.of(C), "hr-sync", NOW))
                .when(new UpdateGroupCommand(ID, "Engineering", "ext-1", List.of(A), 1, "hr-sync"))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("delete appends group.deleted once; afterwards every command is refused")
    void deletes() {
        fixture.given(created())
                .when(new DeleteGroupCommand(ID, -1, "hr-sync"))
                .expectEvents(new GroupDeleted(ID, "hr-sync", NOW));
        fixture.given(created(), new GroupDeleted(ID, "hr-sync", NOW))
                .when(new UpdateGroupCommand(ID, "X", null, List.of(), 2, "hr-sync"))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(created(), new GroupDeleted(ID, "hr-sync", NOW))
                .when(new DeleteGroupCommand(ID, -1, "hr-sync"))
                .expectNoEvents().expectException(LedgerRejection.class);
    }
}
