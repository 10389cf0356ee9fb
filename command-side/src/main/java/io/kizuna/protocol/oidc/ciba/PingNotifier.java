package io.kizuna.protocol.oidc.ciba;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Ping mode (CIBA Core 1.0 §10.2): tells the client's {@code backchannel_client_notification_endpoint} that
 * the result of {@code auth_req_id} is ready, with {@code Authorization: Bearer <client_notification_token>}
 * and the JSON body {@code {"auth_req_id": ...}}. Sent off the request thread; a transient failure (a network
 * error or a 5xx answer) is retried a bounded number of times with a growing pause, then given up (the client
 * can still poll, §10.2). A 3xx or 4xx answer is final: the client refused or misdirected the call, and §10.2
 * leaves its handling to the OP ("administrative action is likely to be needed"), so it is logged, never
 * repeated. Redirects are not followed, so the token goes only to the registered URL.
 */
@Component
public class PingNotifier implements DisposableBean {
    private static final Logger LOG = LoggerFactory.getLogger(PingNotifier.class);

    private final ScheduledExecutorService scheduler;
    private final HttpClient http;
    private final ObjectMapper json;
    private final int attempts;
    private final Duration firstPause;

    private final io.kizuna.net.OutboundGuard guard;

    public PingNotifier(ObjectMapper json,
                        @Value("${kizuna.ciba.ping.attempts:4}") int attempts,
                        @Value("${kizuna.ciba.ping.first-retry:PT1S}") Duration firstPause,
                        io.kizuna.net.OutboundGuard guard) {
        this.guard = guard;
        this.json = json;
        this.attempts = Math.max(1, attempts);
        this.firstPause = firstPause;
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "kizuna-ciba-ping");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Schedules the notification and returns at once. */
    public void notify(String endpoint, String clientNotificationToken, String authReqId, String reference) {
        scheduler.execute(() -> attempt(endpoint, clientNotificationToken, authReqId, reference, 1));
    }

    private void attempt(String endpoint, String token, String authReqId, String reference, int attempt) {
        boolean delivered;
        boolean retry;
        try {
            guard.check(URI.create(endpoint));
        } catch (io.kizuna.net.OutboundGuard.Refused e) {
            // the SSRF guard: an internal address is never called, and retrying will not change that
            LOG.warn("ping notification for request {} not sent: {}", reference, e.getMessage());
            return;
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(endpoint))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("auth_req_id", authReqId))))
                    .build();
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            delivered = status >= 200 && status < 300;
            retry = status >= 500;
            if (!delivered) {
                LOG.info("ping notification for request {} answered {} (attempt {}{})", reference, status, attempt,
                        retry ? "" : ", not retried");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            LOG.info("ping notification for request {} failed (attempt {}): {}", reference, attempt,
                    e.getClass().getSimpleName());
            delivered = false;
            retry = true;
        }
        if (!delivered && retry && attempt < attempts && !scheduler.isShutdown()) {
            long pause = firstPause.toMillis() << (attempt - 1);
            scheduler.schedule(() -> attempt(endpoint, token, authReqId, reference, attempt + 1), pause,
                    TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void destroy() {
        scheduler.shutdownNow();
    }
}
