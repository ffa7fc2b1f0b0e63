package dev.coffer.tools.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

/**
 * The schema statements of a database engine: tables, columns, views and indexes, plus the catalogue queries
 * that read them back. Identifiers passed in must already be validated; they are quoted here.
 */
public interface Ddl {

    /** The column definition (type, default, constraints) written after the column name. */
    String columnDefinition(ColumnKind kind);

    /** Creates a table with the given columns (name to definition), in the map's order. */
    String createTable(String table, Map<String, String> columns);

    /** Creates a table as a parsed SQLite {@code CREATE TABLE} statement describes it, in this engine's types. */
    String createTable(TableDefinition table);

    /** The {@code CREATE INDEX} statement of a parsed (SQLite-syntax) index definition, in this engine's words. */
    String createIndex(IndexDefinition index);

    /**
     * A {@code CREATE TABLE}, {@code CREATE INDEX} or {@code ALTER TABLE … ADD COLUMN} statement written in
     * SQLite's syntax, as PocketBase's migrations and collections hold them, in this engine's words (SQLite:
     * unchanged); other statements are returned as they are.
     */
    String portable(String statement);

    /** Drops a table if it exists, with its indexes. */
    String dropTable(String table);

    /** Renames a table; its indexes follow it. */
    String renameTable(String from, String to);

    /** Deletes every row of a table. */
    String deleteAll(String table);

    /** Adds a column with a definition from {@link #columnDefinition(ColumnKind)}. */
    String addColumn(String table, String column, String definition);

    /** Renames a column; indexes and views that use it follow it. */
    String renameColumn(String table, String from, String to);

    /** Drops a column (which no index may use any more). */
    String dropColumn(String table, String column);

    /** Creates a view over {@code SELECT * FROM (select)}, so that the select stays one statement. */
    String createView(String view, String select);

    /** Drops a view if it exists. */
    String dropView(String view);

    /** Drops an index if it exists. */
    String dropIndex(String index);

    /**
     * Drops an index of one table if it exists. Where index names belong to the schema (SQLite, PostgreSQL) this is
     * {@link #dropIndex(String)}; where they belong to their table (MySQL/MariaDB), an index of that name on another
     * table is left alone.
     */
    default String dropIndex(String table, String index) {
        return dropIndex(index);
    }

    /**
     * Wraps a select so that its {@code idColumn} comes out as text, keeping the given column order.
     *
     * @param columns the select's result column names in order
     */
    String selectWithTextId(String select, List<String> columns, String idColumn);

    /**
     * Copies every row's value of column {@code source} into column {@code target}, converting between column
     * kinds: into a {@link ColumnKind#JSON_ARRAY} a single value becomes a one-item array (empty text and NULL
     * an empty one, an existing JSON array stays); out of a JSON array the last item is kept as text (an empty
     * array becomes {@code ""}, a value that is not an array stays); otherwise values are copied as they are.
     */
    String copyColumn(String table, String target, String source, ColumnKind from, ColumnKind to);

    /**
     * The query listing a table's or view's columns, with one bound parameter (the name) and the result
     * columns {@code name} and {@code type}, in column order.
     */
    String columnsQuery();

    /**
     * The query finding the table of an index by the index's name (any case), with three bound parameters: two
     * table names (any case) whose indexes don't count, then the index name; one result column, the table name.
     */
    String indexTableQuery();

    /**
     * The query listing the indexes created explicitly on a table (not those of its PRIMARY KEY and UNIQUE
     * column constraints), in creation order, with one bound parameter (the table name) and the result columns
     * {@code name} and {@code sql}, the creating statement, readable by {@link IndexDefinition#parse}.
     */
    String tableIndexesQuery();

    /**
     * The query listing the names of every index of a table, those of its PRIMARY KEY and UNIQUE column
     * constraints included, with one bound parameter (the table name) and one result column, the index name.
     */
    String indexNamesQuery();

    /** The query telling whether a table or view exists, one bound parameter (the name, any case). */
    String tableExistsQuery();

    /** Whether a table or view of this name (any case) exists, by {@link #tableExistsQuery}. */
    default boolean tableExists(Connection c, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(tableExistsQuery())) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * Creates a table and its indexes, given as {@link #portable} statements, unless a table or view of that name
     * exists; returns whether it created them. For the app's own tables ({@code _history}, {@code _jobs}, …).
     */
    default boolean createIfMissing(Connection c, String table, String createTable, String... indexes)
            throws SQLException {
        if (tableExists(c, table)) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate(portable(createTable));
            for (String index : indexes) {
                s.executeUpdate(portable(index));
            }
        }
        return true;
    }

    /**
     * The query listing every view as {@code name} and its creating statement {@code sql}, in an order they can be
     * created again in: a view after the views it reads.
     */
    String viewsQuery();
}
