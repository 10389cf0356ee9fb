package io.kizuna.api.group;

/** Everything that happens to a directory group. */
public sealed interface GroupEvent permits GroupCreated, GroupRenamed, GroupMembersAdded, GroupMembersRemoved,
        GroupDeleted {
    GroupId groupId();
}
