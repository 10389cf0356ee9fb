package io.kizuna.api.client;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's token settings (see {@link ClientTokenSettingsChanged}); nulls mean the server defaults. */
public record ChangeClientTokenSettingsCommand(@TargetAggregateIdentifier ClientId clientId,
                                               String accessTokenSigningAlg,
                                               String idTokenSignedResponseAlg,
                                               Long accessTokenLifetime,
                                               Long refreshTokenLifetime,
                                               Long idTokenLifetime,
                                               Boolean requirePkce) {
    public ChangeClientTokenSettingsCommand(ClientId clientId, String accessTokenSigningAlg,
                                            String idTokenSignedResponseAlg, Long accessTokenLifetime,
                                            Long refreshTokenLifetime, Long idTokenLifetime) {
        this(clientId, accessTokenSigningAlg, idTokenSignedResponseAlg, accessTokenLifetime, refreshTokenLifetime,
                idTokenLifetime, null);
    }
}
