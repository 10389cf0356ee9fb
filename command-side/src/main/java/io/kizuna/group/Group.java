package io.kizuna.group;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

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
import io.kizuna.ledger.Rules;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A directory group (SCIM 2.0 Group, RFC 7643 §4.2) kept in sync by an HR / directory system. It holds
 * member ids only; that they name provisioned members is checked before the command is sent. Its
 * {@code version} is SCIM's {@code meta.version}: every event bumps it, so it is rebuilt from the ledger.
 */
@Aggregate
public class Group {
    static final int MAX_DISPLAY_NAME = 256;
    static final int MAX_MEMBERS = 10_000;

    @AggregateIdentifier
    private GroupId groupId;
    private String displayName;
    private String externalId;
    private final Set<MemberId> members = new LinkedHashSet<>();
    private long version;
    private boolean deleted;

    protected Group() {
    }

    @CommandHandler
    public Group(CreateGroupCommand command, Clock clock) {
        validate(command.displayName(), command.externalId(), command.members());
        apply(new GroupCreated(command.groupId(), command.displayName().strip(), command.externalId(),
                List.copyOf(new LinkedHashSet<>(command.members())), command.createdBy(), clock.instant()));
    }

    /** Appends only the differences; an update that changes nothing appends nothing and keeps the version. */
    @CommandHandler
    public long handle(UpdateGroupCommand command, Clock clock) {
        Rules.require(!deleted, "group_deleted", "this group was deleted");
        Rules.require(command.expectedVersion() == version, "version_mismatch",
                "the group was changed since version " + command.expectedVersion());
        validate(command.displayName(), command.externalId(), command.members());
        Instant now = clock.instant();
        String name = command.displayName().strip();
        if (!name.equals(displayName) || !Objects.equals(command.externalId(), externalId)) {
            apply(new GroupRenamed(groupId, name, command.externalId(), command.updatedBy(), now));
        }
        Set<MemberId> wanted = new LinkedHashSet<>(command.members());
        List<MemberId> removed = new ArrayList<>(members);
        removed.removeAll(wanted);
        List<MemberId> added = new ArrayList<>(wanted);
        added.removeAll(members);
        if (!removed.isEmpty()) {
            apply(new GroupMembersRemoved(groupId, List.copyOf(removed), command.updatedBy(), now));
        }
        if (!added.isEmpty()) {
            apply(new GroupMembersAdded(groupId, List.copyOf(added), command.updatedBy(), now));
        }
        return version;
    }

    /** RFC 7644 §3.6; {@code expectedVersion} &lt; 0: no If-Match was sent. */
    @CommandHandler
    public void handle(DeleteGroupCommand command, Clock clock) {
        Rules.require(!deleted, "group_deleted", "this group was deleted");
        Rules.require(command.expectedVersion() < 0 || command.expectedVersion() == version, "version_mismatch",
                "the group was changed since version " + command.expectedVersion());
        apply(new GroupDeleted(groupId, command.deletedBy(), clock.instant()));
    }

    private static void validate(String displayName, String externalId, List<MemberId> members) {
        Rules.require(displayName != null && !displayName.isBlank() && displayName.length() <= MAX_DISPLAY_NAME,
                "invalid_value", "displayName of 1 to " + MAX_DISPLAY_NAME + " characters is required");
        Rules.require(externalId == null || (!externalId.isBlank() && externalId.length() <= 256),
                "invalid_value", "externalId must be 1 to 256 characters");
        Rules.require(members != null && members.size() <= MAX_MEMBERS && members.stream().allMatch(Objects::nonNull),
                "invalid_value", "at most " + MAX_MEMBERS + " members");
    }

    @EventSourcingHandler
    void on(GroupCreated event) {
        this.groupId = event.groupId();
        this.displayName = event.displayName();
        this.externalId = event.externalId();
        this.members.addAll(event.members());
        this.version = 1;
    }

    @EventSourcingHandler
    void on(GroupRenamed event) {
        this.version++;
        this.displayName = event.displayName();
        this.externalId = event.externalId();
    }

    @EventSourcingHandler
    void on(GroupMembersAdded event) {
        this.version++;
        this.members.addAll(event.members());
    }

    @EventSourcingHandler
    void on(GroupMembersRemoved event) {
        this.version++;
        event.members().forEach(this.members::remove);
    }

    @EventSourcingHandler
    void on(GroupDeleted event) {
        this.version++;
        this.deleted = true;
    }
}
