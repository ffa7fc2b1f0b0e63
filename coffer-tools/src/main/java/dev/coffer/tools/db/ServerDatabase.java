package dev.coffer.tools.db;

import dev.coffer.tools.cluster.Bus;
import dev.coffer.tools.cluster.Coordination;
import dev.coffer.tools.cluster.RelayBus;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;

/**
 * A PostgreSQL or MySQL/MariaDB database reached through a HikariCP pool of its own, or through an application's
 * {@link DataSource}. Reads and writes each borrow a connection (a write keeps it for its transaction); the server
 * runs them concurrently. Time limits are the server's statement timeout, set on a connection only when it
 * differs from what the connection has. A connection from an application's DataSource gets the session settings
 * Coffer's own pool gives its connections the first time it is borrowed; that DataSource is never closed here.
 */
final class ServerDatabase extends Database {

    private final String location;
    private final ServerDialect dialect;
    private final DataSource pool;
    /** The pool this database made and closes, or {@code null} for an application's DataSource. */
    private final HikariDataSource owned;
    private final String version;
    /** The statement timeout each pooled connection currently has (absent: the server's default, none). */
    private final Map<Connection, Duration> timeouts = Collections.synchronizedMap(new WeakHashMap<>());
    /** The application DataSource's connections that have Coffer's session settings. */
    private final Map<Connection, Boolean> prepared = Collections.synchronizedMap(new WeakHashMap<>());
    private final ExecutorService background = Executors.newVirtualThreadPerTaskExecutor();
    private volatile boolean closed;

    private ServerDatabase(String location, ServerDialect dialect, DataSource pool, HikariDataSource owned,
            String version) {
        this.location = location;
        this.dialect = dialect;
        this.pool = pool;
        this.owned = owned;
        this.version = version;
    }

    /** Uses an application's DataSource, whose engine its connections' metadata names. */
    static ServerDatabase connect(DataSource source) {
        String location = "DataSource";
        try (Connection c = source.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            location = "DataSource " + masked(meta.getURL());
            ServerDialect dialect = ServerDialect.of(meta.getDatabaseProductName());
            dialect.prepare(c);
            String version = dialect.checkServer(c);
            ServerDialect server = dialect.forServer(c);
            server.install(c);
            ServerDatabase db = new ServerDatabase(location, server, source, null, version);
            db.prepared.put(unwrap(c), true);
            return db;
        } catch (SQLException | RuntimeException e) {
            throw new DatabaseException("cannot use " + location + ": " + rootMessage(e), e);
        }
    }

    /** A JDBC URL with any password in it replaced by {@code ***}. */
    static String masked(String jdbcUrl) {
        if (jdbcUrl == null) {
            return "(no URL)";
        }
        return jdbcUrl.replaceAll("(?i)(password=)[^&;]*", "$1***").replaceAll("//([^/:@]*):[^/@]*@", "//$1:***@");
    }

    /** Borrows a connection, giving an application DataSource's new connections Coffer's session settings. */
    private Connection borrow() throws SQLException {
        Connection c = pool.getConnection();
        if (owned == null) {
            try {
                Connection key = unwrap(c);
                if (!prepared.containsKey(key)) {
                    dialect.prepare(c);
                    prepared.put(key, true);
                }
            } catch (SQLException | RuntimeException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    static ServerDatabase connect(DatabaseUrl url, String purpose, int poolSize) {
        ServerDialect dialect = ServerDialect.of(url.engine());
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url.jdbcUrl());
        if (!url.user().isEmpty()) {
            config.setUsername(url.user());
        }
        if (!url.password().isEmpty()) {
            config.setPassword(url.password());
        }
        dialect.connectionProperties(url).forEach(config::addDataSourceProperty);
        config.setPoolName("coffer-" + purpose);
        config.setMaximumPoolSize(url.poolSize(Math.max(2, poolSize)));
        config.setMinimumIdle(Math.min(2, config.getMaximumPoolSize()));
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(1);
        String init = dialect.connectionInitSql();
        if (init != null) {
            config.setConnectionInitSql(init);
        }
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new DatabaseException("cannot connect to " + url + ": " + rootMessage(e), e);
        }
        try (Connection c = pool.getConnection()) {
            String version = dialect.checkServer(c);
            ServerDialect server = dialect.forServer(c);
            server.install(c);
            return new ServerDatabase(url.toString(), server, pool, pool, version);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new DatabaseException("cannot use " + url + ": " + rootMessage(e), e);
        }
    }

    /** The pool's own counts (HikariCP's); {@link PoolStats#UNKNOWN} for an application's other DataSource. */
    @Override
    public PoolStats poolStats() {
        HikariDataSource hikari = owned != null ? owned : pool instanceof HikariDataSource h ? h : null;
        HikariPoolMXBean bean = hikari == null ? null : hikari.getHikariPoolMXBean();
        if (bean == null) {
            return PoolStats.UNKNOWN;
        }
        return new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(), bean.getThreadsAwaitingConnection(),
                hikari.getMaximumPoolSize());
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    /** The server's dialect, with the statements only server databases have. */
    ServerDialect serverDialect() {
        return dialect;
    }

    @Override
    public boolean hasFile() {
        return false;
    }

    @Override
    public <T> T readConsistent(SqlFunction<T> work) {
        Connection tx = inTransaction.get();
        if (tx != null) {
            return run(() -> apply(tx, work));
        }
        ensureOpen();
        return run(() -> {
            try (Connection c = borrow()) {
                limit(c, Duration.ZERO);
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                inTransaction.set(c);
                try {
                    return apply(c, work);
                } finally {
                    inTransaction.remove();
                    c.rollback();
                    c.setReadOnly(false);
                    c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                    c.setAutoCommit(true);
                }
            }
        });
    }

    @Override
    public String location() {
        return location;
    }

    @Override
    public Path file() {
        throw new UnsupportedOperationException("a database server has no file: " + location);
    }

    @Override
    public String version() {
        return version;
    }

    @Override
    public <T> T read(Duration timeout, SqlFunction<T> work) {
        Connection tx = inTransaction.get();
        if (tx != null) {
            return run(() -> apply(tx, work));
        }
        ensureOpen();
        return run(() -> {
            long asked = System.nanoTime();
            try (Connection c = borrow()) {
                long got = System.nanoTime();
                boolean failed = true;
                limit(c, timeout);
                try {
                    T result = apply(c, work);
                    failed = false;
                    return result;
                } catch (SQLException | RuntimeException e) {
                    throw dialect.isTimeout(e) ? timedOut(timeout, e) : e;
                } finally {
                    observer.read(got - asked, System.nanoTime() - got, failed);
                }
            }
        });
    }

    @Override
    public <T> CompletableFuture<T> readAsync(SqlFunction<T> work) {
        if (inTransaction.get() != null) {
            return CompletableFuture.completedFuture(read(work));
        }
        return CompletableFuture.supplyAsync(() -> read(work), background);
    }

    /** How often a write the server aborted for a deadlock or a serialization conflict is tried in all. */
    private static final int WRITE_ATTEMPTS = 3;

    @Override
    public <T> T write(Duration timeout, SqlFunction<T> work) {
        Connection tx = inTransaction.get();
        if (tx != null) {
            return run(() -> apply(tx, work));
        }
        for (int attempt = 1;; attempt++) {
            List<Consumer<Throwable>> failed = new ArrayList<>();
            try {
                return writeOnce(timeout, work, failed);
            } catch (RuntimeException | Error e) {
                // the server rolled the whole transaction back, so running the work again is safe: its rollback
                // actions have run and nothing of it was committed
                if (attempt >= WRITE_ATTEMPTS || !(e instanceof DatabaseException db) || !dialect.isRetryable(db)) {
                    runFailed(failed, e);
                    throw e;
                }
                try {
                    Thread.sleep(10L * attempt + (long) (Math.random() * 20));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    runFailed(failed, e);
                    throw e;
                }
            }
        }
    }

    private <T> T writeOnce(Duration timeout, SqlFunction<T> work, List<Consumer<Throwable>> failed) {
        ensureOpen();
        List<Runnable> committed = new ArrayList<>();
        T result = run(() -> {
            List<Runnable> rolledBack = new ArrayList<>();
            long asked = System.nanoTime();
            try (Connection c = borrow()) {
                long got = System.nanoTime();
                boolean failedTry = true;
                limit(c, timeout);
                inTransaction.set(c);
                afterCommit.set(committed);
                afterRollback.set(rolledBack);
                afterFailure.set(failed);
                c.setAutoCommit(false);
                try {
                    T value;
                    try {
                        value = apply(c, work);
                    } catch (SQLException | RuntimeException e) {
                        throw dialect.isTimeout(e) ? timedOut(timeout, e) : e;
                    }
                    c.commit();
                    failedTry = false;
                    return value;
                } catch (Throwable t) {
                    try {
                        c.rollback();
                    } catch (SQLException suppressed) {
                        t.addSuppressed(suppressed);
                    }
                    runAll(rolledBack, t);
                    throw t;
                } finally {
                    inTransaction.remove();
                    afterCommit.remove();
                    afterRollback.remove();
                    afterFailure.remove();
                    c.setAutoCommit(true);
                    observer.write(got - asked, System.nanoTime() - got, failedTry);
                }
            }
        });
        committed.forEach(Runnable::run);
        return result;
    }

    /** Runs work on a connection, letting the dialect add what the connection can tell about a failure. */
    private <T> T apply(Connection c, SqlFunction<T> work) throws SQLException {
        try {
            return work.apply(c);
        } catch (SQLException | RuntimeException e) {
            dialect.annotate(c, e);
            throw e;
        }
    }

    /**
     * Runs work in a transaction that is always rolled back, as {@link Database#dryRun} does. Where a schema
     * statement commits the transaction it runs in (MySQL/MariaDB), the savepoint goes with that commit: what
     * came after it is then rolled back instead, and what came before has been committed.
     */
    @Override
    public <T> T dryRun(SqlFunction<T> work) {
        if (dialect.transactionalDdl()) {
            return super.dryRun(work);
        }
        return write(c -> {
            Savepoint savepoint = c.setSavepoint();
            try {
                return work.apply(c);
            } finally {
                try {
                    c.rollback(savepoint);
                } catch (SQLException lost) {
                    c.rollback();
                }
            }
        });
    }

    /** Gives the connection the statement timeout, when it has another one. */
    private void limit(Connection c, Duration timeout) throws SQLException {
        Connection key = unwrap(c);
        Duration current = timeouts.getOrDefault(key, Duration.ZERO);
        if (!current.equals(timeout)) {
            try (Statement s = c.createStatement()) {
                s.execute(dialect.statementTimeoutSql(timeout));
            }
            timeouts.put(key, timeout);
        }
    }

    private static Connection unwrap(Connection c) throws SQLException {
        return c.isWrapperFor(Connection.class) ? c.unwrap(Connection.class) : c;
    }

    @Override
    public Bus openBus(String instanceId) {
        if (!"postgres".equals(dialect.name())) {
            return super.openBus(instanceId);
        }
        ensureOpen();
        return RelayBus.start(instanceId, new PostgresRelay(this, this::openDedicated, instanceId),
                new DatabaseCoordination(this, instanceId), this::afterCommit);
    }

    @Override
    public Coordination openCoordination(String instanceId) {
        ensureOpen();
        return new DatabaseCoordination(this, instanceId);
    }

    /** A connection of its own (not the pool's) for a session that lasts, such as the bus's {@code LISTEN}. */
    private Connection openDedicated() throws SQLException {
        if (owned == null) {
            return pool.getConnection();
        }
        java.util.Properties props = new java.util.Properties();
        props.putAll(owned.getDataSourceProperties());
        if (owned.getUsername() != null) {
            props.setProperty("user", owned.getUsername());
        }
        if (owned.getPassword() != null) {
            props.setProperty("password", owned.getPassword());
        }
        return java.sql.DriverManager.getConnection(owned.getJdbcUrl(), props);
    }

    @Override
    public void optimize() {
        execute(dialect.optimizeSql());
    }

    @Override
    public void vacuum() {
        String sql = dialect.vacuumSql();
        if (sql != null) {
            execute(sql);
        }
    }

    @Override
    public void execute(String sql) {
        ensureOpen();
        run(() -> {
            try (Connection c = borrow(); Statement s = c.createStatement()) {
                s.execute(sql);
            }
            return null;
        });
    }

    @Override
    public void snapshotTo(Path target) {
        throw new UnsupportedOperationException("a file snapshot needs an SQLite database, not " + location);
    }

    @Override
    public List<String> integrityProblems() {
        return List.of(); // the server keeps its own storage consistent; there is nothing like SQLite's check
    }

    @Override
    public DatabasePause pause() {
        throw new UnsupportedOperationException("a database server can't be paused for a file swap: " + location);
    }

    @Override
    void reconnect() {
        throw new UnsupportedOperationException();
    }

    @Override
    void disconnect() {
        throw new UnsupportedOperationException();
    }

    @Override
    void endPause(boolean reopened) {
        throw new UnsupportedOperationException();
    }

    private void ensureOpen() {
        if (closed) {
            throw new DatabaseException("database is closed: " + location);
        }
    }

    private <T> T run(Callable<T> work) {
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (SQLException e) {
            throw new DatabaseException(dialect.errorText(e), e);
        } catch (Exception e) {
            throw new DatabaseException(e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (owned != null) {
            owned.close();
        }
        background.shutdown();
    }
}
