package io.kizuna.server.rebuild;

import java.lang.reflect.Constructor;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.core.MethodParameter;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rebuilds every read model of {@link ReadModelCatalog} from the ledger while the server keeps serving
 * ("give it a new name and replay, never migrate in place"):
 * <ol>
 *   <li>a fresh schema {@code rebuild_<millis>} gets an empty copy of each table ({@code LIKE … INCLUDING ALL});</li>
 *   <li>new instances of the real projection classes, whose {@link JdbcTemplate} is one connection with
 *       {@code search_path} set to that schema, receive every stored event in global order (Axon's
 *       {@link EventStorageEngine#readEvents(TrackingToken, boolean)}, upcasters applied, gaps tracked)
 *       through Axon's {@link AnnotationEventHandlerAdapter}, by {@value #WORKERS} workers that each own some
 *       projections (ledger order per projection) and commit every {@value #BATCH} of their events;</li>
 *   <li>catch-up passes follow the ledger until a pass finds fewer than {@value #BATCH} new events;</li>
 *   <li>one transaction then takes {@code LOCK … IN EXCLUSIVE MODE} on the live tables (writers wait, readers
 *       go on), applies the last events, copies the operational columns, optionally compares the two
 *       models row by row, and moves the live tables out and the rebuilt ones into {@code public} (the
 *       moves take {@code ACCESS EXCLUSIVE}: readers wait for the last milliseconds before the commit).</li>
 * </ol>
 * The live projections are subscribing handlers that write in the appending transaction, so once the
 * lock is held every committed event is in the live tables and every uncommitted one will be written
 * by its own transaction, after the swap, into the table that then carries the name (PostgreSQL resolves
 * the name again when a waiting statement gets its lock). The lock is requested with a short
 * {@code lock_timeout} and retried, so a writer that already holds one of the tables is never the one to
 * give way.
 */
@Service
public class ReadModelRebuilder {
    static final int BATCH = 1000;
    /** Connections (and threads) a rebuild uses besides the swap's; the server's pool has 20. */
    static final int WORKERS = 4;
    private static final Logger LOG = LoggerFactory.getLogger(ReadModelRebuilder.class);
    private static final int SWAP_ATTEMPTS = 50;

    private final EventStorageEngine storageEngine;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final AutowireCapableBeanFactory beans;
    private final Clock clock;
    private final ReentrantLock running = new ReentrantLock();

    public ReadModelRebuilder(EventStorageEngine storageEngine, DataSource dataSource,
                              PlatformTransactionManager transactionManager, AutowireCapableBeanFactory beans,
                              Clock clock) {
        this.storageEngine = storageEngine;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.transactions = new TransactionTemplate(transactionManager);
        this.beans = beans;
        this.clock = clock;
    }

    /** Thrown when a rebuild is asked for while one is running. */
    public static class AlreadyRunningException extends RuntimeException {
        AlreadyRunningException() {
            super("a read-model rebuild is already running");
        }
    }

    /**
     * @param compare also compare rebuilt and live tables row by row inside the swap transaction (exact,
     *                both at the same ledger position; costs lock time proportional to the tables' size)
     */
    public RebuildReport rebuild(boolean compare) {
        if (!running.tryLock()) {
            throw new AlreadyRunningException();
        }
        try {
            return run(compare);
        } finally {
            running.unlock();
        }
    }

    private RebuildReport run(boolean compare) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        String schema = "rebuild_" + started.toEpochMilli();
        List<ReadModelCatalog.Table> tables = ReadModelCatalog.tables();
        jdbc.execute("CREATE SCHEMA " + schema);
        for (ReadModelCatalog.Table t : tables) {
            // no autovacuum while the rebuild fills it: its lock would make the swap's ALTER wait (analysed below)
            jdbc.execute("CREATE TABLE " + schema + "." + t.name() + " (LIKE public." + t.name()
                    + " INCLUDING ALL) WITH (autovacuum_enabled = false)");
        }
        try (Replay replay = new Replay(schema)) {
            int passes = 0;
            long read;
            do {
                read = replay.pass();
                passes++;
            } while (read >= BATCH && passes < 100);
            for (ReadModelCatalog.Table t : tables) {
                // statistics before the swap, so the first queries on the new tables get good plans
                jdbc.execute("ANALYZE " + schema + "." + t.name());
            }
            Swap swap = swap(schema, tables, replay, compare);
            long total = System.nanoTime() - t0;
            jdbc.execute("DROP SCHEMA " + swap.retired + " CASCADE");
            jdbc.execute("DROP SCHEMA " + schema);
            LOG.info("read models rebuilt from {} events in {} ms (lock held {} ms)", replay.events,
                    total / 1_000_000, swap.lockMillis);
            return new RebuildReport(started, schema, replay.events, replay.applied, passes + swap.tailPasses,
                    swap.attempts, WORKERS, seconds(total), swap.lockMillis, perSecond(replay.events, total), swap.rows,
                    compare ? swap.differences : null);
        } catch (RuntimeException e) {
            dropQuietly(schema);
            throw e;
        }
    }

    private record Swap(String retired, int attempts, int tailPasses, long lockMillis, Map<String, Long> rows,
                        Map<String, Long> differences) {
    }

    private Swap swap(String schema, List<ReadModelCatalog.Table> tables, Replay replay, boolean compare) {
        String retired = schema.replace("rebuild_", "retired_");
        String live = tables.stream().map(t -> "public." + t.name()).collect(Collectors.joining(", "));
        for (int attempt = 1; ; attempt++) {
            int[] tailPasses = {0};
            try {
                long[] lockNanos = new long[1];
                Map<String, Long> rows = new LinkedHashMap<>();
                Map<String, Long> differences = new LinkedHashMap<>();
                transactions.executeWithoutResult(tx -> {
                    jdbc.execute("SET LOCAL lock_timeout = '300ms'");
                    jdbc.execute("LOCK TABLE " + live + " IN EXCLUSIVE MODE");
                    long locked = System.nanoTime();
                    // writers of these tables wait now; what is committed is all the live model has seen
                    while (replay.pass() > 0) {
                        tailPasses[0]++;
                    }
                    for (ReadModelCatalog.Table t : tables) {
                        if (!t.carried().isEmpty()) {
                            carry(schema, t);
                        }
                        if (compare) {
                            differences.put(t.name(), differences(schema, t.name()));
                        }
                        rows.put(t.name(), jdbc.queryForObject("SELECT count(*) FROM " + schema + "." + t.name(),
                                Long.class));
                    }
                    jdbc.execute("CREATE SCHEMA " + retired);
                    for (ReadModelCatalog.Table t : tables) {
                        jdbc.execute("ALTER TABLE " + schema + "." + t.name() + " RESET (autovacuum_enabled)");
                        jdbc.execute("ALTER TABLE public." + t.name() + " SET SCHEMA " + retired);
                        jdbc.execute("ALTER TABLE " + schema + "." + t.name() + " SET SCHEMA public");
                    }
                    lockNanos[0] = System.nanoTime() - locked;
                });
                return new Swap(retired, attempt, tailPasses[0], lockNanos[0] / 1_000_000, rows, differences);
            } catch (DataAccessException e) {
                // lock_timeout (55P03) or a deadlock with a writer (40P01): let the others finish and try again
                if (!lockConflict(e) || attempt >= SWAP_ATTEMPTS) {
                    throw e;
                }
                LOG.info("swap attempt {} could not lock the tables ({}); retrying", attempt, e.getMostSpecificCause()
                        .getMessage());
                try {
                    Thread.sleep(Math.min(50L * attempt, 500L)); // back-off between lock attempts, not a test wait
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static boolean lockConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && ("55P03".equals(sql.getSQLState()) || "40P01".equals(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** Operational columns come from the live row; rows absent from the ledger's view keep their default. */
    private void carry(String schema, ReadModelCatalog.Table t) {
        List<String> key = primaryKey(t.name());
        String set = t.carried().stream().map(c -> c + " = l." + c).collect(Collectors.joining(", "));
        String join = key.stream().map(k -> "r." + k + " = l." + k).collect(Collectors.joining(" AND "));
        jdbc.update("UPDATE " + schema + "." + t.name() + " r SET " + set + " FROM public." + t.name() + " l WHERE "
                + join);
    }

    /** Rows in one model and not in the other, both ways (multiset difference, every column). */
    private long differences(String schema, String table) {
        return jdbc.queryForObject("SELECT (SELECT count(*) FROM (SELECT * FROM " + schema + "." + table
                + " EXCEPT ALL SELECT * FROM public." + table + ") a) + (SELECT count(*) FROM (SELECT * FROM public."
                + table + " EXCEPT ALL SELECT * FROM " + schema + "." + table + ") b)", Long.class);
    }

    /** Primary-key columns of a live table, in key order. */
    public List<String> primaryKey(String table) {
        return jdbc.queryForList("""
                SELECT a.attname FROM pg_index i
                JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)
                WHERE i.indrelid = ('public.' || ?)::regclass AND i.indisprimary
                ORDER BY array_position(i.indkey, a.attnum)""", String.class, table);
    }

    /** A fresh instance of a projection class, wired like its bean but writing through {@code target}. */
    private AnnotationEventHandlerAdapter projection(ReadModelCatalog.Projection p, JdbcTemplate target) {
        Constructor<?> constructor = Stream.of(p.type().getDeclaredConstructors())
                .max(Comparator.comparingInt(Constructor::getParameterCount)).orElseThrow();
        Object[] args = new Object[constructor.getParameterCount()];
        for (int i = 0; i < args.length; i++) {
            Class<?> type = constructor.getParameterTypes()[i];
            args[i] = type == JdbcTemplate.class ? target
                    : beans.resolveDependency(new DependencyDescriptor(new MethodParameter(constructor, i), true), null);
        }
        try {
            constructor.setAccessible(true);
            return new AnnotationEventHandlerAdapter(constructor.newInstance(args));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + p.type().getName() + " for the rebuild", e);
        }
    }

    /**
     * Feeds stored events from a tracking position to the projections. The events are read once, in
     * global order, and handed to {@value #WORKERS} workers; each worker owns a few projections (and so
     * their tables: no two workers write one table), its own connection to the rebuild schema, and commits
     * every {@value #BATCH} of its events. A projection thus sees its events in ledger order, while the
     * round trips of different projections overlap.
     */
    private final class Replay implements AutoCloseable {
        private final List<Worker> workers = new ArrayList<>();
        private TrackingToken position;
        long events;
        long applied;

        Replay(String schema) {
            try {
                for (int i = 0; i < WORKERS; i++) {
                    workers.add(new Worker(schema, i));
                }
                List<ReadModelCatalog.Projection> all = ReadModelCatalog.PROJECTIONS;
                for (int i = 0; i < all.size(); i++) {
                    Worker w = workers.get(i % WORKERS);
                    w.handlers.add(projection(all.get(i), w.template));
                }
                workers.forEach(Worker::start);
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** One pass to the current end of the ledger, applied and committed; returns the number of events read. */
        long pass() {
            long read = 0;
            long start = System.nanoTime();
            try (Stream<? extends TrackedEventMessage<?>> stream = storageEngine.readEvents(position, false)) {
                var it = stream.iterator();
                while (it.hasNext()) {
                    TrackedEventMessage<?> event = it.next();
                    for (Worker w : workers) {
                        applied += w.offer(event);
                    }
                    position = event.trackingToken();
                    read++;
                }
            }
            for (Worker w : workers) {
                w.sync();
            }
            events += read;
            return read;
        }

        @Override
        public void close() {
            workers.forEach(Worker::shutDown);
        }
    }

    /** One thread and one connection applying events to its projections. */
    private final class Worker extends Thread {
        final List<AnnotationEventHandlerAdapter> handlers = new ArrayList<>();
        final JdbcTemplate template;
        private final Connection connection;
        private final java.util.concurrent.BlockingQueue<Object> queue = new java.util.concurrent.ArrayBlockingQueue<>(BATCH * 4);
        private final java.util.concurrent.SynchronousQueue<Object> synced = new java.util.concurrent.SynchronousQueue<>();
        private volatile Throwable failure;
        private volatile boolean closed;

        Worker(String schema, int n) {
            super("read-model-rebuild-" + n);
            setDaemon(true);
            try {
                connection = dataSource.getConnection();
                jdbc(connection).queryForObject("SELECT set_config('search_path', ?, false)", String.class, schema);
                // a crash loses an unfinished rebuild anyway, so its commits need not wait for the WAL flush
                jdbc(connection).execute("SET synchronous_commit = off");
                connection.setAutoCommit(false);
            } catch (SQLException e) {
                throw new IllegalStateException("no connection for the rebuild: " + e.getMessage(), e);
            }
            template = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        }

        int offer(TrackedEventMessage<?> event) {
            int handled = 0;
            for (AnnotationEventHandlerAdapter h : handlers) {
                if (h.canHandle(event)) {
                    handled++;
                }
            }
            if (handled > 0) {
                put(event);
            }
            return handled;
        }

        /** Waits until everything offered so far is applied and committed; rethrows a handler's failure. */
        void sync() {
            put(Boolean.TRUE);
            try {
                synced.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            if (failure != null) {
                throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure);
            }
        }

        private void put(Object item) {
            try {
                while (!queue.offer(item, 1, java.util.concurrent.TimeUnit.SECONDS)) {
                    if (!isAlive()) {
                        throw new IllegalStateException("a rebuild worker stopped", failure);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }

        @Override
        public void run() {
            long since = 0;
            while (!closed) {
                Object item;
                try {
                    item = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    if (item instanceof TrackedEventMessage<?> event) {
                        if (failure == null) {
                            apply(event);
                            if (++since % BATCH == 0) {
                                connection.commit();
                            }
                        }
                    } else {
                        if (failure == null) {
                            connection.commit();
                        }
                        synced.put(item);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (Throwable e) {
                    failure = e;
                }
            }
        }

        private void apply(TrackedEventMessage<?> event) {
            for (AnnotationEventHandlerAdapter h : handlers) {
                if (h.canHandle(event)) {
                    try {
                        h.handle(event);
                    } catch (Exception e) {
                        throw new IllegalStateException("replaying event " + event.getIdentifier() + " ("
                                + event.getPayloadType().getSimpleName() + ") failed: " + e.getMessage(), e);
                    }
                }
            }
        }

        void shutDown() {
            closed = true;
            interrupt();
            try {
                join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                connection.rollback();
                connection.setAutoCommit(true);
                jdbc(connection).execute("RESET search_path");
                jdbc(connection).execute("RESET synchronous_commit");
            } catch (SQLException | RuntimeException e) {
                LOG.warn("could not reset a rebuild connection", e);
            }
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.warn("could not return a rebuild connection", e);
            }
        }
    }

    private void dropQuietly(String schema) {
        try {
            jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (RuntimeException e) {
            LOG.warn("could not drop {}", schema, e);
        }
    }

    private static JdbcTemplate jdbc(Connection connection) {
        return new JdbcTemplate(new SingleConnectionDataSource(connection, true));
    }

    private static double seconds(long nanos) {
        return Math.round(nanos / 1e6) / 1e3;
    }

    private static long perSecond(long events, long nanos) {
        return nanos == 0 ? 0 : Math.round(events / (nanos / 1e9));
    }
}
