package io.kizuna.api.directory;

/** Directory groups; {@code groupId} narrows to one, {@code memberId} to the groups of one member. */
public record FindDirectoryGroupsQuery(String groupId, String memberId) {
}
