package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.sql.Timestamp;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The account console's "last used" of a connected app follows token issuance to the minute: written at most
 * once a minute per member and app, so concurrent refreshes of one member's grants do not queue on that row.
 */
@KizunaIntegrationTest
class ConnectedAppLastUsedIT {
    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("RFC 6749 §6: a refresh within the minute leaves last used as it was; one after it moves it to the refresh")
    void requestWhenRefreshedThenLastUsedToTheMinute() throws Exception {
        Api api = new Api(issuer);
        String email = LogoutSupport.newMember(api, "last-used");
        String[] client = LogoutSupport.registerClient(api, null, null, null);
        Browser browser = LogoutSupport.signedIn(issuer, email);
        JsonNode tokens = LogoutSupport.tokens(api, browser, client, "openid offline_access");
        String member = jdbc.queryForObject("SELECT member_id FROM connected_app WHERE client_id = ?", String.class,
                client[0]);
        Timestamp first = lastUsed(member, client[0]);
        assertThat(first).as("the code's tokens set last used").isNotNull();

        tokens = refresh(api, client, tokens.get("refresh_token").asText());
        assertThat(lastUsed(member, client[0])).as("within the minute: unchanged").isEqualTo(first);

        Timestamp longAgo = Timestamp.from(first.toInstant().minusSeconds(3600));
        jdbc.update("UPDATE connected_app SET last_used_at = ? WHERE member_id = ? AND client_id = ?", longAgo, member,
                client[0]);
        refresh(api, client, tokens.get("refresh_token").asText());
        assertThat(lastUsed(member, client[0])).as("older than a minute: moved to this issuance")
                .isAfterOrEqualTo(first);
    }

    private Timestamp lastUsed(String member, String clientId) {
        return jdbc.queryForObject("SELECT last_used_at FROM connected_app WHERE member_id = ? AND client_id = ?",
                Timestamp.class, member, clientId);
    }

    private static JsonNode refresh(Api api, String[] client, String refreshToken) throws Exception {
        Api.Response r = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type", "refresh_token",
                "refresh_token", refreshToken));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }
}
