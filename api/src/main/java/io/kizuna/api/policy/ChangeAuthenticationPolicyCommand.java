package io.kizuna.api.policy;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Replaces the authentication policy's editable settings. {@code by} is the administrator's member id (the
 * admin console) or {@code operator} (the admin token); {@code changedVia} says which.
 *
 * @param trustedNetworks            CIDR ranges of the company network (at most 100)
 * @param otpOutsideTrustedNetworks  a second factor is required for sign-ins from anywhere else
 * @param secondFactorClients        registered client ids whose sign-ins always need LoA 3 (at most 100)
 */
public record ChangeAuthenticationPolicyCommand(@TargetAggregateIdentifier String policyId,
                                                List<String> trustedNetworks, boolean otpOutsideTrustedNetworks,
                                                List<String> secondFactorClients, String by, String changedVia) {
    /** There is one policy: every change goes to this aggregate. */
    public static final String POLICY_ID = "authentication-policy";

    public ChangeAuthenticationPolicyCommand(List<String> trustedNetworks, boolean otpOutsideTrustedNetworks,
                                             List<String> secondFactorClients, String by, String changedVia) {
        this(POLICY_ID, trustedNetworks, otpOutsideTrustedNetworks, secondFactorClients, by, changedVia);
    }
}
