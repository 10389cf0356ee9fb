package io.kizuna.ui.admin;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.admin.AdminConsole;
import io.kizuna.ui.web.Redirects;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * Members: find one by exact e-mail (the keyed login hash; e-mails are stored sealed) or member id, see
 * the decrypted profile (administrators only), lock and unlock sign-in, remove the authenticator, forget.
 */
@Controller
public class AdminMembersController {
    private static final Set<String> DONE = Set.of("locked", "unlocked", "mfa_reset", "forgotten");

    private final AdminGuard guard;
    private final AdminConsole console;

    public AdminMembersController(AdminGuard guard, AdminConsole console) {
        this.guard = guard;
        this.console = console;
    }

    @GetMapping("/admin/members")
    public ModelAndView search(@RequestParam(required = false) String q, HttpServletRequest request,
                               HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        String query = q == null ? "" : q.strip();
        if (!query.isEmpty()) {
            Optional<AdminConsole.MemberView> member = console.findMember(query);
            if (member.isPresent()) {
                return Redirects.toPage("/admin/members/" + member.get().memberId());
            }
        }
        ModelAndView page = new ModelAndView("admin/members", query.isEmpty() ? HttpStatus.OK : HttpStatus.NOT_FOUND);
        page.addObject("q", query.length() > 320 ? query.substring(0, 320) : query);
        page.addObject("notFound", !query.isEmpty());
        return page;
    }

    @GetMapping("/admin/members/{memberId}")
    public ModelAndView view(@PathVariable String memberId, @RequestParam(required = false) String done,
                             HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        return page(memberId, done != null && DONE.contains(done) ? done : null, null, HttpStatus.OK);
    }

    @PostMapping("/admin/members/{memberId}/lock")
    public ModelAndView lock(@PathVariable String memberId, HttpServletRequest request, HttpServletResponse response) {
        return act(memberId, "locked", request, response, admin -> console.suspendMember(memberId, admin));
    }

    @PostMapping("/admin/members/{memberId}/unlock")
    public ModelAndView unlock(@PathVariable String memberId, HttpServletRequest request,
                               HttpServletResponse response) {
        return act(memberId, "unlocked", request, response, admin -> console.unsuspendMember(memberId, admin));
    }

    @PostMapping("/admin/members/{memberId}/reset-mfa")
    public ModelAndView resetMfa(@PathVariable String memberId, HttpServletRequest request,
                                 HttpServletResponse response) {
        return act(memberId, "mfa_reset", request, response, admin -> console.resetSecondFactor(memberId, admin));
    }

    /** Crypto-shredding cannot be undone: the administrator must type the member id again. */
    @PostMapping("/admin/members/{memberId}/forget")
    public ModelAndView forget(@PathVariable String memberId, @RequestParam(defaultValue = "") String confirm,
                               HttpServletRequest request, HttpServletResponse response) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        if (!memberId.equals(confirm.strip())) {
            return page(memberId, null, "admin.members.forget.confirm_mismatch", HttpStatus.BAD_REQUEST);
        }
        return act(memberId, "forgotten", request, response, admin -> console.forgetMember(memberId, admin));
    }

    private ModelAndView act(String memberId, String done, HttpServletRequest request, HttpServletResponse response,
                             java.util.function.Consumer<String> action) {
        AdminGuard.Check check = guard.check(request, response);
        if (check.refused()) {
            return check.refusal();
        }
        try {
            action.accept(check.admin());
        } catch (LedgerRejection e) {
            if ("member_not_found".equals(e.code())) {
                return new ModelAndView("admin/not-found", HttpStatus.NOT_FOUND);
            }
            ModelAndView page = page(memberId, null, null, HttpStatus.BAD_REQUEST);
            page.addObject("rejection", e.description());
            return page;
        }
        return Redirects.toPage("/admin/members/" + memberId + "?done=" + done);
    }

    private ModelAndView page(String memberId, String done, String errorKey, HttpStatus status) {
        Optional<AdminConsole.MemberView> member = memberId.length() > 64 ? Optional.empty()
                : console.findMember(memberId).filter(m -> m.memberId().equals(memberId));
        if (member.isEmpty()) {
            return new ModelAndView("admin/not-found", HttpStatus.NOT_FOUND);
        }
        ModelAndView page = new ModelAndView("admin/member", status);
        page.addObject("member", member.get());
        page.addObject("done", done);
        page.addObject("errorKey", errorKey);
        return page;
    }
}
