package io.kizuna.ledger.seal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.kizuna.config.KizunaProperties;
import io.kizuna.signingkey.SigningKeys;
import java.text.ParseException;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Signed checkpoints: the head of a verified chain signed as a JWT with the server's ES256 key, so an
 * auditor can keep it outside the database and later prove that the chain was neither rewritten nor
 * truncated (an attacker with database access could otherwise recompute every link). Verifiable offline
 * with any JOSE library against {@code /oauth2/jwks}.
 */
@Component
public class LedgerCheckpoints {
    public static final JOSEObjectType TYPE = new JOSEObjectType("kizuna-ledger-checkpoint+jwt");

    private final SigningKeys keys;
    private final String issuer;
    private final Clock clock;

    public LedgerCheckpoints(SigningKeys keys, KizunaProperties properties, Clock clock) {
        this.keys = keys;
        this.issuer = properties.issuer();
        this.clock = clock;
    }

    public String sign(VerificationReport.Link head) {
        SigningKeys.ActiveKey key = keys.active();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .issueTime(Date.from(clock.instant()))
                .claim("seal_sequence", head.sealSequence())
                .claim("global_index", head.globalIndex())
                .claim("event_id", head.eventIdentifier())
                .claim("link_hash", head.linkHash())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(key.kid()).type(TYPE).build(),
                claims);
        try {
            jwt.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("the checkpoint could not be signed", e);
        }
        return jwt.serialize();
    }

    /** The link a checkpoint vouches for, if it was signed by one of our published keys for this issuer. */
    public Optional<LedgerVerifier.Expected> open(String checkpoint) {
        try {
            SignedJWT jwt = SignedJWT.parse(checkpoint);
            if (!TYPE.equals(jwt.getHeader().getType()) || !JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
                return Optional.empty();
            }
            if (!keys.verify(jwt)) {
                return Optional.empty();
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            Long sequence = claims.getLongClaim("seal_sequence");
            String link = claims.getStringClaim("link_hash");
            if (!issuer.equals(claims.getIssuer()) || sequence == null || link == null) {
                return Optional.empty();
            }
            return Optional.of(new LedgerVerifier.Expected(sequence, link));
        } catch (ParseException e) {
            return Optional.empty();
        }
    }
}
