package io.kizuna.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.GrantRevoked;
import io.kizuna.server.support.Api;
import io.kizuna.server.support.CodeFlow;
import io.kizuna.server.support.KizunaIntegrationTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One-time credentials under simultaneous use (issue 3, Quality): of two requests released at the same
 * instant with one code or one refresh token, exactly one gets tokens.
 */
@KizunaIntegrationTest
class ConcurrencyIT {
    static final String REDIRECT = "https://race.example.jp/cb";
    static final String PASSWORD = "a long enough password";

    @Value("${kizuna.issuer}")
    String issuer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventStorageEngine storage;

    Api api;
    String[] client;
    CodeFlow.Result flow;

    @BeforeEach
    void setUp() throws Exception {
        api = new Api(issuer);
        client = api.registerWebClient(REDIRECT);
        String email = "race-" + UUID.randomUUID() + "@example.jp";
        api.registerMember(email, PASSWORD, "Race Tester");
        flow = CodeFlow.run(issuer, client[0], REDIRECT, email, PASSWORD, "openid offline_access");
    }

    Map<String, String> redemption() {
        return Map.of("grant_type", "authorization_code", "code", flow.code(), "redirect_uri", REDIRECT,
                "code_verifier", flow.verifier());
    }

    /** Sends every request on its own thread, all released by one latch, and collects the responses. */
    List<Api.Response> simultaneously(List<Map<String, String>> forms) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(forms.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Api.Response>> pending = new ArrayList<>();
            for (Map<String, String> form : forms) {
                Callable<Api.Response> call = () -> {
                    start.await();
                    return new Api(issuer).postForm("/oauth2/token", client[0], client[1], form);
                };
                pending.add(threads.submit(call));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> f : pending) {
                responses.add(f.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    static void assertExactlyOneSucceeded(List<Api.Response> responses) {
        assertThat(responses).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 400);
        Api.Response winner = responses.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        Api.Response loser = responses.stream().filter(r -> r.status() == 400).findFirst().orElseThrow();
        assertThat(winner.json().get("access_token").asText()).isNotBlank();
        assertThat(loser.json().get("error").asText()).isEqualTo("invalid_grant");
        assertThat(loser.json().has("access_token")).isFalse();
    }

    String grantId() {
        return jdbc.queryForObject("SELECT grant_id FROM token_lookup WHERE client_id = ? LIMIT 1", String.class,
                client[0]);
    }

    long count(String grantId, String eventType) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ? "
                + "AND payloadtype LIKE ?", Long.class, grantId, "%." + eventType);
    }

    @Test
    @DisplayName("RFC 6749 §4.1.2: two simultaneous redemptions of one code → exactly one 200 with tokens")
    void requestWhenCodeRedeemedTwiceSimultaneouslyThenExactlyOneSucceeds() throws Exception {
        assertExactlyOneSucceeded(simultaneously(List.of(redemption(), redemption())));
        String grant = grantId();
        assertThat(count(grant, "AuthorizationCodeRedeemed")).isEqualTo(1);
        assertThat(count(grant, "AccessTokenIssued")).as("tokens were minted once").isEqualTo(1);
        // the second use is a replay whichever request came second (RFC 9700 §4.5): the grant is revoked
        assertThat(count(grant, "GrantRevoked")).isEqualTo(1);
    }

    @Test
    @DisplayName("RFC 6749 §6 / RFC 9700 §4.14.2: two simultaneous refreshes with one refresh token → exactly one succeeds")
    void requestWhenRefreshTokenUsedTwiceSimultaneouslyThenExactlyOneSucceeds() throws Exception {
        Api.Response tokens = api.postForm("/oauth2/token", client[0], client[1], redemption());
        assertThat(tokens.status()).isEqualTo(200);
        Map<String, String> refresh = Map.of("grant_type", "refresh_token",
                "refresh_token", tokens.json().get("refresh_token").asText());

        assertExactlyOneSucceeded(simultaneously(List.of(refresh, refresh)));
        String grant = grantId();
        assertThat(count(grant, "RefreshTokenRotated")).isEqualTo(1);
        assertThat(count(grant, "RefreshTokenIssued")).as("one original, one rotated").isEqualTo(2);
    }

    @Test
    @DisplayName("across nodes: an append to an occupied (aggregate, sequence) slot is a ConcurrencyException, which LedgerCommands retries")
    void requestWhenAnotherNodeAppendedFirstThenConcurrencyException() throws Exception {
        assertThat(api.postForm("/oauth2/token", client[0], client[1], redemption()).status()).isEqualTo(200);
        String grant = grantId();
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, grant);
        // what a second node, which loaded the grant before our redemption, would append next
        GenericDomainEventMessage<GrantRevoked> late = new GenericDomainEventMessage<>("Grant", grant, 1,
                new GrantRevoked(new GrantId(grant), new ClientId(client[0]), null, "test", Instant.now()));

        assertThatThrownBy(() -> storage.appendEvents(late)).isInstanceOf(ConcurrencyException.class);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?",
                Long.class, grant)).isEqualTo(events);
    }
}
