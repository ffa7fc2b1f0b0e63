package dev.coffer.core.schema;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.tools.db.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Brings the database schema in line with collection changes: the records table (or view) and indexes of
 * each collection. Every method works on the caller's connection inside its open write transaction and
 * commits nothing, so a failure (thrown) rolls the whole change back with the caller's transaction.
 */
public final class SchemaSync {

    private final RecordTableSync tables;
    private final ViewSync views;
    private final ViewFieldInference inference;

    /** Creates the sync for a database dialect. */
    public SchemaSync(Dialect dialect) {
        this.tables = new RecordTableSync(dialect);
        this.views = new ViewSync(dialect.ddl());
        this.inference = new ViewFieldInference(views);
    }

    /**
     * Applies a collection change: {@code before == null} creates the table (or view) of {@code after},
     * {@code after == null} drops the one of {@code before}, and both alter it, matching fields by id (table
     * and column renames, added and dropped columns, single ↔ multiple value conversions, changed indexes). A
     * view is dropped and recreated from its query.
     *
     * @throws IndexException when indexes of {@code after} can't be created
     * @throws ViewQueryException when the view query of {@code after} is not usable
     * @throws SQLException for any other database failure
     */
    public void apply(Connection c, Collection before, Collection after) throws SQLException {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a schema change needs a collection before or after it");
        }
        if (after == null) {
            drop(c, before);
        } else if (before == null) {
            create(c, after);
        } else if (before.isView() != after.isView()) {
            drop(c, before);
            create(c, after);
        } else if (after.isView()) {
            views.drop(c, before);
            views.create(c, after);
        } else {
            tables.update(c, before, after);
        }
    }

    /** Deletes every record of a base or auth collection. */
    public void truncate(Connection c, Collection collection) throws SQLException {
        if (collection.isView()) {
            throw new IllegalArgumentException(collection + " is a view and has no records of its own");
        }
        tables.truncate(c, collection);
    }

    /**
     * Infers the fields of a view query against the given collections, as PocketBase does; the
     * database is left as it was.
     *
     * @throws ViewQueryException when the query has several statements, a wildcard column or no {@code id}
     *     column, or when the database rejects it; the message suits a {@code viewQuery} field error
     */
    public List<Field> inferViewFields(Connection c, java.util.Collection<Collection> all, String query)
            throws SQLException {
        return inference.infer(c, all, query);
    }

    private void create(Connection c, Collection collection) throws SQLException {
        if (collection.isView()) {
            views.create(c, collection);
        } else {
            tables.create(c, collection);
        }
    }

    private void drop(Connection c, Collection collection) throws SQLException {
        if (collection.isView()) {
            views.drop(c, collection);
        } else {
            tables.drop(c, collection);
        }
    }
}
