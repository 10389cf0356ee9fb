package io.kizuna.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.AccessTokenIssued;
import io.kizuna.api.grant.BackchannelAuthenticationApproved;
import io.kizuna.api.grant.BackchannelAuthenticationDenied;
import io.kizuna.api.grant.BackchannelAuthenticationRedeemed;
import io.kizuna.api.grant.BackchannelAuthenticationRequested;
import io.kizuna.api.grant.DecideBackchannelAuthenticationCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.IssuedToken;
import io.kizuna.api.grant.RedeemBackchannelAuthenticationCommand;
import io.kizuna.api.grant.RequestBackchannelAuthenticationCommand;
import io.kizuna.api.member.MemberId;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The Grant's OpenID Connect CIBA Core 1.0 life: requested → decided → redeemed once. */
class GrantBackchannelTest {
    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final GrantId GRANT = new GrantId("grant-ciba");
    static final ClientId CLIENT = new ClientId("counter-app");
    static final MemberId MEMBER = new MemberId("member-1");
    static final String LOA3 = "urn:kizuna:loa:3";

    AggregateTestFixture<Grant> fixture;
    final AtomicReference<Map<String, Object>> idTokenClaims = new AtomicReference<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Grant.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new TokenMinter() {
            @Override
            public Minted accessToken(GrantId grantId, ClientId clientId, MemberId memberId, List<String> scopes,
                                      Instant authTime, String format) {
                return new Minted("access-value", new IssuedToken("minted-access", "jti-1", "jwt", "https://id.example",
                        NOW, NOW.plusSeconds(600)));
            }

            @Override
            public Minted refreshToken(ClientId clientId) {
                throw new AssertionError("no refresh token was asked for");
            }

            @Override
            public String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce,
                                  List<String> amr, String accessToken, IdTokenExtras extras) {
                idTokenClaims.set(extras.extraClaims() == null ? Map.of() : extras.extraClaims());
                return "id-token";
            }
        });
    }

    static BackchannelAuthenticationRequested requested(List<String> acrValues) {
        return new BackchannelAuthenticationRequested(GRANT, CLIENT, MEMBER, "auth-req-hash", List.of("openid"),
                acrValues, "poll", 5, NOW.minusSeconds(10), NOW.plusSeconds(290));
    }

    static BackchannelAuthenticationApproved approved() {
        return new BackchannelAuthenticationApproved(GRANT, CLIENT, MEMBER, List.of("pwd"), NOW.minusSeconds(60),
                NOW.minusSeconds(1));
    }

    @Test
    @DisplayName("CIBA §7.1: a request without openid is refused and nothing is recorded")
    void requestWithoutOpenidIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RequestBackchannelAuthenticationCommand(GRANT, CLIENT, MEMBER, "h", List.of("email"),
                        List.of(), "poll", 5, NOW.plusSeconds(300)))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("CIBA §7.3: an accepted request is recorded with the auth_req_id's hash only")
    void requestIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RequestBackchannelAuthenticationCommand(GRANT, CLIENT, MEMBER, "auth-req-hash",
                        List.of("openid"), List.of(), "poll", 5, NOW.plusSeconds(290)))
                .expectEvents(new BackchannelAuthenticationRequested(GRANT, CLIENT, MEMBER, "auth-req-hash",
                        List.of("openid"), List.of(), "poll", 5, NOW, NOW.plusSeconds(290)));
    }

    @Test
    @DisplayName("only the member the request names may decide")
    void anotherMemberCannotDecide() {
        fixture.given(requested(List.of()))
                .when(new DecideBackchannelAuthenticationCommand(GRANT, new MemberId("member-2"), true, List.of("pwd"),
                        NOW))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("acr_values LoA 3: a password-only approval is refused; an approval with a second factor is recorded")
    void loa3NeedsASecondFactor() {
        fixture.given(requested(List.of(LOA3)))
                .when(new DecideBackchannelAuthenticationCommand(GRANT, MEMBER, true, List.of("pwd"), NOW))
                .expectNoEvents().expectException(LedgerRejection.class);
        fixture.given(requested(List.of(LOA3)))
                .when(new DecideBackchannelAuthenticationCommand(GRANT, MEMBER, true, List.of("pwd", "otp", "mfa"), NOW))
                .expectEvents(new BackchannelAuthenticationApproved(GRANT, CLIENT, MEMBER, List.of("pwd", "otp", "mfa"),
                        NOW, NOW));
    }

    @Test
    @DisplayName("CIBA §1: the automated-approval channel records the member's own approved/denied events, named in metadata")
    void automatedChannelRecordsTheSameEvents() {
        var channel = org.axonframework.messaging.MetaData.with(
                DecideBackchannelAuthenticationCommand.DEVICE_CHANNEL_METADATA,
                DecideBackchannelAuthenticationCommand.AUTOMATED_APPROVAL);
        fixture.given(requested(List.of()))
                .when(new DecideBackchannelAuthenticationCommand(GRANT, MEMBER, true, List.of(), NOW,
                        DecideBackchannelAuthenticationCommand.AUTOMATED_APPROVAL))
                .expectEvents(org.axonframework.eventhandling.GenericEventMessage.asEventMessage(
                        new BackchannelAuthenticationApproved(GRANT, CLIENT, MEMBER, List.of(), NOW, NOW))
                        .withMetaData(channel));
        fixture.given(requested(List.of()))
                .when(new DecideBackchannelAuthenticationCommand(GRANT, MEMBER, false, List.of(), NOW,
                        DecideBackchannelAuthenticationCommand.AUTOMATED_APPROVAL))
                .expectEvents(org.axonframework.eventhandling.GenericEventMessage.asEventMessage(
                        new BackchannelAuthenticationDenied(GRANT, CLIENT, MEMBER, NOW)).withMetaData(channel));
        fixture.given(requested(List.of()))
                .when(new DecideBackchannelAuthenticationCommand(GRANT, MEMBER, true, List.of("pwd"), NOW))
                .expectEvents(org.axonframework.eventhandling.GenericEventMessage.asEventMessage(
                        new BackchannelAuthenticationApproved(GRANT, CLIENT, MEMBER, List.of("pwd"), NOW, NOW)));
    }

    @Test
    @DisplayName("a request is decided once")
    void decidedOnce() {
        fixture.given(requested(List.of()), new BackchannelAuthenticationDenied(GRANT, CLIENT, MEMBER, NOW))
                .when(new DecideBackchannelAuthenticationCommand(GRANT, MEMBER, true, List.of("pwd"), NOW))
                .expectNoEvents().expectException(LedgerRejection.class);
    }

    @Test
    @DisplayName("CIBA §11: authorization_pending before the decision, access_denied after a denial")
    void pendingThenDenied() {
        fixture.given(requested(List.of()))
                .when(redeem()).expectNoEvents()
                .expectResultMessagePayloadMatching(refused("authorization_pending"));
        fixture.given(requested(List.of()), new BackchannelAuthenticationDenied(GRANT, CLIENT, MEMBER, NOW))
                .when(redeem()).expectNoEvents()
                .expectResultMessagePayloadMatching(refused("access_denied"));
    }

    @Test
    @DisplayName("CIBA §10.1.1: tokens once, the ID token carrying urn:openid:params:jwt:claim:auth_req_id")
    void redeemedOnceWithAuthReqIdClaim() {
        fixture.given(requested(List.of()), approved())
                .when(redeem())
                .expectEvents(new BackchannelAuthenticationRedeemed(GRANT, CLIENT, "auth-req-hash", NOW),
                        new AccessTokenIssued(GRANT, CLIENT, MEMBER, Grant.CIBA, "jwt", "minted-access", "jti-1",
                                List.of("openid"), "https://id.example", NOW, NOW.plusSeconds(600)));
        assertThat(idTokenClaims.get()).containsEntry(Grant.AUTH_REQ_ID_CLAIM, "the-auth-req-id");
        fixture.given(requested(List.of()), approved(),
                        new BackchannelAuthenticationRedeemed(GRANT, CLIENT, "auth-req-hash", NOW))
                .when(redeem()).expectNoEvents()
                .expectResultMessagePayloadMatching(refused("invalid_grant"));
    }

    @Test
    @DisplayName("CIBA §11: expired_token after the lifetime; another client's redemption is invalid_grant")
    void expiredAndForeign() {
        fixture.given(new BackchannelAuthenticationRequested(GRANT, CLIENT, MEMBER, "auth-req-hash",
                        List.of("openid"), List.of(), "poll", 5, NOW.minusSeconds(300), NOW), approved())
                .when(redeem()).expectNoEvents()
                .expectResultMessagePayloadMatching(refused("expired_token"));
        fixture.given(requested(List.of()), approved())
                .when(new RedeemBackchannelAuthenticationCommand(GRANT, new ClientId("other"), "auth-req-hash",
                        "the-auth-req-id", false, "jwt"))
                .expectNoEvents().expectResultMessagePayloadMatching(refused("invalid_grant"));
    }

    static RedeemBackchannelAuthenticationCommand redeem() {
        return new RedeemBackchannelAuthenticationCommand(GRANT, CLIENT, "auth-req-hash", "the-auth-req-id", false,
                "jwt");
    }

    static org.hamcrest.Matcher<Object> refused(String error) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof TokenSet t && !t.accepted() && error.equals(t.outcome().error());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("refused with " + error);
            }
        };
    }
}
