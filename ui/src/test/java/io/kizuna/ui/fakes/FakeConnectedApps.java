package io.kizuna.ui.fakes;

import io.kizuna.api.consent.ConnectedApp;
import io.kizuna.api.consent.FindConnectedAppsQuery;
import java.time.Instant;
import java.util.List;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A real, in-memory Axon query bus answering {@link FindConnectedAppsQuery} for the fake member: one
 * app used once, one never used; any other member has none.
 */
@Configuration(proxyBeanMethods = false)
public class FakeConnectedApps {
    public static final ConnectedApp SHOP = new ConnectedApp("shop-demo", "shop.example.jp", "https://shop.example.jp",
            List.of("email", "openid"), Instant.parse("2026-11-01T09:00:00Z"), Instant.parse("2026-11-02T09:00:00Z"),
            Instant.parse("2026-11-20T10:30:00Z"));
    public static final ConnectedApp WWW = new ConnectedApp("www-demo", "www.example.jp", null,
            List.of("openid", "offline_access", "custom:scope"), Instant.parse("2026-11-03T09:00:00Z"),
            Instant.parse("2026-11-03T09:00:00Z"), null);

    /** shop-demo's history, newest first, as the projection answers it. */
    public static final List<io.kizuna.api.consent.ConsentHistoryEntry> SHOP_HISTORY = List.of(
            new io.kizuna.api.consent.ConsentHistoryEntry("access_ended", Instant.parse("2026-11-20T11:00:00Z"),
                    List.of(), "session_ended", 1),
            new io.kizuna.api.consent.ConsentHistoryEntry("used", Instant.parse("2026-11-20T00:00:00Z"), List.of(),
                    null, 3),
            new io.kizuna.api.consent.ConsentHistoryEntry("extended", Instant.parse("2026-11-02T09:00:00Z"),
                    List.of("email"), null, 1),
            new io.kizuna.api.consent.ConsentHistoryEntry("access_ended", Instant.parse("2026-11-01T10:00:00Z"),
                    List.of(), "something_new", 1),
            new io.kizuna.api.consent.ConsentHistoryEntry("granted", Instant.parse("2026-11-01T09:00:00Z"),
                    List.of("openid"), null, 1));

    @Bean
    QueryGateway queryGateway() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new Handler()).subscribe(bus);
        return DefaultQueryGateway.builder().queryBus(bus).build();
    }

    public static final io.kizuna.api.session.SessionView THIS_BROWSER = new io.kizuna.api.session.SessionView(
            "session-1", Instant.parse("2026-11-25T08:00:00Z"), Instant.parse("2026-11-25T20:00:00Z"), List.of("pwd"),
            "www-demo");
    public static final io.kizuna.api.session.SessionView OTHER_DEVICE = new io.kizuna.api.session.SessionView(
            "session-2", Instant.parse("2026-11-24T08:00:00Z"), Instant.parse("2026-11-24T20:00:00Z"), List.of("pwd"),
            null);

    static final class Handler {
        @QueryHandler
        public List<io.kizuna.api.session.SessionView> sessions(io.kizuna.api.session.FindSessionsQuery query) {
            return FakeSignInService.MEMBER_ID.equals(query.memberId().value())
                    ? List.of(THIS_BROWSER, OTHER_DEVICE) : List.of();
        }

        @QueryHandler
        public List<io.kizuna.api.consent.ConsentHistoryEntry> history(
                io.kizuna.api.consent.FindConsentHistoryQuery query) {
            if (!FakeSignInService.MEMBER_ID.equals(query.memberId().value())) {
                return List.of();
            }
            return switch (query.clientId().value()) {
                case "shop-demo" -> SHOP_HISTORY;
                case "gone-demo" -> List.of(new io.kizuna.api.consent.ConsentHistoryEntry("revoked",
                        Instant.parse("2026-11-10T08:00:00Z"), List.of("openid"), null, 1));
                default -> List.of();
            };
        }

        @QueryHandler
        public List<ConnectedApp> handle(FindConnectedAppsQuery query) {
            return FakeSignInService.MEMBER_ID.equals(query.memberId().value()) ? List.of(SHOP, WWW) : List.of();
        }
    }
}
