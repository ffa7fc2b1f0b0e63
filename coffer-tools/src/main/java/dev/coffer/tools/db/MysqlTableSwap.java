package dev.coffer.tools.db;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@link TableCopy} keeps a copy whole where schema statements commit the transaction they run in
 * (MySQL/MariaDB): the tables are made and filled under shadow names nobody else uses, then swapped in with one
 * atomic {@code RENAME TABLE}; a copy that fails drops its shadow tables. Inside a write transaction,
 * {@link TableCopy#dropAll} only marks the tables for replacement: the swap moves each one aside, and they are
 * dropped once the transaction commits, or put back if it rolls back. So a restore that replaces a database's
 * content shows other connections the old tables until the new ones are complete, as a transaction would.
 */
final class MysqlTableSwap {

    private static final String SHADOW = "__copy_";
    private static final String OLD = "__old_";

    /** What one write transaction replaces, by the transaction's connection. */
    private static final Map<Connection, Pending> PENDING = Collections.synchronizedMap(new IdentityHashMap<>());

    /** The tables a transaction marked, swapped in and moved aside. */
    private static final class Pending {
        final Set<String> marked = new LinkedHashSet<>();
        /** Each table swapped in, with the name its previous table was moved to (null when there was none). */
        final Map<String, String> swapped = new LinkedHashMap<>();
    }

    private MysqlTableSwap() {}

    /** Whether a database needs this: its schema statements are not transactional. */
    static boolean applies(Database db) {
        return !db.dialect().transactionalDdl();
    }

    /**
     * Whether a table is one of this class's own (a shadow or a table moved aside) or a table a {@link SchemaChange}
     * dropped and keeps until its transaction commits, left out of catalogues.
     */
    static boolean isInternal(String table) {
        return table.startsWith(SHADOW) || table.startsWith(OLD) || table.startsWith(SchemaChange.ASIDE);
    }

    /**
     * Drops every view now and marks every table to be replaced by the next copy in this write transaction (or
     * dropped when it commits). Outside a write transaction it answers false and does nothing.
     */
    static boolean markAll(Database db, Catalog catalog) {
        if (db.inTransaction.get() == null) {
            return false;
        }
        db.write(c -> {
            List<Catalog.View> views = catalog.views(c);
            for (int i = views.size() - 1; i >= 0; i--) {
                exec(c, db.dialect().ddl().dropView(views.get(i).name()));
            }
            pending(db, c).marked.addAll(catalog.tables(c));
            return null;
        });
        return true;
    }

    /** The name a table is made under before it is swapped in. */
    static String shadow(String table) {
        return SHADOW + hash(table);
    }

    /**
     * Puts the filled shadow tables in place of the named tables in one atomic statement; a table of that name,
     * which must have been marked, is moved aside.
     *
     * @throws SQLException when a table of that name exists and was not marked for replacement
     */
    static void swapIn(Database db, Connection c, List<String> tables) throws SQLException {
        Pending pending = pending(db, c);
        List<String> renames = new ArrayList<>();
        Map<String, String> aside = new LinkedHashMap<>();
        Dialect d = db.dialect();
        for (String table : tables) {
            if (exists(c, table)) {
                if (!pending.marked.contains(table)) {
                    throw new SQLException("table " + table + " exists already");
                }
                String old = OLD + hash(table);
                exec(c, d.ddl().dropTable(old));
                renames.add(d.quote(table) + " TO " + d.quote(old));
                aside.put(table, old);
            } else {
                aside.put(table, null);
            }
            renames.add(d.quote(shadow(table)) + " TO " + d.quote(table));
        }
        exec(c, "RENAME TABLE " + String.join(", ", renames));
        pending.marked.removeAll(tables);
        pending.swapped.putAll(aside);
    }

    /** Drops the shadow tables of a failed copy. */
    static void dropShadows(Database db, List<String> tables, RuntimeException failure) {
        try {
            db.write(c -> {
                for (String table : tables) {
                    exec(c, db.dialect().ddl().dropTable(shadow(table)));
                }
                return null;
            });
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** This transaction's replacements, registering what its commit and rollback do on first use. */
    private static Pending pending(Database db, Connection c) {
        Pending existing = PENDING.get(c);
        if (existing != null) {
            return existing;
        }
        Pending pending = new Pending();
        PENDING.put(c, pending);
        db.afterCommit(() -> {
            PENDING.remove(c);
            try {
                finish(db, pending);
            } catch (RuntimeException e) {
                // the transaction committed: tables left aside are skipped by catalogues and dropped when next reused
            }
        });
        db.afterRollback(() -> {
            PENDING.remove(c);
            undo(db, pending);
        });
        return pending;
    }

    /** After the commit: the tables moved aside and those marked but not replaced are dropped. */
    private static void finish(Database db, Pending pending) {
        Ddl ddl = db.dialect().ddl();
        db.write(c -> {
            for (String old : pending.swapped.values()) {
                if (old != null) {
                    exec(c, ddl.dropTable(old));
                }
            }
            for (String table : pending.marked) {
                exec(c, ddl.dropTable(table));
            }
            return null;
        });
    }

    /** After a rollback: the new tables go and the ones moved aside come back. */
    private static void undo(Database db, Pending pending) {
        if (pending.swapped.isEmpty()) {
            return;
        }
        Dialect d = db.dialect();
        db.write(c -> {
            List<String> renames = new ArrayList<>();
            for (Map.Entry<String, String> e : pending.swapped.entrySet()) {
                exec(c, d.ddl().dropTable(shadow(e.getKey())));
                renames.add(d.quote(e.getKey()) + " TO " + d.quote(shadow(e.getKey())));
                if (e.getValue() != null) {
                    renames.add(d.quote(e.getValue()) + " TO " + d.quote(e.getKey()));
                }
            }
            exec(c, "RENAME TABLE " + String.join(", ", renames));
            for (String table : pending.swapped.keySet()) {
                exec(c, d.ddl().dropTable(shadow(table)));
            }
            return null;
        });
    }

    private static boolean exists(Connection c, String table) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = ?")) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String hash(String table) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(table.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
