package io.kizuna.analytics.query;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.ErrorResponse;
import java.net.ConnectException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** An analytics store that cannot answer is "try later" (503), never a 500 crash. */
class AnalyticsApiErrorsTest {
    private final ActiveMembers active = mock(ActiveMembers.class);
    private final ServiceCounts counts = mock(ServiceCounts.class);
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new AnalyticsApi(mock(LoginAnalytics.class), active,
            mock(ServiceOverlap.class), counts, mock(CohortRetention.class), mock(ServiceAcquisition.class))).build();

    @Test
    @DisplayName("Elasticsearch unreachable → 503 analytics_unavailable")
    void requestWhenElasticsearchUnreachableThen503() throws Exception {
        when(active.stickiness(any())).thenThrow(new ConnectException("Connection refused"));
        mvc.perform(get("/api/analytics/stickiness"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value("analytics_unavailable"))
                .andExpect(jsonPath("$.error_description").value("the analytics store could not answer; try again later"));
    }

    @Test
    @DisplayName("Elasticsearch refusing the query → 503 analytics_unavailable, its reason not leaked")
    void requestWhenElasticsearchRefusesThen503() throws Exception {
        when(counts.tokens(any())).thenThrow(new ElasticsearchException("search", ErrorResponse.of(e -> e.status(500)
                .error(ErrorCause.of(c -> c.type("search_phase_execution_exception").reason("internal detail"))))));
        mvc.perform(get("/api/analytics/tokens"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.error").value("analytics_unavailable"))
                .andExpect(jsonPath("$.error_description").value("the analytics store could not answer; try again later"));
    }

    @Test
    @DisplayName("the filter is checked before Elasticsearch is asked: 400 invalid_request")
    void requestWhenDateMalformedThen400BeforeAnyQuery() throws Exception {
        mvc.perform(get("/api/analytics/registrations").param("to", "26-11-2026"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error").value("invalid_request"))
                .andExpect(jsonPath("$.error_description").value("from and to must be ISO dates (yyyy-MM-dd)"));
    }

    @Test
    @DisplayName("region and method are checked: ISO 3166 codes, RFC 8176 amr values → else 400 invalid_request")
    void requestWhenRegionOrMethodMalformedThen400() throws Exception {
        mvc.perform(get("/api/analytics/sign-ins").param("region", "Tokyo"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error_description").value("region must be ISO 3166 codes such as JP or JP-13"));
        mvc.perform(get("/api/analytics/sign-ins").param("method", "PWD!"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.error_description").value("method must be RFC 8176 amr values such as pwd or otp"));
    }

    @Test
    @DisplayName("questions about events without region or amr refuse those filters (400) rather than answer zero")
    void requestWhenSignInFilterOnConsentsThen400() throws Exception {
        for (String question : new String[] {"registrations", "acquisition", "consents", "tokens"}) {
            mvc.perform(get("/api/analytics/" + question).param("region", "JP"))
                    .andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.error").value("invalid_request"))
                    .andExpect(jsonPath("$.error_description").value("region and method filter sign-in events; "
                            + question + " is about events that carry neither"));
        }
    }
}
