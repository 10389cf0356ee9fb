package io.kizuna.consent;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.consent.ConsentGranted;
import io.kizuna.api.consent.ConsentRevoked;
import io.kizuna.api.consent.GrantConsentCommand;
import io.kizuna.api.consent.RevokeConsentCommand;
import io.kizuna.api.member.MemberId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsentTest {
    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final MemberId MEMBER = new MemberId("member-1");
    static final ClientId CLIENT = new ClientId("www-demo");
    static final String ID = GrantConsentCommand.consentIdOf(MEMBER, CLIENT);

    AggregateTestFixture<Consent> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Consent.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void firstConsentCreatesTheAggregate() {
        fixture.givenNoPriorActivity()
                .when(new GrantConsentCommand(ID, MEMBER, CLIENT, List.of("profile", "openid")))
                .expectEvents(new ConsentGranted(ID, MEMBER, CLIENT, List.of("openid", "profile"),
                        List.of("openid", "profile"), NOW));
    }

    @Test
    void laterConsentWidensTheRememberedScopes() {
        fixture.given(new ConsentGranted(ID, MEMBER, CLIENT, List.of("openid"), List.of("openid"), NOW))
                .when(new GrantConsentCommand(ID, MEMBER, CLIENT, List.of("email")))
                .expectEvents(new ConsentGranted(ID, MEMBER, CLIENT, List.of("email"), List.of("email", "openid"), NOW));
    }

    @Test
    void revokingWithdrawsEveryRememberedScope() {
        fixture.given(new ConsentGranted(ID, MEMBER, CLIENT, List.of("openid"), List.of("email", "openid"), NOW))
                .when(new RevokeConsentCommand(ID, MEMBER, CLIENT))
                .expectEvents(new ConsentRevoked(ID, MEMBER, CLIENT, List.of("email", "openid"), NOW))
                .expectResultMessagePayload(true);
    }

    @Test
    void revokingTwiceRecordsNothingTheSecondTime() {
        fixture.given(new ConsentGranted(ID, MEMBER, CLIENT, List.of("openid"), List.of("openid"), NOW),
                        new ConsentRevoked(ID, MEMBER, CLIENT, List.of("openid"), NOW))
                .when(new RevokeConsentCommand(ID, MEMBER, CLIENT))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void consentAfterRevocationStartsFromNothing() {
        fixture.given(new ConsentGranted(ID, MEMBER, CLIENT, List.of("email"), List.of("email"), NOW),
                        new ConsentRevoked(ID, MEMBER, CLIENT, List.of("email"), NOW))
                .when(new GrantConsentCommand(ID, MEMBER, CLIENT, List.of("openid")))
                .expectEvents(new ConsentGranted(ID, MEMBER, CLIENT, List.of("openid"), List.of("openid"), NOW));
    }

    @Test
    void refusesAnIdThatDoesNotMatchMemberAndClient() {
        fixture.givenNoPriorActivity()
                .when(new GrantConsentCommand("someone-else/www-demo", MEMBER, CLIENT, List.of("openid")))
                .expectNoEvents().expectException(LedgerRejection.class);
    }
}
