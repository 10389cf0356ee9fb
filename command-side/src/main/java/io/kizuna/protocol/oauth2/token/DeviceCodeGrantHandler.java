package io.kizuna.protocol.oauth2.token;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RedeemDeviceCodeCommand;
import io.kizuna.client.RegisteredClient;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.DeviceCodes;
import io.kizuna.grant.Grant;
import io.kizuna.grant.TokenSet;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.error.OAuthException;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * RFC 8628 §3.4–3.5: the device polls with its device code. Pacing is checked here ({@code slow_down},
 * with the interval growing by 5 s), after expiry so that a device polling too fast still learns that
 * its code is dead; the {@link Grant} decides the rest ({@code authorization_pending},
 * {@code access_denied}, {@code expired_token}, tokens once).
 */
@Component
public class DeviceCodeGrantHandler implements TokenGrantHandler {
    private final DeviceCodes deviceCodes;
    private final LedgerCommands commands;
    private final Clock clock;

    public DeviceCodeGrantHandler(DeviceCodes deviceCodes, LedgerCommands commands, Clock clock) {
        this.deviceCodes = deviceCodes;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public String grantType() {
        return Grant.DEVICE_CODE;
    }

    @Override
    public TokenSet handle(RegisteredClient client, OAuthParameters parameters) {
        String deviceCodeHash = TokenHashes.sha256(parameters.require("device_code"));
        DeviceCodes.Entry entry = deviceCodes.byDeviceCode(deviceCodeHash)
                .filter(e -> e.clientId().equals(client.clientId()))
                .orElseThrow(() -> OAuthException.invalidGrant("unknown device code"));
        Instant now = clock.instant();
        if (now.isBefore(entry.expiresAt()) && "pending".equals(entry.status())
                && deviceCodes.pollTooSoon(deviceCodeHash, now)) {
            throw new OAuthException(400, "slow_down",
                    "polling faster than the interval; wait 5 seconds longer between requests (RFC 8628 §3.5)");
        }
        return commands.send(new RedeemDeviceCodeCommand(new GrantId(entry.grantId()),
                new ClientId(client.clientId()), deviceCodeHash, client.allowsGrant("refresh_token"),
                client.accessTokenFormat()));
    }
}
