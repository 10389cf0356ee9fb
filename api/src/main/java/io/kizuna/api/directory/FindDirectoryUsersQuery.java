package io.kizuna.api.directory;

/**
 * Provisioned members, opened; {@code memberId} narrows to one (null: the whole directory). An equality
 * filter on userName is resolved to a member id through the login lookup first, so it opens one entry.
 */
public record FindDirectoryUsersQuery(String memberId) {
}
