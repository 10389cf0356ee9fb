package io.kizuna.api.directory;

/** The ids of all provisioned members, without opening any entry (e.g. to check a group's members). */
public record FindDirectoryUserIdsQuery() {
}
