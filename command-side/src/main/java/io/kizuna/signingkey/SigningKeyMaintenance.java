package io.kizuna.signingkey;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the keys (adoption and one active key per configured algorithm) once the command bus runs and
 * before the web server takes requests (so no token request, JWKS or discovery ever sees a missing key), then
 * every five minutes records the retirement of keys whose overlap ended and, when
 * {@code kizuna.signing-keys.rotate-after} is set, rotates keys that are due. On several nodes the jobs
 * may race: the aggregate refuses the second retirement or rotation, which is logged and harmless.
 */
@Component
public class SigningKeyMaintenance implements SmartLifecycle {
    /** Just before the servlet web server's start (Spring Boot's WebServerStartStopLifecycle, MAX_VALUE - 2048). */
    static final int PHASE = Integer.MAX_VALUE - 2048 - 1;
    private static final Logger LOG = LoggerFactory.getLogger(SigningKeyMaintenance.class);
    private final SigningKeyLifecycle lifecycle;
    private volatile ScheduledExecutorService scheduler;

    public SigningKeyMaintenance(SigningKeyLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void start() {
        lifecycle.bootstrap();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kizuna-signing-key-maintenance");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::maintain, 5, 5, TimeUnit.MINUTES);
    }

    void maintain() {
        try {
            int retired = lifecycle.retireExpired();
            int rotated = lifecycle.rotateDue();
            if (retired + rotated > 0) {
                LOG.info("signing keys: {} retired after their overlap, {} rotated on schedule", retired, rotated);
            }
        } catch (RuntimeException e) {
            LOG.warn("signing-key maintenance failed; it will try again", e);
        }
    }

    @Override
    public void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
