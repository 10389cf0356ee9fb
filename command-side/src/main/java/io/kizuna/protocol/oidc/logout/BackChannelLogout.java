package io.kizuna.protocol.oidc.logout;

import io.kizuna.api.session.SessionEnded;
import io.kizuna.client.ClientRegistry;
import io.kizuna.client.RegisteredClient;
import io.kizuna.config.CommandSideConfiguration;
import io.kizuna.session.SessionClients;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * OIDC Back-Channel Logout 1.0 §2.5–2.8: when a session ends — RP-initiated logout, sign-out here or from the
 * account console, one or everywhere, a password change or reset — every client that received an ID token in
 * it and registered a {@code backchannel_logout_uri} is sent a Logout Token ({@link LogoutTokens}) as
 * {@code application/x-www-form-urlencoded} {@code logout_token=…} (§2.5).
 *
 * <p>Delivery never blocks the sign-out: the recipients are read in the ending transaction, the requests go
 * out after it commits, from a small pool of their own, with a bounded retry (network errors and 5xx,
 * {@code kizuna.logout.backchannel.attempts}, 1 s then doubling); a 4xx is final (§2.8: the RP rejected the
 * token). Redirects are not followed. Each outcome is logged with the client id, the attempts and the HTTP
 * status only — no subject, session or token — rather than recorded in the ledger: the state change (the
 * session's end, with its reason) is already a ledger event; whether a third party's server answered is
 * operational, and retries against an unreachable RP must not grow the ledger.
 */
@Component
@ProcessingGroup(CommandSideConfiguration.COMMAND_LOOKUPS)
public class BackChannelLogout implements DisposableBean {
    private static final Logger log = LoggerFactory.getLogger(BackChannelLogout.class);

    private final SessionClients sessionClients;
    private final ClientRegistry clients;
    private final LogoutTokens tokens;
    private final int attempts;
    private final Duration timeout;
    private final HttpClient http;
    private final ScheduledExecutorService executor;

    private final io.kizuna.net.OutboundGuard guard;

    public BackChannelLogout(SessionClients sessionClients, ClientRegistry clients, LogoutTokens tokens,
                             @Value("${kizuna.logout.backchannel.attempts:3}") int attempts,
                             @Value("${kizuna.logout.backchannel.timeout:5s}") Duration timeout,
                             io.kizuna.net.OutboundGuard guard) {
        this.guard = guard;
        this.sessionClients = sessionClients;
        this.clients = clients;
        this.tokens = tokens;
        this.attempts = Math.max(1, Math.min(attempts, 10));
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(2, task -> {
            Thread thread = new Thread(task, "backchannel-logout-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.setRemoveOnCancelPolicy(true);
        this.executor = pool;
    }

    @EventHandler
    void on(SessionEnded event) {
        List<Delivery> deliveries = new ArrayList<>();
        for (SessionClients.Recipient recipient : sessionClients.recipients(event.sessionId())) {
            clients.find(recipient.clientId())
                    .map(RegisteredClient::logoutSettings)
                    .filter(settings -> settings.backchannelLogoutUri() != null)
                    .ifPresent(settings -> deliveries.add(new Delivery(recipient.clientId(),
                            settings.backchannelLogoutUri(), recipient.memberId(), event.sessionId())));
        }
        if (deliveries.isEmpty()) {
            return;
        }
        Runnable send = () -> deliveries.forEach(delivery -> schedule(delivery, 1, 0));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    send.run();
                }
            });
        } else {
            send.run();
        }
    }

    private void schedule(Delivery delivery, int attempt, long delayMillis) {
        try {
            executor.schedule(() -> deliver(delivery, attempt), delayMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            log.warn("back-channel logout not sent: shutting down (client_id={})", delivery.clientId());
        }
    }

    private void deliver(Delivery delivery, int attempt) {
        String outcome;
        boolean retry;
        try {
            guard.check(URI.create(delivery.uri()));
        } catch (io.kizuna.net.OutboundGuard.Refused e) {
            // the SSRF guard: an internal address is never called, and retrying will not change that
            log.warn("back-channel logout not sent: client_id={} refused: {}", delivery.clientId(), e.getMessage());
            return;
        }
        try {
            // a fresh token per attempt: each has its own jti and iat (§2.4)
            String token = tokens.issue(delivery.clientId(), delivery.subject(), delivery.sid());
            HttpRequest request = HttpRequest.newBuilder(URI.create(delivery.uri()))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Cache-Control", "no-store")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "logout_token=" + URLEncoder.encode(token, StandardCharsets.US_ASCII)))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
                log.info("back-channel logout delivered: client_id={} status={} attempts={}", delivery.clientId(),
                        status, attempt);
                return;
            }
            outcome = "status=" + status;
            retry = status >= 500;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            outcome = "error=" + e.getClass().getSimpleName();
            retry = true;
        }
        if (retry && attempt < attempts) {
            schedule(delivery, attempt + 1, 1000L << (attempt - 1));
        } else {
            log.warn("back-channel logout failed: client_id={} {} attempts={}", delivery.clientId(), outcome, attempt);
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }

    private record Delivery(String clientId, String uri, String subject, String sid) {
    }
}
