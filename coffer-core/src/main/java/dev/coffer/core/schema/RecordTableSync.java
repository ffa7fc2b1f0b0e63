package dev.coffer.core.schema;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.tools.db.Ddl;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.SchemaChange;
import dev.coffer.tools.security.RandomString;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Creates, alters and drops the records table of a base or auth collection. Adding and renaming fields are
 * constant-time ALTERs; only fields whose column kind changes (single ↔ multiple values) rewrite their column.
 */
final class RecordTableSync {

    private final Dialect dialect;
    private final Ddl ddl;
    private final CollectionIndexes indexes;

    RecordTableSync(Dialect dialect) {
        this.dialect = dialect;
        this.ddl = dialect.ddl();
        this.indexes = new CollectionIndexes(dialect);
    }

    /** Creates the table with one column per field (in name order) and the collection's indexes. */
    void create(SchemaChange change, Collection collection) throws SQLException {
        Map<String, String> columns = new TreeMap<>();
        for (Field f : collection.fields()) {
            columns.put(f.name(), definition(f));
        }
        change.createTable(collection.name(), columns);
        indexes.create(change, collection);
    }

    /** Drops the table with its indexes. */
    void drop(SchemaChange change, Collection collection) throws SQLException {
        change.dropTable(collection.name());
    }

    /** Deletes every row. */
    void truncate(Connection c, Collection collection) throws SQLException {
        Statements.run(c, ddl.deleteAll(collection.name()));
    }

    /** Alters the table of {@code before} into the table of {@code after}, matching fields by id. */
    void update(SchemaChange change, Collection before, Collection after) throws SQLException {
        if (!Statements.exists(change.connection(), ddl, before.name())) {
            create(change, after);
            return;
        }
        String table = after.name();
        Map<String, Field> oldById = byId(before.fields());
        Map<String, Field> newById = byId(after.fields());

        List<Field> dropped = new ArrayList<>();
        Set<String> changedColumns = new HashSet<>();
        for (Field old : before.fields()) {
            Field now = newById.get(old.id());
            if (now == null) {
                dropped.add(old);
                changedColumns.add(old.name());
            } else if (!now.name().equals(old.name()) || ColumnTypes.of(now) != ColumnTypes.of(old)) {
                changedColumns.add(old.name());
            }
        }

        indexes.dropChanged(change, before, after, changedColumns);
        if (!before.name().equalsIgnoreCase(table)) {
            change.renameTable(before.name(), table);
        }
        for (Field old : dropped) {
            step(() -> change.dropColumn(table, old.name()), "failed to drop column " + old.name());
        }
        addAndRename(change, table, oldById, after.fields());
        convertChangedKinds(change, table, oldById, after.fields());
        indexes.create(change, after);
    }

    /**
     * Adds new columns and renames renamed ones, each through a temporary name first so that names swapped
     * or reused between fields never collide.
     */
    private void addAndRename(SchemaChange change, String table, Map<String, Field> oldById, List<Field> fields)
            throws SQLException {
        Map<String, String> finalNames = new LinkedHashMap<>();
        for (Field f : fields) {
            Field old = oldById.get(f.id());
            if (old == null) {
                String temp = temporaryName(f.name());
                step(() -> change.addColumn(table, temp, definition(f)), "failed to add column " + f.name());
                finalNames.put(temp, f.name());
            } else if (!old.name().equals(f.name())) {
                String temp = temporaryName(f.name());
                step(() -> change.renameColumn(table, old.name(), temp), "failed to rename column " + old.name());
                finalNames.put(temp, f.name());
            }
        }
        for (Map.Entry<String, String> e : finalNames.entrySet()) {
            change.renameColumn(table, e.getKey(), e.getValue());
        }
    }

    /**
     * Rewrites the column of each kept field whose column kind changed: a single value becomes a one-item
     * array and an array keeps its last item (see {@link Ddl#copyColumn}). Views are dropped meanwhile (they would
     * pin the old column), those reading others last, and made again from their original statements.
     */
    private void convertChangedKinds(SchemaChange change, String table, Map<String, Field> oldById,
            List<Field> fields) throws SQLException {
        List<Field[]> changed = new ArrayList<>();
        for (Field f : fields) {
            Field old = oldById.get(f.id());
            if (old != null && ColumnTypes.of(old) != ColumnTypes.of(f)) {
                changed.add(new Field[] {old, f});
            }
        }
        if (changed.isEmpty()) {
            return;
        }
        List<Statements.ViewInfo> views = Statements.views(change.connection(), ddl);
        for (int i = views.size() - 1; i >= 0; i--) {
            change.dropView(views.get(i).name());
        }
        for (Field[] pair : changed) {
            convert(change, table, pair[0], pair[1]);
        }
        for (Statements.ViewInfo v : views) {
            change.restoreView(v.name(), v.sql());
        }
    }

    private void convert(SchemaChange change, String table, Field old, Field now) throws SQLException {
        String column = now.name();
        String temp = "_" + temporaryName(column);
        change.renameColumn(table, column, temp);
        change.addColumn(table, column, definition(now));
        change.update(ddl.copyColumn(table, column, temp, ColumnTypes.of(old), ColumnTypes.of(now)));
        change.dropColumn(table, temp);
    }

    /** One statement of a table change. */
    @FunctionalInterface
    private interface Step {
        void run() throws SQLException;
    }

    /** Runs one step of a table change; a failure is reported under the step's name with the database's text. */
    private void step(Step step, String name) throws SQLException {
        try {
            step.run();
        } catch (SQLException e) {
            throw new SchemaStepException(name + " - " + dialect.errorText(e), e);
        }
    }

    private String definition(Field f) {
        return ddl.columnDefinition(ColumnTypes.of(f));
    }

    private static String temporaryName(String name) {
        return name + RandomString.of(5, RandomString.ALPHANUMERIC);
    }

    private static Map<String, Field> byId(List<Field> fields) {
        Map<String, Field> out = new HashMap<>();
        fields.forEach(f -> out.put(f.id(), f));
        return out;
    }
}
