package dev.coffer.tools.db;

import dev.coffer.tools.security.RandomString;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schema statements of one write transaction (tables, columns, indexes and views made, renamed and dropped),
 * run on its connection so that whatever makes the transaction roll back undoes them too.
 *
 * <p>Where schema statements take part in transactions (SQLite, PostgreSQL), each one simply runs and the rollback
 * undoes it. Where each one commits the transaction it runs in (MySQL/MariaDB, {@link Dialect#transactionalDdl()}
 * false), every statement that ran is recorded with the statement that reverses it, and a rollback runs those in
 * reverse order, so the schema ends as it was before the first one. What could not be reversed is made reversible:
 * a dropped table or column is only moved aside under an internal name starting with {@code __drop_}, and dropped
 * for good once the transaction has committed; a dropped index or view is made again from its definition, read back
 * before it was dropped. Rows written in the transaction before a schema statement are committed by that statement
 * there, so a caller writes its rows after its last schema statement.
 *
 * <p>A write transaction has one schema change ({@link #of}), which, like its connection, is for one thread.
 */
public final class SchemaChange {

    /** The start of the name a dropped table or column has until the transaction that dropped it commits. */
    static final String ASIDE = "__drop_";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaChange.class);

    /** The schema change of each open write transaction that records its statements, by the transaction's connection. */
    private static final Map<Connection, SchemaChange> OPEN = Collections.synchronizedMap(new IdentityHashMap<>());

    /** A column moved aside, to be dropped once the transaction commits. */
    private record AsideColumn(String table, String column) {}

    private final Database db;
    private final Connection c;
    private final Dialect dialect;
    private final Ddl ddl;
    private final boolean reversible;
    /** The statements reversing the ones that ran, the last one's first. */
    private final Deque<String> undo = new ArrayDeque<>();
    private final List<String> asideTables = new ArrayList<>();
    private final List<AsideColumn> asideColumns = new ArrayList<>();

    private SchemaChange(Database db, Connection c, boolean reversible) {
        this.db = db;
        this.c = c;
        this.dialect = db.dialect();
        this.ddl = dialect.ddl();
        this.reversible = reversible;
    }

    /**
     * The schema change of the write transaction open on {@code c}, a connection of {@code db}. Where schema
     * statements are not transactional, the first call in a transaction arranges for its rollback to undo them and
     * for its commit to drop what they moved aside; later calls in the same transaction get the same instance.
     *
     * @throws IllegalStateException where schema statements are not transactional and {@code c} is not the
     *     connection of this thread's write transaction of {@code db}
     */
    public static SchemaChange of(Database db, Connection c) {
        if (db.dialect().transactionalDdl()) {
            return new SchemaChange(db, c, false);
        }
        if (db.inTransaction.get() != c || db.afterCommit.get() == null) {
            throw new IllegalStateException("a schema change on " + db.dialect().name()
                    + " runs inside a write transaction of its database, on that transaction's connection");
        }
        SchemaChange open = OPEN.get(c);
        if (open != null) {
            return open;
        }
        SchemaChange change = new SchemaChange(db, c, true);
        OPEN.put(c, change);
        db.afterRollback(() -> {
            OPEN.remove(c);
            change.undo();
        });
        db.afterCommit(() -> {
            OPEN.remove(c);
            change.finish();
        });
        return change;
    }

    /** The transaction's connection, for reading the catalogue and for writing rows. */
    public Connection connection() {
        return c;
    }

    /** Creates a table with the given columns (see {@link Ddl#createTable(String, Map)}). */
    public void createTable(String table, Map<String, String> columns) throws SQLException {
        run(ddl.createTable(table, columns), ddl.dropTable(table));
    }

    /** Drops a table, with its indexes, if it exists. */
    public void dropTable(String table) throws SQLException {
        if (!reversible) {
            execute(ddl.dropTable(table));
            return;
        }
        if (!exists(ddl.tableExistsQuery(), table)) {
            return;
        }
        String aside = asideName();
        run(ddl.renameTable(table, aside), ddl.renameTable(aside, table));
        asideColumns.removeIf(col -> col.table().equals(table)); // they go with the table
        asideTables.add(aside);
    }

    /** Renames a table; its indexes follow it. */
    public void renameTable(String from, String to) throws SQLException {
        run(ddl.renameTable(from, to), ddl.renameTable(to, from));
        asideColumns.replaceAll(col -> col.table().equals(from) ? new AsideColumn(to, col.column()) : col);
    }

    /** Adds a column with a definition from {@link Ddl#columnDefinition(ColumnKind)}. */
    public void addColumn(String table, String column, String definition) throws SQLException {
        run(ddl.addColumn(table, column, definition), ddl.dropColumn(table, column));
    }

    /** Renames a column. */
    public void renameColumn(String table, String from, String to) throws SQLException {
        run(ddl.renameColumn(table, from, to), ddl.renameColumn(table, to, from));
    }

    /**
     * Drops a column, which no index may use any more. SQLite and PostgreSQL refuse to drop a column a view reads;
     * where the column is only moved aside, the same is refused when a view that could be read before can't be
     * read after it.
     *
     * @throws SQLException when the engine refuses, or a view reads the column
     */
    public void dropColumn(String table, String column) throws SQLException {
        if (!reversible) {
            execute(ddl.dropColumn(table, column));
            return;
        }
        List<String> readable = new ArrayList<>();
        for (String view : views().keySet()) {
            if (readable(view) == null) {
                readable.add(view);
            }
        }
        String aside = asideName();
        run(ddl.renameColumn(table, column, aside), ddl.renameColumn(table, aside, column));
        asideColumns.add(new AsideColumn(table, aside));
        for (String view : readable) {
            SQLException broken = readable(view);
            if (broken != null) {
                throw new SQLException("error in view " + view + " after drop column: " + dialect.errorText(broken),
                        broken);
            }
        }
    }

    /**
     * Creates an index on the table its definition names; one saying {@code IF NOT EXISTS} is left out when the
     * table has an index of that name.
     */
    public void createIndex(IndexDefinition index) throws SQLException {
        if (reversible && index.optional() && hasIndex(index.tableName(), index.indexName())) {
            return;
        }
        run(ddl.createIndex(index), ddl.dropIndex(index.tableName(), index.indexName()));
    }

    /**
     * Drops an index of a table if it has one of that name.
     *
     * @param index the index's name and table, and the definition to make it again with when the catalogue can't
     *     tell it (a rollback makes it again where schema statements are not transactional)
     */
    public void dropIndex(IndexDefinition index) throws SQLException {
        if (!reversible) {
            execute(ddl.dropIndex(index.indexName()));
            return;
        }
        String table = index.tableName();
        if (!hasIndex(table, index.indexName())) {
            return;
        }
        IndexDefinition again = index;
        try (PreparedStatement ps = c.prepareStatement(ddl.tableIndexesQuery())) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    IndexDefinition stored = IndexDefinition.parse(rs.getString("sql"));
                    if (rs.getString("name").equalsIgnoreCase(index.indexName()) && stored.isValid()) {
                        again = stored.withName("", rs.getString("name")).withTable(table);
                    }
                }
            }
        }
        run(ddl.dropIndex(table, index.indexName()), ddl.createIndex(again));
    }

    /** Creates a view over a select (see {@link Ddl#createView}). */
    public void createView(String view, String select) throws SQLException {
        run(ddl.createView(view, select), ddl.dropView(view));
    }

    /** Makes a view again from its creating statement as {@link Ddl#viewsQuery()} lists it. */
    public void restoreView(String view, String createStatement) throws SQLException {
        run(createStatement, ddl.dropView(view));
    }

    /** Drops a view if it exists. */
    public void dropView(String view) throws SQLException {
        if (!reversible) {
            execute(ddl.dropView(view));
            return;
        }
        String statement = views().get(view);
        if (statement != null) {
            run(ddl.dropView(view), statement);
        }
    }

    /** Runs a statement that changes rows, not the schema (the transaction's rollback undoes it). */
    public void update(String sql) throws SQLException {
        execute(sql);
    }

    private void run(String statement, String reverse) throws SQLException {
        execute(statement);
        if (reversible) {
            undo.push(reverse);
        }
    }

    private void execute(String sql) throws SQLException {
        execute(c, sql);
    }

    private static void execute(Connection on, String sql) throws SQLException {
        try (Statement s = on.createStatement()) {
            s.execute(sql);
        }
    }

    /**
     * After a rollback: runs the reversing statements, the last one's first. One that fails doesn't stop the others;
     * the failures are logged (the database may then not match what the transaction's caller stored) and thrown.
     */
    private void undo() {
        List<String> failed = new ArrayList<>();
        while (!undo.isEmpty()) {
            String statement = undo.pop();
            try {
                execute(statement);
            } catch (SQLException | RuntimeException e) {
                failed.add(statement + " (" + dialect.errorText(e) + ")");
            }
        }
        asideTables.clear();
        asideColumns.clear();
        if (!failed.isEmpty()) {
            LOG.error("a failed schema change could not be undone in full, the schema may not match the stored "
                    + "collections; these statements failed: {}", failed);
            throw new DatabaseException("a failed schema change could not be undone in full: " + failed);
        }
    }

    /** After the commit: drops for good what was moved aside; what can't be dropped is logged and stays hidden. */
    private void finish() {
        List<String> statements = new ArrayList<>();
        asideColumns.forEach(col -> statements.add(ddl.dropColumn(col.table(), col.column())));
        asideTables.forEach(table -> statements.add(ddl.dropTable(table)));
        for (String statement : statements) {
            try {
                db.write(w -> {
                    execute(w, statement);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.warn("could not drop what a committed schema change moved aside; run {} later: {}", statement,
                        dialect.errorText(e));
            }
        }
    }

    private static String asideName() {
        return ASIDE + RandomString.of(16, RandomString.LOWER_ALPHANUMERIC);
    }

    private boolean exists(String query, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(query)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private boolean hasIndex(String table, String index) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(ddl.indexNamesQuery())) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getString(1).equalsIgnoreCase(index)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Every view's creating statement by its name, in the order they can be made in. */
    private Map<String, String> views() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ddl.viewsQuery())) {
            while (rs.next()) {
                out.put(rs.getString("name"), rs.getString("sql"));
            }
        }
        return out;
    }

    /** Null when a view can be read, else why not. */
    private SQLException readable(String view) {
        try (Statement s = c.createStatement()) {
            s.executeQuery("SELECT * FROM " + dialect.quote(view) + " LIMIT 0").close();
            return null;
        } catch (SQLException e) {
            return e;
        }
    }
}
