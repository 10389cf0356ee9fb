package io.kizuna.ui.admin;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.admin.AdminConsole;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Signing keys (the {@code SigningKey} ledger aggregate): every key with its state, rotation per algorithm
 * (the old key stays in the JWKS for the overlap, OIDC Core §10.1.1) and retirement of a key that no
 * longer signs. Private keys are never shown.
 */
@Controller
public class AdminSigningKeysController {
    static final List<String> ALGORITHMS = List.of("ES256", "PS256", "RS256", "EdDSA");

    private final AdminGuard guard;
    private final AdminConsole console;

    public AdminSigningKeysController(AdminGuard guard, AdminConsole console) {
        this.guard = guard;
        this.console = console;
    }

    @GetMapping("/admin/keys")
    public ModelAndView list(HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        return page(null, null, HttpStatus.OK);
    }

    @PostMapping("/admin/keys/rotate")
    public ModelAndView rotate(@RequestParam(defaultValue = "") String alg, HttpServletRequest request,
                               HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        if (!ALGORITHMS.contains(alg)) {
            return page(null, "admin.keys.error.alg", HttpStatus.BAD_REQUEST);
        }
        try {
            AdminConsole.SigningKeyView key = console.rotateSigningKey(alg, check.admin());
            return page(new Done("admin.keys.rotated", key.kid()), null, HttpStatus.OK);
        } catch (LedgerRejection e) {
            return page(null, "admin.keys.error.refused", HttpStatus.BAD_REQUEST);
        }
    }

    @PostMapping("/admin/keys/{kid}/retire")
    public ModelAndView retire(@PathVariable String kid, HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        try {
            AdminConsole.SigningKeyView key = console.retireSigningKey(kid, check.admin());
            return page(new Done("admin.keys.retired", key.kid()), null, HttpStatus.OK);
        } catch (LedgerRejection e) {
            return page(null, "admin.keys.error.retireActive", HttpStatus.BAD_REQUEST);
        }
    }

    private ModelAndView page(Done done, String errorKey, HttpStatus status) {
        ModelAndView page = new ModelAndView("admin/keys");
        page.addObject("keys", console.signingKeys());
        page.addObject("algorithms", ALGORITHMS);
        page.addObject("done", done);
        page.addObject("errorKey", errorKey);
        page.setStatus(status);
        return page;
    }

    /** What the last action did: a message key and the key id it concerned. */
    public record Done(String messageKey, String kid) {
    }
}
