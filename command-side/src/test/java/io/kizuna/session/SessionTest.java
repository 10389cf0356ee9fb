package io.kizuna.session;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.EndSessionCommand;
import io.kizuna.api.session.SessionEnded;
import io.kizuna.api.session.SessionStarted;
import io.kizuna.api.session.StartSessionCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SessionTest {
    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final MemberId MEMBER = new MemberId("member-1");
    static final SessionStarted STARTED = new SessionStarted("s-1", MEMBER, "secret-hash", List.of("pwd"),
            "urn:kizuna:loa:2", "www-demo", NOW, NOW.plusSeconds(3600));

    AggregateTestFixture<Session> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Session.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void startsWithOnlyTheSecretsHash() {
        fixture.givenNoPriorActivity()
                .when(new StartSessionCommand("s-1", MEMBER, "secret-hash", List.of("pwd"), "urn:kizuna:loa:2",
                        "www-demo", NOW.plusSeconds(3600)))
                .expectEvents(STARTED);
    }

    @Test
    void refusesASessionThatHasAlreadyExpired() {
        fixture.givenNoPriorActivity()
                .when(new StartSessionCommand("s-1", MEMBER, "secret-hash", List.of("pwd"), null, null, NOW))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    void theOwnerEndsItOnce() {
        fixture.given(STARTED)
                .when(new EndSessionCommand("s-1", MEMBER, "signed_out"))
                .expectEvents(new SessionEnded("s-1", MEMBER, "signed_out", NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void endingTwiceRecordsNothing() {
        fixture.given(STARTED, new SessionEnded("s-1", MEMBER, "signed_out", NOW))
                .when(new EndSessionCommand("s-1", MEMBER, "signed_out"))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void anotherMemberCannotEndIt() {
        fixture.given(STARTED)
                .when(new EndSessionCommand("s-1", new MemberId("member-2"), "ended_from_account"))
                .expectNoEvents().expectResultMessagePayload(false);
    }
}
