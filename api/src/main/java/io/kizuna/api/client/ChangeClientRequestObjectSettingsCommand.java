package io.kizuna.api.client;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a client's request-object metadata (see {@link ClientRequestObjectSettingsChanged}). */
public record ChangeClientRequestObjectSettingsCommand(@TargetAggregateIdentifier ClientId clientId,
                                                       List<String> requestUris,
                                                       String requestObjectEncryptionAlg,
                                                       String requestObjectEncryptionEnc) {
}
