package dev.coffer.core.migrations;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Test helpers: SQLite connections and a textual dump of a whole database. */
final class TestDatabases {

    private TestDatabases() {}

    static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /** Every catalog entry and every row of every table, with storage classes, as comparable text. */
    static List<String> dump(Connection db) throws SQLException {
        List<String> out = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY rowid")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                if ("table".equals(rs.getString(1))) {
                    tables.add(rs.getString(2));
                }
            }
        }
        for (String table : tables) {
            try (Statement st = db.createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM \"" + table + "\" ORDER BY rowid")) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder(table).append(':');
                    for (int i = 1; i <= columns; i++) {
                        Object value = rs.getObject(i);
                        row.append(value instanceof byte[] bytes ? "blob:" + new String(bytes) : String.valueOf(value))
                                .append('|');
                    }
                    out.add(row.toString());
                }
            }
        }
        return out;
    }

    /** Runs a query returning one string column. */
    static List<String> strings(Connection db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
