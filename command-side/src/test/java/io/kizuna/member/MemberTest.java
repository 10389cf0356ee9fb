package io.kizuna.member;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.ForgetMemberCommand;
import io.kizuna.api.member.LoginFailed;
import io.kizuna.api.member.LoginLocked;
import io.kizuna.api.member.RecordLoginLockedCommand;
import io.kizuna.api.member.MemberEmailVerified;
import io.kizuna.api.member.ChangePasswordCommand;
import io.kizuna.api.member.MemberPasswordChanged;
import io.kizuna.api.member.VerifyEmailCommand;
import io.kizuna.api.member.MemberForgotten;
import io.kizuna.api.member.LoginSucceeded;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.MemberRegistered;
import io.kizuna.api.member.RecordLoginFailedCommand;
import io.kizuna.api.member.RecordLoginSucceededCommand;
import io.kizuna.api.member.RegisterMemberCommand;
import io.kizuna.api.member.SealedPersonalData;
import io.kizuna.api.member.MemberSuspended;
import io.kizuna.api.member.MemberUnsuspended;
import io.kizuna.api.member.ResetSecondFactorCommand;
import io.kizuna.api.member.SecondFactorReset;
import io.kizuna.api.member.SuspendMemberCommand;
import io.kizuna.api.member.TotpEnrolled;
import io.kizuna.api.member.UnsuspendMemberCommand;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MemberTest {
    static final Instant NOW = Instant.parse("2026-11-26T03:00:00Z");
    static final MemberId ID = new MemberId("member-1");
    static final SealedPersonalData SEALED = new SealedPersonalData("key-1", "c2VhbGVk");
    static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA";

    AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Nested
    class RegisterMember {
        @Test
        void registersWithSealedDataAndArgon2idHash() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterMemberCommand(ID, SEALED, HASH, "www-demo"))
                    .expectEvents(new MemberRegistered(ID, SEALED, HASH, "www-demo", NOW));
        }

        @Test
        void refusesAPasswordThatIsNotAnArgon2idHash() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterMemberCommand(ID, SEALED, "plaintext-password", "self"))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }

        @Test
        void refusesMissingPersonalData() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterMemberCommand(ID, null, HASH, "self"))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }
    }

    @Nested
    class VerifyEmail {
        @Test
        void marksTheAddressVerified() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new VerifyEmailCommand(ID))
                    .expectEvents(new MemberEmailVerified(ID, NOW));
        }

        @Test
        void appendsNothingWhenAlreadyVerified() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW), new MemberEmailVerified(ID, NOW))
                    .when(new VerifyEmailCommand(ID))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesAForgottenMember() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW),
                            new MemberForgotten(ID, "key-1", "admin", NOW))
                    .when(new VerifyEmailCommand(ID))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }
    }

    @Nested
    class ChangePassword {
        static final String NEW_HASH = "$argon2id$v=19$m=19456,t=2,p=1$bmV3c2FsdA$bmV3aGFzaA";

        @Test
        void recordsTheNewHashAndHowItWasChanged() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new ChangePasswordCommand(ID, NEW_HASH, "reset"))
                    .expectEvents(new MemberPasswordChanged(ID, NEW_HASH, "reset", NOW));
        }

        @Test
        void refusesAPlaintextPassword() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new ChangePasswordCommand(ID, "new plaintext password", "account"))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }

        @Test
        void refusesAnUnknownWay() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new ChangePasswordCommand(ID, NEW_HASH, "scim"))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }

        @Test
        void refusesAForgottenMember() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW),
                            new MemberForgotten(ID, "key-1", "admin", NOW))
                    .when(new ChangePasswordCommand(ID, NEW_HASH, "reset"))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }
    }

    @Nested
    class RecordLoginLocked {
        @Test
        void recordsThePauseWithItsEndAndSealedContext() {
            Instant until = NOW.plusSeconds(900);
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new RecordLoginLockedCommand(ID, 5, until, SEALED))
                    .expectEvents(new LoginLocked(ID, 5, until, SEALED, NOW));
        }

        @Test
        void refusesALockoutWithoutAnEnd() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new RecordLoginLockedCommand(ID, 5, null, SEALED))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }
    }

    @Nested
    class RecordLogin {
        @Test
        void recordsASuccessWithItsFactors() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new RecordLoginSucceededCommand(ID, "session-1", "www-demo", List.of("pwd"),
                            "urn:kizuna:loa:2", SEALED))
                    .expectEvents(new LoginSucceeded(ID, "session-1", "www-demo", List.of("pwd"), "urn:kizuna:loa:2",
                            SEALED, NOW));
        }

        @Test
        void refusesASuccessWithoutFactors() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new RecordLoginSucceededCommand(ID, "session-1", "www-demo", List.of(), null, SEALED))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }

        @Test
        void recordsAFailure() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new RecordLoginFailedCommand(ID, "www-demo", "bad_password", SEALED))
                    .expectEvents(new LoginFailed(ID, "www-demo", "bad_password", SEALED, NOW));
        }
    }

    @Nested
    class ForgetMember {
        @Test
        @DisplayName("forgetting names the destroyed key and carries no personal data")
        void requestWhenForgetThenMemberForgottenWithKeyIdOnly() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW))
                    .when(new ForgetMemberCommand(ID, "admin_api"))
                    .expectEvents(new MemberForgotten(ID, "key-1", "admin_api", NOW))
                    .expectResultMessagePayload(NOW);
        }

        @Test
        @DisplayName("forgetting twice appends nothing and answers the first instant")
        void requestWhenForgottenTwiceThenNoEvents() {
            Instant earlier = NOW.minusSeconds(3600);
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW),
                            new MemberForgotten(ID, "key-1", "admin_api", earlier))
                    .when(new ForgetMemberCommand(ID, "admin_api"))
                    .expectNoEvents()
                    .expectResultMessagePayload(earlier);
        }

        @Test
        @DisplayName("a forgotten member cannot sign in any more")
        void requestWhenLoginAfterForgetThenRejected() {
            fixture.given(new MemberRegistered(ID, SEALED, HASH, "self", NOW),
                            new MemberForgotten(ID, "key-1", "admin_api", NOW))
                    .when(new RecordLoginSucceededCommand(ID, "session-1", "www-demo", List.of("pwd"), null, SEALED))
                    .expectNoEvents()
                    .expectException(LedgerRejection.class);
        }
    }

    @Nested
    @DisplayName("admin console: lock, unlock, reset the authenticator")
    class AdminActions {
        final MemberRegistered registered = new MemberRegistered(ID, SEALED, HASH, "self", NOW);

        @Test
        void lockIsRecordedOnceWithTheAdministrator() {
            fixture.given(registered).when(new SuspendMemberCommand(ID, "admin-1"))
                    .expectEvents(new MemberSuspended(ID, "admin-1", NOW));
            fixture.given(registered, new MemberSuspended(ID, "admin-1", NOW))
                    .when(new SuspendMemberCommand(ID, "admin-2")).expectNoEvents().expectSuccessfulHandlerExecution();
        }

        @Test
        void unlockIsRecordedAndALockCanFollowAgain() {
            fixture.given(registered, new MemberSuspended(ID, "admin-1", NOW))
                    .when(new UnsuspendMemberCommand(ID, "admin-1"))
                    .expectEvents(new MemberUnsuspended(ID, "admin-1", NOW));
            fixture.given(registered, new MemberSuspended(ID, "admin-1", NOW), new MemberUnsuspended(ID, "admin-1", NOW))
                    .when(new SuspendMemberCommand(ID, "admin-1"))
                    .expectEvents(new MemberSuspended(ID, "admin-1", NOW));
        }

        @Test
        void actionsNeedTheAdministratorAndALivingMember() {
            fixture.given(registered).when(new SuspendMemberCommand(ID, " "))
                    .expectNoEvents().expectException(LedgerRejection.class);
            fixture.given(registered, new MemberForgotten(ID, "key-1", "admin_api", NOW))
                    .when(new UnsuspendMemberCommand(ID, "admin-1"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }

        @Test
        void resetRemovesAnEnrolledAuthenticatorAndRefusesWhenThereIsNone() {
            TotpEnrolled enrolled = new TotpEnrolled(ID, SEALED, List.of("h1"), NOW);
            fixture.given(registered, enrolled).when(new ResetSecondFactorCommand(ID, "admin-1"))
                    .expectEvents(new SecondFactorReset(ID, "admin-1", NOW));
            fixture.given(registered).when(new ResetSecondFactorCommand(ID, "admin-1"))
                    .expectNoEvents().expectException(LedgerRejection.class);
            fixture.given(registered, enrolled, new SecondFactorReset(ID, "admin-1", NOW))
                    .when(new ResetSecondFactorCommand(ID, "admin-1"))
                    .expectNoEvents().expectException(LedgerRejection.class);
        }
    }
}
