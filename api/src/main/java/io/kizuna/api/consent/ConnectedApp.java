package io.kizuna.api.consent;

import java.time.Instant;
import java.util.List;

/**
 * One app a member authorised: what it may access ({@code scopes}), since when, when the member last
 * approved more, and when it last obtained a token for the member ({@code lastUsedAt}, may be null).
 */
public record ConnectedApp(String clientId,
                           String clientName,
                           String siteUri,
                           List<String> scopes,
                           Instant firstGrantedAt,
                           Instant lastGrantedAt,
                           Instant lastUsedAt) {
}
