package io.kizuna.api.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a refused assertion whose signature counter went backwards. */
public record RecordPasskeyCloneSuspectedCommand(@TargetAggregateIdentifier MemberId memberId, String credentialId, long storedSignCount, long presentedSignCount) {
}
