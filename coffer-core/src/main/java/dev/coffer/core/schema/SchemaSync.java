package dev.coffer.core.schema;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.SchemaChange;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Brings the database schema in line with collection changes: the records table (or view) and indexes of
 * each collection. Every method works inside the caller's open write transaction and commits nothing, so a
 * failure (thrown) rolls the whole change back with the caller's transaction; schema statements go through the
 * transaction's {@link SchemaChange}, which undoes them with it also where they are not transactional.
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
    public void apply(SchemaChange change, Collection before, Collection after) throws SQLException {
        if (before == null && after == null) {
            throw new IllegalArgumentException("a schema change needs a collection before or after it");
        }
        if (after == null) {
            drop(change, before);
        } else if (before == null) {
            create(change, after);
        } else if (before.isView() != after.isView()) {
            drop(change, before);
            create(change, after);
        } else if (after.isView()) {
            views.drop(change, before);
            views.create(change, after);
        } else {
            tables.update(change, before, after);
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

    private void create(SchemaChange change, Collection collection) throws SQLException {
        if (collection.isView()) {
            views.create(change, collection);
        } else {
            tables.create(change, collection);
        }
    }

    private void drop(SchemaChange change, Collection collection) throws SQLException {
        if (collection.isView()) {
            views.drop(change, collection);
        } else {
            tables.drop(change, collection);
        }
    }
}
