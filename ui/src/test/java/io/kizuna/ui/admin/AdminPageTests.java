package io.kizuna.ui.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.kizuna.api.session.SignInService;
import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeAdminConsole;
import jakarta.servlet.http.Cookie;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MvcResult;

/** The admin console's door and forms against the fake console (the real one: server's Admin*IT). */
class AdminPageTests extends PageTestSupport {
    private static final Cookie ADMIN = new Cookie(SignInService.SESSION_COOKIE, FakeAdminConsole.ADMIN_SESSION);

    @Autowired FakeAdminConsole console;

    @Test
    void requestWhenAnonymousThenSignInWithReturnPath() throws Exception {
        MvcResult result = mvc.perform(get("/admin/clients/www-demo")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(303);
        assertThat(result.getResponse().getHeader(HttpHeaders.LOCATION))
                .isEqualTo("/signin?next=%2Fadmin%2Fclients%2Fwww-demo");
    }

    @Test
    void requestWhenNotAdministratorThen403Page() throws Exception {
        MvcResult result = mvc.perform(get("/admin").cookie(sessionCookie()).header("Accept-Language", JA)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        assertThat(html(result).selectFirst("h1").text()).isEqualTo("管理者ではありません");
        assertThat(result.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void requestWhenPostWithoutCsrfTokenThenRefusedBeforeTheConsoleIsAsked() throws Exception {
        int before = console.verifications;
        MvcResult result = mvc.perform(post("/admin/ledger/verify").cookie(ADMIN)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(403);
        assertThat(console.verifications).isEqualTo(before);
    }

    @Test
    void requestWhenAdministratorThenEveryFormFieldHasALabel() throws Exception {
        for (String path : new String[] {"/admin", "/admin/clients", "/admin/clients/new", "/admin/clients/www-demo",
                "/admin/members", "/admin/members/m-1", "/admin/policy", "/admin/audit", "/admin/audit/access",
                "/admin/ledger", "/admin/keys"}) {
            for (String language : new String[] {EN, JA}) {
                MvcResult result = mvc.perform(get(path).cookie(ADMIN).header("Accept-Language", language)).andReturn();
                assertThat(result.getResponse().getStatus()).as(path).isEqualTo(200);
                Document page = html(result);
                assertThat(page.selectFirst("html").attr("lang")).isEqualTo(language);
                page.select("input:not([type=hidden]), select, textarea").forEach(field -> assertThat(
                        page.select("label[for=" + field.id() + "]")).as(path + " " + field.id()).isNotEmpty());
            }
        }
    }

    @Test
    void requestWhenRegisteringWithoutNameThenRefusalShownInTheForm() throws Exception {
        MvcResult result = mvc.perform(postForm("/admin/clients", csrf(), ADMIN).param("name", " ")
                .param("grant_types", "client_credentials")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(result).selectFirst("#form-error").text()).contains("client_name is required");
    }

    @Test
    void requestWhenRotatingThenNewSecretShownOnceAndNotCached() throws Exception {
        MvcResult result = mvc.perform(postForm("/admin/clients/www-demo/secret", csrf(), ADMIN)).andReturn();
        assertThat(html(result).selectFirst("#new-client-secret").text()).isEqualTo("rotated-secret");
        assertThat(result.getResponse().getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void requestWhenAPageIsFullThenNextPageContinuesAfterItsLastEventWithTheSameFilter() throws Exception {
        MvcResult first = mvc.perform(get("/admin/audit").param("member", "many").param("type", "grant.access_token.issued")
                .cookie(ADMIN)).andReturn();
        Document page = html(first);
        assertThat(page.select("tr.event")).hasSize(AdminAuditController.PAGE_SIZE);
        assertThat(page.selectFirst("#next-page").attr("href"))
                .isEqualTo("/admin/audit?member=many&type=grant.access_token.issued&after=50");
        assertThat(page.selectFirst("#export-link").attr("href"))
                .isEqualTo("/admin/audit/export?member=many&type=grant.access_token.issued");
        Document second = html(mvc.perform(get("/admin/audit?member=many&type=grant.access_token.issued&after=50")
                .cookie(ADMIN)).andReturn());
        assertThat(second.selectFirst("tr.event").attr("data-index")).isEqualTo("51");
    }

    @Test
    void requestWhenTimeIsNotATimeThenBadRequestWithTheFieldMarked() throws Exception {
        MvcResult result = mvc.perform(get("/admin/audit").param("to", "tomorrow").cookie(ADMIN)).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = html(result);
        assertThat(page.selectFirst("#to").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.selectFirst("#time-error").attr("role")).isEqualTo("alert");
    }

    @Test
    @DisplayName("signing keys: each key with its state; rotate per algorithm; only a rotated key can be retired")
    void signingKeysPage() throws Exception {
        Document page = html(mvc.perform(get("/admin/keys").cookie(ADMIN).header("Accept-Language", EN)).andReturn());
        assertThat(page.select("tr.key").eachAttr("data-kid")).containsExactly("es-2", "es-1", "rs-1");
        assertThat(page.select("tr[data-kid=es-1] td:nth-child(3)").text()).isEqualTo("Rotated (verifies only)");
        assertThat(page.select("button[id^=retire-]").eachAttr("id")).as("only the rotated key").containsExactly("retire-es-1");
        assertThat(page.select("#nav-keys").attr("aria-current")).isEqualTo("page");

        Csrf csrf = csrf();
        MvcResult rotated = mvc.perform(postForm("/admin/keys/rotate", csrf, ADMIN).param("alg", "PS256")
                .header("Accept-Language", JA)).andReturn();
        assertThat(rotated.getResponse().getStatus()).isEqualTo(200);
        assertThat(html(rotated).selectFirst("#keys-done").text()).isEqualTo("鍵 ps256-new が有効になりました。");
        assertThat(console.rotated).contains("PS256");

        MvcResult unknown = mvc.perform(postForm("/admin/keys/rotate", csrf, ADMIN).param("alg", "HS256")).andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
        assertThat(console.rotated).doesNotContain("HS256");

        MvcResult active = mvc.perform(postForm("/admin/keys/es-2/retire", csrf, ADMIN)
                .header("Accept-Language", EN)).andReturn();
        assertThat(active.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(active).selectFirst("#keys-error").text()).startsWith("Only a rotated key");
        assertThat(mvc.perform(postForm("/admin/keys/es-1/retire", csrf, ADMIN)).andReturn().getResponse().getStatus())
                .isEqualTo(200);
        assertThat(console.retired).containsExactly("es-1");

        assertThat(mvc.perform(post("/admin/keys/rotate").cookie(ADMIN).param("alg", "ES256")).andReturn()
                .getResponse().getStatus()).as("CSRF").isEqualTo(403);
    }

    @Test
    @DisplayName("client token settings: algorithms and lifetimes saved through the console; a refused value is shown at its fields")
    void clientTokenSettings() throws Exception {
        Document page = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", EN))
                .andReturn());
        assertThat(page.select("#id_token_signed_response_alg option").eachAttr("value"))
                .containsExactly("", "ES256", "PS256", "RS256", "EdDSA");
        assertThat(page.selectFirst("label[for=refresh_token_lifetime]").text()).contains("300");
        // RFC 8705 §3.4: the certificate-binding box has its label and hint, in English and Japanese
        assertThat(page.selectFirst("label[for=tls_client_certificate_bound_access_tokens]").text())
                .contains("client certificate").contains("RFC 8705");
        assertThat(page.selectFirst("#tls_client_certificate_bound_access_tokens").attr("aria-describedby"))
                .isEqualTo("mtls-bound-hint");
        Document ja = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", "ja"))
                .andReturn());
        assertThat(ja.selectFirst("label[for=tls_client_certificate_bound_access_tokens]").text())
                .contains("クライアント証明書");

        Csrf csrf = csrf();
        MvcResult saved = mvc.perform(postForm("/admin/clients/www-demo/token-settings", csrf, ADMIN)
                .param("access_token_signing_alg", "PS256").param("id_token_signed_response_alg", "")
                .param("access_token_lifetime", "300")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(303);
        assertThat(console.tokenSettings.get("www-demo"))
                .isEqualTo(new io.kizuna.api.admin.AdminConsole.ClientTokenSettings("PS256", null, 300L, null, null,
                        null, false, false));
        Document again = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN)).andReturn());
        assertThat(again.selectFirst("#access_token_signing_alg option[selected]").val()).isEqualTo("PS256");
        assertThat(again.selectFirst("#access_token_lifetime").val()).isEqualTo("300");

        for (String bad : new String[] {"10", "soon"}) {
            MvcResult refused = mvc.perform(postForm("/admin/clients/www-demo/token-settings", csrf, ADMIN)
                    .param("access_token_lifetime", bad).header("Accept-Language", EN)).andReturn();
            assertThat(refused.getResponse().getStatus()).isEqualTo(400);
            Document shown = html(refused);
            assertThat(shown.selectFirst("#tokens-error").text()).contains("access_token_lifetime");
            assertThat(shown.selectFirst("#access_token_lifetime").val()).isEqualTo(bad);
            assertThat(shown.selectFirst("#access_token_lifetime").attr("aria-describedby")).isEqualTo("tokens-error");
        }
        assertThat(console.tokenSettings.get("www-demo").accessTokenLifetime()).isEqualTo(300L);

        // RFC 9700 §2.1.1: PKCE is required unless the box is ticked; ticked, the console says false
        assertThat(again.selectFirst("#pkce_optional").hasAttr("checked")).isFalse();
        assertThat(again.selectFirst("label[for=pkce_optional]")).isNotNull();
        mvc.perform(postForm("/admin/clients/www-demo/token-settings", csrf, ADMIN).param("pkce_optional", "yes"))
                .andReturn();
        assertThat(console.tokenSettings.get("www-demo").requirePkce()).isFalse();
        Document optional = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN)).andReturn());
        assertThat(optional.selectFirst("#pkce_optional").hasAttr("checked")).isTrue();
        mvc.perform(postForm("/admin/clients/www-demo/token-settings", csrf, ADMIN)).andReturn();
        assertThat(console.tokenSettings.get("www-demo").requirePkce()).as("absent box: required").isNull();
    }

    @Test
    @DisplayName("client security profile: the four profiles offered in ja and en; none is saved; a FAPI profile the client"
            + " cannot meet is refused with the reason; CSRF required")
    void clientProfile() throws Exception {
        Document en = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", EN))
                .andReturn());
        assertThat(en.select("#client_profile option").eachAttr("value"))
                .containsExactly("none", "fapi1-advanced", "fapi2-security", "fapi2-message-signing");
        assertThat(en.selectFirst("label[for=client_profile]").text()).isEqualTo("Profile");
        assertThat(en.selectFirst("#client_profile option[selected]").val()).isEqualTo("none");
        Document ja = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", "ja"))
                .andReturn());
        assertThat(ja.selectFirst("#profile-heading").text()).isEqualTo("セキュリティプロファイル");
        assertThat(ja.selectFirst("#client_profile option[value=fapi2-security]").text())
                .isEqualTo("FAPI 2.0 セキュリティプロファイル");

        Csrf csrf = csrf();
        MvcResult refused = mvc.perform(postForm("/admin/clients/www-demo/profile", csrf, ADMIN)
                .param("client_profile", "fapi2-security").header("Accept-Language", EN)).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        Document shown = html(refused);
        assertThat(shown.selectFirst("#profile-error").text()).contains("private_key_jwt");
        assertThat(shown.selectFirst("#client_profile").attr("aria-describedby")).isEqualTo("profile-error");

        MvcResult saved = mvc.perform(postForm("/admin/clients/www-demo/profile", csrf, ADMIN)
                .param("client_profile", "none")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(303);
        assertThat(mvc.perform(post("/admin/clients/www-demo/profile").cookie(ADMIN).param("client_profile", "none"))
                .andReturn().getResponse().getStatus()).as("CSRF").isEqualTo(403);
    }

    @Test
    @DisplayName("client logout settings (RP-Initiated Logout §3.1, Back-Channel Logout §2.2) saved through the console; a refused value is shown")
    void clientLogoutSettings() throws Exception {
        Document page = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", JA))
                .andReturn());
        assertAccessible(page, JA);
        assertThat(page.selectFirst("#logout-heading").text()).isEqualTo("ログアウト（OpenID Connect）");
        assertThat(page.select("#logout-form input[name=_csrf]")).hasSize(1);

        Csrf csrf = csrf();
        MvcResult saved = mvc.perform(postForm("/admin/clients/www-demo/logout-settings", csrf, ADMIN)
                .param("post_logout_redirect_uris", "https://www.example.jp/bye\n https://www.example.jp/bye2 ")
                .param("backchannel_logout_uri", "https://www.example.jp/bcl")
                .param("backchannel_logout_session_required", "yes")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(303);
        assertThat(console.logoutSettings.get("www-demo")).isEqualTo(new io.kizuna.api.admin.AdminConsole
                .ClientLogoutSettings(java.util.List.of("https://www.example.jp/bye", "https://www.example.jp/bye2"),
                "https://www.example.jp/bcl", true));
        Document again = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN)).andReturn());
        assertThat(again.selectFirst("#backchannel_logout_uri").val()).isEqualTo("https://www.example.jp/bcl");
        assertThat(again.selectFirst("#backchannel_logout_session_required").hasAttr("checked")).isTrue();

        MvcResult refused = mvc.perform(postForm("/admin/clients/www-demo/logout-settings", csrf, ADMIN)
                .param("backchannel_logout_uri", "/relative").header("Accept-Language", EN)).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(refused).selectFirst("#logout-error").text()).contains("backchannel_logout_uri");
        assertThat(html(refused).selectFirst("#backchannel_logout_uri").val()).isEqualTo("/relative");
        assertThat(mvc.perform(post("/admin/clients/www-demo/logout-settings").cookie(ADMIN)
                .param("backchannel_logout_uri", "https://evil.example/")).andReturn().getResponse().getStatus())
                .as("CSRF").isEqualTo(403);
    }

    @Test
    @DisplayName("Front-Channel Logout §2: frontchannel_logout_uri and _session_required saved through the console")
    void clientFrontChannelLogoutSettings() throws Exception {
        Document page = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", JA))
                .andReturn());
        assertAccessible(page, JA);
        assertThat(page.selectFirst("label[for=frontchannel_logout_uri]").text()).contains("フロントチャネルログアウト URI");
        Csrf csrf = csrf();
        MvcResult saved = mvc.perform(postForm("/admin/clients/www-demo/logout-settings", csrf, ADMIN)
                .param("frontchannel_logout_uri", " https://www.example.jp/fcl?x=1 ")
                .param("frontchannel_logout_session_required", "yes")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(303);
        assertThat(console.logoutSettings.get("www-demo")).isEqualTo(new io.kizuna.api.admin.AdminConsole
                .ClientLogoutSettings(java.util.List.of(), null, false, "https://www.example.jp/fcl?x=1", true));
        Document again = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", EN))
                .andReturn());
        assertAccessible(again, EN);
        assertThat(again.selectFirst("#frontchannel_logout_uri").val()).isEqualTo("https://www.example.jp/fcl?x=1");
        assertThat(again.selectFirst("#frontchannel_logout_session_required").hasAttr("checked")).isTrue();
    }

    @Test
    @DisplayName("JARM §3 from the console: signature and encryption selects (ja/en); encryption without keys is refused at its field; saved values shown again")
    void clientAuthorizationResponse() throws Exception {
        console.protection.remove("www-demo"); // no jwks_uri: nothing to encrypt to (the fake's rule)
        Document page = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", EN))
                .andReturn());
        assertThat(page.selectFirst("#jarm-heading").text()).isEqualTo("Authorization responses (JARM)");
        assertThat(page.select("#authorization_signed_response_alg option").eachAttr("value"))
                .containsExactly("", "ES256", "PS256", "RS256", "EdDSA");
        assertThat(page.select("#authorization_encrypted_response_alg option").eachAttr("value"))
                .containsExactly("", "RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A256KW");
        assertThat(page.selectFirst("label[for=authorization_signed_response_alg]").text())
                .contains("authorization_signed_response_alg");

        Csrf csrf = csrf();
        MvcResult refused = mvc.perform(postForm("/admin/clients/www-demo/authorization-response", csrf, ADMIN)
                .param("authorization_encrypted_response_alg", "RSA-OAEP-256").header("Accept-Language", "ja"))
                .andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        Document shown = html(refused);
        assertThat(shown.selectFirst("#jarm-error").text()).contains("jwks_uri");
        assertThat(shown.selectFirst("#jarm-heading").text()).isEqualTo("認可レスポンス（JARM）");
        assertThat(shown.selectFirst("#authorization_encrypted_response_alg option[selected]").val())
                .isEqualTo("RSA-OAEP-256");
        assertThat(shown.selectFirst("#authorization_encrypted_response_alg").attr("aria-describedby"))
                .isEqualTo("jarm-error");
        assertThat(console.jarm).doesNotContainKey("www-demo");

        MvcResult saved = mvc.perform(postForm("/admin/clients/www-demo/authorization-response", csrf, ADMIN)
                .param("authorization_signed_response_alg", "PS256")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(303);
        assertThat(console.jarm.get("www-demo")).isEqualTo(new io.kizuna.api.admin.AdminConsole
                .ClientAuthorizationResponse("PS256", null, null));
        Document again = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN)).andReturn());
        assertThat(again.selectFirst("#authorization_signed_response_alg option[selected]").val()).isEqualTo("PS256");
        assertThat(mvc.perform(post("/admin/clients/www-demo/authorization-response").cookie(ADMIN)).andReturn()
                .getResponse().getStatus()).as("CSRF").isEqualTo(403);
    }

    @Test
    @DisplayName("OIDC DCR §2, OIDC Core §6.1–§6.2 from the console: request_uris and request-object encryption saved (ja form, accessible); a refused URL is shown at its field (en)")
    void clientRequestObjectSettings() throws Exception {
        Document page = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", JA))
                .andReturn());
        assertAccessible(page, JA);
        assertThat(page.selectFirst("#request-objects-heading").text()).isEqualTo("リクエストオブジェクト");
        assertThat(page.selectFirst("label[for=request_uris]").text()).contains("request_uris");
        assertThat(page.select("#request-objects-form input[name=_csrf]")).hasSize(1);

        Csrf csrf = csrf();
        MvcResult saved = mvc.perform(postForm("/admin/clients/www-demo/request-object-settings", csrf, ADMIN)
                .param("request_uris", "https://www.example.jp/ro/1\n https://www.example.jp/ro/2#h ")
                .param("request_object_encryption_alg", "ECDH-ES")
                .param("request_object_encryption_enc", "A256GCM")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(303);
        assertThat(console.requestObjectSettings.get("www-demo")).isEqualTo(new io.kizuna.api.admin.AdminConsole
                .ClientRequestObjectSettings(java.util.List.of("https://www.example.jp/ro/1", "https://www.example.jp/ro/2#h"),
                "ECDH-ES", "A256GCM"));
        Document again = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN)).andReturn());
        assertThat(again.selectFirst("#request_object_encryption_alg option[selected]").val()).isEqualTo("ECDH-ES");
        assertThat(again.selectFirst("#request_object_encryption_enc option[selected]").val()).isEqualTo("A256GCM");
        assertThat(again.selectFirst("#request_uris").text()).contains("https://www.example.jp/ro/2#h");

        MvcResult refused = mvc.perform(postForm("/admin/clients/www-demo/request-object-settings", csrf, ADMIN)
                .param("request_uris", "ftp://www.example.jp/ro").header("Accept-Language", EN)).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        Document shown = html(refused);
        assertThat(shown.selectFirst("#request-objects-error").text()).contains("request_uris");
        assertThat(shown.selectFirst("#request_uris").text()).isEqualTo("ftp://www.example.jp/ro");
        assertThat(shown.selectFirst("#request_uris").attr("aria-describedby")).isEqualTo("request-objects-error");
        assertThat(mvc.perform(post("/admin/clients/www-demo/request-object-settings").cookie(ADMIN)
                .param("request_uris", "https://evil.example/")).andReturn().getResponse().getStatus())
                .as("CSRF").isEqualTo(403);
    }

    @Test
    @DisplayName("OIDC DCR §2 from the console: logo_uri, policy_uri, tos_uri saved (ja form, accessible); "
            + "a refused URL is shown at the fields (en); CSRF required")
    void clientPresentation() throws Exception {
        Document page = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", JA))
                .andReturn());
        assertAccessible(page, JA);
        assertThat(page.selectFirst("#presentation-heading").text()).isEqualTo("会員に表示する情報");
        assertThat(page.selectFirst("label[for=logo_uri]").text()).contains("logo_uri");
        assertThat(page.selectFirst("label[for=policy_uri]").text()).contains("policy_uri");
        assertThat(page.selectFirst("label[for=tos_uri]").text()).contains("tos_uri");
        assertThat(page.select("#presentation-form input[name=_csrf]")).hasSize(1);

        Csrf csrf = csrf();
        MvcResult saved = mvc.perform(postForm("/admin/clients/www-demo/presentation", csrf, ADMIN)
                .param("logo_uri", " https://www.example.jp/logo.png ")
                .param("policy_uri", "https://www.example.jp/privacy")
                .param("tos_uri", "")).andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(303);
        assertThat(console.presentations.get("www-demo")).isEqualTo(new io.kizuna.api.admin.AdminConsole
                .ClientPresentation("https://www.example.jp/logo.png", "https://www.example.jp/privacy", null));
        Document again = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN)).andReturn());
        assertThat(again.selectFirst("#logo_uri").val()).isEqualTo("https://www.example.jp/logo.png");
        assertThat(again.selectFirst("#tos_uri").val()).isEmpty();

        MvcResult refused = mvc.perform(postForm("/admin/clients/www-demo/presentation", csrf, ADMIN)
                .param("logo_uri", "javascript:alert(1)").header("Accept-Language", EN)).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        Document shown = html(refused);
        assertThat(shown.selectFirst("#presentation-error").text()).contains("logo_uri");
        assertThat(shown.selectFirst("#logo_uri").val()).isEqualTo("javascript:alert(1)");
        assertThat(shown.selectFirst("#logo_uri").attr("aria-describedby")).isEqualTo("presentation-error");
        assertThat(mvc.perform(post("/admin/clients/www-demo/presentation").cookie(ADMIN)
                .param("logo_uri", "https://evil.example/")).andReturn().getResponse().getStatus())
                .as("CSRF").isEqualTo(403);
    }

    @Test
    @DisplayName("OIDC DCR §2 from the console: ID token encryption, UserInfo signing and jwks_uri saved; encryption without keys is refused at its fields (ja)")
    void clientResponseProtection() throws Exception {
        Document page = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN).header("Accept-Language", EN))
                .andReturn());
        assertThat(page.select("#id_token_encrypted_response_alg option").eachAttr("value"))
                .containsExactly("", "RSA-OAEP-256", "ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A256KW");
        assertThat(page.select("#userinfo_encrypted_response_enc option").eachAttr("value"))
                .containsExactly("", "A128CBC-HS256", "A128GCM", "A256GCM");
        assertThat(page.selectFirst("label[for=jwks_uri]").text()).contains("jwks_uri");

        Csrf csrf = csrf();
        MvcResult refused = mvc.perform(postForm("/admin/clients/www-demo/response-protection", csrf, ADMIN)
                .param("id_token_encrypted_response_alg", "RSA-OAEP-256").header("Accept-Language", "ja")).andReturn();
        assertThat(refused.getResponse().getStatus()).isEqualTo(400);
        Document shown = html(refused);
        assertThat(shown.selectFirst("#protection-error").text()).contains("jwks_uri");
        assertThat(shown.selectFirst("#protection-heading").text()).isEqualTo("IDトークンとUserInfoの保護");
        assertThat(shown.selectFirst("#id_token_encrypted_response_alg option[selected]").val()).isEqualTo("RSA-OAEP-256");
        assertThat(shown.selectFirst("#jwks_uri").attr("aria-describedby")).isEqualTo("protection-error");

        MvcResult saved = mvc.perform(postForm("/admin/clients/www-demo/response-protection", csrf, ADMIN)
                .param("id_token_encrypted_response_alg", "RSA-OAEP-256").param("id_token_encrypted_response_enc", "A256GCM")
                .param("userinfo_signed_response_alg", "PS256").param("jwks_uri", "https://www.example.jp/jwks"))
                .andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(303);
        assertThat(console.protection.get("www-demo")).isEqualTo(new io.kizuna.api.admin.AdminConsole
                .ClientResponseProtection("RSA-OAEP-256", "A256GCM", "PS256", null, null, "https://www.example.jp/jwks"));
        Document again = html(mvc.perform(get("/admin/clients/www-demo").cookie(ADMIN)).andReturn());
        assertThat(again.selectFirst("#userinfo_signed_response_alg option[selected]").val()).isEqualTo("PS256");
        assertThat(again.selectFirst("#jwks_uri").val()).isEqualTo("https://www.example.jp/jwks");
        assertThat(mvc.perform(post("/admin/clients/www-demo/response-protection").cookie(ADMIN)).andReturn()
                .getResponse().getStatus()).as("CSRF").isEqualTo(403);
    }

    @Test
    @DisplayName("the policy form: a malformed network is refused next to its field, as typed; nothing changes")
    void requestWhenPolicyNetworkMalformedThenErrorTiedToTheField() throws Exception {
        console.policyChange = null;
        MvcResult result = mvc.perform(postForm("/admin/policy", csrf(), ADMIN).header("Accept-Language", JA)
                .param("trusted_networks", "10.0.0.0/8\nintranet").param("otp_outside_trusted_networks", "true")
                .param("second_factor_clients", "")).andReturn();
        assertThat(result.getResponse().getStatus()).isEqualTo(400);
        Document page = html(result);
        assertThat(page.selectFirst("#networks-error").text()).contains("intranet").contains("受け付けられませんでした");
        assertThat(page.selectFirst("#trusted_networks").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.selectFirst("#trusted_networks").attr("aria-describedby")).contains("networks-error");
        assertThat(page.selectFirst("#trusted_networks").text()).contains("intranet");
        assertThat(page.selectFirst("#second_factor_clients").hasAttr("aria-invalid")).isFalse();
        assertThat(console.policyChange).isNull();

        MvcResult unknown = mvc.perform(postForm("/admin/policy", csrf(), ADMIN).param("trusted_networks", "10.0.0.0/8")
                .param("second_factor_clients", "ghost")).andReturn();
        assertThat(unknown.getResponse().getStatus()).isEqualTo(400);
        assertThat(html(unknown).selectFirst("#clients-error").text()).contains("ghost");
        assertThat(html(unknown).selectFirst("#second_factor_clients").attr("aria-describedby")).contains("clients-error");
        assertThat(console.policyChange).isNull();
    }

    @Test
    @DisplayName("the policy form saves the three settings with the administrator's member id and shows where they come from")
    void requestWhenPolicySavedThenRedirectAndShownAsRecorded() throws Exception {
        try {
            assertThat(mvc.perform(post("/admin/policy").cookie(ADMIN).param("trusted_networks", "10.0.0.0/8"))
                    .andReturn().getResponse().getStatus()).as("CSRF").isEqualTo(403);
            assertThat(console.policyChange).isNull();
            MvcResult saved = mvc.perform(postForm("/admin/policy", csrf(), ADMIN)
                    .param("trusted_networks", "10.0.0.0/8, 192.168.0.0/16\r\n2001:db8::/32")
                    .param("second_factor_clients", "bank-demo")).andReturn();
            assertThat(saved.getResponse().getStatus()).isEqualTo(303);
            assertThat(saved.getResponse().getHeader(HttpHeaders.LOCATION)).isEqualTo("/admin/policy?saved");
            assertThat(console.policyChange).isEqualTo(new io.kizuna.api.admin.AdminConsole.PolicyChange(
                    java.util.List.of("10.0.0.0/8", "192.168.0.0/16", "2001:db8::/32"), false,
                    java.util.List.of("bank-demo")));
            assertThat(console.policyChangedBy).isEqualTo("admin-1");

            Document page = html(mvc.perform(get("/admin/policy").param("saved", "").cookie(ADMIN).header("Accept-Language", EN))
                    .andReturn());
            assertThat(page.selectFirst("#saved-notice")).isNotNull();
            assertThat(page.selectFirst("#policy-source").text()).contains("admin-1").contains("Recorded in the ledger");
            assertThat(page.selectFirst("#trusted_networks").text()).contains("192.168.0.0/16");
            assertThat(page.selectFirst("#otp_outside_trusted_networks").hasAttr("checked")).isFalse();
            assertThat(page.select("#policy-rules code").eachText()).contains("2001:db8::/32");
        } finally {
            console.policyChange = null;
        }
    }
}
