package io.kizuna.api.member;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a WebAuthn credential whose attestation was verified before this command is sent. */
public record RegisterPasskeyCommand(@TargetAggregateIdentifier MemberId memberId, String credentialId, String attestedCredentialData, long signCount, boolean userVerified, boolean backupEligible, List<String> transports) {
}
