package io.kizuna.member;

import dev.samstevens.totp.recovery.RecoveryCodeGenerator;
import io.kizuna.api.member.EnrolTotpCommand;
import io.kizuna.api.member.FindMemberClaimsQuery;
import io.kizuna.api.member.MemberClaims;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PersonalDataVault;
import io.kizuna.api.member.TotpEnrolmentService;
import io.kizuna.crypto.MasterKey;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.ledger.LedgerCommands;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Service;

/**
 * TOTP enrolment: propose a secret, and enrol it only once the member typed a valid code from their
 * app. Ten recovery codes are shown once and kept as keyed hashes.
 */
@Service
public class TotpEnrolments implements TotpEnrolmentService {
    static final String ISSUER = "Kizuna";

    private final TotpCodes codes;
    private final SecondFactors factors;
    private final PersonalDataVault vault;
    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final byte[] recoveryKey;

    public TotpEnrolments(TotpCodes codes, SecondFactors factors, PersonalDataVault vault, LedgerCommands commands,
                          QueryGateway queries, MasterKey masterKey) {
        this.codes = codes;
        this.factors = factors;
        this.vault = vault;
        this.commands = commands;
        this.queries = queries;
        this.recoveryKey = masterKey.derive("kizuna/recovery-code/v1");
    }

    @Override
    public Proposal propose(MemberId memberId) {
        String secret = codes.newSecret();
        String label = ISSUER + ":" + label(memberId);
        return new Proposal(secret, codes.otpauthUri(secret, label, ISSUER), codes.qrPngDataUri(secret, label, ISSUER));
    }

    @Override
    public Optional<List<String>> confirm(MemberId memberId, String secret, String code) {
        if (secret == null || !secret.matches("[A-Z2-7]{32}") || codes.matchingStep(secret, code).isEmpty()) {
            return Optional.empty();
        }
        List<String> recovery = Arrays.asList(new RecoveryCodeGenerator().generateCodes(10));
        commands.send(new EnrolTotpCommand(memberId, vault.seal(memberId, secret.getBytes(StandardCharsets.UTF_8)),
                recovery.stream().map(c -> TokenHashes.hmac(recoveryKey, c)).toList()));
        return Optional.of(recovery);
    }

    @Override
    public boolean enrolled(MemberId memberId) {
        return factors.enrolled(memberId);
    }

    @Override
    public Optional<List<String>> regenerateRecoveryCodes(MemberId memberId) {
        if (!factors.enrolled(memberId)) {
            return Optional.empty();
        }
        List<String> recovery = Arrays.asList(new RecoveryCodeGenerator().generateCodes(10));
        commands.send(new io.kizuna.api.member.RegenerateRecoveryCodesCommand(memberId,
                recovery.stream().map(c -> TokenHashes.hmac(recoveryKey, c)).toList()));
        return Optional.of(recovery);
    }

    @Override
    public int remainingRecoveryCodes(MemberId memberId) {
        return factors.remainingRecoveryCodes(memberId);
    }

    /**
     * The keyed hash of a recovery code as typed: case, spaces and dashes do not matter
     * ({@code ABCD EFGH …} and {@code abcd-efgh-…} are the same code); null when it cannot be one.
     */
    public String recoveryCodeHash(String typed) {
        if (typed == null || typed.length() > 64) {
            return null;
        }
        String bare = typed.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s-]", "");
        if (!bare.matches("[a-z0-9]{16}")) {
            return null;
        }
        return TokenHashes.hmac(recoveryKey, bare.substring(0, 4) + "-" + bare.substring(4, 8) + "-"
                + bare.substring(8, 12) + "-" + bare.substring(12));
    }

    private String label(MemberId memberId) {
        MemberClaims claims = queries.query(new FindMemberClaimsQuery(memberId),
                ResponseTypes.instanceOf(MemberClaims.class)).join();
        return claims != null && claims.personalData() != null ? claims.personalData().email() : memberId.value();
    }
}
