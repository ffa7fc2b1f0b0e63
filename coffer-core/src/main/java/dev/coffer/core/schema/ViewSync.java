package dev.coffer.core.schema;

import dev.coffer.core.collection.Collection;
import dev.coffer.tools.db.Ddl;
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
    void create(Connection c, Collection view) throws SQLException {
        String query = ViewQueryParser.normalize(view.viewQuery());
        save(c, view.name(), withTextId(c, query));
    }

    /** Drops the view of a collection if it exists. */
    void drop(Connection c, Collection view) throws SQLException {
        Statements.run(c, ddl.dropView(view.name()));
    }

    /** The columns a query yields, read from a temporary view that is dropped again. */
    List<Statements.ColumnInfo> queryColumns(Connection c, String query) throws SQLException {
        String temp = "_temp_" + RandomString.of(6, RandomString.ALPHANUMERIC);
        try {
            return save(c, temp, query);
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

    /** Replaces a view and checks it can be read (a missing table only shows on reading). */
    private List<Statements.ColumnInfo> save(Connection c, String name, String query) throws SQLException {
        Statements.run(c, ddl.dropView(name));
        try {
            Statements.run(c, ddl.createView(name, query));
            List<Statements.ColumnInfo> columns = Statements.columns(c, ddl, name);
            if (columns.isEmpty()) {
                throw new ViewQueryException("empty table info probably due to invalid or missing table " + name);
            }
            return columns;
        } catch (ViewQueryException e) {
            Statements.run(c, ddl.dropView(name));
            throw e;
        } catch (SQLException e) {
            Statements.run(c, ddl.dropView(name));
            throw new ViewQueryException(e);
        }
    }
}
