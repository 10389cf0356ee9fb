package io.kizuna.analytics.query;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Analytics API, read from Elasticsearch only: nothing on the sign-in path depends on it. Every
 * question takes {@code from}/{@code to} (ISO dates, UTC days, inclusive; default the last 30 days) and
 * {@code service} (client ids, comma-separated or repeated; default all). Mistakes answer 400
 * {@code invalid_request}; an unreachable or failing Elasticsearch answers 503
 * {@code analytics_unavailable}, so a dashboard can tell "ask differently" from "try later".
 */
@RestController
public class AnalyticsApi {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsApi.class);
    private final LoginAnalytics logins;
    private final ActiveMembers active;
    private final ServiceOverlap overlap;
    private final ServiceCounts counts;
    private final CohortRetention cohorts;
    private final ServiceAcquisition acquisition;

    public AnalyticsApi(LoginAnalytics logins, ActiveMembers active, ServiceOverlap overlap, ServiceCounts counts,
                        CohortRetention cohorts, ServiceAcquisition acquisition) {
        this.logins = logins;
        this.active = active;
        this.overlap = overlap;
        this.counts = counts;
        this.cohorts = cohorts;
        this.acquisition = acquisition;
    }

    /** {@code GET /api/analytics/logins-per-client-per-day?from=2026-11-01&to=2026-11-26} (UTC days, inclusive). */
    @GetMapping("/api/analytics/logins-per-client-per-day")
    public Map<String, Object> loginsPerClientPerDay(@RequestParam(required = false) String from,
                                                     @RequestParam(required = false) String to) throws IOException {
        AnalyticsFilter filter = AnalyticsFilter.parse(from, to, List.of());
        return answer(filter, "rows", logins.loginsPerClientPerDay(filter.from(), filter.to()));
    }

    /** DAU / WAU / MAU: {@code interval=day|week|month}. */
    @GetMapping("/api/analytics/active-members")
    public Map<String, Object> activeMembers(HttpServletRequest request,
                                             @RequestParam(required = false) String interval) throws IOException {
        ActiveMembers.Interval parsed = ActiveMembers.Interval.parse(interval);
        AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
        Map<String, Object> answer = answer(filter, "rows", active.activeMembers(filter, parsed));
        answer.put("interval", parsed.name().toLowerCase(java.util.Locale.ROOT));
        return answer;
    }

    @GetMapping("/api/analytics/stickiness")
    public Map<String, Object> stickiness(HttpServletRequest request) throws IOException {
        AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
        return answer(filter, "rows", active.stickiness(filter));
    }

    /** {@code service=a,b[,c…]}: 2 to 6 services. */
    @GetMapping("/api/analytics/overlap")
    public Map<String, Object> overlap(HttpServletRequest request) throws IOException {
        AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
        ServiceOverlap.Overlap result = overlap.overlap(filter);
        Map<String, Object> answer = answer(filter, "combinations", result.combinations());
        answer.put("members_per_service", result.membersPerService());
        answer.put("members", result.members());
        return answer;
    }

    /** Members who first used a service in the range, by the service they had used first. */
    @GetMapping("/api/analytics/acquisition")
    public Map<String, Object> acquisition(HttpServletRequest request) throws IOException {
        AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
        filter.refuseSignInFilters("acquisition");
        return answer(filter, "rows", acquisition.acquisition(filter));
    }

    @GetMapping("/api/analytics/registrations")
    public Map<String, Object> registrations(HttpServletRequest request) throws IOException {
        AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
        filter.refuseSignInFilters("registrations");
        return answer(filter, "rows", counts.registrations(filter));
    }

    @GetMapping("/api/analytics/sign-ins")
    public Map<String, Object> signIns(HttpServletRequest request) throws IOException {
        AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
        return answer(filter, "rows", counts.signIns(filter));
    }

    @GetMapping("/api/analytics/consents")
    public Map<String, Object> consents(HttpServletRequest request) throws IOException {
        AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
        filter.refuseSignInFilters("consents");
        return answer(filter, "rows", counts.consents(filter));
    }

    @GetMapping("/api/analytics/tokens")
    public Map<String, Object> tokens(HttpServletRequest request) throws IOException {
        AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
        filter.refuseSignInFilters("tokens");
        return answer(filter, "rows", counts.tokens(filter));
    }

    /** Cohorts registered in from..to, followed for {@code weeks} weeks (default 4, at most 26). */
    @GetMapping("/api/analytics/cohort-retention")
    public Map<String, Object> cohortRetention(HttpServletRequest request,
                                               @RequestParam(required = false) String weeks) throws IOException {
        int followed = CohortRetention.weeks(weeks);
        AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
        Map<String, Object> answer = answer(filter, "cohorts", cohorts.cohorts(filter, followed));
        answer.put("weeks", followed);
        return answer;
    }

    @ExceptionHandler(AnalyticsRequestException.class)
    ResponseEntity<Map<String, String>> invalid(AnalyticsRequestException e) {
        return ResponseEntity.badRequest().body(Map.of("error", "invalid_request", "error_description", e.getMessage()));
    }

    /** Elasticsearch down, timing out or refusing a query: not the caller's fault, and not a crash either. */
    @ExceptionHandler({IOException.class, ElasticsearchException.class, RuntimeException.class})
    ResponseEntity<Map<String, String>> unavailable(Exception e) {
        LOG.warn("analytics query failed", e);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(Map.of("error", "analytics_unavailable",
                "error_description", "the analytics store could not answer; try again later"));
    }

    private static Map<String, Object> answer(AnalyticsFilter filter, String name, Object rows) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("from", filter.from().toString());
        answer.put("to", filter.to().toString());
        answer.put("services", filter.services());
        answer.put("regions", filter.regions());
        answer.put("methods", filter.methods());
        answer.put(name, rows);
        return answer;
    }
}
