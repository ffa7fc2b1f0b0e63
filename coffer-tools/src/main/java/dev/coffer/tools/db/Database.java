package dev.coffer.tools.db;

import dev.coffer.tools.cluster.Bus;
import dev.coffer.tools.cluster.Coordination;
import dev.coffer.tools.cluster.LocalBus;
import dev.coffer.tools.types.Failures;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A database the application works on through transactions: an embedded SQLite file ({@link #openSqlite}) or a
 * PostgreSQL or MySQL/MariaDB server ({@link #open(DatabaseUrl, String, int)}), each with the {@link Dialect}
 * that holds its SQL.
 *
 * <p>{@link #write} runs its work in a transaction, committed when the work returns and rolled back when it
 * throws; nested calls on the same thread join the outer transaction. {@link #read} runs read-only work on a
 * pooled connection, except inside a write on the same thread, where it uses the transaction's connection so
 * the work sees its own uncommitted changes.
 */
public abstract class Database implements AutoCloseable {

    /** How long a read may run by default, as PocketBase's {@code --queryTimeout} (30 seconds). */
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(30);

    /** The connection of this thread's write transaction, when one is open. */
    final ThreadLocal<Connection> inTransaction = new ThreadLocal<>();
    /** The actions to run once this thread's write transaction commits. */
    final ThreadLocal<List<Runnable>> afterCommit = new ThreadLocal<>();
    /** The actions to run if this thread's write transaction rolls back. */
    final ThreadLocal<List<Runnable>> afterRollback = new ThreadLocal<>();
    /** The actions to run once this thread's write transaction has finally failed. */
    final ThreadLocal<List<Consumer<Throwable>>> afterFailure = new ThreadLocal<>();
    private volatile Duration queryTimeout = DEFAULT_QUERY_TIMEOUT;
    /** Told how long each transaction took. */
    volatile DatabaseObserver observer = DatabaseObserver.NONE;
    /** Thread-local values a write takes along when it runs on another thread than its caller's. */
    private static final List<ThreadLocal<?>> CARRIED = new CopyOnWriteArrayList<>();

    Database() {}

    /**
     * Opens (creating when missing) an SQLite database file and checks it is readable.
     *
     * @param readerCount how many read-only connections to keep (at least one)
     * @throws DatabaseException with a one-line reason when the file is not a usable database
     */
    public static Database openSqlite(Path file, int readerCount) {
        return SqliteDatabase.open(file, readerCount, false);
    }

    /**
     * Opens an existing SQLite database file for reading only (its writes fail), such as the source of a copy
     * that another process may have open.
     *
     * @throws DatabaseException with a one-line reason when the file is not a usable database
     */
    public static Database openSqliteReadOnly(Path file) {
        return SqliteDatabase.open(file, 1, true);
    }

    /**
     * Connects to a database server with a pool of at most {@code poolSize} connections, checks it can create
     * tables in its schema, and installs the few SQL functions its dialect needs.
     *
     * @param purpose a short word naming the pool in thread names and messages, such as {@code data}
     * @throws DatabaseException with a one-line reason when the server is unreachable, the credentials are
     *     refused or the user lacks the privileges Coffer needs
     */
    public static Database open(DatabaseUrl url, String purpose, int poolSize) {
        return ServerDatabase.connect(url, purpose, poolSize);
    }

    /**
     * Uses an application's {@link javax.sql.DataSource} reaching PostgreSQL 15+ or MySQL 8/MariaDB 10.11: Coffer
     * borrows its connections, gives each new one its session settings, checks the server as {@link #open} does,
     * and never closes the DataSource. A PostgreSQL DataSource must send strings untyped
     * ({@code stringtype=unspecified}).
     *
     * @throws DatabaseException with a one-line reason when the server can't be used
     */
    public static Database open(javax.sql.DataSource source) {
        return ServerDatabase.connect(source);
    }

    /** The SQL dialect of this database. */
    public abstract Dialect dialect();

    /** Where the database is, for messages: a file path or a server URL without its password. */
    public abstract String location();

    /**
     * The database file of an embedded database.
     *
     * @throws UnsupportedOperationException for a database server, which has no file of Coffer's
     */
    public abstract Path file();

    /** Whether the database is a file of its own (SQLite), which {@link #snapshotTo} and {@link #pause} work on. */
    public abstract boolean hasFile();

    /**
     * Runs read-only work in one transaction that sees the whole database as of one moment (a copy or an export
     * reading many tables); reads and writes of this database on the same thread inside it join it (writes fail).
     */
    public abstract <T> T readConsistent(SqlFunction<T> work);

    /** The engine's name and version as the server reports it, such as {@code PostgreSQL 15.4}. */
    public abstract String version();

    /**
     * Runs read-only work on a pooled connection (or on this thread's transaction). Outside a transaction the
     * work's statements are interrupted once it has run longer than {@link #queryTimeout()}.
     *
     * @throws DatabaseException when the work fails, or when it ran out of time ({@link #isTimeout})
     */
    public <T> T read(SqlFunction<T> work) {
        return read(queryTimeout, work);
    }

    /**
     * Runs read-only work as {@link #read(SqlFunction)} does with its own time limit ({@link Duration#ZERO} for
     * none), for work that may take longer than the default, such as an operator's query.
     */
    public abstract <T> T read(Duration timeout, SqlFunction<T> work);

    /**
     * Starts read-only work on a pooled connection in the background, so that two independent queries (a page
     * and its total count) run at the same time. Inside a write transaction it runs at once on its connection.
     */
    public abstract <T> CompletableFuture<T> readAsync(SqlFunction<T> work);

    /**
     * Runs work in a write transaction, committed when the work returns and rolled back when it throws.
     * Nested calls on the same thread join the outer transaction.
     */
    public <T> T write(SqlFunction<T> work) {
        return write(Duration.ZERO, work);
    }

    /**
     * Runs work in a write transaction as {@link #write(SqlFunction)} does, interrupting its statements (and so
     * rolling it back) once it has run longer than {@code timeout} ({@link Duration#ZERO} for no limit). Inside
     * another write transaction it joins it and the outer limit applies.
     */
    public abstract <T> T write(Duration timeout, SqlFunction<T> work);

    /** How long a read may run before its statements are interrupted. */
    public Duration queryTimeout() {
        return queryTimeout;
    }

    /**
     * Sets how long a read may run before its statements are interrupted (PocketBase's {@code --queryTimeout});
     * {@link Duration#ZERO} for no limit.
     */
    public void queryTimeout(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("a query timeout can't be negative, got " + timeout);
        }
        this.queryTimeout = timeout;
    }

    /** Tells {@code value} how long each later transaction takes (replacing the observer told so far). */
    public void observe(DatabaseObserver value) {
        this.observer = Objects.requireNonNull(value, "observer");
    }

    /** How many connections are lent, idle and waited for now (cheap: no statement runs). */
    public abstract PoolStats poolStats();

    /**
     * The size in bytes of the engine's write-ahead log beside the database file (0 when there is none now); empty
     * for a database server, whose log is none of Coffer's business.
     */
    public OptionalLong walSize() {
        return OptionalLong.empty();
    }

    /**
     * Makes every write see the caller's value of {@code value} (such as who is making the request), also when the
     * database runs the write on a thread of its own (SQLite's writer runs on a platform thread).
     */
    public static void carryToWrites(ThreadLocal<?> value) {
        if (!CARRIED.contains(value)) {
            CARRIED.add(value);
        }
    }

    /** Wraps work to run on another thread with the calling thread's {@link #carryToWrites carried} values. */
    static <T> Callable<T> carried(Callable<T> work) {
        if (CARRIED.isEmpty()) {
            return work;
        }
        List<ThreadLocal<?>> locals = List.copyOf(CARRIED);
        Object[] values = new Object[locals.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = locals.get(i).get();
        }
        return () -> {
            for (int i = 0; i < values.length; i++) {
                set(locals.get(i), values[i]);
            }
            try {
                return work.call();
            } finally {
                locals.forEach(ThreadLocal::remove);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static <V> void set(ThreadLocal<V> local, Object value) {
        local.set((V) value);
    }

    /**
     * Runs {@code action} once this thread's write transaction commits, after its connection is released (in
     * registration order; dropped if the transaction rolls back); outside a transaction it runs at once.
     */
    public void afterCommit(Runnable action) {
        List<Runnable> pending = afterCommit.get();
        if (pending == null) {
            action.run();
        } else {
            pending.add(action);
        }
    }

    /**
     * Runs {@code action} if this thread's write transaction rolls back, before its connection is released (in
     * registration order); outside a transaction it is dropped, as there is nothing to undo. For undoing side
     * effects outside the database, such as written files.
     */
    public void afterRollback(Runnable action) {
        List<Runnable> pending = afterRollback.get();
        if (pending != null) {
            pending.add(action);
        }
    }

    /**
     * Runs {@code action} with the error once this thread's write transaction has failed for good and its
     * connection is released (in registration order; a write the server retries runs it only if the last try
     * fails too); dropped if the transaction commits. Outside a transaction it is dropped. For telling others
     * that a change did not happen; what the action throws is added to the failure as suppressed.
     */
    public void afterFailure(Consumer<Throwable> action) {
        List<Consumer<Throwable>> pending = afterFailure.get();
        if (pending != null) {
            pending.add(action);
        }
    }

    /** Runs failure actions, keeping what they throw as suppressed exceptions of the failure. */
    static void runFailed(List<Consumer<Throwable>> actions, Throwable failure) {
        for (Consumer<Throwable> action : actions) {
            try {
                action.accept(failure);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }

    /**
     * Runs work in a transaction that is always rolled back, for checks that need to create something
     * temporary (such as a view to inspect a query's columns) and must leave no trace. Inside another write
     * transaction it runs in a savepoint that is rolled back the same way.
     */
    public <T> T dryRun(SqlFunction<T> work) {
        return write(c -> {
            Savepoint savepoint = c.setSavepoint();
            try {
                return work.apply(c);
            } finally {
                c.rollback(savepoint);
            }
        });
    }

    /**
     * Joins the instances sharing this database, when the engine can carry messages between them (PostgreSQL's
     * {@code LISTEN}/{@code NOTIFY}); otherwise, as on SQLite, a single-instance bus. The caller closes it.
     */
    public Bus openBus(String instanceId) {
        return new LocalBus(instanceId);
    }

    /**
     * The members, claims and rate windows of a cluster whose messages travel elsewhere (Redis, NATS), kept in this
     * database; not joined yet (the bus joins it).
     *
     * @throws UnsupportedOperationException on SQLite: a file can't be shared by instances on several hosts
     */
    public Coordination openCoordination(String instanceId) {
        throw new UnsupportedOperationException("several instances need a server database (--db), not SQLite files");
    }

    /** Periodic maintenance: lets the engine tidy its files and refresh its query planner's statistics. */
    public abstract void optimize();

    /** Gives the space of deleted rows back to the file system. */
    public abstract void vacuum();

    /** Runs a statement outside any transaction (for maintenance statements such as checkpoints). */
    public abstract void execute(String sql);

    /**
     * Writes a consistent copy of an embedded database, as of one moment, to {@code target} (which must not
     * exist) while work goes on.
     *
     * @throws UnsupportedOperationException for a database server
     */
    public abstract void snapshotTo(Path target);

    /** The problems the engine's own consistency check reports (however long it takes); empty when intact. */
    public abstract List<String> integrityProblems();

    /**
     * Closes every connection of an embedded database so its file can be replaced, keeping further work waiting
     * until the returned pause is closed.
     *
     * @throws UnsupportedOperationException for a database server
     */
    public abstract DatabasePause pause();

    /** Opens new connections in place of the ones {@link #pause()} closed. */
    abstract void reconnect() throws SQLException;

    /** Closes the connections {@link #reconnect()} opened again. */
    abstract void disconnect();

    /** Lets waiting work go on after a pause; marks the database closed when it could not be reopened. */
    abstract void endPause(boolean reopened);

    /** Closes every connection. */
    @Override
    public abstract void close();

    /** Whether a failure is a read or write that ran out of its time limit. */
    public static boolean isTimeout(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof QueryTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static DatabaseException timedOut(Duration timeout, Exception e) {
        long millis = timeout.toMillis();
        String limit = millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
        return new DatabaseException("the query ran longer than " + limit + " and was interrupted",
                new QueryTimeoutException(e));
    }

    /** The statement was interrupted because its work ran out of time. */
    static final class QueryTimeoutException extends SQLException {
        QueryTimeoutException(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    static String rootMessage(Throwable e) {
        return Failures.rootMessage(e);
    }

    static void runAll(List<Runnable> actions, Throwable failure) {
        for (Runnable r : actions) {
            try {
                r.run();
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
    }
}
