package io.kizuna.protocol.oauth2.authorization;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.signingkey.EncryptionKeyAlgorithms;
import io.kizuna.signingkey.SigningKeys;
import java.text.ParseException;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Opens a request object encrypted to this server (RFC 9101 §6.1, OIDC Core §6.1 and §10.2): a nested
 * JWT — signed by the client, then encrypted to one of our {@code use: enc} keys. The key is the one the
 * JWE's {@code kid} names; without a {@code kid}, each current key of the right family is tried (the
 * active one first, then one rotated out whose overlap has not ended). Only the JWE algorithms of
 * {@link EncryptionKeyAlgorithms} are accepted, no compression ({@code zip}), and the content must be a
 * signed JWT: an encrypted but unsigned ({@code alg: none}) object is refused, as plain ones are.
 * Every failure is {@code invalid_request_object} with a description.
 */
@Component
public class RequestObjectDecryption {
    private final Supplier<List<JWK>> keys;

    @org.springframework.beans.factory.annotation.Autowired
    public RequestObjectDecryption(SigningKeys keys) {
        this(keys::decryptionKeys);
    }

    RequestObjectDecryption(Supplier<List<JWK>> keys) {
        this.keys = keys;
    }

    /** The signed request object inside {@code jwe}. */
    public SignedJWT decrypt(EncryptedJWT jwe) {
        JWEHeader header = jwe.getHeader();
        String alg = header.getAlgorithm().getName();
        String enc = header.getEncryptionMethod() == null ? null : header.getEncryptionMethod().getName();
        String family = EncryptionKeyAlgorithms.familyOf(alg);
        if (family == null) {
            throw RequestObjects.invalid("the request object's JWE alg " + alg + " is not accepted; use one of "
                    + EncryptionKeyAlgorithms.JWE_ALGS + " (request_object_encryption_alg_values_supported)");
        }
        if (enc == null || !EncryptionKeyAlgorithms.JWE_ENCS.contains(enc)) {
            throw RequestObjects.invalid("the request object's JWE enc " + enc + " is not accepted; use one of "
                    + EncryptionKeyAlgorithms.JWE_ENCS + " (request_object_encryption_enc_values_supported)");
        }
        if (header.getCompressionAlgorithm() != null) {
            throw RequestObjects.invalid("compressed (zip) request objects are not accepted");
        }
        String kid = header.getKeyID();
        List<JWK> candidates = keys.get().stream()
                .filter(key -> com.nimbusds.jose.jwk.KeyUse.ENCRYPTION.equals(key.getKeyUse()))
                .filter(key -> "RSA-OAEP-256".equals(family) ? key instanceof RSAKey : key instanceof ECKey)
                .filter(key -> kid == null || kid.equals(key.getKeyID()))
                .toList();
        if (candidates.isEmpty()) {
            throw RequestObjects.invalid(kid == null
                    ? "this server has no " + family + " encryption key (see its jwks_uri, use enc)"
                    : "the JWE kid names none of this server's current " + family
                            + " encryption keys; fetch the jwks_uri again (RFC 9101 section 6.1)");
        }
        String serialized = jwe.serialize();
        for (JWK key : candidates) {
            EncryptedJWT attempt;
            try {
                attempt = EncryptedJWT.parse(serialized);
                attempt.decrypt(EncryptionKeyAlgorithms.decrypter(key));
            } catch (ParseException | JOSEException | RuntimeException e) {
                continue;
            }
            return nested(attempt);
        }
        throw RequestObjects.invalid("the request object cannot be decrypted with this server's encryption keys "
                + "(RFC 9101 section 6.1)");
    }

    private static SignedJWT nested(EncryptedJWT opened) {
        SignedJWT signed = opened.getPayload().toSignedJWT();
        if (signed != null) {
            return signed;
        }
        JWT inner;
        try {
            inner = JWTParser.parse(opened.getPayload().toString());
        } catch (ParseException e) {
            throw RequestObjects.invalid("an encrypted request object must contain a signed JWT (a nested JWT, "
                    + "OIDC Core section 6.1)");
        }
        if (inner instanceof PlainJWT) {
            throw RequestObjects.invalid("the encrypted request object is unsigned (alg none); sign it with a "
                    + "registered key, then encrypt it (OIDC Core section 6.1)");
        }
        throw RequestObjects.invalid("an encrypted request object must contain a signed JWT, not another JWE");
    }
}
