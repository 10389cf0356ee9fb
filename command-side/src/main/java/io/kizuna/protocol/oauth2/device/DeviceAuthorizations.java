package io.kizuna.protocol.oauth2.device;

import io.kizuna.api.device.DeviceAuthorizationService;
import io.kizuna.api.grant.DecideDeviceAuthorizationCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.SignInService;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.grant.DeviceCodes;
import io.kizuna.ledger.LedgerCommands;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The verification page's side of RFC 8628 §3.3: find the pending request by the typed user code and
 * record the signed-in member's decision on its {@code Grant}. A code that is unknown, expired,
 * already decided or belongs to a deleted client is simply not found, so the page cannot be used to
 * learn anything about codes.
 */
@Service
public class DeviceAuthorizations implements DeviceAuthorizationService {
    private final UserCodeHasher userCodes;
    private final DeviceCodes deviceCodes;
    private final ClientRegistry clients;
    private final SignInService signIn;
    private final LedgerCommands commands;
    private final Clock clock;

    public DeviceAuthorizations(UserCodeHasher userCodes, DeviceCodes deviceCodes, ClientRegistry clients,
                                SignInService signIn,
                                LedgerCommands commands, Clock clock) {
        this.userCodes = userCodes;
        this.deviceCodes = deviceCodes;
        this.clients = clients;
        this.signIn = signIn;
        this.commands = commands;
        this.clock = clock;
    }

    @Override
    public Optional<PendingDevice> describe(String userCode) {
        String canonical = UserCodes.normalize(userCode);
        if (canonical == null) {
            return Optional.empty();
        }
        return deviceCodes.pendingByUserCode(userCodes.hash(canonical), clock.instant())
                .flatMap(entry -> clients.find(entry.clientId()).map(client -> describe(canonical, client, entry)));
    }

    @Override
    public Decision decide(String userCode, String sessionCookie, boolean approved) {
        Optional<SignInService.BrowserSession> session = sessionCookie == null || sessionCookie.isEmpty()
                ? Optional.empty() : signIn.findSession(sessionCookie);
        if (session.isEmpty()) {
            return Decision.NOT_SIGNED_IN;
        }
        String canonical = UserCodes.normalize(userCode);
        if (canonical == null) {
            return Decision.NOT_FOUND;
        }
        Optional<DeviceCodes.Entry> entry = deviceCodes.pendingByUserCode(userCodes.hash(canonical), clock.instant())
                .filter(e -> clients.find(e.clientId()).isPresent());
        if (entry.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        SignInService.BrowserSession member = session.get();
        commands.send(new DecideDeviceAuthorizationCommand(new GrantId(entry.get().grantId()),
                new MemberId(member.memberId()), approved, member.amr(), member.authTime()));
        return approved ? Decision.APPROVED : Decision.DENIED;
    }

    private static PendingDevice describe(String canonical, RegisteredClient client, DeviceCodes.Entry entry) {
        return new PendingDevice(UserCodes.display(canonical), client.name(), client.siteUri(), entry.scopes(),
                new io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks(
                        client.presentation().logoUri(), client.presentation().policyUri(),
                        client.presentation().tosUri()));
    }
}
