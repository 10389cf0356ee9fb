package io.kizuna.analytics.web;

import static org.mockito.Mockito.mock;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.assertj.core.api.Assertions.assertThat;

import io.kizuna.analytics.query.ActiveMembers;
import io.kizuna.analytics.query.CohortRetention;
import io.kizuna.analytics.query.ServiceAcquisition;
import io.kizuna.analytics.query.ServiceCounts;
import io.kizuna.analytics.query.ServiceOverlap;
import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The analytics pages with {@code kizuna.analytics.api-token} set: nothing without the token. */
class AnalyticsPageAccessTest {
    private static final String TOKEN = "s3cret-analytics-token";
    private final AnalyticsPageAccess access = new AnalyticsPageAccess(new AnalyticsApiToken(TOKEN), true);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new AnalyticsPages(mock(ActiveMembers.class),
                    mock(ServiceOverlap.class), mock(ServiceCounts.class), mock(CohortRetention.class),
                    mock(ServiceAcquisition.class), access))
            .addInterceptors(new org.springframework.web.servlet.handler.MappedInterceptor(
                    new String[] {"/analytics", "/analytics/**"}, new String[] {"/analytics/sign-in"}, access))
            .build();

    @Test
    @DisplayName("no cookie and no bearer token → 303 to the sign-in page, nothing queried")
    void requestWhenNoCredentialThenRedirectedToSignIn() throws Exception {
        mvc.perform(get("/analytics/sign-ins"))
                .andExpect(status().isSeeOther())
                .andExpect(header().string("Location", "/analytics/sign-in"));
        mvc.perform(get("/analytics/sign-ins").cookie(new Cookie(AnalyticsPageAccess.COOKIE, "forged")))
                .andExpect(status().isSeeOther());
        mvc.perform(get("/analytics/sign-ins").header("Authorization", "Bearer guess"))
                .andExpect(status().isSeeOther());
    }

    @Test
    @DisplayName("the right token → an HttpOnly, Secure, SameSite=Strict cookie that is not the token and opens the pages")
    void requestWhenTokenEnteredThenCookieOpensPages() throws Exception {
        MvcResult signedIn = mvc.perform(post("/analytics/sign-in").param("token", TOKEN)
                        .header("Sec-Fetch-Site", "same-origin"))
                .andExpect(status().is3xxRedirection())
                .andExpect(cookie().httpOnly(AnalyticsPageAccess.COOKIE, true))
                .andExpect(cookie().secure(AnalyticsPageAccess.COOKIE, true))
                .andExpect(cookie().sameSite(AnalyticsPageAccess.COOKIE, "Strict"))
                .andExpect(cookie().path(AnalyticsPageAccess.COOKIE, "/analytics"))
                .andReturn();
        Cookie cookie = signedIn.getResponse().getCookie(AnalyticsPageAccess.COOKIE);
        assertThat(cookie.getValue()).isNotBlank().doesNotContain(TOKEN);
        mvc.perform(get("/analytics/sign-ins").cookie(cookie)).andExpect(status().isOk());
        mvc.perform(get("/analytics/sign-ins").header("Authorization", "Bearer " + TOKEN)).andExpect(status().isOk());
    }

    @Test
    @DisplayName("a wrong token → 401 with the form again; a cross-site post → 403 (no login CSRF)")
    void requestWhenTokenWrongOrCrossSiteThenRefused() throws Exception {
        mvc.perform(post("/analytics/sign-in").param("token", "guess").header("Sec-Fetch-Site", "same-origin"))
                .andExpect(status().isUnauthorized())
                .andExpect(cookie().doesNotExist(AnalyticsPageAccess.COOKIE));
        mvc.perform(post("/analytics/sign-in").param("token", TOKEN).header("Sec-Fetch-Site", "cross-site"))
                .andExpect(status().isForbidden())
                .andExpect(cookie().doesNotExist(AnalyticsPageAccess.COOKIE));
        mvc.perform(post("/analytics/sign-in").param("token", TOKEN).header("Origin", "https://evil.example"))
                .andExpect(status().isForbidden());
    }
}
