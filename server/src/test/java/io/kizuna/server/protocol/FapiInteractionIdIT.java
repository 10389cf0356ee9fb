package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/**
 * FAPI 1.0 Part 1 (Baseline) §6.2.1 item 11 at the UserInfo endpoint: {@code x-fapi-interaction-id} in every
 * response, the client's UUID echoed (§6.2.2 item 5), a fresh UUID otherwise. The OpenID Foundation's
 * fapi1-advanced-final plan fails every resource call without it ({@code CheckForFAPIInteractionIdInResourceResponse},
 * {@code EnsureMatchingFAPIInteractionId}).
 */
@KizunaIntegrationTest
class FapiInteractionIdIT {
    static final String REDIRECT = "https://fapi-interaction.example.jp/cb";
    static final String HEADER = "x-fapi-interaction-id";

    @Value("${kizuna.issuer}")
    String issuer;

    Api api;
    String accessToken;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        String[] client = api.registerWebClient(REDIRECT);
        String email = "fapi-interaction-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, "a long enough password", "Interaction Tester");
        CodeFlow.Result flow = CodeFlow.run(issuer, client[0], REDIRECT, email, "a long enough password", "openid");
        Api.Response token = api.postForm("/oauth2/token", client[0], client[1], Map.of("grant_type",
                "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT, "code_verifier", flow.verifier()));
        assertThat(token.status()).as(token.raw().body()).isEqualTo(200);
        accessToken = token.json().get("access_token").asText();
    }

    Api.Response userinfo(String token, String interactionId) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(issuer + "/userinfo"))
                .header("Authorization", "Bearer " + token).GET();
        if (interactionId != null) {
            b.header(HEADER, interactionId);
        }
        return api.send(b.build());
    }

    @Test
    @DisplayName("FAPI 1.0 Baseline §6.2.1 item 11: the client's x-fapi-interaction-id UUID comes back unchanged")
    void userinfoWhenClientSendsUuidThenEchoed() throws Exception {
        String id = UUID.randomUUID().toString();
        Api.Response r = userinfo(accessToken, id);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header(HEADER)).isEqualTo(id);
        String upper = UUID.randomUUID().toString().toUpperCase();
        assertThat(userinfo(accessToken, upper).header(HEADER)).as("compared as a UUID, returned as sent").isEqualTo(upper);
    }

    @Test
    @DisplayName("FAPI 1.0 Baseline §6.2.1 item 11: without the header, the response carries a fresh RFC 4122 UUID")
    void userinfoWhenNoHeaderThenFreshUuid() throws Exception {
        String first = userinfo(accessToken, null).header(HEADER);
        String second = userinfo(accessToken, null).header(HEADER);
        assertThat(UUID.fromString(first).toString()).isEqualTo(first);
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    @DisplayName("FAPI 1.0 Baseline §6.2.1 item 11: a value that is not a UUID is not echoed; a UUID of our own instead")
    void userinfoWhenHeaderIsNotUuidThenNotEchoed() throws Exception {
        for (String bad : new String[] {"hello", "<script>alert(1)</script>", "1-1-1-1-1",
                UUID.randomUUID() + "x", "{" + UUID.randomUUID() + "}"}) {
            String answered = userinfo(accessToken, bad).header(HEADER);
            assertThat(answered).as(bad).isNotEqualTo(bad);
            assertThat(UUID.fromString(answered).toString()).as(bad).isEqualTo(answered);
        }
    }

    @Test
    @DisplayName("FAPI 1.0 Baseline §6.2.1 item 11, RFC 6750 §3.1: a 401 invalid_token response carries the header too")
    void userinfoWhenTokenInvalidThenErrorCarriesInteractionId() throws Exception {
        String id = UUID.randomUUID().toString();
        Api.Response r = userinfo("not-a-token", id);
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.header(HEADER)).isEqualTo(id);
    }
}
