package io.kizuna.grant;

import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.AccessTokenIssued;
import io.kizuna.api.grant.AccessTokenRevoked;
import io.kizuna.api.grant.AuthorizationCodeIssued;
import io.kizuna.api.grant.AuthorizationCodeRedeemed;
import io.kizuna.api.grant.AuthorizationCodeReplayDetected;
import io.kizuna.api.grant.DecideDeviceAuthorizationCommand;
import io.kizuna.api.grant.DeviceAuthorizationApproved;
import io.kizuna.api.grant.DeviceAuthorizationDenied;
import io.kizuna.api.grant.DeviceAuthorizationIssued;
import io.kizuna.api.grant.DeviceCodeRedeemed;
import io.kizuna.api.grant.ExchangeTokenCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.GrantRevoked;
import io.kizuna.api.grant.RevokeGrantCommand;
import io.kizuna.api.grant.IssueAuthorizationCodeCommand;
import io.kizuna.api.grant.IssueClientCredentialsTokenCommand;
import io.kizuna.api.grant.IssueJwtBearerTokenCommand;
import io.kizuna.api.grant.IssuedToken;
import io.kizuna.api.grant.RedeemAuthorizationCodeCommand;
import io.kizuna.api.grant.RedeemDeviceCodeCommand;
import io.kizuna.api.grant.RequestDeviceAuthorizationCommand;
import io.kizuna.api.grant.RefreshTokenIssued;
import io.kizuna.api.grant.RefreshTokenReuseDetected;
import io.kizuna.api.grant.RefreshTokenRotated;
import io.kizuna.api.grant.RevokeAccessTokenCommand;
import io.kizuna.api.grant.RotateRefreshTokenCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.LedgerRejection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Given events → when command → expect events, for one grant's life. */
class GrantTest {
    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final GrantId GRANT = new GrantId("grant-1");
    static final ClientId CLIENT = new ClientId("www-demo");
    static final MemberId MEMBER = new MemberId("member-1");
    static final String VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
    static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"; // RFC 7636 Appendix B

    AggregateTestFixture<Grant> fixture;
    FakeMinter minter;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Grant.class);
        minter = new FakeMinter();
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(minter);
    }

    static AuthorizationCodeIssued codeIssued() {
        return new AuthorizationCodeIssued(GRANT, CLIENT, MEMBER, "session-1", "code-hash",
                "https://www.example.jp/cb", List.of("openid", "profile"), CHALLENGE, "S256", "nonce-1",
                List.of("pwd"), NOW.minusSeconds(30), NOW.minusSeconds(5), NOW.plusSeconds(55));
    }

    static AccessTokenIssued accessIssued(String hash, String grantType) {
        return new AccessTokenIssued(GRANT, CLIENT, MEMBER, grantType, "jwt", hash, "jti-" + hash,
                List.of("openid", "profile"), "https://id.example", NOW, NOW.plusSeconds(600));
    }

    static RefreshTokenIssued refreshIssued(String hash) {
        return new RefreshTokenIssued(GRANT, CLIENT, MEMBER, hash, List.of("openid", "profile"), NOW,
                NOW.plusSeconds(3600));
    }

    @Nested
    @DisplayName("IssueAuthorizationCode (RFC 6749 §4.1.2)")
    class IssueAuthorizationCode {
        @Test
        void issuesACodeBoundToItsChallenge() {
            fixture.givenNoPriorActivity()
                    .when(new IssueAuthorizationCodeCommand(GRANT, CLIENT, MEMBER, "session-1", "code-hash",
                            "https://www.example.jp/cb", List.of("openid", "profile"), CHALLENGE, "S256", "nonce-1",
                            List.of("pwd"), NOW.minusSeconds(30), NOW.plusSeconds(55)))
                    .expectEvents(new AuthorizationCodeIssued(GRANT, CLIENT, MEMBER, "session-1", "code-hash",
                            "https://www.example.jp/cb", List.of("openid", "profile"), CHALLENGE, "S256", "nonce-1",
                            List.of("pwd"), NOW.minusSeconds(30), NOW, NOW.plusSeconds(55)));
        }

        @Test
        @DisplayName("RFC 7636 §4.2: a plain challenge is refused and nothing is recorded")
        void refusesPlainPkce() {
            fixture.givenNoPriorActivity()
                    .when(new IssueAuthorizationCodeCommand(GRANT, CLIENT, MEMBER, "session-1", "code-hash", null,
                            List.of("openid"), VERIFIER, "plain", null, List.of("pwd"), NOW, NOW.plusSeconds(55)))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }
    }

    @Nested
    @DisplayName("Tokens from the authorization endpoint (OIDC Core §3.2, §3.3)")
    class FrontChannelTokens {
        io.kizuna.api.grant.IssueImplicitTokenCommand command(String type, boolean access, boolean id, String code) {
            return new io.kizuna.api.grant.IssueImplicitTokenCommand(GRANT, CLIENT, MEMBER, List.of("openid", "profile"),
                    NOW.minusSeconds(30), "jwt", type, access, id, "nonce-1", List.of("pwd"), code, "state-1",
                    List.of("name"), "session-2");
        }

        @Test
        @DisplayName("OIDC Core §3.3.2.11: code id_token token joins the code's grant; the ID token carries c_hash, at_hash, s_hash; both recorded")
        void requestWhenHybridThenTokensJoinTheCodeGrant() {
            fixture.given(codeIssued())
                    .when(command("code id_token token", true, true, "the-code"))
                    .expectEvents(accessIssued("minted-access", "implicit"),
                            new io.kizuna.api.grant.IdTokenIssued(GRANT, CLIENT, MEMBER, "code id_token token",
                                    io.kizuna.crypto.TokenHashes.sha256(
                                            "id-token-for-access-value+c_hash:the-code+s_hash:state-1+claims:[name]"),
                                    NOW, "session-1"))
                    .expectResultMessagePayloadMatching(new org.hamcrest.TypeSafeMatcher<Object>() {
                        @Override
                        protected boolean matchesSafely(Object item) {
                            return item instanceof TokenSet t && t.accepted() && t.refreshToken() == null
                                    && "access-value".equals(t.accessToken())
                                    && "id-token-for-access-value+c_hash:the-code+s_hash:state-1+claims:[name]"
                                    .equals(t.idToken());
                        }

                        @Override
                        public void describeTo(org.hamcrest.Description description) {
                            description.appendText("access and ID token, no refresh token");
                        }
                    });
        }

        @Test
        @DisplayName("OIDC Core §3.2.2.5: response_type id_token starts a grant with the ID token alone, no access token")
        void requestWhenIdTokenOnlyThenOnlyIdTokenRecorded() {
            fixture.givenNoPriorActivity()
                    .when(command("id_token", false, true, null))
                    .expectEvents(new io.kizuna.api.grant.IdTokenIssued(GRANT, CLIENT, MEMBER, "id_token",
                            io.kizuna.crypto.TokenHashes.sha256("id-token-for-null+s_hash:state-1+claims:[name]"), NOW,
                            "session-2"));
        }

        @Test
        @DisplayName("Back-Channel Logout §2.1: an implicit ID token names the request's session as sid; a hybrid one the code's")
        void idTokenFromTheAuthorizationEndpointNamesItsSession() {
            fixture.givenNoPriorActivity()
                    .when(command("id_token", false, true, null))
                    .expectSuccessfulHandlerExecution();
            fixture.given(codeIssued())
                    .when(command("code id_token", false, true, "the-code"))
                    .expectSuccessfulHandlerExecution();
            assertThat(minter.sids).containsExactly("session-2", "session-1");
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2: tokens cannot join a grant whose code was already redeemed")
        void requestWhenCodeRedeemedThenRefused() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW))
                    .when(command("code token", true, false, "the-code"))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2 / RFC 9700 §4.5: a replayed code of a hybrid grant revokes its front-channel token too")
        void requestWhenHybridCodeReplayedThenGrantRevoked() {
            fixture.given(codeIssued(), accessIssued("front-access", "implicit"),
                            new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW))
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb",
                            VERIFIER, false, "jwt"))
                    .expectEvents(new AuthorizationCodeReplayDetected(GRANT, CLIENT, "code-hash", NOW),
                            new GrantRevoked(GRANT, CLIENT, MEMBER, "code_replay", NOW));
        }
    }

    @Nested
    @DisplayName("Per-client PKCE (RFC 9700 §2.1.1)")
    class PerClientPkce {
        AuthorizationCodeIssued withoutChallenge() {
            return withoutChallenge(NOW.minusSeconds(5));
        }

        AuthorizationCodeIssued withoutChallenge(Instant issuedAt) {
            return new AuthorizationCodeIssued(GRANT, CLIENT, MEMBER, "session-1", "code-hash",
                    "https://www.example.jp/cb", List.of("openid"), null, null, "nonce-1", List.of("pwd"),
                    NOW.minusSeconds(30), issuedAt, NOW.plusSeconds(55));
        }

        @Test
        @DisplayName("RFC 9700 §2.1.1: a client that requires PKCE gets no code without an S256 challenge")
        void requestWhenPkceRequiredAndNoChallengeThenRefused() {
            fixture.givenNoPriorActivity()
                    .when(new IssueAuthorizationCodeCommand(GRANT, CLIENT, MEMBER, "session-1", "code-hash", null,
                            List.of("openid"), null, null, "nonce-1", List.of("pwd"), NOW, NOW.plusSeconds(55), true))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }

        @Test
        @DisplayName("RFC 9700 §2.1.1: a confidential client that opted out gets a code without a challenge, recorded as such")
        void requestWhenPkceNotRequiredThenCodeWithoutChallenge() {
            fixture.givenNoPriorActivity()
                    .when(new IssueAuthorizationCodeCommand(GRANT, CLIENT, MEMBER, "session-1", "code-hash",
                            "https://www.example.jp/cb", List.of("openid"), null, null, "nonce-1", List.of("pwd"),
                            NOW.minusSeconds(30), NOW.plusSeconds(55), false))
                    .expectEvents(withoutChallenge(NOW));
        }

        @Test
        @DisplayName("RFC 7636 §4.2: even when PKCE is optional, a plain challenge is refused")
        void requestWhenPkceOptionalAndPlainThenRefused() {
            fixture.givenNoPriorActivity()
                    .when(new IssueAuthorizationCodeCommand(GRANT, CLIENT, MEMBER, "session-1", "code-hash", null,
                            List.of("openid"), VERIFIER, "plain", null, List.of("pwd"), NOW, NOW.plusSeconds(55), false))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }

        @Test
        @DisplayName("RFC 9700 §2.1.1: a code_verifier for a code issued without challenge is invalid_grant (downgrade)")
        void requestWhenVerifierForCodeWithoutChallengeThenInvalidGrant() {
            fixture.given(withoutChallenge())
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb",
                            VERIFIER, false, "jwt"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 6749 §4.1.3: a code issued without challenge is redeemed without a verifier")
        void requestWhenNoVerifierForCodeWithoutChallengeThenTokens() {
            fixture.given(withoutChallenge())
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb",
                            null, false, "jwt"))
                    .expectEvents(new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            new AccessTokenIssued(GRANT, CLIENT, MEMBER, "authorization_code", "jwt", "minted-access",
                                    "jti-minted-access", List.of("openid"), "https://id.example", NOW,
                                    NOW.plusSeconds(600)));
        }
    }

    @Nested
    @DisplayName("RedeemAuthorizationCode (RFC 6749 §4.1.3, RFC 7636 §4.6)")
    class RedeemAuthorizationCode {
        @Test
        void redeemsOnceAndIssuesAccessAndRefreshTokens() {
            fixture.given(codeIssued())
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb",
                            VERIFIER, true, "jwt"))
                    .expectEvents(new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("minted-access", "authorization_code"), refreshIssued("minted-refresh"))
                    .expectResultMessagePayloadMatching(accepted("access-value", "refresh-value", "id-token-for-access-value"));
        }

        @Test
        @DisplayName("Back-Channel Logout §2.1: the ID token carries the session the code was issued in as sid")
        void idTokenNamesTheSessionOfTheCode() {
            fixture.given(codeIssued())
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb",
                            VERIFIER, true, "jwt"))
                    .expectSuccessfulHandlerExecution();
            assertThat(minter.sids).containsExactly("session-1");
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2 / RFC 9700 §4.5: a replayed code revokes the grant")
        void replayRevokesTheGrant() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"))
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb",
                            VERIFIER, true, "jwt"))
                    .expectEvents(new AuthorizationCodeReplayDetected(GRANT, CLIENT, "code-hash", NOW),
                            new GrantRevoked(GRANT, CLIENT, MEMBER, "code_replay", NOW))
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 7636 §4.6: a wrong verifier is refused and nothing is recorded")
        void wrongVerifierIsRefused() {
            fixture.given(codeIssued())
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb",
                            VERIFIER.replace('d', 'e'), true, "jwt"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 6749 §4.1.3: redirect_uri must be identical to the authorization request's")
        void differentRedirectUriIsRefused() {
            fixture.given(codeIssued())
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb2",
                            VERIFIER, true, "jwt"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 6749 §4.1.3: a code issued to another client is refused")
        void otherClientIsRefused() {
            fixture.given(codeIssued())
                    .when(new RedeemAuthorizationCodeCommand(GRANT, new ClientId("shop-demo"), "code-hash",
                            "https://www.example.jp/cb", VERIFIER, true, "jwt"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 6749 §4.1.2: an expired code is refused")
        void expiredCodeIsRefused() {
            AuthorizationCodeIssued expired = new AuthorizationCodeIssued(GRANT, CLIENT, MEMBER, "s", "code-hash",
                    null, List.of("openid"), CHALLENGE, "S256", null, List.of("pwd"), NOW.minusSeconds(120),
                    NOW.minusSeconds(120), NOW.minusSeconds(60));
            fixture.given(expired)
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", null, VERIFIER, true, "jwt"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }
    }

    @Nested
    @DisplayName("RotateRefreshToken (RFC 6749 §6, RFC 9700 §4.14.2)")
    class RotateRefreshToken {
        @Test
        void rotatesTheRefreshToken() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"))
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt"))
                    .expectEvents(new RefreshTokenRotated(GRANT, CLIENT, "refresh-1", NOW),
                            accessIssued("minted-access", "refresh_token"), refreshIssued("minted-refresh"));
        }

        @Test
        @DisplayName("FAPI 2.0 SP §5.3.2.1 item 9: without rotation only an access token is issued and the refresh token stays valid")
        void withoutRotationKeepsTheRefreshToken() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"),
                            accessIssued("access-2", "refresh_token"))
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt", null, null, false))
                    .expectEvents(accessIssued("minted-access", "refresh_token"))
                    .expectResultMessagePayloadMatching(acceptedWithoutRefreshToken());
        }

        @Test
        @DisplayName("reuse of a rotated refresh token revokes the whole grant")
        void reuseRevokesTheGrant() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"),
                            new RefreshTokenRotated(GRANT, CLIENT, "refresh-1", NOW),
                            accessIssued("access-2", "refresh_token"), refreshIssued("refresh-2"))
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt"))
                    .expectEvents(new RefreshTokenReuseDetected(GRANT, CLIENT, "refresh-1", NOW),
                            new GrantRevoked(GRANT, CLIENT, MEMBER, "refresh_token_reuse", NOW))
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 6749 §6: a refresh may not widen the scope")
        void widerScopeIsRefused() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"))
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of("openid", "email"), "jwt"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_scope"));
        }

        @Test
        @DisplayName("a revoked grant refuses refreshes")
        void revokedGrantRefuses() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"),
                            new GrantRevoked(GRANT, CLIENT, MEMBER, "code_replay", NOW))
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }
    }

    @Nested
    @DisplayName("RFC 8705 §4: a public client's certificate-bound refresh token")
    class CertificateBoundRefreshToken {
        static final String X5T = "bwcK0esc3ACC3DB2Y5_lESsXE8o9ltc05O89jdN-dg2";

        RefreshTokenIssued boundRefresh() {
            return new RefreshTokenIssued(GRANT, CLIENT, MEMBER, "refresh-1", List.of("openid", "profile"), NOW,
                    NOW.plusSeconds(3600), null, X5T);
        }

        @Test
        @DisplayName("RFC 8705 §4: refreshing over a connection with the bound certificate rotates as usual")
        void rfc8705_4_sameCertificateRotates() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), boundRefresh())
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt", null, X5T))
                    .expectEvents(new RefreshTokenRotated(GRANT, CLIENT, "refresh-1", NOW),
                            accessIssued("minted-access", "refresh_token"), refreshIssued("minted-refresh"));
        }

        @Test
        @DisplayName("RFC 8705 §4: another certificate, or none, is invalid_grant and records nothing")
        void rfc8705_4_otherOrNoCertificateIsInvalidGrant() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), boundRefresh())
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt", null,
                            "A4DtL2JmUMhAsvJj5tKyn64SqzmuXbMrJa0n761y5v0"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), boundRefresh())
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }
    }

    @Nested
    @DisplayName("RFC 9449 §5: a public client's DPoP-bound refresh token")
    class DpopBoundRefreshToken {
        static final String JKT = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I";

        RefreshTokenIssued boundRefresh() {
            return new RefreshTokenIssued(GRANT, CLIENT, MEMBER, "refresh-1", List.of("openid", "profile"), NOW,
                    NOW.plusSeconds(3600), JKT);
        }

        @Test
        @DisplayName("RFC 9449 §5: refreshing with a proof by the bound key rotates as usual")
        void requestWhenSameKeyThenRotated() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), boundRefresh())
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt", JKT))
                    .expectEvents(new RefreshTokenRotated(GRANT, CLIENT, "refresh-1", NOW),
                            accessIssued("minted-access", "refresh_token"), refreshIssued("minted-refresh"));
        }

        @Test
        @DisplayName("RFC 9449 §5: refreshing with another key is invalid_grant and records nothing")
        void requestWhenOtherKeyThenInvalidGrant() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), boundRefresh())
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt",
                            "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 9449 §5: refreshing a bound token without any proof is invalid_grant")
        void requestWhenNoProofThenInvalidGrant() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), boundRefresh())
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        AuthorizationCodeIssued boundCode() {
            AuthorizationCodeIssued base = codeIssued();
            return new AuthorizationCodeIssued(base.grantId(), base.clientId(), base.memberId(), base.sessionId(),
                    base.codeHash(), base.redirectUri(), base.scopes(), base.codeChallenge(), base.codeChallengeMethod(),
                    base.nonce(), base.amr(), base.authTime(), base.issuedAt(), base.expiresAt(), null, JKT);
        }

        @Test
        @DisplayName("RFC 9449 §10: a code bound by dpop_jkt is refused (invalid_grant) with another key's proof")
        void requestWhenCodeBoundByDpopJktAndOtherKeyThenInvalidGrant() {
            fixture.given(boundCode())
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb",
                            VERIFIER, true, "jwt", "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs"))
                    .expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 9449 §10: a code bound by dpop_jkt is redeemed with a proof by that key")
        void requestWhenCodeBoundByDpopJktAndSameKeyThenRedeemed() {
            fixture.given(boundCode())
                    .when(new RedeemAuthorizationCodeCommand(GRANT, CLIENT, "code-hash", "https://www.example.jp/cb",
                            VERIFIER, true, "jwt", JKT))
                    .expectEvents(new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("minted-access", "authorization_code"), refreshIssued("minted-refresh"));
        }

        @Test
        @DisplayName("RFC 9449 §5: an unbound refresh token (confidential client) may be used with any key")
        void requestWhenUnboundThenAnyKeyRotates() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"))
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt", JKT))
                    .expectEvents(new RefreshTokenRotated(GRANT, CLIENT, "refresh-1", NOW),
                            accessIssued("minted-access", "refresh_token"), refreshIssued("minted-refresh"));
        }
    }

    @Nested
    @DisplayName("RevokeGrant (a forgotten member)")
    class RevokeGrantByPlatform {
        @Test
        @DisplayName("revoking an active grant appends GrantRevoked with the given reason")
        void requestWhenRevokeActiveGrantThenGrantRevoked() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"))
                    .when(new RevokeGrantCommand(GRANT, null, "member_forgotten"))
                    .expectEvents(new GrantRevoked(GRANT, CLIENT, MEMBER, "member_forgotten", NOW));
        }

        @Test
        @DisplayName("revoking a revoked grant appends nothing")
        void requestWhenRevokeRevokedGrantThenNoEvents() {
            fixture.given(codeIssued(), new GrantRevoked(GRANT, CLIENT, MEMBER, "code_replay", NOW))
                    .when(new RevokeGrantCommand(GRANT, null, "member_forgotten"))
                    .expectNoEvents();
        }
    }

    @Nested
    @DisplayName("IssueClientCredentialsToken (RFC 6749 §4.4)")
    class IssueClientCredentialsToken {
        @Test
        void issuesOneAccessTokenWithoutMember() {
            fixture.givenNoPriorActivity()
                    .when(new IssueClientCredentialsTokenCommand(GRANT, CLIENT, List.of("api:read"), "jwt"))
                    .expectEvents(new AccessTokenIssued(GRANT, CLIENT, null, "client_credentials", "jwt", "minted-access",
                            "jti-minted-access", List.of("api:read"), "https://id.example", NOW, NOW.plusSeconds(600)));
            assertThat(minter.refreshes.get()).isZero();
        }
    }

    @Nested
    @DisplayName("RevokeGrant (RFC 7009 §2.1, refresh token)")
    class RevokeGrant {
        @Test
        @DisplayName("RFC 7009 §2.1: revoking the refresh token revokes the whole grant")
        void revokesTheGrant() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"))
                    .when(new RevokeGrantCommand(GRANT, CLIENT, "revoked_by_client"))
                    .expectEvents(new GrantRevoked(GRANT, CLIENT, MEMBER, "revoked_by_client", NOW));
        }

        @Test
        @DisplayName("RFC 7009 §2.2: an already revoked grant records nothing")
        void alreadyRevokedRecordsNothing() {
            fixture.given(codeIssued(), new GrantRevoked(GRANT, CLIENT, MEMBER, "code_replay", NOW))
                    .when(new RevokeGrantCommand(GRANT, CLIENT, "revoked_by_client"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        @DisplayName("RFC 7009 §2.1: another client cannot revoke the grant")
        void otherClientIsRefused() {
            fixture.given(codeIssued())
                    .when(new RevokeGrantCommand(GRANT, new ClientId("shop-demo"), "revoked_by_client"))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }
    }

    @Nested
    @DisplayName("RevokeAccessToken (RFC 7009 §2.1, access token)")
    class RevokeAccessToken {
        @Test
        @DisplayName("RFC 7009 §2.1: one access token is revoked, the refresh token keeps working")
        void revokesOneTokenAndRefreshStillWorks() {
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"))
                    .when(new RevokeAccessTokenCommand(GRANT, CLIENT, "access-1", "revoked_by_client"))
                    .expectEvents(new AccessTokenRevoked(GRANT, CLIENT, MEMBER, "access-1", "jti-access-1",
                            "revoked_by_client", NOW));
            fixture.given(codeIssued(), new AuthorizationCodeRedeemed(GRANT, CLIENT, "code-hash", NOW),
                            accessIssued("access-1", "authorization_code"), refreshIssued("refresh-1"),
                            new AccessTokenRevoked(GRANT, CLIENT, MEMBER, "access-1", "jti-access-1",
                                    "revoked_by_client", NOW))
                    .when(new RotateRefreshTokenCommand(GRANT, CLIENT, "refresh-1", List.of(), "jwt"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayloadMatching(accepted("access-value", "refresh-value", null));
        }

        @Test
        @DisplayName("RFC 7009 §2.2: revoking it twice records one event")
        void secondRevocationRecordsNothing() {
            fixture.given(codeIssued(), accessIssued("access-1", "authorization_code"),
                            new AccessTokenRevoked(GRANT, CLIENT, MEMBER, "access-1", "jti-access-1",
                                    "revoked_by_client", NOW))
                    .when(new RevokeAccessTokenCommand(GRANT, CLIENT, "access-1", "revoked_by_client"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        @DisplayName("RFC 7009 §2.1: another client cannot revoke the token")
        void otherClientIsRefused() {
            fixture.given(codeIssued(), accessIssued("access-1", "authorization_code"))
                    .when(new RevokeAccessTokenCommand(GRANT, new ClientId("shop-demo"), "access-1",
                            "revoked_by_client"))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }
    }

    @Test
    @DisplayName("RFC 7523 §2.1: a verified assertion grant issues one access token for the member, no refresh token")
    void requestWhenJwtBearerThenAccessTokenOnly() {
        fixture.givenNoPriorActivity()
                .when(new IssueJwtBearerTokenCommand(GRANT, CLIENT, MEMBER, List.of("openid", "profile"), "jwt"))
                .expectEvents(accessIssued("minted-access", Grant.JWT_BEARER));
    }

    @Nested
    @DisplayName("ExchangeToken (RFC 8693 §2.1)")
    class ExchangeToken {
        @Test
        @DisplayName("RFC 8693 §2.1: the exchanged token is issued on the same grant, to the acting client")
        void requestWhenNarrowerScopeThenIssuedOnSameGrant() {
            ClientId acting = new ClientId("orders");
            fixture.given(codeIssued(), accessIssued("subject-hash", "authorization_code"))
                    .when(new ExchangeTokenCommand(GRANT, acting, "subject-hash", List.of("profile"), "jwt"))
                    .expectEvents(new AccessTokenIssued(GRANT, acting, MEMBER, Grant.TOKEN_EXCHANGE, "jwt",
                            "minted-access", "jti-minted-access", List.of("profile"), "https://id.example", NOW,
                            NOW.plusSeconds(600)));
        }

        @Test
        @DisplayName("RFC 8693 §2.1: a scope beyond the subject token's is refused")
        void requestWhenWiderScopeThenInvalidScope() {
            fixture.given(codeIssued(), accessIssued("subject-hash", "authorization_code"))
                    .when(new ExchangeTokenCommand(GRANT, new ClientId("orders"), "subject-hash",
                            List.of("profile", "email"), "jwt"))
                    .expectNoEvents().expectResultMessagePayloadMatching(refusedWith("invalid_scope"));
        }

        @Test
        @DisplayName("RFC 8693 §2.2.2: a token of a revoked grant cannot be exchanged")
        void requestWhenGrantRevokedThenInvalidRequest() {
            fixture.given(codeIssued(), accessIssued("subject-hash", "authorization_code"),
                            new GrantRevoked(GRANT, CLIENT, MEMBER, "revoked_by_client", NOW))
                    .when(new ExchangeTokenCommand(GRANT, new ClientId("orders"), "subject-hash", List.of("profile"),
                            "jwt"))
                    .expectNoEvents().expectResultMessagePayloadMatching(refusedWith("invalid_request"));
        }
    }

    @Nested
    @DisplayName("Device authorization grant (RFC 8628)")
    class DeviceCode {
        static final List<String> SCOPES = List.of("openid", "profile");

        DeviceAuthorizationIssued issued(Instant expiresAt) {
            return new DeviceAuthorizationIssued(GRANT, CLIENT, "device-hash", "user-hash", SCOPES, 5,
                    NOW.minusSeconds(60), expiresAt);
        }

        DeviceAuthorizationApproved approved() {
            return new DeviceAuthorizationApproved(GRANT, CLIENT, MEMBER, List.of("pwd"), NOW.minusSeconds(30),
                    NOW.minusSeconds(10));
        }

        RedeemDeviceCodeCommand poll() {
            return new RedeemDeviceCodeCommand(GRANT, CLIENT, "device-hash", true, "jwt");
        }

        @Test
        @DisplayName("RFC 8628 §3.2: a request records hashed device and user codes")
        void requestWhenDeviceAuthorizationThenIssued() {
            fixture.givenNoPriorActivity()
                    .when(new RequestDeviceAuthorizationCommand(GRANT, CLIENT, "device-hash", "user-hash", SCOPES, 5,
                            NOW.plusSeconds(600)))
                    .expectEvents(new DeviceAuthorizationIssued(GRANT, CLIENT, "device-hash", "user-hash", SCOPES, 5,
                            NOW, NOW.plusSeconds(600)));
        }

        @Test
        @DisplayName("RFC 8628 §3.5: before the member decides, the device gets authorization_pending")
        void requestWhenPendingThenAuthorizationPending() {
            fixture.given(issued(NOW.plusSeconds(60))).when(poll()).expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("authorization_pending"));
        }

        @Test
        @DisplayName("RFC 8628 §3.5: after the lifetime the device gets expired_token")
        void requestWhenExpiredThenExpiredToken() {
            fixture.given(issued(NOW)).when(poll()).expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("expired_token"));
        }

        @Test
        @DisplayName("RFC 8628 §3.5: a denied request gets access_denied")
        void requestWhenDeniedThenAccessDenied() {
            fixture.given(issued(NOW.plusSeconds(60)), new DeviceAuthorizationDenied(GRANT, CLIENT, MEMBER, NOW))
                    .when(poll()).expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("access_denied"));
        }

        @Test
        @DisplayName("RFC 8628 §3.5: an approved code is redeemed once for tokens")
        void requestWhenApprovedThenTokensOnce() {
            fixture.given(issued(NOW.plusSeconds(60)), approved())
                    .when(poll())
                    .expectEvents(new DeviceCodeRedeemed(GRANT, CLIENT, "device-hash", NOW),
                            accessIssued("minted-access", Grant.DEVICE_CODE), refreshIssued("minted-refresh"))
                    .expectResultMessagePayloadMatching(accepted("access-value", "refresh-value",
                            "id-token-for-access-value"));
        }

        @Test
        @DisplayName("RFC 8628 §3.5: a redeemed device code cannot be used again")
        void requestWhenRedeemedThenInvalidGrant() {
            fixture.given(issued(NOW.plusSeconds(60)), approved(),
                            new DeviceCodeRedeemed(GRANT, CLIENT, "device-hash", NOW))
                    .when(poll()).expectNoEvents()
                    .expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 8628 §3.4: another client's poll is refused with invalid_grant")
        void requestWhenOtherClientThenInvalidGrant() {
            fixture.given(issued(NOW.plusSeconds(60)), approved())
                    .when(new RedeemDeviceCodeCommand(GRANT, new ClientId("other"), "device-hash", true, "jwt"))
                    .expectNoEvents().expectResultMessagePayloadMatching(refusedWith("invalid_grant"));
        }

        @Test
        @DisplayName("RFC 8628 §3.3: approving records the member's decision once")
        void requestWhenApprovedThenRecordedOnce() {
            fixture.given(issued(NOW.plusSeconds(60)))
                    .when(new DecideDeviceAuthorizationCommand(GRANT, MEMBER, true, List.of("pwd"), NOW.minusSeconds(30)))
                    .expectEvents(new DeviceAuthorizationApproved(GRANT, CLIENT, MEMBER, List.of("pwd"),
                            NOW.minusSeconds(30), NOW));
            fixture.given(issued(NOW.plusSeconds(60)), approved())
                    .when(new DecideDeviceAuthorizationCommand(GRANT, MEMBER, false, List.of("pwd"), NOW))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        @DisplayName("RFC 8628 §3.3: an expired request can no longer be decided")
        void requestWhenDecidedAfterExpiryThenRefused() {
            fixture.given(issued(NOW))
                    .when(new DecideDeviceAuthorizationCommand(GRANT, MEMBER, true, List.of("pwd"), NOW))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }

    static org.hamcrest.Matcher<Object> accepted(String access, String refresh, String idToken) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof TokenSet t && t.accepted() && access.equals(t.accessToken())
                        && refresh.equals(t.refreshToken()) && java.util.Objects.equals(idToken, t.idToken());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("an accepted TokenSet with " + access + ", " + refresh + ", " + idToken);
            }
        };
    }

    static org.hamcrest.Matcher<Object> acceptedWithoutRefreshToken() {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof TokenSet t && t.accepted() && t.accessToken() != null && t.refreshToken() == null;
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("an accepted token set with an access token and no refresh token");
            }
        };
    }

    static org.hamcrest.Matcher<Object> refusedWith(String error) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(Object item) {
                return item instanceof TokenSet t && !t.accepted() && error.equals(t.outcome().error());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("a TokenSet refused with " + error);
            }
        };
    }

    /** Deterministic token values so expected events can be written out in full. */
    static final class FakeMinter implements TokenMinter {
        final AtomicInteger refreshes = new AtomicInteger();
        final java.util.List<String> sids = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public Minted accessToken(GrantId grantId, ClientId clientId, MemberId memberId, List<String> scopes,
                                  Instant authTime, String format) {
            return new Minted("access-value", new IssuedToken("minted-access", "jti-minted-access", "jwt",
                    "https://id.example", NOW, NOW.plusSeconds(600)));
        }

        @Override
        public Minted refreshToken(ClientId clientId) {
            refreshes.incrementAndGet();
            return new Minted("refresh-value", new IssuedToken("minted-refresh", null, null, null, NOW,
                    NOW.plusSeconds(3600)));
        }

        @Override
        public String idToken(ClientId clientId, MemberId memberId, Instant authTime, String nonce, List<String> amr,
                              String accessToken, IdTokenExtras extras) {
            sids.add(String.valueOf(extras.sid()));
            return "id-token-for-" + accessToken
                    + (extras.code() == null ? "" : "+c_hash:" + extras.code())
                    + (extras.state() == null ? "" : "+s_hash:" + extras.state())
                    + (extras.claims() == null ? "" : "+claims:" + extras.claims());
        }
    }
}
