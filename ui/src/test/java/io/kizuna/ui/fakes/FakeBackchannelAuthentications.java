package io.kizuna.ui.fakes;

import io.kizuna.api.ciba.BackchannelAuthenticationService;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/** One pending backchannel request ({@link #REFERENCE}) for the fake session, and the decisions recorded. */
@Component
public class FakeBackchannelAuthentications implements BackchannelAuthenticationService {
    public static final String REFERENCE = "grant-1";
    public final List<String> decisions = new ArrayList<>();

    /** The client's logo, policy and terms (OIDC DCR §2); null: none registered. */
    public volatile io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks links;

    public void reset() {
        decisions.clear();
        links = null;
    }

    @Override
    public List<PendingRequest> pending(String sessionCookie) {
        if (!FakeSignInService.SESSION.equals(sessionCookie) || !decisions.isEmpty()) {
            return List.of();
        }
        return List.of(new PendingRequest(REFERENCE, "Example Bank", "https://bank.example.jp",
                List.of("openid", "email"), "KZ-4711", false, Instant.parse("2026-11-26T10:00:00Z"), links));
    }

    @Override
    public Decision decide(String reference, String sessionCookie, boolean approved) {
        if (!FakeSignInService.SESSION.equals(sessionCookie)) {
            return Decision.NOT_SIGNED_IN;
        }
        if (!REFERENCE.equals(reference) || !decisions.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        decisions.add(reference + ":" + (approved ? "approve" : "deny"));
        return approved ? Decision.APPROVED : Decision.DENIED;
    }
}
