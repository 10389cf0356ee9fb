package io.kizuna.ui.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.ui.PageTestSupport;
import io.kizuna.ui.fakes.FakeDeviceAuthorizations;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;

/** The device verification page (RFC 8628 §3.3). */
class DevicePageTests extends PageTestSupport {

    @Autowired
    FakeDeviceAuthorizations devices;

    @BeforeEach
    void resetDevices() {
        devices.reset();
    }

    @Test
    @DisplayName("RFC 8628 §3.3: the verification URI asks for the user code, in English and Japanese")
    void requestWhenNoCodeThenCodeForm() throws Exception {
        Document en = html(mvc.perform(get("/device").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                .andExpect(status().isOk()).andReturn());
        assertAccessible(en, EN);
        assertThat(en.select("h1").text()).isEqualTo("Connect a device");
        assertThat(en.select("label[for=user_code]").text()).isEqualTo("Code");
        Document ja = html(mvc.perform(get("/device").header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
                .andExpect(status().isOk()).andReturn());
        assertAccessible(ja, JA);
        assertThat(ja.select("h1").text()).isEqualTo("デバイスの接続");
    }

    @Test
    @DisplayName("RFC 8628 §3.3.1: the typed code continues at the verification URI with the code filled in")
    void requestWhenCodeTypedThenRedirectedToCompleteUri() throws Exception {
        mvc.perform(postForm("/device", csrf()).param("user_code", " bcdf-ghjk "))
                .andExpect(status().isSeeOther())
                .andExpect(header().string(HttpHeaders.LOCATION, "/device?user_code=bcdf-ghjk"));
    }

    @Test
    @DisplayName("RFC 8628 §3.3: an unknown or expired code is refused on the form, with an alert")
    void requestWhenUnknownCodeThenError() throws Exception {
        Document page = html(mvc.perform(get("/device?user_code=XXXX-XXXX").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                .andExpect(status().isNotFound()).andReturn());
        assertAccessible(page, EN);
        assertThat(page.select("#code-error").text()).contains("not valid or has expired");
        assertThat(page.select("#user_code").val()).isEqualTo("XXXX-XXXX");
    }

    @Test
    @DisplayName("RFC 8628 §3.3.1, §5.4: a signed-in member sees the app, the code and the scopes before deciding")
    void requestWhenSignedInWithCodeThenConfirmation() throws Exception {
        Document page = html(mvc.perform(get("/device?user_code=" + FakeDeviceAuthorizations.USER_CODE)
                        .cookie(sessionCookie()).header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                .andExpect(status().isOk()).andReturn());
        assertAccessible(page, EN);
        assertThat(page.select("#client-name").text()).isEqualTo("Example TV");
        assertThat(page.select("#user-code").text()).isEqualTo("BCDF-GHJK");
        assertThat(page.select("ul.scopes li").eachText()).containsExactly("Your member ID",
                "Access while you are away (without you being signed in)");
        assertThat(page.select("form.decision input[name=_csrf]")).hasSize(1);
        assertThat(page.select("form.decision input[name=user_code]").val()).isEqualTo("BCDF-GHJK");
        assertThat(page.select("#approve").text()).isEqualTo("Allow");
    }

    @Test
    @DisplayName("RFC 8628 §3.3: without a session the page asks to sign in and offers no decision")
    void requestWhenNotSignedInThenSignInLink() throws Exception {
        Document page = html(mvc.perform(get("/device?user_code=" + FakeDeviceAuthorizations.USER_CODE)
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
                .andExpect(status().isOk()).andReturn());
        assertAccessible(page, JA);
        assertThat(page.select("form.decision")).isEmpty();
        assertThat(page.select("#signin-link").attr("href")).isEqualTo("/signin?next=/device?user_code%3DBCDFGHJK");
    }

    @Test
    @DisplayName("RFC 8628 §3.3: approving records the decision and tells the member to return to the device")
    void requestWhenApproveThenRecorded() throws Exception {
        Document page = html(mvc.perform(postForm("/device", csrf(), sessionCookie())
                        .param("user_code", "bcdf-ghjk").param("decision", "approve")
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
                .andExpect(status().isOk()).andReturn());
        assertAccessible(page, EN);
        assertThat(page.select("h1").text()).isEqualTo("Device connected");
        assertThat(devices.decisions).containsExactly("bcdf-ghjk:approve");
    }

    @Test
    @DisplayName("RFC 8628 §3.3: denying records the decision")
    void requestWhenDenyThenRecorded() throws Exception {
        Document page = html(mvc.perform(postForm("/device", csrf(), sessionCookie())
                        .param("user_code", FakeDeviceAuthorizations.USER_CODE).param("decision", "deny")
                        .header(HttpHeaders.ACCEPT_LANGUAGE, "ja"))
                .andExpect(status().isOk()).andReturn());
        assertThat(page.select("h1").text()).isEqualTo("アクセスを拒否しました");
        assertThat(devices.decisions).containsExactly("BCDF-GHJK:deny");
    }

    @Test
    @DisplayName("a decision without the CSRF token is refused and not recorded")
    void requestWhenNoCsrfThenForbidden() throws Exception {
        mvc.perform(post("/device").cookie(sessionCookie()).param("user_code", FakeDeviceAuthorizations.USER_CODE)
                        .param("decision", "approve"))
                .andExpect(status().isForbidden());
        assertThat(devices.decisions).isEmpty();
    }

    @Test
    void requestWhenDecisionWithoutSessionThenSignIn() throws Exception {
        mvc.perform(postForm("/device", csrf()).param("user_code", FakeDeviceAuthorizations.USER_CODE)
                        .param("decision", "approve"))
                .andExpect(status().isSeeOther())
                .andExpect(header().string(HttpHeaders.LOCATION, "/signin?next=%2Fdevice%3Fuser_code%3DBCDFGHJK"));
        assertThat(devices.decisions).isEmpty();
    }
}
