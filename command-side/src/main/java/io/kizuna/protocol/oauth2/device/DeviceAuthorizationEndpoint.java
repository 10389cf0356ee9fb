package io.kizuna.protocol.oauth2.device;

import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RequestDeviceAuthorizationCommand;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.KizunaProperties;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.Grant;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.protocol.oauth2.OAuthParameters;
import io.kizuna.protocol.oauth2.client.ClientAuthenticator;
import io.kizuna.protocol.oauth2.error.OAuthErrors;
import io.kizuna.protocol.oauth2.error.OAuthException;
import io.kizuna.protocol.oauth2.token.Scopes;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The device authorization endpoint (RFC 8628 §3.1, §3.2). The client authenticates as at the token
 * endpoint (§3.1: a public client sends its {@code client_id}); the answer is a device code for polling,
 * a user code for the member to type at {@code verification_uri} ({@code /device}), the same URI with the
 * code filled in ({@code verification_uri_complete}), the lifetime and the polling interval.
 * Errors are RFC 6749 §5.2's (§3.2).
 */
@RestController
public class DeviceAuthorizationEndpoint {
    public static final String PATH = "/oauth2/device_authorization";
    public static final String VERIFICATION_PATH = "/device";

    private final UserCodeHasher userCodes;
    private final ClientAuthenticator authenticator;
    private final LedgerCommands commands;
    private final KizunaProperties properties;
    private final Clock clock;
    private final Duration lifetime;
    private final Duration interval;

    public DeviceAuthorizationEndpoint(UserCodeHasher userCodes, ClientAuthenticator authenticator,
                                       LedgerCommands commands,
                                       KizunaProperties properties, Clock clock,
                                       @Value("${kizuna.device.lifetime:PT10M}") Duration lifetime,
                                       @Value("${kizuna.device.interval:PT5S}") Duration interval) {
        this.userCodes = userCodes;
        this.authenticator = authenticator;
        this.commands = commands;
        this.properties = properties;
        this.clock = clock;
        this.lifetime = lifetime;
        this.interval = interval;
    }

    @PostMapping(PATH)
    public ResponseEntity<Map<String, Object>> authorize(HttpServletRequest request) {
        OAuthParameters parameters = OAuthParameters.fromForm(request);
        RegisteredClient client = authenticator.authenticate(request, parameters);
        if (!client.allowsGrant(Grant.DEVICE_CODE)) {
            throw new OAuthException(400, OAuthErrors.UNAUTHORIZED_CLIENT,
                    "this client is not registered for the device authorization grant (RFC 8628 §3.2)");
        }
        List<String> requested = Scopes.parse(parameters.get("scope"));
        List<String> scopes = requested.isEmpty() ? client.scopes() : requested;
        if (!client.scopes().containsAll(scopes)) {
            throw new OAuthException(400, OAuthErrors.INVALID_SCOPE, "a requested scope is not allowed for this client");
        }
        String deviceCode = TokenHashes.randomValue(32);
        String userCode = UserCodes.generate();
        Instant expiresAt = clock.instant().plus(lifetime);
        int intervalSeconds = (int) Math.max(1, interval.toSeconds());
        commands.send(new RequestDeviceAuthorizationCommand(GrantId.generate(), new ClientId(client.clientId()),
                TokenHashes.sha256(deviceCode), userCodes.hash(UserCodes.normalize(userCode)), scopes,
                intervalSeconds, expiresAt));
        String verificationUri = properties.issuer() + VERIFICATION_PATH;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("device_code", deviceCode);
        body.put("user_code", userCode);
        body.put("verification_uri", verificationUri);
        body.put("verification_uri_complete",
                verificationUri + "?user_code=" + URLEncoder.encode(userCode, StandardCharsets.UTF_8));
        body.put("expires_in", lifetime.toSeconds());
        body.put("interval", intervalSeconds);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header("Pragma", "no-cache").body(body);
    }
}
