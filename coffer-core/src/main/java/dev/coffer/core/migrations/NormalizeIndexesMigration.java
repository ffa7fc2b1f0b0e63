package dev.coffer.core.migrations;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.IndexDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PocketBase's {@code 1778828400_normalize_indexes.go}: for every non-system, non-view collection, indexes that
 * exist in the database but not in the collection's {@code indexes} list are adopted into the list (or dropped when
 * redundant), then the collection is re-saved, which normalises index table names, restores the auth
 * collections' unique {@code tokenKey}/{@code email} indexes and re-creates the indexes when the list changed.
 */
final class NormalizeIndexesMigration {

    static final String FILE = "1778828400_normalize_indexes.go";

    private NormalizeIndexesMigration() {}

    static void up(Connection db, Dialect dialect) throws SQLException {
        for (CollectionsTable.Row row : CollectionsTable.all(db, dialect)) {
            if (row.system() || row.isView()) {
                continue;
            }
            Map<String, String> master = tableIndexes(db, dialect, row.name());
            List<String> original = row.indexList();
            if (master.isEmpty() && original.isEmpty()) {
                continue;
            }
            List<String> indexes = new ArrayList<>(original);
            adoptMissing(db, dialect, row, master, indexes);
            resave(db, dialect, row, original, indexes);
        }
    }

    private static void adoptMissing(Connection db, Dialect dialect, CollectionsTable.Row row,
            Map<String, String> master, List<String> indexes) throws SQLException {
        List<IndexDefinition> missing = new ArrayList<>();
        for (String sql : master.values()) {
            IndexDefinition parsed = IndexDefinition.parse(sql);
            IndexDefinition m = parsed.withName("", parsed.indexName()).withTable(row.name());
            boolean known = false;
            for (String raw : indexes) {
                String name = IndexDefinition.parse(raw).indexName();
                if (!name.isEmpty() && name.equalsIgnoreCase(m.indexName())) {
                    known = true;
                    break;
                }
            }
            if (!known) {
                missing.add(m);
            }
        }

        for (IndexDefinition m : missing) {
            String missingSql = m.build();
            if (missingSql.isEmpty()) {
                throw new SQLException("cannot rebuild index " + m.indexName() + " of " + row.name());
            }
            CollectionsTable.exec(db, dialect.ddl().dropIndex(m.indexName()));

            // the auth collection's own unique tokenKey/email index is re-created by the save below
            if (row.isAuth() && (m.isSingleColumnUnique("tokenKey") || m.isSingleColumnUnique("email"))) {
                continue;
            }
            boolean duplicate = false;
            for (String raw : indexes) {
                String same = IndexDefinition.parse(raw).withName(m.schemaName(), m.indexName())
                        .withTable(m.tableName()).build();
                if (missingSql.equals(same)) {
                    duplicate = true;
                    break;
                }
            }
            if (!duplicate) {
                indexes.add(missingSql);
            }
        }
    }

    private static void resave(Connection db, Dialect dialect, CollectionsTable.Row row, List<String> original,
            List<String> indexes) throws SQLException {
        for (int i = 0; i < indexes.size(); i++) {
            IndexDefinition parsed = IndexDefinition.parse(indexes.get(i));
            if (!parsed.tableName().equals(row.name())) {
                String normalized = parsed.withTable(row.name()).build();
                if (!normalized.isEmpty()) {
                    indexes.set(i, normalized);
                }
            }
        }
        if (row.isAuth()) {
            ensureUnique(indexes, row, "tokenKey", "");
            ensureUnique(indexes, row, "email", " WHERE `email` != ''");
        }

        String before = CollectionsTable.indexesJson(original);
        String after = CollectionsTable.indexesJson(indexes);
        if (!before.equals(after)) {
            for (String raw : original) {
                String name = IndexDefinition.parse(raw).indexName();
                if (name.isEmpty()) {
                    throw new SQLException("index without a name in " + row.name() + ": " + raw);
                }
                CollectionsTable.exec(db, dialect.ddl().dropIndex(name));
            }
            for (String raw : indexes) {
                IndexDefinition parsed = IndexDefinition.parse(raw).withTable(row.name());
                if (!parsed.isValid()) {
                    throw new SQLException("invalid index in " + row.name() + ": " + raw);
                }
                CollectionsTable.exec(db, dialect.ddl().createIndex(parsed));
            }
        }
        CollectionsTable.update(db, row.id(), "indexes", after);
    }

    private static void ensureUnique(List<String> indexes, CollectionsTable.Row row, String column, String where) {
        for (String raw : indexes) {
            if (IndexDefinition.parse(raw).isSingleColumnUnique(column)) {
                return;
            }
        }
        indexes.add("CREATE UNIQUE INDEX `" + SystemCollections.fieldIndexName(column, row.id()) + "` ON `"
                + row.name() + "` (`" + column + "`)" + where);
    }

    /** The named, explicitly created indexes of a table, in catalog order. */
    private static Map<String, String> tableIndexes(Connection db, Dialect dialect, String table)
            throws SQLException {
        Map<String, String> indexes = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement(dialect.ddl().tableIndexesQuery())) {
            ps.setString(1, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    indexes.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return indexes;
    }
}
