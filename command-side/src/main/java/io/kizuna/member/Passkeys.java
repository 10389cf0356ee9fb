package io.kizuna.member;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.VerificationException;
import io.kizuna.api.LedgerRejection;
import io.kizuna.api.member.FindMemberClaimsQuery;
import io.kizuna.api.member.MemberClaims;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.member.PasskeyService;
import io.kizuna.api.member.RecordPasskeyCloneSuspectedCommand;
import io.kizuna.api.member.RegisterPasskeyCommand;
import io.kizuna.api.member.RemovePasskeyCommand;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.ledger.LedgerCommands;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * WebAuthn ceremonies (W3C Web Authentication Level 3) verified by webauthn4j: registration (§7.1) from
 * the account console, authentication (§7.2) as a second factor or passwordless with a discoverable
 * credential. Each challenge is 32 random bytes, valid 5 minutes and consumed by its first use whatever
 * the outcome; only its SHA-256 is stored. Attestation is {@code none}: Kizuna does not restrict which
 * authenticators members use, so it has no trust anchors to check a statement against.
 */
@Service
@EnableConfigurationProperties(WebAuthnProperties.class)
public class Passkeys implements PasskeyService {
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    static final String REGISTER = "register";
    public static final String SECOND_FACTOR = "second_factor";
    public static final String PASSWORDLESS = "passwordless";
    private static final Logger log = LoggerFactory.getLogger(Passkeys.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final List<PublicKeyCredentialParameters> ALGORITHMS = List.of(
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
            new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentialData = new AttestedCredentialDataConverter(new ObjectConverter());
    private final ObjectMapper json = new ObjectMapper();
    private final PasskeyLookup lookup;
    private final LedgerCommands commands;
    private final QueryGateway queries;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final String rpId;
    private final String rpName;
    private final Set<Origin> origins;

    public Passkeys(PasskeyLookup lookup, LedgerCommands commands, QueryGateway queries, JdbcTemplate jdbc,
                    Clock clock, KizunaProperties kizuna, WebAuthnProperties properties) {
        this.lookup = lookup;
        this.commands = commands;
        this.queries = queries;
        this.jdbc = jdbc;
        this.clock = clock;
        URI issuer = URI.create(kizuna.issuer());
        this.rpId = properties.rpId() == null || properties.rpId().isBlank() ? issuer.getHost() : properties.rpId();
        this.rpName = properties.rpName() == null || properties.rpName().isBlank() ? "Kizuna" : properties.rpName();
        List<String> allowed = properties.origins() == null || properties.origins().isEmpty()
                ? List.of(issuer.getScheme() + "://" + issuer.getRawAuthority()) : properties.origins();
        this.origins = allowed.stream().map(Origin::new).collect(Collectors.toUnmodifiableSet());
    }

    public String rpId() {
        return rpId;
    }

    @Override
    public String registrationOptions(MemberId memberId) {
        String label = label(memberId);
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("rp", Map.of("id", rpId, "name", rpName));
        options.put("user", Map.of("id", userHandle(memberId.value()), "name", label, "displayName", label));
        options.put("challenge", newChallenge(REGISTER, memberId.value()));
        options.put("pubKeyCredParams", ALGORITHMS.stream()
                .map(p -> Map.of("type", "public-key", "alg", p.getAlg().getValue())).toList());
        options.put("timeout", CHALLENGE_LIFETIME.toMillis());
        options.put("excludeCredentials", descriptors(lookup.ofMember(memberId.value())));
        options.put("authenticatorSelection", Map.of("residentKey", "preferred", "userVerification", "preferred"));
        options.put("attestation", "none");
        return write(options);
    }

    @Override
    public boolean register(MemberId memberId, String responseJson) {
        if (responseJson == null || responseJson.isBlank() || responseJson.length() > 64_000) {
            return false;
        }
        try {
            RegistrationData data = manager.parseRegistrationResponseJSON(responseJson);
            if (data.getCollectedClientData() == null || data.getAttestationObject() == null
                    || !consume(data.getCollectedClientData().getChallenge().getValue(), REGISTER, memberId.value())) {
                return false;
            }
            ServerProperty server = new ServerProperty(origins, rpId,
                    data.getCollectedClientData().getChallenge());
            manager.verify(data, new RegistrationParameters(server, ALGORITHMS, false, true));
            AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
            AttestedCredentialData attested = authenticator.getAttestedCredentialData();
            List<String> transports = data.getTransports() == null ? List.of()
                    : data.getTransports().stream().map(AuthenticatorTransport::getValue).sorted().toList();
            commands.send(new RegisterPasskeyCommand(memberId, B64.encodeToString(attested.getCredentialId()),
                    B64.encodeToString(credentialData.convert(attested)), authenticator.getSignCount(),
                    authenticator.isFlagUV(), authenticator.isFlagBE(), transports));
            return true;
        } catch (DataConversionException | VerificationException | IllegalArgumentException | LedgerRejection e) {
            log.info("passkey registration refused: {}", e.getClass().getSimpleName());
            return false;
        } catch (RuntimeException e) {
            // webauthn4j reports malformed input with several unchecked types; none of it may become a 500
            log.info("passkey registration refused: {}", e.getClass().getSimpleName());
            return false;
        }
    }

    @Override
    public List<Passkey> list(MemberId memberId) {
        return lookup.ofMember(memberId.value()).stream()
                .map(c -> new Passkey(c.credentialId(), c.amr(), c.registeredAt(), c.lastUsedAt())).toList();
    }

    @Override
    public boolean remove(MemberId memberId, String credentialId) {
        Optional<PasskeyLookup.Credential> credential = credentialId == null ? Optional.empty() : lookup.find(credentialId);
        if (credential.isEmpty() || !credential.get().memberId().equals(memberId.value())) {
            return false;
        }
        commands.send(new RemovePasskeyCommand(memberId, credentialId));
        return true;
    }

    public boolean hasPasskey(String memberId) {
        return !lookup.ofMember(memberId).isEmpty();
    }

    /**
     * Request options for {@code navigator.credentials.get()}: the member's credentials for a second
     * factor, none (a discoverable credential, user verification required) for passwordless sign-in.
     */
    public String requestOptions(String memberId) {
        Map<String, Object> options = new LinkedHashMap<>();
        options.put("challenge", newChallenge(memberId == null ? PASSWORDLESS : SECOND_FACTOR, memberId));
        options.put("rpId", rpId);
        options.put("timeout", CHALLENGE_LIFETIME.toMillis());
        options.put("allowCredentials", memberId == null ? List.of() : descriptors(lookup.ofMember(memberId)));
        options.put("userVerification", memberId == null ? "required" : "preferred");
        return write(options);
    }

    /**
     * Verifies an authentication response (§7.2): the challenge (one-time, of this purpose and member),
     * origin, RP ID hash, user presence (and verification when passwordless), the signature with the
     * registered public key and the signature counter.
     *
     * @param expectedMemberId the pending sign-in's member, or null for passwordless (the user handle decides)
     */
    public Assertion verify(String responseJson, String expectedMemberId) {
        if (responseJson == null || responseJson.isBlank() || responseJson.length() > 64_000) {
            return Assertion.invalid();
        }
        boolean passwordless = expectedMemberId == null;
        AuthenticationData data;
        try {
            data = manager.parseAuthenticationResponseJSON(responseJson);
        } catch (RuntimeException e) {
            log.info("passkey assertion unreadable: {}", e.getClass().getSimpleName());
            return Assertion.invalid();
        }
        if (data.getCollectedClientData() == null || data.getCollectedClientData().getChallenge() == null
                || data.getCredentialId() == null
                || !consume(data.getCollectedClientData().getChallenge().getValue(),
                passwordless ? PASSWORDLESS : SECOND_FACTOR, expectedMemberId)) {
            return Assertion.invalid();
        }
        Optional<PasskeyLookup.Credential> found = lookup.find(B64.encodeToString(data.getCredentialId()));
        if (found.isEmpty()) {
            return Assertion.invalid();
        }
        PasskeyLookup.Credential credential = found.get();
        if (passwordless ? data.getUserHandle() == null
                || !userHandle(credential.memberId()).equals(B64.encodeToString(data.getUserHandle()))
                : !credential.memberId().equals(expectedMemberId)) {
            return Assertion.invalid();
        }
        try {
            AttestedCredentialData attested = credentialData.convert(B64D.decode(credential.attestedData()));
            CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(),
                    credential.userVerified(), credential.backupEligible(), null, credential.signCount(), attested,
                    null, null, null, credential.transports().stream().map(AuthenticatorTransport::create)
                    .collect(Collectors.toSet()));
            ServerProperty server = new ServerProperty(origins, rpId, data.getCollectedClientData().getChallenge());
            manager.verify(data, new AuthenticationParameters(server, record, List.of(data.getCredentialId()),
                    passwordless, true));
        } catch (MaliciousCounterValueException e) {
            long presented = data.getAuthenticatorData() == null ? -1 : data.getAuthenticatorData().getSignCount();
            commands.send(new RecordPasskeyCloneSuspectedCommand(new MemberId(credential.memberId()),
                    credential.credentialId(), credential.signCount(), presented));
            return new Assertion(Assertion.Status.CLONE_SUSPECTED, credential.memberId(), credential.amr());
        } catch (RuntimeException e) {
            log.info("passkey assertion refused: {}", e.getClass().getSimpleName());
            return new Assertion(Assertion.Status.REFUSED, credential.memberId(), credential.amr());
        }
        long signCount = data.getAuthenticatorData().getSignCount();
        if (!lookup.used(credential.credentialId(), signCount, clock.instant())) {
            // a concurrent assertion already reached this counter value: the same signature counted twice
            commands.send(new RecordPasskeyCloneSuspectedCommand(new MemberId(credential.memberId()),
                    credential.credentialId(), credential.signCount(), signCount));
            return new Assertion(Assertion.Status.CLONE_SUSPECTED, credential.memberId(), credential.amr());
        }
        return new Assertion(Assertion.Status.VERIFIED, credential.memberId(), credential.amr());
    }

    /**
     * @param amr RFC 8176 {@code hwk} or {@code swk} for the credential used (null when none was found)
     */
    public record Assertion(Status status, String memberId, String amr) {
        public enum Status { VERIFIED, INVALID, REFUSED, CLONE_SUSPECTED }

        static Assertion invalid() {
            return new Assertion(Status.INVALID, null, null);
        }
    }

    private String newChallenge(String purpose, String memberId) {
        String challenge = TokenHashes.randomValue(32);
        jdbc.update("DELETE FROM webauthn_challenge WHERE expires_at < ?", Timestamp.from(clock.instant()));
        jdbc.update("INSERT INTO webauthn_challenge (challenge_hash, purpose, member_id, expires_at) VALUES (?, ?, ?, ?)",
                TokenHashes.sha256(challenge), purpose, memberId,
                Timestamp.from(clock.instant().plus(CHALLENGE_LIFETIME)));
        return challenge;
    }

    /** One use: the row goes whether or not the rest of the response is good. */
    private boolean consume(byte[] challenge, String purpose, String memberId) {
        if (challenge == null || challenge.length != 32) {
            return false;
        }
        return jdbc.update("""
                DELETE FROM webauthn_challenge WHERE challenge_hash = ? AND purpose = ?
                    AND member_id IS NOT DISTINCT FROM ? AND expires_at > ?""",
                TokenHashes.sha256(B64.encodeToString(challenge)), purpose, memberId,
                Timestamp.from(clock.instant())) == 1;
    }

    private static List<Map<String, Object>> descriptors(List<PasskeyLookup.Credential> credentials) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (PasskeyLookup.Credential c : credentials) {
            list.add(Map.of("type", "public-key", "id", c.credentialId(), "transports", c.transports()));
        }
        return list;
    }

    /** The user handle (§5.4.3) is the member id: random, no personal data. */
    private static String userHandle(String memberId) {
        return B64.encodeToString(memberId.getBytes(StandardCharsets.UTF_8));
    }

    /** The name an authenticator shows in its account picker; shown to the member only, never stored here. */
    private String label(MemberId memberId) {
        MemberClaims claims = queries.query(new FindMemberClaimsQuery(memberId),
                ResponseTypes.instanceOf(MemberClaims.class)).join();
        return claims != null && claims.personalData() != null && claims.personalData().email() != null
                ? claims.personalData().email() : memberId.value();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
