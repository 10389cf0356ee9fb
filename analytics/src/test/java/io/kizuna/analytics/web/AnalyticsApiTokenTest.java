package io.kizuna.analytics.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class AnalyticsApiTokenTest {

    @Test
    @DisplayName("unset: the analytics API stays open (embedded demo)")
    void requestWhenNoTokenConfiguredThenOpen() throws Exception {
        assertThat(new AnalyticsApiToken("").preHandle(new MockHttpServletRequest(), new MockHttpServletResponse(),
                new Object())).isTrue();
    }

    @Test
    @DisplayName("RFC 6750 §3.1: no token → 401 with a bare challenge; a wrong one → invalid_token")
    void requestWhenTokenMissingOrWrongThenUnauthorized() throws Exception {
        AnalyticsApiToken guard = new AnalyticsApiToken("s3cret-analytics-token");
        MockHttpServletResponse missing = new MockHttpServletResponse();
        assertThat(guard.preHandle(new MockHttpServletRequest(), missing, new Object())).isFalse();
        assertThat(missing.getStatus()).isEqualTo(401);
        assertThat(missing.getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"kizuna-analytics\"");

        MockHttpServletRequest wrong = new MockHttpServletRequest();
        wrong.addHeader("Authorization", "Bearer guess");
        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(guard.preHandle(wrong, refused, new Object())).isFalse();
        assertThat(refused.getHeader("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(refused.getContentAsString()).contains("\"error\":\"invalid_token\"");
    }

    @Test
    void requestWhenTokenRightThenAllowed() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addHeader("Authorization", "Bearer s3cret-analytics-token");
        assertThat(new AnalyticsApiToken("s3cret-analytics-token").preHandle(request, new MockHttpServletResponse(),
                new Object())).isTrue();
    }
}
