package io.kizuna.api.member;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces the member's recovery codes with new ones (keyed hashes). */
public record RegenerateRecoveryCodesCommand(@TargetAggregateIdentifier MemberId memberId, List<String> recoveryCodeHashes) {
}
