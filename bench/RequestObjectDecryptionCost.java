import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Arrays;
import java.util.Date;

/**
 * CPU cost of opening one request object at the authorization endpoint (RFC 9101 §6.1): verifying the
 * client's ES256 signature alone, and decrypting with the server's use=enc key (as RequestObjectDecryption
 * does: parse, decrypt, take the nested JWS) then verifying, per key management algorithm. One thread, no
 * I/O. Run:
 *   java -cp ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/10.10/nimbus-jose-jwt-10.10.jar bench/RequestObjectDecryptionCost.java
 */
public class RequestObjectDecryptionCost {
    public static void main(String[] args) throws Exception {
        ECKey client = new ECKeyGenerator(Curve.P_256).keyID("client").generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("op-rsa-enc").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("op-ec-enc").generate();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("client").audience("https://id.kizuna.example")
                .claim("client_id", "client").claim("response_type", "code").claim("redirect_uri", "https://rp.example.jp/cb")
                .claim("scope", "openid profile").claim("state", "af0ifjsldkj").claim("nonce", "n-0S6_WzA2Mj")
                .claim("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM").claim("code_challenge_method", "S256")
                .issueTime(new Date()).notBeforeTime(new Date()).expirationTime(new Date()).build();
        SignedJWT signed = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("client").build(), claims);
        signed.sign(new ECDSASigner(client));
        String jws = signed.serialize();
        ECDSAVerifier verifier = new ECDSAVerifier(client.toPublicJWK());
        String[][] cases = {{"signed only", null, null}, {"RSA-OAEP-256", "RSA-OAEP-256", "A128CBC-HS256"},
                {"RSA-OAEP-256", "RSA-OAEP-256", "A256GCM"}, {"ECDH-ES", "ECDH-ES", "A128CBC-HS256"},
                {"ECDH-ES+A128KW", "ECDH-ES+A128KW", "A256GCM"}};
        int n = Integer.parseInt(args.length > 0 ? args[0] : "5000");
        System.out.println("| request object | enc | µs per object (median of 5 runs of " + n + ") | bytes |");
        System.out.println("|---|---|---|---|");
        for (String[] c : cases) {
            String object;
            if (c[1] == null) {
                object = jws;
            } else {
                JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.parse(c[1]), EncryptionMethod.parse(c[2]))
                        .contentType("JWT").keyID(c[1].startsWith("RSA") ? "op-rsa-enc" : "op-ec-enc").build(), new Payload(jws));
                jwe.encrypt(c[1].startsWith("RSA") ? new RSAEncrypter(rsa.toRSAPublicKey()) : new ECDHEncrypter(ec.toECPublicKey()));
                object = jwe.serialize();
            }
            double[] runs = new double[5];
            for (int r = 0; r < 5; r++) {
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    open(object, c[1], rsa, ec, verifier);
                }
                runs[r] = (System.nanoTime() - start) / 1000.0 / n;
            }
            Arrays.sort(runs);
            System.out.printf("| %s | %s | %.1f | %d |%n", c[0], c[2] == null ? "—" : c[2], runs[2], object.length());
        }
    }

    static void open(String object, String alg, RSAKey rsa, ECKey ec, ECDSAVerifier verifier) throws Exception {
        SignedJWT jwt;
        if (alg == null) {
            jwt = SignedJWT.parse(object);
        } else {
            EncryptedJWT jwe = EncryptedJWT.parse(object);
            jwe.decrypt(alg.startsWith("RSA") ? new RSADecrypter(rsa) : new ECDHDecrypter(ec));
            jwt = jwe.getPayload().toSignedJWT();
        }
        if (!jwt.verify(verifier)) {
            throw new IllegalStateException("signature");
        }
    }
}
