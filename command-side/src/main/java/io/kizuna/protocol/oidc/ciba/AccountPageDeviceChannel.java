package io.kizuna.protocol.oidc.ciba;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The embedded authentication device: nothing to send, because the signed-in member's account page
 * ({@code /account/ciba}) reads the pending requests itself. Logs ids only, never the binding message.
 */
@Component
public class AccountPageDeviceChannel implements AuthenticationDeviceChannel {
    private static final Logger LOG = LoggerFactory.getLogger(AccountPageDeviceChannel.class);

    @Override
    public void reach(DeviceRequest request) {
        LOG.debug("backchannel authentication request {} for member {} is waiting on the account page",
                request.reference(), request.memberId());
    }
}
