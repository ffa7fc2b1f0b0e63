package dev.coffer.core.migrations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Test helpers: SQLite connections, the PocketBase fixture and a textual dump of a whole database. */
final class TestDatabases {

    private TestDatabases() {}

    static Connection open(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
    }

    /**
     * The PocketBase test fixture directory (data.db, auxiliary.db): {@code -Dcoffer.pbFixture=DIR},
     * {@code COFFER_PB_FIXTURE}, or {@code fixtures/pocketbase-testdata} under the build's
     * {@code coffer.shared.dir} (by default the {@code shared} folder beside the checkout).
     */
    static Optional<Path> fixtureDir() {
        List<String> candidates = new ArrayList<>();
        String prop = System.getProperty("coffer.pbFixture");
        if (prop != null) {
            candidates.add(prop);
        }
        String env = System.getenv("COFFER_PB_FIXTURE");
        if (env != null) {
            candidates.add(env);
        }
        String shared = System.getProperty("coffer.shared.dir");
        if (shared != null) {
            candidates.add(shared + "/fixtures/pocketbase-testdata");
        }
        candidates.add("../../shared/fixtures/pocketbase-testdata");
        return candidates.stream().map(Path::of).filter(p -> Files.isRegularFile(p.resolve("data.db"))).findFirst();
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
