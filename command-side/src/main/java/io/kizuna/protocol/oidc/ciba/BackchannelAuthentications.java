package io.kizuna.protocol.oidc.ciba;

import io.kizuna.api.LedgerRejection;
import io.kizuna.api.ciba.BackchannelAuthenticationService;
import io.kizuna.api.client.ClientId;
import io.kizuna.api.grant.DecideBackchannelAuthenticationCommand;
import io.kizuna.api.grant.GrantId;
import io.kizuna.api.grant.RequestBackchannelAuthenticationCommand;
import io.kizuna.api.member.MemberId;
import io.kizuna.api.session.SignInService;
import io.kizuna.client.BackchannelClients;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.crypto.TokenHashes;
import io.kizuna.grant.BackchannelRequests;
import io.kizuna.ledger.LedgerCommands;
import io.kizuna.policy.AuthenticationPolicy;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.CommandExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The life of a backchannel authentication request outside the token endpoint (OpenID Connect CIBA Core
 * 1.0): recording a validated request and handing it to the {@link AuthenticationDeviceChannel}s (§7), the
 * member's list and decision on their device (§1), and the ping to the client once decided (§10.2).
 */
@Service
public class BackchannelAuthentications implements BackchannelAuthenticationService {
    private static final Logger LOG = LoggerFactory.getLogger(BackchannelAuthentications.class);

    private final BackchannelRequests requests;
    private final ClientRegistry clients;
    private final BackchannelClients backchannelClients;
    private final SignInService signIn;
    private final LedgerCommands commands;
    private final AuthReqIds authReqIds;
    private final NotificationTokens notificationTokens;
    private final List<AuthenticationDeviceChannel> channels;
    private final PingNotifier ping;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public BackchannelAuthentications(BackchannelRequests requests, ClientRegistry clients,
                                      BackchannelClients backchannelClients, SignInService signIn,
                                      LedgerCommands commands, AuthReqIds authReqIds,
                                      NotificationTokens notificationTokens, List<AuthenticationDeviceChannel> channels,
                                      PingNotifier ping, TransactionTemplate transactions, Clock clock) {
        this.requests = requests;
        this.clients = clients;
        this.backchannelClients = backchannelClients;
        this.signIn = signIn;
        this.commands = commands;
        this.authReqIds = authReqIds;
        this.notificationTokens = notificationTokens;
        this.channels = List.copyOf(channels);
        this.ping = ping;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A validated request (§7.1), recorded in one transaction; returns the {@code auth_req_id} (§7.3). */
    public String start(RegisteredClient client, String memberId, List<String> scopes, List<String> acrValues,
                        String deliveryMode, String bindingMessage, String clientNotificationToken,
                        int intervalSeconds, Instant expiresAt) {
        GrantId grantId = GrantId.generate();
        String authReqId = authReqIds.of(grantId.value());
        transactions.executeWithoutResult(status -> {
            commands.send(new RequestBackchannelAuthenticationCommand(grantId, new ClientId(client.clientId()),
                    new MemberId(memberId), TokenHashes.sha256(authReqId), scopes, acrValues, deliveryMode,
                    intervalSeconds, expiresAt));
            requests.attach(grantId.value(), bindingMessage,
                    "ping".equals(deliveryMode) ? notificationTokens.seal(grantId.value(), clientNotificationToken)
                            : null);
        });
        AuthenticationDeviceChannel.DeviceRequest request = new AuthenticationDeviceChannel.DeviceRequest(
                grantId.value(), memberId, client.clientId(), client.name(), scopes, bindingMessage, acrValues,
                expiresAt);
        for (AuthenticationDeviceChannel channel : channels) {
            try {
                channel.reach(request);
            } catch (RuntimeException e) {
                LOG.warn("authentication device channel {} failed for request {}", channel.getClass().getSimpleName(),
                        grantId.value(), e);
            }
        }
        return authReqId;
    }

    @Override
    public List<PendingRequest> pending(String sessionCookie) {
        Optional<SignInService.BrowserSession> session = session(sessionCookie);
        if (session.isEmpty()) {
            return List.of();
        }
        boolean loa3 = AuthenticationPolicy.LOA3.equals(AuthenticationPolicy.acrOf(session.get().amr()));
        return requests.pendingFor(session.get().memberId(), clock.instant()).stream()
                .flatMap(entry -> clients.find(entry.clientId()).stream().map(client -> new PendingRequest(
                        entry.grantId(), client.name(), client.siteUri(), entry.scopes(), entry.bindingMessage(),
                        entry.acrValues().contains(AuthenticationPolicy.LOA3) && !loa3, entry.expiresAt(),
                        new io.kizuna.api.authorization.AuthorizationRequestService.ClientLinks(
                                client.presentation().logoUri(), client.presentation().policyUri(),
                                client.presentation().tosUri()))))
                .toList();
    }

    @Override
    public Decision decide(String reference, String sessionCookie, boolean approved) {
        Optional<SignInService.BrowserSession> session = session(sessionCookie);
        if (session.isEmpty()) {
            return Decision.NOT_SIGNED_IN;
        }
        SignInService.BrowserSession member = session.get();
        Optional<BackchannelRequests.Entry> entry = reference == null || reference.length() > 64 ? Optional.empty()
                : requests.byGrant(reference)
                .filter(e -> e.memberId().equals(member.memberId()) && "pending".equals(e.status())
                        && clock.instant().isBefore(e.expiresAt()))
                .filter(e -> clients.find(e.clientId()).isPresent());
        if (entry.isEmpty()) {
            return Decision.NOT_FOUND;
        }
        if (approved && entry.get().acrValues().contains(AuthenticationPolicy.LOA3)
                && !AuthenticationPolicy.LOA3.equals(AuthenticationPolicy.acrOf(member.amr()))) {
            return Decision.STEP_UP_REQUIRED;
        }
        try {
            commands.send(new DecideBackchannelAuthenticationCommand(new GrantId(reference),
                    new MemberId(member.memberId()), approved, member.amr(), member.authTime()));
        } catch (LedgerRejection | CommandExecutionException e) {
            return Decision.NOT_FOUND;
        }
        if ("ping".equals(entry.get().deliveryMode())) {
            pingClient(entry.get());
        }
        return approved ? Decision.APPROVED : Decision.DENIED;
    }

    /** What the automated-approval channel's decision came to. */
    public enum AutomatedDecision {
        APPROVED, DENIED, UNKNOWN, ALREADY_DECIDED, EXPIRED, STEP_UP_REQUIRED
    }

    /**
     * The automated-approval device channel ({@link AutomatedApprovalEndpoint}, conformance testing only):
     * decides the request named by the client's {@code auth_req_id} for the member it names, recording the
     * very events of a decision on the member's device (named as this channel in their metadata) and pinging
     * the client in ping mode (§10.2). No member authenticated: {@code amr} is what the operator configured
     * the channel to stand in for (the ID token's {@code amr} and {@code acr}, OIDC Core §2, come from it).
     */
    public AutomatedDecision decideAutomatically(String authReqId, boolean approved, List<String> amr) {
        if (authReqId == null || authReqId.isEmpty() || authReqId.length() > 256) {
            return AutomatedDecision.UNKNOWN;
        }
        Optional<BackchannelRequests.Entry> found = requests.byAuthReqId(TokenHashes.sha256(authReqId));
        if (found.isEmpty()) {
            return AutomatedDecision.UNKNOWN;
        }
        BackchannelRequests.Entry entry = found.get();
        if (!"pending".equals(entry.status())) {
            return AutomatedDecision.ALREADY_DECIDED;
        }
        Instant now = clock.instant();
        if (!now.isBefore(entry.expiresAt())) {
            return AutomatedDecision.EXPIRED;
        }
        if (approved && entry.acrValues().contains(AuthenticationPolicy.LOA3)
                && !AuthenticationPolicy.LOA3.equals(AuthenticationPolicy.acrOf(amr))) {
            return AutomatedDecision.STEP_UP_REQUIRED;
        }
        try {
            commands.send(new DecideBackchannelAuthenticationCommand(new GrantId(entry.grantId()),
                    new MemberId(entry.memberId()), approved, List.copyOf(amr), now,
                    DecideBackchannelAuthenticationCommand.AUTOMATED_APPROVAL));
        } catch (LedgerRejection | CommandExecutionException e) {
            // decided or expired between the look-up and the command: the aggregate is the judge
            return AutomatedDecision.ALREADY_DECIDED;
        }
        if ("ping".equals(entry.deliveryMode())) {
            pingClient(entry);
        }
        return approved ? AutomatedDecision.APPROVED : AutomatedDecision.DENIED;
    }

    /** CIBA §10.2: the client learns that the result is ready; it then asks the token endpoint. */
    private void pingClient(BackchannelRequests.Entry entry) {
        Optional<String> endpoint = backchannelClients.notificationEndpoint(entry.clientId());
        Optional<String> token = notificationTokens.open(entry.grantId(), entry.sealedNotificationToken());
        if (endpoint.isEmpty() || token.isEmpty()) {
            LOG.warn("ping mode request {} has no notification endpoint or token; the client must poll",
                    entry.grantId());
            return;
        }
        ping.notify(endpoint.get(), token.get(), authReqIds.of(entry.grantId()), entry.grantId());
    }

    private Optional<SignInService.BrowserSession> session(String cookie) {
        return cookie == null || cookie.isEmpty() ? Optional.empty() : signIn.findSession(cookie);
    }
}
