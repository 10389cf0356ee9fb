package io.kizuna.server.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.Browser;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A member deletes their own account from the account console: the same "forget member" path as the
 * admin API (GDPR Art. 17 by crypto-shredding), requested via {@code account_console}.
 */
@KizunaIntegrationTest
class AccountDeletionIT {
    static final String PASSWORD = "deletion tester password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    @DisplayName("wrong password or no tick: 400 and nothing happens; confirmed: member.forgotten, signed out, "
            + "the login is gone")
    void requestWhenMemberDeletesAccountThenForgotten() throws Exception {
        String email = "deletion-" + UUID.randomUUID() + "@example.jp";
        String memberId = new Api(issuer).registerMember(email, PASSWORD, "Deletion Tester");
        Browser browser = new Browser(issuer);
        assertThat(browser.submit(browser.get("/signin").body(), "/signin",
                Map.of("email", email, "password", PASSWORD), null).statusCode()).isEqualTo(303);
        HttpResponse<String> confirm = browser.get("/account/delete");
        assertThat(confirm.statusCode()).isEqualTo(200);

        assertThat(browser.submit(confirm.body(), "/account/delete", Map.of("current", PASSWORD), null).statusCode())
                .as("not ticked").isEqualTo(400);
        assertThat(browser.submit(confirm.body(), "/account/delete", Map.of("current", "wrong password!",
                "confirm", "yes"), null).statusCode()).as("wrong password").isEqualTo(400);
        assertThat(forgotten(memberId)).isEmpty();

        HttpResponse<String> deleted = browser.submit(confirm.body(), "/account/delete",
                Map.of("current", PASSWORD, "confirm", "yes"), null);
        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(deleted.body()).contains("Your account is deleted");
        assertThat(forgotten(memberId)).singleElement().satisfies(e -> assertThat(e).contains("account_console")
                .doesNotContain(email));
        assertThat(browser.get("/account").statusCode()).as("signed out").isEqualTo(303);
        Browser again = new Browser(issuer);
        assertThat(again.submit(again.get("/signin").body(), "/signin", Map.of("email", email, "password", PASSWORD),
                null).statusCode()).isEqualTo(401);
    }

    private java.util.List<String> forgotten(String memberId) {
        return jdbc.queryForList("SELECT convert_from(payload, 'UTF8') FROM domainevententry "
                + "WHERE aggregateidentifier = ? AND payloadtype LIKE '%.MemberForgotten'", String.class, memberId);
    }
}
