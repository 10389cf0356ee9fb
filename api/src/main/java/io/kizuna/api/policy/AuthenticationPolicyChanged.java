package io.kizuna.api.policy;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An administrator changed the authentication policy; from the first such event on, the recorded policy
 * replaces the configured {@code kizuna.policy.*} defaults for these three settings. {@code by} is a member
 * id (or {@code operator} for the admin token), never an e-mail address.
 */
@LedgerEventType("policy.changed")
@Revision("1")
public record AuthenticationPolicyChanged(String policyId, List<String> trustedNetworks,
                                          boolean otpOutsideTrustedNetworks, List<String> secondFactorClients,
                                          String by, String changedVia, Instant changedAt) {
}
