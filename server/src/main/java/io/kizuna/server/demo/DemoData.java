package io.kizuna.server.demo;

import io.kizuna.api.client.ClientType;
import io.kizuna.api.member.MemberRegistrationService;
import io.kizuna.client.ClientRegistrations;
import io.kizuna.client.ClientRegistry;
import io.kizuna.member.MemberCredentialLookup;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Demo data of the embedded default, created once (later starts find it in ./data): two service
 * sites on their own origins, an API client for client credentials, and a demo member. Every item is
 * registered through the same commands as real data, so it is in the ledger like everything else.
 * The secrets are public (README): never enable {@code kizuna.demo.enabled} in production.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "kizuna.demo.enabled", havingValue = "true")
public class DemoData implements ApplicationRunner {
    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
    public static final String DEMO_EMAIL = "demo@kizuna.example";
    public static final String DEMO_PASSWORD = "kizuna-demo-password";
    /** The demo administrator of the admin console (listed in {@code kizuna.admin.members} of the embedded default). */
    public static final String ADMIN_EMAIL = "admin@kizuna.example";
    public static final String ADMIN_PASSWORD = "kizuna-demo-admin-password";

    private final ClientRegistrations clients;
    private final ClientRegistry registry;
    private final MemberRegistrationService members;
    private final MemberCredentialLookup credentials;
    private final io.kizuna.api.member.ProfileService profiles;
    private final DemoSiteSettings sites;

    public DemoData(ClientRegistrations clients, ClientRegistry registry, MemberRegistrationService members,
                    MemberCredentialLookup credentials, DemoSiteSettings sites,
                    io.kizuna.api.member.ProfileService profiles) {
        this.profiles = profiles;
        this.clients = clients;
        this.registry = registry;
        this.members = members;
        this.credentials = credentials;
        this.sites = sites;
    }

    @Override
    public void run(ApplicationArguments args) {
        site("www-demo", "www-demo-secret-change-me", "www.example.jp (demo)", sites.wwwPort());
        site("shop-demo", "shop-demo-secret-change-me", "shop.example.jp (demo)", sites.shopPort());
        site("another-demo", "another-demo-secret-change-me", "another-domain.jp (demo)", sites.anotherOrigin());
        if (!registry.exists("bench-api")) {
            clients.register("bench-api", "bench-api-secret-change-me", "Open API client (demo)",
                    ClientType.CONFIDENTIAL, "client_secret_basic", List.of(), List.of("client_credentials"),
                    List.of("api:read", "api:write"), null, "jwt", null);
        }
        if (!registry.exists("bench-api-opaque")) {
            clients.register("bench-api-opaque", "bench-api-opaque-secret-change-me",
                    "Open API client, opaque tokens (demo)", ClientType.CONFIDENTIAL, "client_secret_basic", List.of(),
                    List.of("client_credentials"), List.of("api:read", "api:write"), null, "opaque", null);
        }
        // SCIM 2.0 provisioning client (docs/scim.md): client credentials with the scim scope
        if (!registry.exists("hr-sync")) {
            clients.register("hr-sync", "hr-sync-secret-change-me", "HR / directory sync (SCIM, demo)",
                    ClientType.CONFIDENTIAL, "client_secret_basic", List.of(), List.of("client_credentials"),
                    List.of("scim"), null, "jwt", null);
        }
        if (!credentials.isTaken(DEMO_EMAIL)) {
            members.register(new MemberRegistrationService.Registration(DEMO_EMAIL, DEMO_PASSWORD.toCharArray(),
                    "Demo Member / デモ会員", "ja", "self"));
        }
        credentials.find(DEMO_EMAIL).ifPresent(demo -> fillDemoProfile(new io.kizuna.api.member.MemberId(demo.memberId())));
        if (!credentials.isTaken(ADMIN_EMAIL)) {
            members.register(new MemberRegistrationService.Registration(ADMIN_EMAIL, ADMIN_PASSWORD.toCharArray(),
                    "Demo Administrator / デモ管理者", "ja", "self"));
        }
        LOG.info("Demo data ready: sites http://localhost:{} and http://localhost:{}, member {}",
                sites.wwwPort(), sites.shopPort(), DEMO_EMAIL);
    }

    /**
     * OIDC Core §5.1: the demo member has every standard claim, so a relying party (and the OpenID Foundation
     * conformance suite's scope and claims tests) sees them all; filled once, never over the member's own edits.
     */
    private void fillDemoProfile(io.kizuna.api.member.MemberId memberId) {
        io.kizuna.api.member.PersonalData now = profiles.current(memberId);
        if (now == null || now.standard().givenName() != null) {
            return;
        }
        profiles.update(memberId, new io.kizuna.api.member.ProfileService.ProfileChange(now.name(), now.email(),
                "+81 3-1234-5678", "〒100-0001\n東京都千代田区千代田1-1\nDemo Building 101", now.locale(),
                new io.kizuna.api.member.StandardClaims("Hanako", "Yamada", "Demo", "Hana", "demo.hanako",
                        "https://www.kizuna.example/members/demo", "https://www.kizuna.example/members/demo.png",
                        "https://www.kizuna.example/", "female", "0000-04-01", "Asia/Tokyo", false,
                        "千代田1-1 Demo Building 101", "千代田区", "東京都", "100-0001", "Japan", null)));
    }

    private void site(String clientId, String secret, String name, int port) {
        site(clientId, secret, name, "http://localhost:" + port);
    }

    private void site(String clientId, String secret, String name, String origin) {
        if (!registry.exists(clientId)) {
            clients.register(clientId, secret, name, ClientType.CONFIDENTIAL, "client_secret_basic",
                    List.of(origin + "/callback"), List.of("authorization_code", "refresh_token"),
                    List.of("openid", "profile", "email", "offline_access"), origin, "jwt", null);
        }
        // OIDC RP-Initiated Logout §3.1 and Back-Channel Logout §2.2 (DemoSites); recorded only when it differs,
        // so data from before logout existed gets it too
        clients.changeLogoutSettings(clientId, new io.kizuna.client.LogoutSettings(List.of(origin + "/signed-out"),
                origin + "/backchannel-logout", true));
    }
}
