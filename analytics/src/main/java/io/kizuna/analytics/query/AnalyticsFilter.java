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
public record AnalyticsFilter(LocalDate from, LocalDate to, List<String> services, List<String> regions,
                              List<String> methods) {
    static final int MAX_DAYS = 366;
    static final int MAX_SERVICES = 50;
    private static final Pattern SERVICE = Pattern.compile("[\\x21-\\x2b\\x2d-\\x7e]{1,200}");
    /** ISO 3166-1 alpha-2 or ISO 3166-2 codes, as {@code kizuna.regions} records them. */
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,3})?");
    /** RFC 8176 §2 values are short ASCII tokens ({@code pwd}, {@code otp}, {@code hwk}, {@code mfa}). */
    private static final Pattern METHOD = Pattern.compile("[a-z]{2,10}");

    public AnalyticsFilter {
        services = List.copyOf(services);
        regions = List.copyOf(regions);
        methods = List.copyOf(methods);
    }

    public AnalyticsFilter(LocalDate from, LocalDate to, List<String> services) {
        this(from, to, services, List.of(), List.of());
    }

    /**
     * With {@code region} (sign-ins placed in one of these regions) and {@code method} (sign-ins whose
     * RFC 8176 {@code amr} contains one of these values). Both narrow the question to sign-in events,
     * the only events carrying them.
     */
    public static AnalyticsFilter parse(String from, String to, List<String> service, List<String> region,
                                        List<String> method) {
        AnalyticsFilter dates = parse(from, to, service);
        List<String> regions = values(region, REGION, "region must be ISO 3166 codes such as JP or JP-13");
        List<String> methods = values(method, METHOD, "method must be RFC 8176 amr values such as pwd or otp");
        return new AnalyticsFilter(dates.from(), dates.to(), dates.services(), regions, methods);
    }

    /**
     * The filter a request's parameters describe ({@code from}, {@code to}, {@code service}, {@code region},
     * {@code method}), read the same way by the API and the pages: e.g. {@code request::getParameterValues}.
     */
    public static AnalyticsFilter parse(java.util.function.Function<String, String[]> parameters) {
        return parse(first(parameters.apply("from")), first(parameters.apply("to")), all(parameters.apply("service")),
                all(parameters.apply("region")), all(parameters.apply("method")));
    }

    private static String first(String[] values) {
        return values == null || values.length == 0 ? null : values[0];
    }

    private static List<String> all(String[] values) {
        return values == null ? List.of() : List.of(values);
    }

    /** Whether a region or method narrows the question to sign-in events. */
    public boolean narrowsToSignIns() {
        return !regions.isEmpty() || !methods.isEmpty();
    }

    /** The same filter over other days (cohorts follow their members beyond the range). */
    AnalyticsFilter between(LocalDate start, LocalDate end) {
        return new AnalyticsFilter(start, end, services, regions, methods);
    }

    /** For questions whose events carry neither region nor amr: refused rather than answered wrongly. */
    public void refuseSignInFilters(String question) {
        if (narrowsToSignIns()) {
            throw new AnalyticsRequestException("region and method filter sign-in events; " + question
                    + " is about events that carry neither");
        }
    }

    private static List<String> values(List<String> raw, Pattern pattern, String rule) {
        LinkedHashSet<String> values = new LinkedHashSet<>();
        if (raw != null) {
            for (String value : raw) {
                for (String s : value.split(",")) {
                    String trimmed = s.trim();
                    if (trimmed.isEmpty()) {
                        continue;
                    }
                    if (!pattern.matcher(trimmed).matches()) {
                        throw new AnalyticsRequestException(rule);
                    }
                    values.add(trimmed);
                }
            }
        }
        if (values.size() > MAX_SERVICES) {
            throw new AnalyticsRequestException(rule);
        }
        return new ArrayList<>(values);
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
