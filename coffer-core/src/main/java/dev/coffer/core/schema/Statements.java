package dev.coffer.core.schema;

import dev.coffer.tools.db.Ddl;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Runs schema statements and catalogue queries on the caller's connection. */
final class Statements {

    /** A column of a table or view: its name and declared type. */
    record ColumnInfo(String name, String type) {}

    /** A view and the statement that created it. */
    record ViewInfo(String name, String sql) {}

    private Statements() {}

    /** Executes one statement. */
    static void run(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    /** Whether a table or view of this name (any case) exists. */
    static boolean exists(Connection c, Ddl ddl, String name) throws SQLException {
        return ddl.tableExists(c, name);
    }

    /** The columns of a table or view in order; empty when it doesn't exist. */
    static List<ColumnInfo> columns(Connection c, Ddl ddl, String name) throws SQLException {
        List<ColumnInfo> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(ddl.columnsQuery())) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String type = rs.getString("type");
                    out.add(new ColumnInfo(rs.getString("name"), type == null ? "" : type));
                }
            }
        }
        return out;
    }

    /** Every view with its creating statement. */
    static List<ViewInfo> views(Connection c, Ddl ddl) throws SQLException {
        List<ViewInfo> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ddl.viewsQuery())) {
            while (rs.next()) {
                out.add(new ViewInfo(rs.getString("name"), rs.getString("sql")));
            }
        }
        return out;
    }
}
