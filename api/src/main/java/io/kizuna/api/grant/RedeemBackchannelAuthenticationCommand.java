package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * CIBA Core 1.0 §10.1: the client asks for tokens with its {@code auth_req_id}. The value itself travels
 * only in this command (never in an event), for the ID token's {@code urn:openid:params:jwt:claim:auth_req_id}.
 */
public record RedeemBackchannelAuthenticationCommand(@TargetAggregateIdentifier GrantId grantId,
                                                     ClientId clientId,
                                                     String authReqIdHash,
                                                     String authReqId,
                                                     boolean withRefreshToken,
                                                     String accessTokenFormat) {
    @Override
    public String toString() {
        return "RedeemBackchannelAuthenticationCommand[grantId=" + grantId + ", clientId=" + clientId + "]";
    }
}
