package io.kizuna.ui.fakes;

import io.kizuna.api.device.DeviceAuthorizationService;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** One pending device request, user code {@code BCDF-GHJK}, and the decisions the page recorded. */
@Component
public class FakeDeviceAuthorizations implements DeviceAuthorizationService {
    public static final String USER_CODE = "BCDF-GHJK";
    public final List<String> decisions = new ArrayList<>();
    /** The client's logo, policy and terms (OIDC DCR §2); null: none registered. */
    public volatile io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks links;

    public void reset() {
        decisions.clear();
        links = null;
    }

    @Override
    public Optional<PendingDevice> describe(String userCode) {
        return USER_CODE.equalsIgnoreCase(userCode == null ? null : userCode.strip())
                ? Optional.of(new PendingDevice(USER_CODE, "Example TV", "https://tv.example.jp",
                        List.of("openid", "offline_access"), links))
                : Optional.empty();
    }

    @Override
    public Decision decide(String userCode, String sessionCookie, boolean approved) {
        if (!FakeSignInService.SESSION.equals(sessionCookie)) {
            return Decision.NOT_SIGNED_IN;
        }
        if (describe(userCode).isEmpty()) {
            return Decision.NOT_FOUND;
        }
        decisions.add(userCode + ":" + (approved ? "approve" : "deny"));
        return approved ? Decision.APPROVED : Decision.DENIED;
    }
}
