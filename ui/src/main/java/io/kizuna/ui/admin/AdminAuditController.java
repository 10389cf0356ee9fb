package io.kizuna.ui.admin;

import io.kizuna.api.admin.AdminConsole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * History for auditors, read from the ledger itself: per member, per client, per time range and per event
 * type, in ledger order and paged by global index; the JSON Lines export of the same selection; and the
 * point-in-time question "what could client X access on behalf of member Y at instant T".
 * Times are entered and shown in UTC.
 */
@Controller
public class AdminAuditController {
    static final int PAGE_SIZE = 50;

    private final AdminGuard guard;
    private final AdminConsole console;

    public AdminAuditController(AdminGuard guard, AdminConsole console) {
        this.guard = guard;
        this.console = console;
    }

    @GetMapping("/admin/audit")
    public ModelAndView audit(@RequestParam(defaultValue = "") String member,
                              @RequestParam(defaultValue = "") String client,
                              @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                              @RequestParam(defaultValue = "") String type, @RequestParam(defaultValue = "0") long after,
                              HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        Filter filter = new Filter(clip(member, 64), clip(client, 128), clip(from, 40), clip(to, 40), clip(type, 80));
        ModelAndView page = new ModelAndView("admin/audit");
        page.addObject("filter", filter);
        try {
            AdminConsole.AuditQuery query = filter.query(after, PAGE_SIZE);
            List<AdminConsole.AuditEntry> entries = console.audit(query);
            page.addObject("entries", entries);
            page.addObject("after", after);
            page.addObject("nextLink", entries.size() < PAGE_SIZE ? null
                    : "/admin/audit?" + filter.queryString() + "after=" + entries.get(entries.size() - 1).globalIndex());
            String selection = filter.queryString();
            page.addObject("exportLink", "/admin/audit/export" + (selection.isEmpty() ? ""
                    : "?" + selection.substring(0, selection.length() - 1)));
        } catch (BadTime e) {
            page.setStatus(HttpStatus.BAD_REQUEST);
            page.addObject("entries", List.of());
            page.addObject("errorField", e.field);
        }
        return page;
    }

    /** The same selection as JSON Lines, one ledger event with its seal per line (docs/auditing.md). */
    @GetMapping("/admin/audit/export")
    public ModelAndView export(@RequestParam(defaultValue = "") String member,
                               @RequestParam(defaultValue = "") String client,
                               @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to,
                               @RequestParam(defaultValue = "") String type,
                               HttpServletRequest request, HttpServletResponse response) throws IOException {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        Filter filter = new Filter(clip(member, 64), clip(client, 128), clip(from, 40), clip(to, 40), clip(type, 80));
        AdminConsole.AuditQuery query;
        try {
            query = filter.query(0, Integer.MAX_VALUE);
        } catch (BadTime e) {
            response.sendError(HttpStatus.BAD_REQUEST.value());
            return null;
        }
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"kizuna-audit.jsonl\"");
        console.exportAudit(query, response.getOutputStream());
        response.getOutputStream().flush();
        return null;
    }

    @GetMapping("/admin/audit/access")
    public ModelAndView access(@RequestParam(defaultValue = "") String member,
                               @RequestParam(defaultValue = "") String client,
                               @RequestParam(defaultValue = "") String at,
                               HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        ModelAndView page = new ModelAndView("admin/access");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("member", clip(member, 64));
        form.put("client", clip(client, 128));
        form.put("at", clip(at, 40));
        page.addObject("form", form);
        if (!form.get("member").isEmpty() && !form.get("client").isEmpty() && !form.get("at").isEmpty()) {
            try {
                page.addObject("report", console.accessAt(form.get("member"), form.get("client"),
                        instant("at", form.get("at"))));
            } catch (BadTime e) {
                page.setStatus(HttpStatus.BAD_REQUEST);
                page.addObject("errorField", "at");
            }
        }
        return page;
    }

    /** {@code 2026-11-26T03:00} (a datetime-local field, UTC) or an ISO-8601 instant. */
    static Instant instant(String field, String value) {
        try {
            return value.endsWith("Z") ? Instant.parse(value) : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new BadTime(field);
        }
    }

    private static String clip(String value, int max) {
        String v = value.strip();
        return v.length() > max ? v.substring(0, max) : v;
    }

    static final class BadTime extends RuntimeException {
        final String field;

        BadTime(String field) {
            super(field, null, false, false);
            this.field = field;
        }
    }

    /** The filter as typed; empty strings match everything. */
    public record Filter(String member, String client, String from, String to, String type) {
        AdminConsole.AuditQuery query(long after, int limit) {
            return new AdminConsole.AuditQuery(member, client, from.isEmpty() ? null : instant("from", from),
                    to.isEmpty() ? null : instant("to", to), type, after, limit);
        }

        String queryString() {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("member", member);
            params.put("client", client);
            params.put("from", from);
            params.put("to", to);
            params.put("type", type);
            return params.entrySet().stream().filter(e -> !e.getValue().isEmpty())
                    .map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(), java.nio.charset.StandardCharsets.UTF_8) + "&")
                    .collect(Collectors.joining());
        }
    }
}
