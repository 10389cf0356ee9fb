package io.kizuna.member;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * WebAuthn relying party settings ({@code kizuna.webauthn.*}). Unset, they follow {@code kizuna.issuer}:
 * the RP ID is its host (W3C WebAuthn §5.1.2, a registrable domain suffix of the origin, e.g.
 * {@code localhost} in the embedded default) and the one allowed origin is its scheme, host and port.
 *
 * @param rpId    the relying party identifier every credential is scoped to; changing it orphans them all
 * @param rpName  the name an authenticator may show when creating a credential
 * @param origins the origins ({@code https://id.example.jp}) whose pages may run the ceremonies
 */
@ConfigurationProperties("kizuna.webauthn")
public record WebAuthnProperties(String rpId, String rpName, List<String> origins) {
}
