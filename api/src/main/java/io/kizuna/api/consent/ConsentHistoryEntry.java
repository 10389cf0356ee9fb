package io.kizuna.api.consent;

import java.time.Instant;
import java.util.List;

/**
 * One line of a consent's history.
 *
 * @param kind   {@code granted}, {@code extended} (more scopes approved), {@code renewed} (approved again, nothing
 *               added), {@code used} (tokens issued on
 *               that UTC day), {@code revoked} (the member withdrew it), {@code access_ended} (the platform
 *               ended a grant: see {@code detail})
 * @param at     when; for {@code used} the start of the UTC day
 * @param scopes the scopes approved or withdrawn (empty for the other kinds)
 * @param detail the reason of {@code access_ended} ({@code session_ended}, {@code refresh_token_reuse}, …), else null
 * @param count  for {@code used}, the tokens issued that day; otherwise 1
 */
public record ConsentHistoryEntry(String kind, Instant at, List<String> scopes, String detail, int count) {
}
