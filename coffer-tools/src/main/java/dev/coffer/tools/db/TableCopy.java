package dev.coffer.tools.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Copies tables, with their indexes and every row, from one database to another, whatever the two engines:
 * each table is read back in SQLite's words ({@link TableDefinition}) and created the target engine's way,
 * rows are converted to the target column types (SQLite's 0/1 to booleans and back, numeric text to numbers),
 * and the copied row counts are checked against the source.
 */
public final class TableCopy {

    private static final int BATCH = 500;

    private TableCopy() {}

    /** The tables of a database (not views, not the engine's own), in creation order. */
    public static List<String> tables(Database db) {
        Catalog catalog = Catalog.of(db.dialect());
        return db.read(catalog::tables);
    }

    /** The views of a database, in creation order. */
    public static List<String> views(Database db) {
        Catalog catalog = Catalog.of(db.dialect());
        return db.read(c -> catalog.views(c).stream().map(Catalog.View::name).toList());
    }

    /**
     * Drops every view and table of the database (its schema, on a server). Inside a write transaction on an
     * engine whose schema statements are not transactional (MySQL/MariaDB), the tables are only marked: a
     * {@link #copy} in the same transaction swaps its tables in for them, and they go when it commits.
     */
    public static void dropAll(Database db) {
        Catalog catalog = Catalog.of(db.dialect());
        Ddl ddl = db.dialect().ddl();
        if (MysqlTableSwap.applies(db) && MysqlTableSwap.markAll(db, catalog)) {
            return;
        }
        db.write(c -> {
            List<Catalog.View> views = catalog.views(c);
            for (int i = views.size() - 1; i >= 0; i--) {
                exec(c, ddl.dropView(views.get(i).name()));
            }
            for (String table : catalog.tables(c)) {
                exec(c, ddl.dropTable(table));
            }
            return null;
        });
    }

    /**
     * Copies the named tables (which must not exist in the target) in one write transaction of the target. Where
     * schema statements are not transactional (MySQL/MariaDB), the tables are made under shadow names and swapped
     * in together at the end (see {@link MysqlTableSwap}), so the target never shows half a copy.
     *
     * @param progress told about each table as it is done
     * @return the rows copied per table
     * @throws DatabaseException when a table can't be created or a row inserted, or a count differs (the target
     *     transaction is then rolled back; where schema statements are not transactional, the shadow tables are
     *     dropped)
     */
    public static Map<String, Long> copy(Database from, Database to, List<String> tables, Consumer<String> progress) {
        Catalog source = Catalog.of(from.dialect());
        Catalog target = Catalog.of(to.dialect());
        Ddl ddl = to.dialect().ddl();
        Map<String, Long> counts = new LinkedHashMap<>();
        boolean swap = MysqlTableSwap.applies(to);
        List<String> made = new ArrayList<>();
        try {
            to.write(t -> {
                for (String table : tables) {
                    String name = swap ? MysqlTableSwap.shadow(table) : table;
                    TableDefinition definition = from.read(c -> source.table(c, table));
                    List<IndexDefinition> indexes = from.read(c -> source.indexes(c, table));
                    if (swap) {
                        exec(t, ddl.dropTable(name)); // a shadow left by a copy that died
                    }
                    exec(t, ddl.createTable(new TableDefinition(name, false, definition.columns())));
                    made.add(table);
                    TableDefinition created = target.table(t, name);
                    long rows = copyRows(from, t, to.dialect(), created, table);
                    for (IndexDefinition index : indexes) {
                        exec(t, ddl.createIndex(index.withTable(name)));
                    }
                    long expected = from.read(c -> count(c, from.dialect(), table));
                    long actual = count(t, to.dialect(), name);
                    if (rows != expected || actual != expected) {
                        throw new SQLException("table " + table + " has " + expected + " rows but " + actual
                                + " arrived");
                    }
                    counts.put(table, rows);
                    progress.accept(table + ": " + rows + (rows == 1 ? " row" : " rows"));
                }
                if (swap) {
                    MysqlTableSwap.swapIn(to, t, tables);
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (swap) {
                MysqlTableSwap.dropShadows(to, made, e);
            }
            throw e;
        }
        return counts;
    }

    private static long copyRows(Database from, Connection t, Dialect targetDialect, TableDefinition target,
            String sourceTable) throws SQLException {
        List<String> names = new ArrayList<>();
        List<String> marks = new ArrayList<>();
        Map<String, TableDefinition.Column> byName = new LinkedHashMap<>();
        for (TableDefinition.Column column : target.columns()) {
            names.add(targetDialect.quote(column.name()));
            marks.add("?");
            byName.put(column.name(), column);
        }
        String insert = "INSERT INTO " + targetDialect.quote(target.name()) + " (" + String.join(", ", names)
                + ") VALUES (" + String.join(", ", marks) + ")";
        boolean server = !(targetDialect instanceof SqliteDialect);
        Dialect sourceDialect = from.dialect();
        String select = "SELECT * FROM " + sourceDialect.quote(sourceTable) + " ORDER BY " + sourceDialect.rowid(null);
        return from.read(java.time.Duration.ZERO, c -> {
            long rows = 0;
            try (Statement s = c.createStatement(); PreparedStatement ps = t.prepareStatement(insert)) {
                s.setFetchSize(BATCH);
                try (ResultSet rs = s.executeQuery(select)) {
                    ResultSetMetaData md = rs.getMetaData();
                    Map<String, Integer> at = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        at.put(md.getColumnLabel(i), i);
                    }
                    int pending = 0;
                    while (rs.next()) {
                        int p = 1;
                        for (TableDefinition.Column column : target.columns()) {
                            Integer i = at.get(column.name());
                            Object value = i == null ? null : rs.getObject(i);
                            ps.setObject(p++, convert(value, column, server));
                        }
                        ps.addBatch();
                        rows++;
                        if (++pending == BATCH) {
                            ps.executeBatch();
                            pending = 0;
                        }
                    }
                    if (pending > 0) {
                        ps.executeBatch();
                    }
                }
            }
            return rows;
        });
    }

    /** A source value in the form the target column takes. */
    static Object convert(Object value, TableDefinition.Column column, boolean server) {
        String base = column.baseType();
        boolean bool = base.equals("BOOLEAN") || base.equals("BOOL");
        if (value instanceof Boolean b && (!server || !bool)) {
            return b ? 1 : 0;
        }
        if (!server) {
            return value;
        }
        if (bool) {
            return switch (value) {
                case null -> column.notNull() ? Boolean.FALSE : null;
                case Boolean b -> b;
                case Number n -> n.doubleValue() != 0;
                default -> {
                    String text = value.toString().strip().toLowerCase(Locale.ROOT);
                    yield text.equals("1") || text.equals("true") || text.equals("t");
                }
            };
        }
        String affinity = column.affinity();
        boolean numeric = !base.equals("JSON") && (affinity.equals("NUMERIC") || affinity.equals("REAL")
                || affinity.equals("INTEGER"));
        if (numeric) {
            Object number = switch (value) {
                case null -> null;
                case Number n -> n;
                default -> parseNumber(value.toString());
            };
            if (number == null) {
                return column.notNull() ? 0 : null;
            }
            if (affinity.equals("INTEGER")) {
                return ((Number) number).longValue();
            }
            return ((Number) number).doubleValue();
        }
        if (base.equals("BLOB")) {
            return value instanceof String text ? text.getBytes(java.nio.charset.StandardCharsets.UTF_8) : value;
        }
        if (value instanceof Number n) {
            return n.toString();
        }
        return value instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : value;
    }

    private static Double parseNumber(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static long count(Connection c, Dialect dialect, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*) FROM " + dialect.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
