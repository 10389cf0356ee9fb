package io.kizuna.api.device;

import java.util.List;
import java.util.Optional;

/**
 * The verification page's view of device authorization requests (RFC 8628 §3.3): look a request up by
 * the user code the member typed, and record the member's decision.
 */
public interface DeviceAuthorizationService {

    /** The pending request for {@code userCode} (dashes and case ignored), if one is waiting for a decision. */
    Optional<PendingDevice> describe(String userCode);

    /** Records the decision of the member signed in with {@code sessionCookie}. */
    Decision decide(String userCode, String sessionCookie, boolean approved);

    /** {@code links}: the client's logo, policy and terms (OIDC DCR §2), when it registered them. */
    record PendingDevice(String userCode, String clientName, String siteUri, List<String> scopes,
                         io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks links) {
        public PendingDevice {
            links = links == null ? io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks.NONE : links;
        }

        public PendingDevice(String userCode, String clientName, String siteUri, List<String> scopes) {
            this(userCode, clientName, siteUri, scopes, null);
        }
    }

    enum Decision {
        APPROVED, DENIED, NOT_FOUND, NOT_SIGNED_IN
    }
}
