import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.util.Date;

/**
 * CPU cost of the JOSE work of one ID token: ES256 signature alone, and signed-then-encrypted (OIDC Core
 * §10.2) with each key management algorithm Kizuna offers, with Nimbus as the server uses it. One thread,
 * no I/O: the difference is what encryption adds to a token response. Run:
 *   java -cp ~/.m2/repository/com/nimbusds/nimbus-jose-jwt/10.10/nimbus-jose-jwt-10.10.jar bench/IdTokenEncryptionCost.java
 */
public class IdTokenEncryptionCost {
    public static void main(String[] args) throws Exception {
        ECKey signing = new ECKeyGenerator(Curve.P_256).keyID("op").generate();
        RSAKey rsa = new RSAKeyGenerator(2048).keyID("rp-rsa").generate();
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("rp-ec").generate();
        ECDSASigner signer = new ECDSASigner(signing);
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("https://id.kizuna.example").subject("m-123")
                .audience("client").issueTime(new Date()).expirationTime(new Date()).claim("nonce", "n-0S6_WzA2Mj")
                .claim("at_hash", "77QmUPtjPfzWtF2AnpK9RQ").claim("amr", java.util.List.of("pwd", "otp")).build();
        String[][] cases = {{"ES256 only", null, null}, {"RSA-OAEP-256", "RSA-OAEP-256", "A128GCM"},
                {"RSA-OAEP-256", "RSA-OAEP-256", "A128CBC-HS256"}, {"ECDH-ES", "ECDH-ES", "A128GCM"},
                {"ECDH-ES+A128KW", "ECDH-ES+A128KW", "A256GCM"}};
        int n = Integer.parseInt(args.length > 0 ? args[0] : "20000");
        System.out.println("| ID token | enc | µs per token (median of 5 runs of " + n + ") | bytes |");
        System.out.println("|---|---|---|---|");
        for (String[] c : cases) {
            long[] runs = new long[5];
            int size = 0;
            for (int r = -2; r < 5; r++) {                       // two warm-up runs
                long start = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("op").build(), claims);
                    jwt.sign(signer);
                    String out = jwt.serialize();
                    if (c[1] != null) {
                        JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.parse(c[1]),
                                EncryptionMethod.parse(c[2])).contentType("JWT").keyID("rp").build(), new Payload(out));
                        jwe.encrypt(c[1].startsWith("RSA") ? new RSAEncrypter(rsa.toRSAPublicKey())
                                : new ECDHEncrypter(ec.toECPublicKey()));
                        out = jwe.serialize();
                    }
                    size = out.length();
                }
                if (r >= 0) {
                    runs[r] = System.nanoTime() - start;
                }
            }
            java.util.Arrays.sort(runs);
            System.out.printf("| %s | %s | %.1f | %d |%n", c[0], c[2] == null ? "—" : c[2], runs[2] / 1000.0 / n, size);
        }
    }
}
