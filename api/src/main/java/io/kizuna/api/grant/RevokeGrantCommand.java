package io.kizuna.api.grant;

import io.kizuna.api.client.ClientId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends the whole grant: every access and refresh token of it stops working (RFC 7009 §2.1, when the
 * client revokes a refresh token). Idempotent: an already revoked grant records nothing.
 *
 * @param clientId the client asking (it must own the grant), or null when the platform itself revokes
 *                 (a member withdrawing consent goes through the client id too; a forgotten member not)
 * @param reason   a stable code: {@code revoked_by_client}, {@code consent_revoked}, {@code member_forgotten}
 */
public record RevokeGrantCommand(@TargetAggregateIdentifier GrantId grantId,
                                 ClientId clientId,
                                 String reason) {
}
