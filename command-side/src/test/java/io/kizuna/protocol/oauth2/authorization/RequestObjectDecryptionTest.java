package io.kizuna.protocol.oauth2.authorization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.signingkey.EncryptionKeyAlgorithms;
import io.kizuna.signingkey.SigningAlgorithms;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** RFC 9101 §6.1, OIDC Core §6.1 and §10.2: which of our keys opens an encrypted request object, and what is refused. */
class RequestObjectDecryptionTest {
    static final JWK RSA = EncryptionKeyAlgorithms.generate("RSA-OAEP-256", "rsa-1");
    static final JWK EC = EncryptionKeyAlgorithms.generate("ECDH-ES", "ec-1");
    static final JWK EC_OLD = EncryptionKeyAlgorithms.generate("ECDH-ES", "ec-0");
    static final JWK CLIENT = SigningAlgorithms.generate("ES256", "client-key");

    final List<JWK> keys = new ArrayList<>(List.of(RSA, EC, EC_OLD));
    final RequestObjectDecryption decryption = new RequestObjectDecryption(() -> keys);

    static SignedJWT signed() throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("client-key").build(),
                new JWTClaimsSet.Builder().issuer("client").claim("response_type", "code").build());
        jwt.sign(new ECDSASigner((ECKey) CLIENT));
        return jwt;
    }

    static EncryptedJWT encrypt(Payload payload, JWK to, String alg, String enc, String kid) throws Exception {
        JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.parse(alg), EncryptionMethod.parse(enc)).keyID(kid)
                .contentType("JWT").build();
        JWEObject jwe = new JWEObject(header, payload);
        jwe.encrypt(to instanceof RSAKey rsa ? new RSAEncrypter(rsa.toRSAPublicKey())
                : new ECDHEncrypter(((ECKey) to).toECPublicKey()));
        return EncryptedJWT.parse(jwe.serialize());
    }

    static String error(Runnable action) {
        try {
            action.run();
        } catch (OAuthException e) {
            assertThat(e.error()).isEqualTo("invalid_request_object");
            assertThat(e.description()).isNotBlank();
            return e.description();
        }
        throw new AssertionError("expected invalid_request_object");
    }

    @Test
    @DisplayName("RFC 9101 §6.1: RSA-OAEP-256 with A128CBC-HS256, A128GCM and A256GCM to the key named by kid opens to the client's signed JWT")
    void decryptsRsaOaep256ByKid() throws Exception {
        SignedJWT inner = signed();
        for (String enc : List.of("A128CBC-HS256", "A128GCM", "A256GCM")) {
            SignedJWT opened = decryption.decrypt(encrypt(new Payload(inner), RSA, "RSA-OAEP-256", enc, "rsa-1"));
            assertThat(opened.serialize()).isEqualTo(inner.serialize());
        }
    }

    @Test
    @DisplayName("RFC 7518 §4.6: ECDH-ES, ECDH-ES+A128KW and ECDH-ES+A256KW to the P-256 key decrypt")
    void decryptsEcdhFamily() throws Exception {
        SignedJWT inner = signed();
        for (String alg : List.of("ECDH-ES", "ECDH-ES+A128KW", "ECDH-ES+A256KW")) {
            assertThat(decryption.decrypt(encrypt(new Payload(inner), EC, alg, "A256GCM", "ec-1")).serialize())
                    .isEqualTo(inner.serialize());
        }
    }

    @Test
    @DisplayName("OIDC Core §10.2: without kid each current key of the family is tried, including one rotated out during its overlap")
    void withoutKidTriesCurrentKeys() throws Exception {
        SignedJWT inner = signed();
        assertThat(decryption.decrypt(encrypt(new Payload(inner), EC_OLD, "ECDH-ES", "A128GCM", null)).serialize())
                .isEqualTo(inner.serialize());
    }

    @Test
    @DisplayName("RFC 9101 §6.1: a kid naming no current key (retired) and a JWE for another key are invalid_request_object")
    void unknownKidOrWrongKeyRefused() throws Exception {
        SignedJWT inner = signed();
        EncryptedJWT toOld = encrypt(new Payload(inner), EC_OLD, "ECDH-ES", "A128GCM", "ec-0");
        keys.remove(EC_OLD);
        assertThat(error(() -> decryption.decrypt(toOld))).contains("kid");
        JWK stranger = EncryptionKeyAlgorithms.generate("ECDH-ES", "stranger");
        EncryptedJWT toStranger = encrypt(new Payload(inner), stranger, "ECDH-ES", "A128GCM", null);
        assertThat(error(() -> decryption.decrypt(toStranger))).contains("cannot be decrypted");
    }

    @Test
    @DisplayName("RFC 8725 §3.2: RSA-OAEP (SHA-1) and RSA1_5 are refused before any decryption")
    void weakAlgorithmsRefused() throws Exception {
        SignedJWT inner = signed();
        for (String alg : List.of("RSA-OAEP", "RSA1_5")) {
            EncryptedJWT jwe = encrypt(new Payload(inner), RSA, alg, "A128GCM", "rsa-1");
            assertThat(error(() -> decryption.decrypt(jwe))).contains(alg);
        }
        EncryptedJWT a192 = encrypt(new Payload(inner), RSA, "RSA-OAEP-256", "A192GCM", "rsa-1");
        assertThat(error(() -> decryption.decrypt(a192))).contains("A192GCM");
    }

    @Test
    @DisplayName("OIDC Core §6.1: an encrypted but unsigned (alg none) request object is refused, as a plain one is")
    void unsignedContentRefused() throws Exception {
        PlainJWT plain = new PlainJWT(new JWTClaimsSet.Builder().issuer("client").build());
        EncryptedJWT jwe = encrypt(new Payload(plain.serialize()), EC, "ECDH-ES", "A128GCM", "ec-1");
        assertThat(error(() -> decryption.decrypt(jwe))).contains("unsigned");
        EncryptedJWT notJwt = encrypt(new Payload("{\"response_type\":\"code\"}"), EC, "ECDH-ES", "A128GCM", "ec-1");
        assertThat(error(() -> decryption.decrypt(notJwt))).contains("signed JWT");
    }

    @Test
    @DisplayName("RFC 7517 §4.2: a signing key (use sig) is never a decryption candidate, even when the JWE names its kid")
    void signingKeysAreNotCandidates() throws Exception {
        JWK signingRsa = SigningAlgorithms.generate("PS256", "sig-1");
        RequestObjectDecryption withSigningKey = new RequestObjectDecryption(() -> List.of(signingRsa));
        EncryptedJWT named = encrypt(new Payload(signed()), signingRsa, "RSA-OAEP-256", "A128GCM", "sig-1");
        assertThat(error(() -> withSigningKey.decrypt(named))).contains("names none");
        EncryptedJWT unnamed = encrypt(new Payload(signed()), signingRsa, "RSA-OAEP-256", "A128GCM", null);
        assertThatThrownBy(() -> withSigningKey.decrypt(unnamed)).isInstanceOf(OAuthException.class)
                .hasMessageContaining("has no RSA-OAEP-256 encryption key");
    }
}
