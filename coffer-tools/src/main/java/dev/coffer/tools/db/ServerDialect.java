package dev.coffer.tools.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

/** What a database server's dialect adds to its SQL: how to connect, set time limits and prepare the schema. */
abstract sealed class ServerDialect implements Dialect permits PostgresDialect, MysqlDialect {

    /** The row counter every table gets, in insertion order (SQLite's rowid has no equivalent on a server). */
    static final String ROWID = "_rowid_";

    @Override
    public String rowid(String tableAlias) {
        return tableAlias == null ? quote(ROWID) : quote(tableAlias) + "." + quote(ROWID);
    }

    /**
     * The great-circle distance in kilometres between two points by the spherical law of cosines, as PocketBase's
     * {@code geoDistance} computes it, with each coordinate read as a number by {@code num}.
     */
    static String haversineKm(String lonA, String latA, String lonB, String latB,
            java.util.function.UnaryOperator<String> num) {
        String la = num.apply(latA);
        String lb = num.apply(latB);
        return "(6371 * acos(LEAST(1, GREATEST(-1, "
                + "cos(radians(" + la + ")) * cos(radians(" + lb + ")) * "
                + "cos(radians(" + num.apply(lonB) + ") - radians(" + num.apply(lonA) + ")) + "
                + "sin(radians(" + la + ")) * sin(radians(" + lb + "))"
                + "))))";
    }

    static ServerDialect of(DatabaseUrl.Engine engine) {
        return switch (engine) {
            case POSTGRES -> PostgresDialect.INSTANCE;
            case MYSQL -> MysqlDialect.MARIADB;
        };
    }

    /**
     * The dialect for a server by the product name its JDBC driver reports.
     *
     * @throws IllegalArgumentException for a server Coffer doesn't run on
     */
    static ServerDialect of(String productName) {
        String name = productName == null ? "" : productName.toLowerCase(java.util.Locale.ROOT);
        if (name.contains("postgres")) {
            return PostgresDialect.INSTANCE;
        }
        if (name.contains("mysql") || name.contains("mariadb")) {
            return MysqlDialect.MARIADB;
        }
        throw new IllegalArgumentException("the DataSource reaches " + productName
                + "; Coffer runs on PostgreSQL, MySQL and MariaDB");
    }

    /**
     * Gives a connection from an application's DataSource the session settings the connections of Coffer's own
     * pool get from {@link #connectionProperties} and {@link #connectionInitSql}, or refuses it with the setting
     * the DataSource must add when the driver can't change it on a live connection.
     */
    void prepare(Connection c) throws SQLException {
        String init = connectionInitSql();
        if (init != null) {
            try (java.sql.Statement s = c.createStatement()) {
                s.execute(init);
            }
        }
    }

    /**
     * The dialect for the server a connection reaches, once {@link #checkServer} accepted it: this one, or a
     * variant of it (MySQL rather than MariaDB).
     */
    ServerDialect forServer(Connection c) throws SQLException {
        return this;
    }

    /**
     * Adds to a failure what its connection can still tell about it, while the connection is at hand (MariaDB
     * names only the key of a duplicate, not its columns); by default nothing.
     */
    void annotate(Connection c, Throwable failure) {}

    /** The driver properties every connection gets, besides the URL's own options. */
    abstract Map<String, String> connectionProperties(DatabaseUrl url);

    /** A statement run on every new connection, or {@code null}. */
    abstract String connectionInitSql();

    /**
     * Checks the server is a supported version and the user may create tables in the schema.
     *
     * @return the server's name and version
     * @throws SQLException with a one-line reason when it is not usable
     */
    abstract String checkServer(Connection c) throws SQLException;

    /**
     * Creates or updates the SQL functions the dialect's expressions call, and brings tables an older version made
     * up to date with what the dialect's SQL expects of them (idempotent, safe to race).
     */
    abstract void install(Connection c) throws SQLException;

    /** The statement giving the session's statements a time limit ({@link Duration#ZERO} for none). */
    abstract String statementTimeoutSql(Duration timeout);

    /** Whether a failure is a statement the server cancelled for running out of time. */
    abstract boolean isTimeout(Throwable failure);

    /**
     * Whether a failure is the server aborting the transaction for a deadlock or a serialization conflict, after
     * which the whole transaction may simply run again.
     */
    abstract boolean isRetryable(Throwable failure);

    /** The periodic maintenance statement. */
    abstract String optimizeSql();

    /** The statement giving deleted rows' space back, or {@code null} when the server does it by itself. */
    abstract String vacuumSql();

    /**
     * The statements of the cluster's tables ({@link DatabaseCoordination}), on the server's clock.
     *
     * @param nowMillis the server's clock in epoch milliseconds, as an expression
     * @param keyType the column type of the tables' text keys
     * @param installLock a statement serializing the tables' creation within a transaction, or null (the server's
     *     {@code CREATE TABLE IF NOT EXISTS} needs none)
     * @param beat the member upsert, taking the instance id and address
     * @param claim the insert of a claim that leaves an existing one (and counts 0 rows then), taking the key
     * @param acquire the rate window upsert, taking the key, the window, the limit and the window again
     * @param acquireReturnsCount whether {@code acquire} returns the new count (else it is read after it)
     */
    record ClusterSql(String nowMillis, String keyType, String installLock, String beat, String claim, String acquire,
            boolean acquireReturnsCount) {}

    /** The statements of the cluster's tables. */
    abstract ClusterSql clusterSql();
}
