package io.kizuna.server.ledger;

import io.kizuna.embedded.postgres.EmbeddedPostgresServer;
import io.kizuna.ledger.seal.LedgerSealer;
import io.kizuna.ledger.seal.LedgerVerifier;
import io.kizuna.ledger.seal.VerificationReport;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Verification speed on a synthetic ledger: a real PostgreSQL 17 (embedded), the real Flyway schema,
 * N events shaped like Kizuna's (sealed personal data in the payload, Axon metadata), sealed by the
 * real {@link LedgerSealer} and then walked by the real {@link LedgerVerifier}. Prints figures; asserts
 * nothing about time (a busy 2-core CI box would make any threshold flaky).
 *
 * <p>Run: {@code mvn -q -pl server -am process-test-classes -Pledger-benchmark [-Dledger.events=200000]}
 */
public final class LedgerVerifyBenchmark {
    private LedgerVerifyBenchmark() {
    }

    public static void main(String[] args) throws SQLException {
        int events = Integer.getInteger("ledger.events", 200_000);
        int runs = Integer.getInteger("ledger.runs", 5);
        try (EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(null, 0)) {
            Flyway.configure().dataSource(postgres.dataSource()).locations("classpath:db/migration").load().migrate();
            JdbcTemplate jdbc = new JdbcTemplate(postgres.dataSource());
            long t0 = System.nanoTime();
            insert(jdbc, events);
            double insertSeconds = (System.nanoTime() - t0) / 1e9;

            // one open connection and one transaction per batch, as the tracking processor runs it in the
            // server; autocommit would measure a commit per row instead of sealing
            java.sql.Connection raw = postgres.dataSource().getConnection();
            raw.setAutoCommit(false);
            SingleConnectionDataSource connection = new SingleConnectionDataSource(raw, true);
            LedgerSealer sealer = new LedgerSealer(new JdbcTemplate(connection), Clock.systemUTC());
            List<String> ids = jdbc.queryForList("SELECT eventidentifier FROM domainevententry ORDER BY globalindex",
                    String.class);
            long t1 = System.nanoTime();
            for (int from = 0; from < ids.size(); from += 100) {
                sealer.seal(ids.subList(from, Math.min(from + 100, ids.size()))); // the processor's batch size
                raw.commit();
            }
            double sealSeconds = (System.nanoTime() - t1) / 1e9;
            raw.close();
            jdbc.execute("VACUUM ANALYZE");

            LedgerVerifier verifier = new LedgerVerifier(postgres.dataSource());
            double[] rates = new double[runs];
            VerificationReport report = null;
            for (int r = 0; r < runs; r++) {
                long t = System.nanoTime();
                report = verifier.verify();
                double seconds = (System.nanoTime() - t) / 1e9;
                rates[r] = report.eventsVerified() / seconds;
                if (!report.intact() || report.eventsVerified() != events) {
                    throw new IllegalStateException("benchmark ledger did not verify: " + report);
                }
            }
            Arrays.sort(rates);
            long payloadBytes = jdbc.queryForObject("SELECT sum(length(payload) + length(metadata)) FROM domainevententry",
                    Long.class);
            System.out.printf("ledger verify benchmark (%s, %d CPUs, PostgreSQL embedded 17)%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors());
            System.out.printf("events: %,d (avg payload+metadata %d bytes)%n", events, payloadBytes / events);
            System.out.printf("insert: %.1f s; seal (LedgerSealer, batches of 100): %,.0f events/s%n", insertSeconds,
                    events / sealSeconds);
            System.out.printf("verify runs: %d; events/s min %,.0f median %,.0f max %,.0f; head seal %d%n", runs,
                    rates[0], rates[runs / 2], rates[runs - 1], report.lastSealed().sealSequence());
        }
    }

    private static void insert(JdbcTemplate jdbc, int events) {
        SecureRandom random = new SecureRandom();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String[] types = {"io.kizuna.api.member.LoginSucceeded", "io.kizuna.api.grant.AccessTokenIssued",
                "io.kizuna.api.member.MemberRegistered", "io.kizuna.api.consent.ConsentGranted"};
        List<Object[]> batch = new ArrayList<>(5_000);
        Instant at = Instant.parse("2026-11-01T00:00:00Z");
        for (int i = 1; i <= events; i++) {
            byte[] sealed = new byte[160];
            random.nextBytes(sealed);
            String member = UUID.randomUUID().toString();
            String payload = "{\"memberId\":\"" + member + "\",\"sessionId\":\"" + UUID.randomUUID()
                    + "\",\"clientId\":\"www-demo\",\"amr\":[\"pwd\"],\"acr\":\"urn:kizuna:loa:2\",\"context\":{\"keyId\":\""
                    + UUID.randomUUID() + "\",\"sealed\":\"" + b64.encodeToString(sealed) + "\"},\"at\":\""
                    + at.plusMillis(i) + "\"}";
            String metadata = "{\"traceId\":\"" + UUID.randomUUID() + "\",\"correlationId\":\"" + UUID.randomUUID() + "\"}";
            batch.add(new Object[] {(long) i, member, 0L, "Member", UUID.randomUUID().toString(),
                    metadata.getBytes(StandardCharsets.UTF_8), payload.getBytes(StandardCharsets.UTF_8), "1",
                    types[i % types.length], at.plusMillis(i).toString()});
            if (batch.size() == 5_000 || i == events) {
                jdbc.batchUpdate("INSERT INTO domainevententry (globalindex, aggregateidentifier, sequencenumber, type,"
                        + " eventidentifier, metadata, payload, payloadrevision, payloadtype, timestamp)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", batch);
                batch.clear();
            }
        }
    }
}
