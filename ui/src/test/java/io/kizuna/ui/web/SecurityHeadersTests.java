package io.kizuna.ui.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.kizuna.ui.PageTestSupport;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.ResultActions;

class SecurityHeadersTests extends PageTestSupport {

    private static void expectCommonHeaders(ResultActions result) throws Exception {
        result.andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"));
        String csp = result.andReturn().getResponse().getHeader("Content-Security-Policy");
        assertThat(csp).contains("default-src 'self'", "frame-ancestors 'none'", "base-uri 'none'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/signin", "/register", "/register/done", "/consent?request=req-1"})
    void everyPageHasTheHeadersAndIsNeverStored(String path) throws Exception {
        authorizationRequests.add("req-1", List.of("openid"), false, false);
        ResultActions result = mvc.perform(get(path).cookie(sessionCookie())).andExpect(status().isOk());
        expectCommonHeaders(result);
        result.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"))
                .andExpect(header().doesNotExist("Strict-Transport-Security"));
    }

    @Test
    void theStylesheetHasTheHeadersToo() throws Exception {
        ResultActions result = mvc.perform(get("/css/kizuna.css")).andExpect(status().isOk());
        expectCommonHeaders(result);
        assertThat(result.andReturn().getResponse().getContentType()).startsWith("text/css");
        assertThat(result.andReturn().getResponse().getContentAsString()).contains(":focus-visible");
    }

    @Test
    void registrationKeepsFormActionSelf() throws Exception {
        mvc.perform(get("/register"))
                .andExpect(header().string("Content-Security-Policy", SecurityHeadersFilter.CSP));
        assertThat(SecurityHeadersFilter.CSP).contains("form-action 'self'");
    }

    @Test
    void signInAndConsentLetTheirFormsRedirectToClients() throws Exception {
        authorizationRequests.add("req-1", List.of("openid"), false, false);
        mvc.perform(get("/signin"))
                .andExpect(header().string("Content-Security-Policy", SecurityHeadersFilter.CSP_CLIENT_REDIRECTING_FORMS));
        mvc.perform(get("/consent?request=req-1").cookie(sessionCookie()))
                .andExpect(header().string("Content-Security-Policy", SecurityHeadersFilter.CSP_CLIENT_REDIRECTING_FORMS));
        assertThat(SecurityHeadersFilter.CSP_CLIENT_REDIRECTING_FORMS).doesNotContain("form-action");
    }

    @Test
    void hstsOnlyOverHttps() throws Exception {
        mvc.perform(get("/signin").secure(true))
                .andExpect(header().string("Strict-Transport-Security", "max-age=31536000"));
        mvc.perform(get("/signin"))
                .andExpect(header().doesNotExist("Strict-Transport-Security"));
    }

    @Test
    void redirectsToClientsCarryTheHeaders() throws Exception {
        authorizationRequests.add("req-1", List.of("openid"), false, true);
        ResultActions result = mvc.perform(get("/consent?request=req-1").cookie(sessionCookie()))
                .andExpect(status().isSeeOther());
        expectCommonHeaders(result);
        result.andExpect(header().string(HttpHeaders.CACHE_CONTROL, "no-store"));
    }
}
