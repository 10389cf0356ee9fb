package io.kizuna.api.client;

import io.kizuna.api.LedgerEventType;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The client's mutual-TLS settings were replaced (RFC 8705): for {@code tls_client_auth} (§2.1.2), the one
 * certificate subject DN or subject alternative name (DNS name, URI, IP address or e-mail address) its
 * certificate must carry — an identifier of a machine, not of a person; and whether its access tokens are
 * bound to its certificate ({@code tls_client_certificate_bound_access_tokens}, §3.4). Null values mean
 * not set.
 */
@LedgerEventType("client.mtls_settings.changed")
@Revision("1")
public record ClientMtlsSettingsChanged(ClientId clientId,
                                       String subjectDn,
                                       String sanDns,
                                       String sanUri,
                                       String sanIp,
                                       String sanEmail,
                                       boolean certificateBoundAccessTokens,
                                       Instant changedAt) implements ClientEvent {
}
