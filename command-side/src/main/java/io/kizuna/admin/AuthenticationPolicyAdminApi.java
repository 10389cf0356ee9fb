package io.kizuna.admin;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.policy.ChangeAuthenticationPolicyCommand;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.policy.AuthenticationPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin API for the authentication policy (operator's admin token). {@code GET} answers the policy in force
 * and where it comes from ({@code configuration} until the first change, then {@code ledger});
 * {@code PUT} replaces the three editable settings as a whole — {@code trusted_networks} (CIDRs),
 * {@code otp_outside_trusted_networks}, {@code second_factor_clients} — recorded as {@code policy.changed}
 * by {@code operator}. A refused value is a 400 with {@code invalid_trusted_networks},
 * {@code invalid_second_factor_clients} or {@code invalid_request} and a description; nothing is recorded.
 */
@RestController
public class AuthenticationPolicyAdminApi {
    public static final String PATH = "/admin/api/policy";
    private final AuthenticationPolicy policy;
    private final LedgerCommands commands;
    private final AdminToken adminToken;

    public AuthenticationPolicyAdminApi(AuthenticationPolicy policy, LedgerCommands commands, AdminToken adminToken) {
        this.policy = policy;
        this.commands = commands;
        this.adminToken = adminToken;
    }

    @GetMapping(PATH)
    public ResponseEntity<Map<String, Object>> get(
            @RequestHeader(name = "Authorization", required = false) String authorization) {
        adminToken.require(authorization);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(describe(policy.effective()));
    }

    @PutMapping(path = PATH, consumes = "application/json")
    public ResponseEntity<Map<String, Object>> put(
            @RequestHeader(name = "Authorization", required = false) String authorization,
            @RequestBody(required = false) Map<String, Object> body) {
        adminToken.require(authorization);
        if (body == null) {
            throw new LedgerRejection("invalid_request", "a JSON object with the policy is required");
        }
        List<String> networks = strings(body, "trusted_networks");
        if (!(body.get("otp_outside_trusted_networks") instanceof Boolean otpOutside)) {
            throw new LedgerRejection("invalid_request", "otp_outside_trusted_networks must be true or false");
        }
        List<String> clients = strings(body, "second_factor_clients");
        commands.send(new ChangeAuthenticationPolicyCommand(networks, otpOutside, clients, "operator", "admin_api"));
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(describe(policy.effective()));
    }

    private static List<String> strings(Map<String, Object> body, String name) {
        if (!(body.get(name) instanceof List<?> values)) {
            throw new LedgerRejection("invalid_request", name + " must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object value : values) {
            if (!(value instanceof String s)) {
                throw new LedgerRejection("invalid_request", name + " must be an array of strings");
            }
            strings.add(s);
        }
        return strings;
    }

    private Map<String, Object> describe(AuthenticationPolicy.Effective effective) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trusted_networks", effective.trustedNetworks());
        m.put("otp_outside_trusted_networks", effective.otpOutsideTrustedNetworks());
        m.put("second_factor_clients", effective.secondFactorClients());
        m.put("source", effective.changed() == null ? "configuration" : "ledger");
        if (effective.changed() != null) {
            m.put("changed_by", effective.changed().changedBy());
            m.put("changed_via", effective.changed().changedVia());
            m.put("changed_at", effective.changed().changedAt().toString());
        }
        m.put("risk", Map.of("new_device", policy.risk().newDevice(),
                "recent_failures", policy.risk().recentFailures()));
        return m;
    }
}
