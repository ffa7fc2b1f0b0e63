package dev.coffer.tools.db;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.ProgressHandler;

/**
 * An embedded SQLite database file in WAL mode with one serialised writer connection and a pool of
 * read-only connections, as PocketBase runs it.
 *
 * <p>{@link #write} runs its work in a transaction while holding the single writer; nested calls on the same
 * thread join the outer transaction. {@link #read} borrows a reader, except inside a write on the same thread,
 * where it uses the writer so the work sees its own uncommitted changes. SQLite's JNI calls pin virtual
 * threads, so work called from a virtual thread is handed to a platform thread.
 */
final class SqliteDatabase extends Database {

    private static final String[] PRAGMAS = {
        "PRAGMA busy_timeout = 10000",
        "PRAGMA journal_mode = WAL",
        "PRAGMA journal_size_limit = 200000000",
        "PRAGMA synchronous = NORMAL",
        "PRAGMA foreign_keys = ON",
        "PRAGMA temp_store = MEMORY",
        "PRAGMA cache_size = -16000",
    };
    /**
     * The page cache of each pooled reader: 2 MiB (SQLite's default) instead of the writer's 16 MiB (PocketBase's).
     * Eight readers that each scan a table fill eight private caches with the same pages, 128 MiB at most; with
     * 2 MiB each, a page a reader lacks is read again from the operating system's file cache. Measured over a
     * create/list/full-scan workload: peak RSS 561 → 451 MiB, lists and scans within 10% (bench/README.md).
     */
    static final String READER_CACHE_PRAGMA = "PRAGMA cache_size = -2000";

    /** SQLite virtual-machine steps between two deadline checks (a check costs one call into Java). */
    private static final int STEPS_PER_CHECK = 10_000;

    private final Path file;
    private final boolean readOnly;
    private final int readerCount;
    private final Map<Connection, Deadline> deadlines = new ConcurrentHashMap<>();
    private volatile Connection writer;
    private final ReentrantLock writeLock = new ReentrantLock(true);
    private final BlockingQueue<Connection> readers;
    private final List<Connection> allReaders = new ArrayList<>();
    private final ExecutorService platform;
    /** Reads waiting for a reader to be returned. */
    private final AtomicInteger waitingReaders = new AtomicInteger();
    private volatile boolean closed;

    private SqliteDatabase(Path file, int readerCount, boolean readOnly) throws SQLException {
        this.file = file;
        this.readOnly = readOnly;
        this.readerCount = readerCount;
        this.writer = watched(open(file, readOnly));
        this.readers = new ArrayBlockingQueue<>(readerCount);
        try {
            for (int i = 0; i < readerCount; i++) {
                Connection c = watched(open(file, true));
                allReaders.add(c);
                readers.add(c);
            }
        } catch (SQLException e) {
            closeQuietly();
            throw e;
        }
        this.platform = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "coffer-sqlite");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Opens (creating when missing) an SQLite database file and checks it is readable.
     *
     * @throws DatabaseException with a one-line reason when the file is not a usable database
     */
    static SqliteDatabase open(Path file, int readerCount, boolean readOnly) {
        try {
            SqliteDatabase db = new SqliteDatabase(file, Math.max(1, readerCount), readOnly);
            db.read(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                    rs.next();
                }
                return null;
            });
            return db;
        } catch (SQLException | DatabaseException e) {
            throw new DatabaseException("cannot open database " + file + ": " + rootMessage(e), e);
        }
    }

    private static Connection open(Path file, boolean readOnly) throws SQLException {
        Properties props = new Properties();
        // nothing reads generated keys: without this the driver runs a second statement after every INSERT
        props.setProperty("jdbc.get_generated_keys", "false");
        if (readOnly) {
            props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), props);
        try (Statement s = c.createStatement()) {
            for (String pragma : PRAGMAS) {
                if (readOnly && pragma.contains("journal_mode")) {
                    continue;
                }
                s.execute(pragma);
            }
            if (readOnly) {
                s.execute(READER_CACHE_PRAGMA);
            }
            if (readOnly) {
                s.execute("PRAGMA query_only = ON");
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    /** The SQL dialect of this database. */
    @Override
    public Dialect dialect() {
        return SqliteDialect.INSTANCE;
    }

    /** The database file. */
    @Override
    public Path file() {
        return file;
    }

    @Override
    public boolean hasFile() {
        return true;
    }

    @Override
    public <T> T readConsistent(SqlFunction<T> work) {
        if (inTransaction.get() != null) {
            return read(Duration.ZERO, work);
        }
        return read(Duration.ZERO, c -> {
            c.setAutoCommit(false);
            inTransaction.set(c);
            try {
                return work.apply(c);
            } finally {
                inTransaction.remove();
                c.rollback();
                c.setAutoCommit(true);
            }
        });
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public String version() {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT sqlite_version()")) {
                rs.next();
                return "SQLite " + rs.getString(1);
            }
        });
    }

    /**
     * Runs read-only work as {@link #read(SqlFunction)} does with its own time limit ({@link Duration#ZERO} for
     * none), for work that may take longer than the default, such as an operator's query.
     */
    @Override
    public <T> T read(Duration timeout, SqlFunction<T> work) {
        Connection tx = inTransaction.get();
        if (tx != null) {
            return run(() -> work.apply(tx));
        }
        return onPlatformThread(() -> {
            ensureOpen();
            long asked = System.nanoTime();
            Connection c = borrowReader();
            long got = System.nanoTime();
            Deadline deadline = deadlines.get(c);
            deadline.start(timeout);
            boolean failed = true;
            try {
                T result = work.apply(c);
                failed = false;
                return result;
            } catch (SQLException | RuntimeException e) {
                throw deadline.passed() ? timedOut(timeout, e) : e;
            } finally {
                deadline.clear();
                readers.add(c);
                observer.read(got - asked, System.nanoTime() - got, failed);
            }
        });
    }

    /** Takes a pooled reader, at once when one is idle, else waiting up to 30 seconds (counted as pending). */
    private Connection borrowReader() throws InterruptedException {
        Connection c = readers.poll();
        if (c != null) {
            return c;
        }
        waitingReaders.incrementAndGet();
        try {
            c = readers.poll(30, TimeUnit.SECONDS);
        } finally {
            waitingReaders.decrementAndGet();
        }
        if (c == null) {
            throw new DatabaseException("timed out waiting for a database reader");
        }
        return c;
    }

    /**
     * The readers lent and idle, the writer (active while a write holds it), and the work waiting for either; read
     * without locking, so the numbers of one moment may not add up exactly.
     */
    @Override
    public PoolStats poolStats() {
        int idleReaders = readers.size();
        int writerBusy = writeLock.isLocked() ? 1 : 0;
        return new PoolStats(Math.max(0, readerCount - idleReaders) + writerBusy, idleReaders + 1 - writerBusy,
                waitingReaders.get() + writeLock.getQueueLength(), readerCount + 1);
    }

    /** The size of the {@code -wal} file beside the database file (0 when there is none). */
    @Override
    public OptionalLong walSize() {
        try {
            return OptionalLong.of(Files.size(Path.of(file.toAbsolutePath() + "-wal")));
        } catch (IOException e) {
            return OptionalLong.of(0);
        }
    }

    /**
     * The time limit of the work running on one connection, checked by SQLite every {@link #STEPS_PER_CHECK}
     * steps of a statement; a passed limit makes SQLite stop the statement with {@code SQLITE_INTERRUPT}.
     */
    private static final class Deadline extends ProgressHandler {
        /** {@link System#nanoTime()} at which the work must stop; meaningful only while {@link #armed}. */
        private volatile long until;
        private volatile boolean armed;
        private volatile boolean passed;

        void start(Duration timeout) {
            passed = false;
            if (timeout.isZero()) {
                armed = false;
                return;
            }
            until = System.nanoTime() + timeout.toNanos();
            armed = true;
        }

        void clear() {
            armed = false;
        }

        boolean passed() {
            return passed;
        }

        @Override
        protected int progress() {
            if (armed && System.nanoTime() - until > 0) {
                passed = true;
                return 1;
            }
            return 0;
        }
    }

    /** Registers a new connection's deadline with SQLite. */
    private Connection watched(Connection c) throws SQLException {
        Deadline deadline = new Deadline();
        try {
            ProgressHandler.setHandler(c, STEPS_PER_CHECK, deadline);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        deadlines.put(c, deadline);
        return c;
    }

    /**
     * Starts read-only work on a pooled reader in the background, so that two independent queries (a page
     * and its total count) run at the same time. Inside a write transaction it runs at once on the writer.
     */
    @Override
    public <T> CompletableFuture<T> readAsync(SqlFunction<T> work) {
        if (inTransaction.get() != null) {
            return CompletableFuture.completedFuture(read(work));
        }
        return CompletableFuture.supplyAsync(() -> read(work), platform);
    }

    /**
     * Runs work in a write transaction as {@link #write(SqlFunction)} does, interrupting its statements (and so
     * rolling it back) once it has run longer than {@code timeout} ({@link Duration#ZERO} for no limit). Inside
     * another write transaction it joins it and the outer limit applies.
     */
    @Override
    public <T> T write(Duration timeout, SqlFunction<T> work) {
        Connection tx = inTransaction.get();
        if (tx != null) {
            return run(() -> work.apply(tx));
        }
        return onPlatformThread(() -> {
            ensureOpen();
            List<Runnable> committed = new ArrayList<>();
            List<Runnable> rolledBack = new ArrayList<>();
            List<Consumer<Throwable>> failed = new ArrayList<>();
            T result;
            long asked = System.nanoTime();
            writeLock.lock();
            long got = System.nanoTime();
            try {
                inTransaction.set(writer);
                afterCommit.set(committed);
                afterRollback.set(rolledBack);
                afterFailure.set(failed);
                writer.setAutoCommit(false);
                Deadline deadline = deadlines.get(writer);
                deadline.start(timeout);
                try {
                    try {
                        result = work.apply(writer);
                    } catch (SQLException | RuntimeException e) {
                        throw deadline.passed() ? timedOut(timeout, e) : e;
                    }
                    deadline.clear();
                    writer.commit();
                } catch (Throwable t) {
                    deadline.clear();
                    try {
                        writer.rollback();
                    } catch (SQLException suppressed) {
                        t.addSuppressed(suppressed);
                    }
                    runAll(rolledBack, t);
                    throw t;
                } finally {
                    writer.setAutoCommit(true);
                    inTransaction.remove();
                    afterCommit.remove();
                    afterRollback.remove();
                    afterFailure.remove();
                }
            } catch (Throwable t) {
                writeLock.unlock();
                observer.write(got - asked, System.nanoTime() - got, true);
                runFailed(failed, t);
                throw t;
            }
            writeLock.unlock();
            observer.write(got - asked, System.nanoTime() - got, false);
            committed.forEach(Runnable::run);
            return result;
        });
    }

    /**
     * Periodic maintenance: truncates the write-ahead log into the main file and lets SQLite refresh the
     * statistics its query planner uses ({@code PRAGMA optimize}).
     */
    @Override
    public void optimize() {
        execute("PRAGMA wal_checkpoint(TRUNCATE)");
        execute("PRAGMA optimize");
    }

    /** Rebuilds the database file to give the space of deleted rows back ({@code VACUUM}). */
    @Override
    public void vacuum() {
        execute("VACUUM");
    }

    /** Runs a statement outside any transaction on the writer (for PRAGMAs such as checkpoints). */
    @Override
    public void execute(String sql) {
        onPlatformThread(() -> {
            writeLock.lock();
            try (Statement s = writer.createStatement()) {
                s.execute(sql);
                return null;
            } finally {
                writeLock.unlock();
            }
        });
    }

    /**
     * Writes a consistent copy of the database, as of one moment, to {@code target} (which must not exist) while
     * readers and the writer keep working: SQLite's {@code VACUUM INTO} on a connection of its own.
     */
    @Override
    public void snapshotTo(Path target) {
        onPlatformThread(() -> {
            ensureOpen();
            try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("PRAGMA busy_timeout = 10000");
                }
                try (PreparedStatement ps = c.prepareStatement("VACUUM INTO ?")) {
                    ps.setString(1, target.toAbsolutePath().toString());
                    ps.execute();
                }
            }
            return null;
        });
    }

    /** The problems {@code PRAGMA integrity_check} reports (however long it takes); empty when intact. */
    @Override
    public List<String> integrityProblems() {
        return read(Duration.ZERO, c -> {
            List<String> problems = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    String line = rs.getString(1);
                    if (!"ok".equalsIgnoreCase(line)) {
                        problems.add(line);
                    }
                }
            }
            return problems;
        });
    }

    /**
     * Closes every connection so the database file can be replaced, and keeps further work waiting (writers on
     * the writer, readers for a pooled reader) until the returned pause is closed, which opens the file again.
     * In-flight reads are waited for up to 30 seconds. Call it, and close the pause, on one platform thread.
     *
     * @throws DatabaseException when the database is closed or in-flight reads don't finish in time
     */
    @Override
    public DatabasePause pause() {
        if (Thread.currentThread().isVirtual()) {
            throw new IllegalStateException("a database can only be paused from a platform thread");
        }
        return run(() -> {
            ensureOpen();
            writeLock.lock();
            List<Connection> drained = new ArrayList<>();
            try {
                while (drained.size() < readerCount) {
                    Connection c = readers.poll(30, TimeUnit.SECONDS);
                    if (c == null) {
                        throw new DatabaseException("timed out waiting for readers of " + file + " to finish");
                    }
                    drained.add(c);
                }
                try (Statement s = writer.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
                closeQuietly();
                allReaders.clear();
            } catch (Exception e) {
                readers.addAll(drained);
                writeLock.unlock();
                throw e;
            }
            return new DatabasePause(this);
        });
    }

    /** Opens new connections in place of the ones {@link #pause()} closed (called with the write lock held). */
    void reconnect() throws SQLException {
        Connection w = watched(open(file, false));
        List<Connection> opened = new ArrayList<>();
        try {
            for (int i = 0; i < readerCount; i++) {
                opened.add(watched(open(file, true)));
            }
            try (Statement s = opened.get(0).createStatement();
                    ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                rs.next();
            }
        } catch (SQLException e) {
            for (Connection c : opened) {
                c.close();
            }
            w.close();
            throw e;
        }
        writer = w;
        allReaders.addAll(opened); // handed to waiting readers only when the pause ends
    }

    /** Closes the connections {@link #reconnect()} opened again (called with the write lock held). */
    void disconnect() {
        closeQuietly();
        allReaders.clear();
    }

    /** Lets waiting work go on after a pause; marks the database closed when it could not be reopened. */
    void endPause(boolean reopened) {
        if (reopened) {
            readers.addAll(allReaders);
        } else {
            closed = true;
        }
        writeLock.unlock();
    }

    private void ensureOpen() {
        if (closed) {
            throw new DatabaseException("database is closed: " + file);
        }
    }

    private <T> T onPlatformThread(Callable<T> work) {
        if (!Thread.currentThread().isVirtual()) {
            return run(work);
        }
        Future<T> f = platform.submit(carried(work));
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatabaseException("interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new DatabaseException(cause.getMessage(), cause);
        }
    }

    private <T> T run(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (SQLException e) {
            throw new DatabaseException(dialect().errorText(e), e);
        } catch (Exception e) {
            throw new DatabaseException(e.getMessage(), e);
        }
    }

    /** Checkpoints the WAL into the main file and closes every connection. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        writeLock.lock();
        try {
            closed = true;
            if (!readOnly) {
                try (Statement s = writer.createStatement()) {
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            closeQuietly();
        } finally {
            writeLock.unlock();
            if (platform != null) {
                platform.shutdown();
            }
        }
    }

    private void closeQuietly() {
        deadlines.keySet().removeIf(c -> c == writer || allReaders.contains(c));
        for (Connection c : allReaders) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // best effort
            }
        }
        try {
            writer.close();
        } catch (SQLException ignored) {
            // best effort
        }
    }
}
