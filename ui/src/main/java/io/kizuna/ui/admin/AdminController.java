package io.kizuna.ui.admin;

import io.kizuna.api.admin.AdminConsole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The admin console's home, the effective authentication policy (configuration, shown read-only) and the
 * ledger's tamper check. Signing keys are managed elsewhere and get their own entry later.
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
    public ModelAndView policy(HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        ModelAndView page = new ModelAndView("admin/policy");
        page.addObject("policy", console.policy(request.getRemoteAddr()));
        return page;
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
