package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** RFC 8628 §3.4: the device polls the token endpoint with its device code. */
public record RedeemDeviceCodeCommand(@TargetAggregateIdentifier GrantId grantId,
                                      ClientId clientId,
                                      String deviceCodeHash,
                                      boolean withRefreshToken,
                                      String accessTokenFormat) {
}
