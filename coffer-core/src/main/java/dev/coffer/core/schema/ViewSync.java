package dev.coffer.core.schema;

import dev.coffer.core.collection.Collection;
import dev.coffer.tools.db.Ddl;
import dev.coffer.tools.db.SchemaChange;
import dev.coffer.tools.security.RandomString;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** Creates and drops the SQL view of a view collection, and reads the columns a query yields. */
final class ViewSync {

    private final Ddl ddl;

    ViewSync(Ddl ddl) {
        this.ddl = ddl;
    }

    /** (Re)creates the view of a collection; an {@code id} column that isn't text is cast to text. */
    void create(SchemaChange change, Collection view) throws SQLException {
        String query = ViewQueryParser.normalize(view.viewQuery());
        String select = withTextId(change.connection(), query);
        change.dropView(view.name());
        try {
            change.createView(view.name(), select);
            readColumns(change.connection(), view.name());
        } catch (SQLException e) {
            change.dropView(view.name());
            throw e instanceof ViewQueryException ? e : new ViewQueryException(e);
        }
    }

    /** Drops the view of a collection if it exists. */
    void drop(SchemaChange change, Collection view) throws SQLException {
        change.dropView(view.name());
    }

    /**
     * The columns a query yields, read from a temporary view that is dropped again (it is no part of the schema
     * change, so it runs on the connection as it is).
     */
    List<Statements.ColumnInfo> queryColumns(Connection c, String query) throws SQLException {
        String temp = "_temp_" + RandomString.of(6, RandomString.ALPHANUMERIC);
        Statements.run(c, ddl.dropView(temp));
        try {
            Statements.run(c, ddl.createView(temp, query));
            return readColumns(c, temp);
        } catch (ViewQueryException e) {
            throw e;
        } catch (SQLException e) {
            throw new ViewQueryException(e);
        } finally {
            Statements.run(c, ddl.dropView(temp));
        }
    }

    private String withTextId(Connection c, String query) throws SQLException {
        for (Statements.ColumnInfo col : queryColumns(c, query)) {
            if (col.name().equalsIgnoreCase(ViewFieldInference.ID) && col.type().equalsIgnoreCase("TEXT")) {
                return query;
            }
        }
        List<String> aliases = ViewQueryParser.parse(query).columns().stream()
                .map(ViewQueryParser.Identifier::alias)
                .toList();
        return ddl.selectWithTextId(query, aliases, ViewFieldInference.ID);
    }

    /** The columns of a view, checking it can be read (a missing table only shows on reading). */
    private List<Statements.ColumnInfo> readColumns(Connection c, String name) throws SQLException {
        List<Statements.ColumnInfo> columns = Statements.columns(c, ddl, name);
        if (columns.isEmpty()) {
            throw new ViewQueryException("empty table info probably due to invalid or missing table " + name);
        }
        return columns;
    }
}
