package io.kizuna.server.rebuild;

import io.kizuna.client.ClientRegistry;
import io.kizuna.consent.ConsentLookup;
import io.kizuna.grant.DeviceCodes;
import io.kizuna.grant.GrantLookup;
import io.kizuna.mail.OutboxMailSender;
import io.kizuna.member.EmailVerifications;
import io.kizuna.member.MemberCredentialLookup;
import io.kizuna.member.PasswordResets;
import io.kizuna.member.PersonalDataShredder;
import io.kizuna.member.SecondFactors;
import io.kizuna.query.consent.ConnectedAppsProjection;
import io.kizuna.query.member.MemberProfileProjection;
import io.kizuna.query.session.MemberSessionsProjection;
import io.kizuna.query.token.TokenLookupProjection;
import io.kizuna.session.BrowserSessions;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read models that are pure functions of the ledger, and the projection class that writes each.
 * Every event handler of the in-transaction processing groups ({@code read-your-writes},
 * {@code command-lookups}) is either listed here or in {@link #NOT_REBUILT} with the reason;
 * {@code ReadModelRebuildIT} fails when a new handler is in neither.
 */
public final class ReadModelCatalog {

    /** One projection and the tables only it writes. */
    public record Projection(Class<?> type, List<Table> tables) {
    }

    /**
     * A table of a projection. {@code carried} are columns that hold operational state written outside
     * any event (a TOTP step already used, a device's polling pace); the rebuild copies them from the
     * live row under the swap lock, since no replay can know them and resetting them would reopen a
     * replay window (RFC 6238 §5.2) or forget a {@code slow_down} (RFC 8628 §3.5).
     */
    public record Table(String name, List<String> carried) {
        static Table of(String name, String... carried) {
            return new Table(name, List.of(carried));
        }
    }

    public static final List<Projection> PROJECTIONS = List.of(
            // query side, processing group read-your-writes
            new Projection(TokenLookupProjection.class, List.of(Table.of("token_lookup"))),
            new Projection(MemberProfileProjection.class, List.of(Table.of("member_profile"))),
            new Projection(ConnectedAppsProjection.class,
                    List.of(Table.of("client_directory"), Table.of("connected_app"))),
            new Projection(MemberSessionsProjection.class, List.of(Table.of("member_session"))),
            new Projection(io.kizuna.query.consent.ConsentHistoryProjection.class,
                    List.of(Table.of("consent_history"), Table.of("consent_usage_day"))),
            new Projection(io.kizuna.query.directory.DirectoryProjection.class, List.of(Table.of("directory_user"),
                    Table.of("directory_group"), Table.of("directory_group_member"))),
            // command side, processing group command-lookups
            new Projection(MemberCredentialLookup.class, List.of(Table.of("member_credential"))),
            new Projection(ClientRegistry.class, List.of(Table.of("oauth_client"))),
            new Projection(GrantLookup.class, List.of(Table.of("grant_lookup"))),
            new Projection(io.kizuna.grant.GrantClaimsLookup.class, List.of(Table.of("grant_claims"))),
            new Projection(ConsentLookup.class, List.of(Table.of("consent_lookup"))),
            new Projection(BrowserSessions.class, List.of(Table.of("browser_session"))),
            new Projection(SecondFactors.class, List.of(Table.of("member_totp", "last_step"))),
            new Projection(DeviceCodes.class,
                    List.of(Table.of("device_authorization", "interval_seconds", "last_polled_at"))),
            // CIBA: the polling pace, the binding message and the sealed notification token are not in events
            new Projection(io.kizuna.grant.BackchannelRequests.class, List.of(Table.of("backchannel_authentication",
                    "interval_seconds", "last_polled_at", "binding_message", "notification_token_sealed"))),
            new Projection(io.kizuna.client.BackchannelClients.class, List.of(Table.of("client_backchannel"))),
            new Projection(io.kizuna.member.ExternalIdLookup.class, List.of(Table.of("member_external_id"))),
            // the WebAuthn signature counter advances at each use without an event (clone detection)
            new Projection(io.kizuna.member.PasskeyLookup.class,
                    List.of(Table.of("member_passkey", "sign_count", "last_used_at"))),
            new Projection(io.kizuna.signingkey.SigningKeyRegistry.class, List.of(Table.of("signing_key"))),
            new Projection(io.kizuna.session.SessionClients.class, List.of(Table.of("session_client"))),
            // the administrator-edited authentication policy (policy.changed)
            new Projection(io.kizuna.policy.RecordedPolicy.class, List.of(Table.of("authentication_policy"))));

    /** Handlers of the same processing groups that are not read models, and why a replay must skip them. */
    public static final Map<Class<?>, String> NOT_REBUILT = Map.of(
            OutboxMailSender.class, "side effect: sends mail; replaying would mail every member again",
            PersonalDataShredder.class, "side effect: destroys data keys (already destroyed; idempotent but not a model)",
            EmailVerifications.class, "rows are created outside events (a link's random token); the handler only deletes",
            PasswordResets.class, "rows are created outside events (a link's random token); the handler only deletes",
            io.kizuna.session.KnownDevices.class,
            "rows are written by the sign-in itself (a browser's cookie hash, not in any event); the handler only deletes",
            io.kizuna.protocol.oidc.logout.BackChannelLogout.class,
            "side effect: posts Logout Tokens to clients; replaying would sign members out of every site again");

    /** Processing groups whose handlers this catalogue must account for. */
    public static final Set<String> IN_TRANSACTION_GROUPS = Set.of("read-your-writes", "command-lookups");

    private ReadModelCatalog() {
    }

    public static List<Table> tables() {
        return PROJECTIONS.stream().flatMap(p -> p.tables().stream()).toList();
    }
}
