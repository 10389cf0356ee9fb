package io.kizuna.ledger.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kizuna.admin.AdminToken;
import io.kizuna.protocol.oauth2.error.OAuthException;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * History for auditors (admin token): paged events per member, client, time range or type; a JSON
 * Lines export whose every line carries what is needed to check it against the hash chain; and the
 * point-in-time question "what could this client access for this member at that instant".
 */
@RestController
public class AuditApi {
    private final AuditTrail trail;
    private final PointInTimeAccess access;
    private final AdminToken adminToken;
    private final ObjectMapper json;

    public AuditApi(AuditTrail trail, PointInTimeAccess access, AdminToken adminToken, ObjectMapper json) {
        this.trail = trail;
        this.access = access;
        this.adminToken = adminToken;
        this.json = json;
    }

    /** {@code GET /admin/api/audit/events?member=&client=&from=&to=&type=&after=&limit=} in ledger order. */
    @GetMapping("/admin/api/audit/events")
    public ResponseEntity<Map<String, Object>> events(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam(required = false) String member, @RequestParam(required = false) String client,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @RequestParam(required = false) String type, @RequestParam(defaultValue = "0") long after,
            @RequestParam(defaultValue = "100") int limit) {
        adminToken.require(authorization);
        List<AuditRecord> page = trail.page(filter(member, client, from, to, type), after, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("events", page);
        body.put("next_after", page.isEmpty() ? null : page.get(page.size() - 1).globalIndex());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** The same selection as JSON Lines (one event per line), streamed. */
    @GetMapping("/admin/api/audit/export")
    public void export(@RequestHeader(name = "Authorization", required = false) String authorization,
                       @RequestParam(required = false) String member, @RequestParam(required = false) String client,
                       @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                       @RequestParam(required = false) String type, HttpServletResponse response) throws IOException {
        adminToken.require(authorization);
        AuditFilter filter = filter(member, client, from, to, type);
        response.setContentType("application/x-ndjson");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        OutputStream out = response.getOutputStream();
        trail.stream(filter, 0, Long.MAX_VALUE, record -> {
            try {
                out.write(json.writeValueAsBytes(record));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    /** {@code GET /admin/api/audit/access?member=&client=&at=}: replayed from the ledger up to {@code at}. */
    @GetMapping("/admin/api/audit/access")
    public ResponseEntity<PointInTimeAccess.AccessReport> accessAt(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestParam String member, @RequestParam String client, @RequestParam String at) {
        adminToken.require(authorization);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(access.at(member, client, instant("at", at)));
    }

    private static AuditFilter filter(String member, String client, String from, String to, String type) {
        return new AuditFilter(blankToNull(member), blankToNull(client), from == null ? null : instant("from", from),
                to == null ? null : instant("to", to), blankToNull(type));
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw OAuthException.invalidRequest(name + " must be an ISO-8601 instant such as 2026-11-26T03:00:00Z");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
