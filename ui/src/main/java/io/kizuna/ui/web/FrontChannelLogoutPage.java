package io.kizuna.ui.web;

import io.kizuna.api.session.FrontChannelLogoutFrame;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page that confirms a sign-out, with the OpenID Connect Front-Channel Logout 1.0 §4 frames: one hidden
 * {@code <iframe>} per Relying Party of the ended session that registered a {@code frontchannel_logout_uri}.
 * The page's Content-Security-Policy gets a {@code frame-src} naming exactly those frames' origins (never a
 * wildcard, never {@code 'self'}), on top of whatever policy the page already had; nothing else is loosened.
 * With a {@code continueTo} (RP-Initiated Logout's {@code post_logout_redirect_uri}) the page carries a visible
 * "continue" link, and {@code /js/frontchannel-logout.js} follows it once every frame has loaded (the
 * window's {@code load} event waits for them) or after a timeout — no inline script is needed.
 */
public final class FrontChannelLogoutPage {
    public static final String VIEW = "logout/done";
    /** How long the page waits for the frames before it continues anyway. */
    public static final int TIMEOUT_MILLIS = 5000;

    private FrontChannelLogoutPage() {
    }

    /**
     * The "signed out" page with the frames, or null when there is no frame to render (the caller then
     * answers as it did before front-channel logout, e.g. with a redirect).
     */
    public static ModelAndView of(List<FrontChannelLogoutFrame> frames, String continueTo,
                                  HttpServletResponse response) {
        List<FrontChannelLogoutFrame> usable = frames == null ? List.of()
                : frames.stream().filter(f -> SecurityHeadersFilter.isOrigin(f.origin())).toList();
        if (usable.isEmpty()) {
            return null;
        }
        String current = response.getHeader(SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
        response.setHeader(SecurityHeadersFilter.CONTENT_SECURITY_POLICY, policy(
                current == null ? SecurityHeadersFilter.CSP : current, usable));
        ModelAndView page = new ModelAndView(VIEW, HttpStatus.OK);
        page.addObject("stayed", false);
        page.addObject("frames", usable);
        page.addObject("continueTo", continueTo);
        page.addObject("continueTimeout", TIMEOUT_MILLIS);
        return page;
    }

    /** {@code base} plus {@code frame-src} with the frames' distinct origins. */
    static String policy(String base, List<FrontChannelLogoutFrame> frames) {
        return base + "; frame-src " + String.join(" ",
                frames.stream().map(FrontChannelLogoutFrame::origin).distinct().sorted().toList());
    }
}
