package dev.coffer.core.schema;

import dev.coffer.core.collection.Collection;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.IndexDefinition;
import dev.coffer.tools.db.SchemaChange;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Drops and creates the indexes a collection lists, by their normalised {@code CREATE INDEX} text. */
final class CollectionIndexes {

    private final Dialect dialect;

    CollectionIndexes(Dialect dialect) {
        this.dialect = dialect;
    }

    /**
     * Creates every index of a collection on its table; an index that exists already under its name is left
     * alone.
     *
     * @throws IndexException listing each index that is invalid or that the data breaks
     */
    void create(SchemaChange change, Collection collection) throws SQLException {
        Map<Integer, String> failures = new LinkedHashMap<>();
        List<String> indexes = collection.indexes();
        for (int i = 0; i < indexes.size(); i++) {
            IndexDefinition parsed = IndexDefinition.parse(indexes.get(i)).withTable(collection.name());
            if (!parsed.isValid()) {
                failures.put(i, "Invalid CREATE INDEX expression.");
                continue;
            }
            try {
                change.createIndex(parsed.ifNotExists());
            } catch (SQLException e) {
                failures.put(i, "Failed to create index " + parsed.indexName() + " - " + dialect.errorText(e) + ".");
            }
        }
        if (!failures.isEmpty()) {
            throw new IndexException(failures);
        }
    }

    /**
     * Drops the indexes of {@code before} that {@code after} doesn't keep unchanged: those it no longer lists
     * with the same definition, and those over a column in {@code changedColumns} (dropped, renamed or
     * retyped). Unchanged indexes stay, so that a schema change doesn't rebuild them.
     */
    void dropChanged(SchemaChange change, Collection before, Collection after, Set<String> changedColumns)
            throws SQLException {
        for (String raw : before.indexes()) {
            IndexDefinition old = IndexDefinition.parse(raw);
            if (old.indexName().isEmpty()) {
                throw new SQLException("failed to drop index - missing index name: " + raw);
            }
            if (!keeps(after, old) || usesAny(old, changedColumns)) {
                change.dropIndex(old.withTable(before.name()));
            }
        }
    }

    private static boolean keeps(Collection after, IndexDefinition old) {
        String oldSql = old.withTable(after.name()).build();
        for (String raw : after.indexes()) {
            if (IndexDefinition.parse(raw).withTable(after.name()).build().equals(oldSql)) {
                return true;
            }
        }
        return false;
    }

    private static boolean usesAny(IndexDefinition index, Set<String> columns) {
        StringBuilder text = new StringBuilder(index.where());
        index.columns().forEach(col -> text.append(' ').append(col.name()));
        for (String column : columns) {
            Pattern word = Pattern.compile("(?i)(?<![\\w$])" + Pattern.quote(column) + "(?![\\w$])");
            if (word.matcher(text).find()) {
                return true;
            }
        }
        return false;
    }
}
