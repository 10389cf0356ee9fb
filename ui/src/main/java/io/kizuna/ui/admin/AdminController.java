package io.kizuna.ui.admin;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.admin.AdminConsole;
import io.kizuna.ui.web.Redirects;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestParam;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The admin console's home, the effective authentication policy (configured until an administrator changes
 * it here, then recorded in the ledger) and the ledger's tamper check. Signing keys are managed elsewhere and get their own entry later.
 */
@Controller
public class AdminController {
    private final AdminGuard guard;
    private final AdminConsole console;

    public AdminController(AdminGuard guard, AdminConsole console) {
        this.guard = guard;
        this.console = console;
    }

    @GetMapping("/admin")
    public ModelAndView home(HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        return new ModelAndView("admin/home");
    }

    @GetMapping("/admin/policy")
    public ModelAndView policy(@RequestParam(required = false) String saved, HttpServletRequest request,
                               HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        AdminConsole.PolicyView policy = console.policy(request.getRemoteAddr());
        ModelAndView page = new ModelAndView("admin/policy");
        page.addObject("policy", policy);
        page.addObject("form", PolicyForm.of(policy));
        page.addObject("saved", saved != null);
        return page;
    }

    /**
     * Records a new policy ({@code policy.changed}, with the administrator's member id). Networks and
     * clients are one per line (commas and spaces also separate); a refusal re-shows the form as typed with
     * the reason next to the field it concerns.
     */
    @PostMapping("/admin/policy")
    public ModelAndView changePolicy(@RequestParam(name = "trusted_networks", defaultValue = "") String networks,
                                     @RequestParam(name = "otp_outside_trusted_networks", required = false) String otpOutside,
                                     @RequestParam(name = "second_factor_clients", defaultValue = "") String clients,
                                     HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        PolicyForm typed = new PolicyForm(networks, otpOutside != null, clients);
        try {
            console.changePolicy(new AdminConsole.PolicyChange(lines(networks), typed.otpOutsideTrustedNetworks(),
                    lines(clients)), check.admin());
            return Redirects.toPage("/admin/policy?saved");
        } catch (LedgerRejection e) {
            ModelAndView page = new ModelAndView("admin/policy");
            page.setStatus(HttpStatus.BAD_REQUEST);
            page.addObject("policy", console.policy(request.getRemoteAddr()));
            page.addObject("form", typed);
            page.addObject("saved", false);
            String field = switch (e.code()) {
                case "invalid_trusted_networks" -> "networksError";
                case "invalid_second_factor_clients" -> "clientsError";
                default -> "policyError";
            };
            page.addObject(field, e.description());
            return page;
        }
    }

    private static List<String> lines(String text) {
        return Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** The form as shown: lists one entry per line. */
    public record PolicyForm(String trustedNetworks, boolean otpOutsideTrustedNetworks, String secondFactorClients) {
        static PolicyForm of(AdminConsole.PolicyView policy) {
            return new PolicyForm(String.join("\n", policy.trustedNetworks()), policy.otpOutsideTrustedNetworks(),
                    String.join("\n", policy.secondFactorClients()));
        }
    }

    @GetMapping("/admin/ledger")
    public ModelAndView ledger(HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        return new ModelAndView("admin/ledger");
    }

    /** Walks the whole hash chain (docs/auditing.md) and shows the report. */
    @PostMapping("/admin/ledger/verify")
    public ModelAndView verify(HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        ModelAndView page = new ModelAndView("admin/ledger");
        page.addObject("report", console.verifyLedger());
        return page;
    }
}
