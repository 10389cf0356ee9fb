package io.kizuna.protocol.oidc.ciba;

import java.time.Instant;
import java.util.List;

/**
 * How a backchannel authentication request reaches the member's authentication device (OpenID Connect
 * CIBA Core 1.0 §1: the OP "initiates an interactive authentication of the user" on a device the OP knows).
 * Every bean of this type is told of each new request after it is recorded; a push-notification service or
 * a mobile app's backend would be one. The device answers through {@link BackchannelAuthentications#decide}
 * with the member's session, which is what records the decision on the ledger.
 *
 * <p>The embedded default, {@link AccountPageDeviceChannel}, lists the requests on the member's account page
 * {@code /account/ciba}, which stands in for the device.
 */
public interface AuthenticationDeviceChannel {

    /** A new request for {@code request.memberId()}; must not block (a slow channel hands off to its own thread). */
    void reach(DeviceRequest request);

    /**
     * What a device needs to show: who asks, for what, the binding message the member compares with the
     * consumption device (§7.1), and until when. No auth_req_id: the device never needs it.
     */
    record DeviceRequest(String reference, String memberId, String clientId, String clientName, List<String> scopes,
                         String bindingMessage, List<String> acrValues, Instant expiresAt) {
    }
}
