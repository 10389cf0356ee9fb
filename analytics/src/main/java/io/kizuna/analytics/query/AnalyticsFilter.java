package io.kizuna.analytics.query;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every analytics question is asked for: UTC days {@code from}..{@code to} inclusive and,
 * optionally, the services (client ids) to look at. Parsed here once so that every endpoint refuses
 * the same mistakes with the same {@code invalid_request} descriptions.
 */
public record AnalyticsFilter(LocalDate from, LocalDate to, List<String> services) {
    static final int MAX_DAYS = 366;
    static final int MAX_SERVICES = 50;
    private static final Pattern SERVICE = Pattern.compile("[\\x21-\\x2b\\x2d-\\x7e]{1,200}");

    public AnalyticsFilter {
        services = List.copyOf(services);
    }

    /** Defaults: {@code to} = today (UTC), {@code from} = 29 days earlier (30 days), all services. */
    public static AnalyticsFilter parse(String from, String to, List<String> service) {
        LocalDate end;
        LocalDate start;
        try {
            end = to == null || to.isBlank() ? LocalDate.now(ZoneOffset.UTC) : LocalDate.parse(to);
            start = from == null || from.isBlank() ? end.minusDays(29) : LocalDate.parse(from);
        } catch (DateTimeParseException e) {
            throw new AnalyticsRequestException("from and to must be ISO dates (yyyy-MM-dd)");
        }
        if (start.isAfter(end) || start.plusDays(MAX_DAYS).isBefore(end)) {
            throw new AnalyticsRequestException(
                    "from must not be after to, and the range is at most " + MAX_DAYS + " days");
        }
        return new AnalyticsFilter(start, end, services(service));
    }

    /** {@code service=a,b} and {@code service=a&service=b} are the same; blanks are ignored. */
    static List<String> services(List<String> values) {
        LinkedHashSet<String> services = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                for (String s : value.split(",")) {
                    String trimmed = s.trim();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    if (!SERVICE.matcher(trimmed).matches()) {
                        throw new AnalyticsRequestException("service must be client ids of 1-200 printable ASCII characters");
                    }
                    services.add(trimmed);
                }
            }
        }
        if (services.size() > MAX_SERVICES) {
            throw new AnalyticsRequestException("at most " + MAX_SERVICES + " services per request");
        }
        return new ArrayList<>(services);
    }

    /** Days in the range, both ends included. */
    long days() {
        return to.toEpochDay() - from.toEpochDay() + 1;
    }

    String startInclusive() {
        return from.atStartOfDay().toInstant(ZoneOffset.UTC).toString();
    }

    String endExclusive() {
        return to.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).toString();
    }
}
