package io.kizuna.api.member;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Enrols a TOTP authenticator (RFC 6238) after the member proved it works. The shared secret is
 * sealed under the member's data key; recovery codes appear only as keyed hashes.
 */
public record EnrolTotpCommand(@TargetAggregateIdentifier MemberId memberId,
                               SealedPersonalData sealedSecret,
                               List<String> recoveryCodeHashes) {
}
