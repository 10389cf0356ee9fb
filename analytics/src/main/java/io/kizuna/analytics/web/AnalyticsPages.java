package io.kizuna.analytics.web;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.kizuna.analytics.query.ActiveMembers;
import io.kizuna.analytics.query.AnalyticsFilter;
import io.kizuna.analytics.query.AnalyticsRequestException;
import io.kizuna.analytics.query.CohortRetention;
import io.kizuna.analytics.query.ServiceAcquisition;
import io.kizuna.analytics.query.ServiceCounts;
import io.kizuna.analytics.query.ServiceOverlap;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The analytics pages for the service sites' marketers: the same questions as {@code /api/analytics},
 * as charts (server-drawn inline SVG) each followed by the table of its figures, in Japanese and
 * English, with the filters service, date range, region and authentication method in a plain GET form
 * (so every view is a link that can be shared). Read-only; access per {@link AnalyticsPageAccess}.
 * Templates use the ui module's page fragments and language switch; texts are in
 * {@code i18n/analytics_messages*.properties}.
 */
@Controller
@RequestMapping("/analytics")
public class AnalyticsPages {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsPages.class);
    private final ActiveMembers active;
    private final ServiceOverlap overlap;
    private final ServiceCounts counts;
    private final CohortRetention cohorts;
    private final ServiceAcquisition acquisition;
    private final AnalyticsPageAccess access;

    public AnalyticsPages(ActiveMembers active, ServiceOverlap overlap, ServiceCounts counts, CohortRetention cohorts,
                          ServiceAcquisition acquisition, AnalyticsPageAccess access) {
        this.active = active;
        this.overlap = overlap;
        this.counts = counts;
        this.cohorts = cohorts;
        this.acquisition = acquisition;
        this.access = access;
    }

    /** What the filter form was sent, echoed back into its fields as typed. */
    public record Form(String from, String to, String service, String region, String method, String interval,
                       String weeks) {
    }

    /** Links to this page in each language, keeping the filters (ui's header fragment reads them). */
    public record PageLinks(String self, String ja, String en) {
    }

    @FunctionalInterface
    private interface Question {
        void answer(AnalyticsFilter filter, Model model) throws IOException;
    }

    @ModelAttribute
    void common(HttpServletRequest request, HttpServletResponse response, Model model,
                @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                @RequestParam(required = false) String service, @RequestParam(required = false) String region,
                @RequestParam(required = false) String method, @RequestParam(required = false) String interval,
                @RequestParam(required = false) String weeks) {
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("form", new Form(from, to, service, region, method, interval, weeks));
        model.addAttribute("pageLinks", links(request));
        model.addAttribute("query", request.getQueryString() == null ? "" : withoutLang(request.getQueryString()));
        model.addAttribute("signOut", access.required());
    }

    @GetMapping
    String index() {
        return "analytics/index";
    }

    @GetMapping("/active-members")
    String activeMembers(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page("analytics/active-members", request, response, model, (filter, m) -> {
            ActiveMembers.Interval interval = ActiveMembers.Interval.parse(request.getParameter("interval"));
            List<ActiveMembers.Row> rows = active.activeMembers(filter, interval);
            List<ActiveMembers.Stickiness> stickiness = active.stickiness(filter);
            m.addAttribute("interval", interval.name().toLowerCase(java.util.Locale.ROOT));
            m.addAttribute("rows", rows);
            m.addAttribute("stickiness", stickiness);
            List<String> periods = new ArrayList<>(new TreeSet<>(rows.stream().map(r -> r.period().toString()).toList()));
            List<String> services = new ArrayList<>(new TreeSet<>(rows.stream().map(ActiveMembers.Row::service).toList()));
            double[][] values = new double[periods.size()][services.size()];
            for (ActiveMembers.Row r : rows) {
                values[periods.indexOf(r.period().toString())][services.indexOf(r.service())] = r.activeMembers();
            }
            m.addAttribute("chart", BarChart.of("active-chart", periods, services, values));
            m.addAttribute("stickinessChart", BarChart.ofKeys("stickiness-chart",
                    stickiness.stream().map(ActiveMembers.Stickiness::service).toList(),
                    List.of("analytics.stickiness.percent"),
                    stickiness.stream().map(s -> new double[] {s.stickiness() * 100}).toArray(double[][]::new)));
        });
    }

    @GetMapping("/overlap")
    String overlap(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page("analytics/overlap", request, response, model, (filter, m) -> {
            int n = filter.services().size();
            m.addAttribute("overlapNeedsServices", n < 2 || n > 6);
            if (n >= 2 && n <= 6) {
                ServiceOverlap.Overlap result = overlap.overlap(filter);
                m.addAttribute("overlap", result);
                m.addAttribute("overlapChart", BarChart.ofKeys("overlap-chart",
                        result.combinations().stream().map(c -> String.join(" + ", c.services())).toList(),
                        List.of("analytics.overlap.members"),
                        result.combinations().stream().map(c -> new double[] {c.members()}).toArray(double[][]::new)));
            }
            m.addAttribute("acquisitionRefused", filter.narrowsToSignIns());
            if (!filter.narrowsToSignIns()) {
                List<ServiceAcquisition.Row> rows = acquisition.acquisition(filter);
                m.addAttribute("acquisition", rows);
                List<String> targets = new ArrayList<>(new TreeSet<>(rows.stream().map(ServiceAcquisition.Row::service).toList()));
                List<String> origins = new ArrayList<>(new TreeSet<>(rows.stream().map(ServiceAcquisition.Row::cameFrom).toList()));
                double[][] values = new double[targets.size()][origins.size()];
                rows.forEach(r -> values[targets.indexOf(r.service())][origins.indexOf(r.cameFrom())] = r.members());
                m.addAttribute("acquisitionChart", BarChart.of("acquisition-chart", targets, origins, values));
            }
        });
    }

    @GetMapping("/registrations")
    String registrations(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page("analytics/registrations", request, response, model, (filter, m) -> {
            filter.refuseSignInFilters("registrations");
            List<ServiceCounts.Registrations> rows = counts.registrations(filter);
            m.addAttribute("rows", rows);
            m.addAttribute("chart", BarChart.ofKeys("registrations-chart",
                    rows.stream().map(ServiceCounts.Registrations::service).toList(),
                    List.of("analytics.registrations.count"),
                    rows.stream().map(r -> new double[] {r.registrations()}).toArray(double[][]::new)));
        });
    }

    @GetMapping("/sign-ins")
    String signIns(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page("analytics/sign-ins", request, response, model, (filter, m) -> {
            List<ServiceCounts.SignIns> rows = counts.signIns(filter);
            m.addAttribute("rows", rows);
            m.addAttribute("chart", BarChart.ofKeys("sign-ins-chart",
                    rows.stream().map(ServiceCounts.SignIns::service).toList(),
                    List.of("analytics.signIns.succeeded", "analytics.signIns.failed", "analytics.signIns.multiFactor"),
                    rows.stream().map(r -> new double[] {r.succeeded(), r.failed(), r.multiFactor()})
                            .toArray(double[][]::new)));
        });
    }

    @GetMapping("/consents")
    String consents(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page("analytics/consents", request, response, model, (filter, m) -> {
            filter.refuseSignInFilters("consents");
            List<ServiceCounts.Consents> rows = counts.consents(filter);
            m.addAttribute("rows", rows);
            m.addAttribute("chart", BarChart.ofKeys("consents-chart",
                    rows.stream().map(ServiceCounts.Consents::clientId).toList(),
                    List.of("analytics.consents.granted", "analytics.consents.members"),
                    rows.stream().map(r -> new double[] {r.consents(), r.members()}).toArray(double[][]::new)));
        });
    }

    @GetMapping("/tokens")
    String tokens(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page("analytics/tokens", request, response, model, (filter, m) -> {
            filter.refuseSignInFilters("tokens");
            List<ServiceCounts.Tokens> rows = counts.tokens(filter);
            m.addAttribute("rows", rows);
            LinkedHashSet<String> grants = new LinkedHashSet<>();
            rows.forEach(r -> grants.addAll(new TreeSet<>(r.byGrantType().keySet())));
            List<String> grantTypes = new ArrayList<>(new TreeSet<>(grants));
            m.addAttribute("grantTypes", grantTypes);
            double[][] values = new double[rows.size()][grantTypes.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int g = 0; g < grantTypes.size(); g++) {
                    values[i][g] = rows.get(i).byGrantType().getOrDefault(grantTypes.get(g), 0L);
                }
            }
            m.addAttribute("chart", BarChart.of("tokens-chart",
                    rows.stream().map(ServiceCounts.Tokens::clientId).toList(), grantTypes, values));
        });
    }

    @GetMapping("/cohorts")
    String cohorts(HttpServletRequest request, HttpServletResponse response, Model model) {
        return page("analytics/cohorts", request, response, model, (filter, m) -> {
            int weeks = CohortRetention.weeks(request.getParameter("weeks"));
            List<CohortRetention.Cohort> rows = cohorts.cohorts(filter, weeks);
            m.addAttribute("cohorts", rows);
            m.addAttribute("weeks", weeks);
            List<String> ks = new ArrayList<>();
            for (int k = 0; k <= weeks; k++) {
                ks.add("+" + k);
            }
            double[][] values = new double[weeks + 1][rows.size()];
            for (int c = 0; c < rows.size(); c++) {
                for (int k = 0; k <= weeks; k++) {
                    values[k][c] = rows.get(c).rates().get(k) * 100;
                }
            }
            m.addAttribute("chart", BarChart.of("cohorts-chart", ks,
                    rows.stream().map(r -> r.week().toString()).toList(), values));
        });
    }

    @GetMapping("/sign-in")
    String signInForm(Model model) {
        model.addAttribute("failed", false);
        return "analytics/sign-in";
    }

    /**
     * The token form. Cross-site posts are refused (Fetch Metadata, then Origin), so another site cannot
     * sign a browser in with a token of its choosing; the cookie itself is SameSite=Strict.
     */
    @PostMapping("/sign-in")
    String signIn(HttpServletRequest request, HttpServletResponse response, Model model,
                  @RequestParam(required = false) String token) {
        if (!sameOrigin(request)) {
            response.setStatus(403);
            model.addAttribute("failed", true);
            return "analytics/sign-in";
        }
        if (!access.required() || access.signIn(token, response)) {
            return "redirect:/analytics";
        }
        response.setStatus(401);
        model.addAttribute("failed", true);
        return "analytics/sign-in";
    }

    @PostMapping("/sign-out")
    String signOut(HttpServletRequest request, HttpServletResponse response) {
        if (sameOrigin(request)) {
            access.signOut(response);
        }
        return "redirect:/analytics/sign-in";
    }

    private String page(String view, HttpServletRequest request, HttpServletResponse response, Model model,
                        Question question) {
        try {
            AnalyticsFilter filter = AnalyticsFilter.parse(request::getParameterValues);
            model.addAttribute("filter", filter);
            question.answer(filter, model);
            model.addAttribute("answered", true);
        } catch (AnalyticsRequestException e) {
            response.setStatus(400);
            model.addAttribute("invalid", e.getMessage());
        } catch (IOException | ElasticsearchException | IllegalStateException e) {
            LOG.warn("analytics page query failed", e);
            response.setStatus(503);
            model.addAttribute("unavailable", true);
        }
        return view;
    }

    static boolean sameOrigin(HttpServletRequest request) {
        String site = request.getHeader("Sec-Fetch-Site");
        if (site != null) {
            return site.equals("same-origin") || site.equals("none");
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return true; // neither header: not a browser making a cross-site request
        }
        try {
            URI o = URI.create(origin);
            int port = o.getPort() == -1 ? ("https".equals(o.getScheme()) ? 443 : 80) : o.getPort();
            return o.getHost() != null && o.getHost().equalsIgnoreCase(request.getServerName())
                    && port == request.getServerPort();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static PageLinks links(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String query = request.getQueryString() == null ? "" : withoutLang(request.getQueryString());
        String self = query.isEmpty() ? path : path + "?" + query;
        String sep = query.isEmpty() ? "?" : "&";
        return new PageLinks(self, self + sep + "lang=ja", self + sep + "lang=en");
    }

    /** The raw query without {@code lang}, order and encoding kept. */
    static String withoutLang(String query) {
        Map<String, Boolean> kept = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty() && !pair.equals("lang") && !pair.startsWith("lang=")) {
                kept.put(pair, true);
            }
        }
        return String.join("&", kept.keySet());
    }
}
