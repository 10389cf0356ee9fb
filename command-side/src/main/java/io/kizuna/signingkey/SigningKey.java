package io.kizuna.signingkey;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import io.kizuna.api.signingkey.ActivateSigningKeyCommand;
import io.kizuna.api.signingkey.GenerateSigningKeyCommand;
import io.kizuna.api.signingkey.RetireSigningKeyCommand;
import io.kizuna.api.signingkey.RotateSigningKeyCommand;
import io.kizuna.api.signingkey.SigningKeyActivated;
import io.kizuna.api.signingkey.SigningKeyGenerated;
import io.kizuna.api.signingkey.SigningKeyId;
import io.kizuna.api.signingkey.SigningKeyRetired;
import io.kizuna.api.signingkey.SigningKeyRotated;
import io.kizuna.ledger.Rules;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One server key's life (OIDC Core §10.1.1 rotation): generated → active → rotated (still
 * published, so what it signed verifies during the overlap) → retired. Most are token-signing keys
 * ({@code use: sig}, one active per JWS algorithm); the {@link EncryptionKeyAlgorithms} families are
 * {@code use: enc} keys that clients encrypt request objects to (RFC 9101 §6.1), rotated the same way
 * (during the overlap, objects encrypted to the previous key still decrypt). Only the public JWK and the
 * encrypted private key enter the ledger; the aggregate refuses a "public" JWK that carries private parts.
 */
@Aggregate
public class SigningKey {
    enum Status { GENERATED, ACTIVE, ROTATED, RETIRED }

    static final Set<String> RETIRE_REASONS = Set.of("overlap_ended", "operator");

    @AggregateIdentifier
    private SigningKeyId kid;
    private String alg;
    private Status status;

    protected SigningKey() {
    }

    @CommandHandler
    public SigningKey(GenerateSigningKeyCommand command, Clock clock) {
        boolean encryption = EncryptionKeyAlgorithms.supported(command.alg());
        Rules.require(SigningAlgorithms.supported(command.alg()) || encryption, "invalid_request",
                "unsupported key algorithm; supported are " + SigningAlgorithms.SUPPORTED + " (use sig) and "
                        + EncryptionKeyAlgorithms.SUPPORTED + " (use enc)");
        JWK jwk = parsePublic(command.publicJwk());
        Rules.require(command.kid().value().equals(jwk.getKeyID()), "invalid_request", "the JWK's kid must be the key's id");
        if (encryption) {
            // RFC 9101 §6.1: the keys clients encrypt request objects to; never usable for signatures
            Rules.require(EncryptionKeyAlgorithms.fits(command.alg(), jwk), "invalid_request",
                    "the JWK must be a public " + command.alg() + " encryption key (use enc)");
        } else {
            Rules.require(jwk.getAlgorithm() != null && command.alg().equals(jwk.getAlgorithm().getName()),
                    "invalid_request", "the JWK's alg must be the key's algorithm");
            Rules.require(KeyUse.SIGNATURE.equals(jwk.getKeyUse()), "invalid_request", "the JWK must be a signing key (use sig)");
        }
        Rules.require(command.encryptedPrivateKey() != null && isBase64Url(command.encryptedPrivateKey()),
                "invalid_request", "the encrypted private key is required (base64url)");
        Rules.require(command.keyEncryption() != null && !command.keyEncryption().isBlank(), "invalid_request",
                "the key-encryption scheme is required");
        apply(new SigningKeyGenerated(command.kid(), command.alg(), jwk.toJSONString(), command.encryptedPrivateKey(),
                command.keyEncryption(), clock.instant()));
    }

    @CommandHandler
    public void handle(ActivateSigningKeyCommand command, Clock clock) {
        Rules.require(status == Status.GENERATED, "invalid_request",
                "only a newly generated key can be activated (this one is " + status.name().toLowerCase() + ")");
        apply(new SigningKeyActivated(kid, alg, clock.instant()));
    }

    @CommandHandler
    public void handle(RotateSigningKeyCommand command, Clock clock) {
        Instant now = clock.instant();
        Rules.require(status == Status.ACTIVE, "invalid_request", "only the active key can be rotated out");
        Rules.require(command.successor() != null && !command.successor().equals(kid), "invalid_request",
                "a rotation needs another key as successor");
        Rules.require(command.publishedUntil() != null && command.publishedUntil().isAfter(now), "invalid_request",
                "the overlap must end in the future");
        apply(new SigningKeyRotated(kid, alg, command.successor(), command.publishedUntil(), now));
    }

    @CommandHandler
    public void handle(RetireSigningKeyCommand command, Clock clock) {
        Rules.require(status != Status.RETIRED, "invalid_request", "the key is already retired");
        Rules.require(status != Status.ACTIVE, "invalid_request",
                "the active key cannot be retired: rotate it first, so that its algorithm keeps a key");
        Rules.require(RETIRE_REASONS.contains(command.reason()), "invalid_request",
                "reason must be one of " + RETIRE_REASONS);
        apply(new SigningKeyRetired(kid, alg, command.reason(), clock.instant()));
    }

    private static JWK parsePublic(String json) {
        try {
            JWK jwk = JWK.parse(json);
            Rules.require(!jwk.isPrivate(), "invalid_request", "the public JWK must not contain private key material");
            return jwk;
        } catch (ParseException | RuntimeException e) {
            if (e instanceof io.kizuna.api.LedgerRejection rejection) {
                throw rejection;
            }
            throw new io.kizuna.api.LedgerRejection("invalid_request", "the public key is not a JWK (RFC 7517)");
        }
    }

    private static boolean isBase64Url(String value) {
        try {
            return !value.isEmpty() && Base64.getUrlDecoder().decode(value).length > 0;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @EventSourcingHandler
    void on(SigningKeyGenerated event) {
        this.kid = event.kid();
        this.alg = event.alg();
        this.status = Status.GENERATED;
    }

    @EventSourcingHandler
    void on(SigningKeyActivated event) {
        this.status = Status.ACTIVE;
    }

    @EventSourcingHandler
    void on(SigningKeyRotated event) {
        this.status = Status.ROTATED;
    }

    @EventSourcingHandler
    void on(SigningKeyRetired event) {
        this.status = Status.RETIRED;
    }
}
