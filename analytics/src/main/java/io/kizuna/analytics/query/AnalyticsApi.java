package io.kizuna.analytics.query;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Analytics API, read from Elasticsearch only: nothing on the sign-in path depends on it. */
@RestController
public class AnalyticsApi {
    private static final int MAX_DAYS = 366;
    private final LoginAnalytics logins;

    public AnalyticsApi(LoginAnalytics logins) {
        this.logins = logins;
    }

    /** {@code GET /api/analytics/logins-per-client-per-day?from=2026-11-01&to=2026-11-26} (UTC days, inclusive). */
    @GetMapping("/api/analytics/logins-per-client-per-day")
    public ResponseEntity<?> loginsPerClientPerDay(@RequestParam(required = false) String from,
                                                   @RequestParam(required = false) String to) throws IOException {
        LocalDate end;
        LocalDate start;
        try {
            end = to == null ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(to);
            start = from == null ? end.minusDays(29) : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
                    "error_description", "from and to must be ISO dates (yyyy-MM-dd)"));
        }
        if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            return ResponseEntity.badRequest().body(Map.of("error", "invalid_request",
                    "error_description", "from must not be after to, and the range is at most " + MAX_DAYS + " days"));
        }
        List<LoginAnalytics.DailyLogins> rows = logins.loginsPerClientPerDay(start, end);
        return ResponseEntity.ok(Map.of("from", start.toString(), "to", end.toString(), "rows", rows));
    }
}
