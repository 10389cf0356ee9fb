package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's mutual-TLS settings (see {@link ClientMtlsSettingsChanged}). */
public record ChangeClientMtlsSettingsCommand(@TargetAggregateIdentifier ClientId clientId,
                                              String subjectDn,
                                              String sanDns,
                                              String sanUri,
                                              String sanIp,
                                              String sanEmail,
                                              boolean certificateBoundAccessTokens) {
}
