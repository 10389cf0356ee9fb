package io.kizuna.signingkey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.SignedJWT;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * The JWS algorithms Kizuna signs tokens with (RFC 7518 §3, RFC 8037 §3.1): key generation, signers and
 * verifiers. ES256 on P-256 is the default (the JDK signs it about seven times faster than RSA-2048);
 * PS256 and RS256 each get their own RSA-2048 key (one key, one algorithm); EdDSA uses Ed25519 through
 * the JDK's own implementation, because Nimbus's Ed25519 signer and generator need Google Tink.
 */
public final class SigningAlgorithms {
    public static final String DEFAULT = "ES256";
    public static final List<String> SUPPORTED = List.of("ES256", "PS256", "RS256", "EdDSA");

    /** DER prefixes of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4) and PKCS#8 private key (§7). */
    private static final byte[] ED25519_SPKI = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final byte[] ED25519_PKCS8 = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private SigningAlgorithms() {
    }

    public static boolean supported(String alg) {
        return alg != null && SUPPORTED.contains(alg);
    }

    /** A new private JWK for {@code alg} with {@code kid}, {@code alg} and {@code use: sig}. */
    public static JWK generate(String alg, String kid) {
        try {
            return switch (alg) {
                case "ES256" -> new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.ES256).generate();
                case "PS256", "RS256" -> new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE)
                        .algorithm(JWSAlgorithm.parse(alg)).generate();
                case "EdDSA" -> ed25519(kid);
                default -> throw new IllegalArgumentException("unsupported signing algorithm " + alg);
            };
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + alg + " key", e);
        }
    }

    private static OctetKeyPair ed25519(String kid) throws GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        byte[] spki = pair.getPublic().getEncoded();
        byte[] pkcs8 = pair.getPrivate().getEncoded();
        byte[] x = Arrays.copyOfRange(spki, spki.length - 32, spki.length);
        byte[] d = Arrays.copyOfRange(pkcs8, ED25519_PKCS8.length, ED25519_PKCS8.length + 32);
        return new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).d(Base64URL.encode(d)).keyID(kid)
                .keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.EdDSA).build();
    }

    /** A thread-safe signer for a private JWK made by {@link #generate}. */
    public static JWSSigner signer(JWK key) {
        try {
            return switch (key) {
                case ECKey ec -> new ECDSASigner(ec);
                case RSAKey rsa -> new RSASSASigner(rsa);
                case OctetKeyPair okp -> new Ed25519JdkSigner(okp);
                default -> throw new IllegalArgumentException("unsupported key type " + key.getKeyType());
            };
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot use signing key " + key.getKeyID(), e);
        }
    }

    /**
     * Whether {@code jwt} carries a valid signature by {@code key} under the key's own algorithm: the
     * header's {@code alg} must equal the key's (no algorithm confusion, RFC 8725 §3.1).
     */
    public static boolean verify(SignedJWT jwt, JWK key) {
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (key.getAlgorithm() == null || !key.getAlgorithm().getName().equals(alg.getName())) {
            return false;
        }
        try {
            return switch (key) {
                case ECKey ec -> jwt.verify(new ECDSAVerifier(ec));
                case RSAKey rsa -> jwt.verify(new RSASSAVerifier(rsa));
                case OctetKeyPair okp -> ed25519Verify(jwt, okp);
                default -> false;
            };
        } catch (JOSEException | GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    private static boolean ed25519Verify(SignedJWT jwt, OctetKeyPair key) throws GeneralSecurityException {
        byte[] x = key.getDecodedX();
        if (x.length != 32) {
            return false;
        }
        PublicKey publicKey = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(concat(ED25519_SPKI, x)));
        Signature signature = Signature.getInstance("Ed25519");
        signature.initVerify(publicKey);
        signature.update(jwt.getSigningInput());
        return signature.verify(jwt.getSignature().decode());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** EdDSA with Ed25519 (RFC 8037 §3.1) on the JDK's provider. */
    static final class Ed25519JdkSigner implements JWSSigner {
        private final PrivateKey privateKey;
        private final JCAContext jca = new JCAContext();

        Ed25519JdkSigner(OctetKeyPair key) throws GeneralSecurityException {
            if (!Curve.Ed25519.equals(key.getCurve()) || key.getD() == null) {
                throw new GeneralSecurityException("an Ed25519 private key is required");
            }
            this.privateKey = KeyFactory.getInstance("Ed25519")
                    .generatePrivate(new PKCS8EncodedKeySpec(concat(ED25519_PKCS8, key.getDecodedD())));
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            if (!JWSAlgorithm.EdDSA.equals(header.getAlgorithm())) {
                throw new JOSEException("this signer only signs EdDSA");
            }
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(privateKey);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed", e);
            }
        }

        @Override
        public Set<JWSAlgorithm> supportedJWSAlgorithms() {
            return Set.of(JWSAlgorithm.EdDSA);
        }

        @Override
        public JCAContext getJCAContext() {
            return jca;
        }
    }
}
