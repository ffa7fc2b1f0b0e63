package dev.coffer.core.history;

import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code _history} table: an append-only list of changes, numbered in commit order, beside the records (in
 * the same database, so an entry is written in its change's transaction; its own table and indexes, so it never
 * slows reading records). The changes are stored compressed ({@link HistoryCodec}).
 */
final class HistoryTable {

    static final String TABLE = "_history";

    private static final String DDL = "CREATE TABLE IF NOT EXISTS \"_history\" ("
            + "\"seq\" INTEGER PRIMARY KEY NOT NULL, "
            + "\"collectionId\" VARCHAR(255) NOT NULL, "
            + "\"recordId\" VARCHAR(255) NOT NULL, "
            + "\"version\" INTEGER NOT NULL, "
            + "\"action\" VARCHAR(16) NOT NULL, "
            + "\"actor\" VARCHAR(255) NOT NULL, "
            + "\"ip\" TEXT NOT NULL, "
            + "\"userAgent\" TEXT NOT NULL, "
            + "\"created\" VARCHAR(32) NOT NULL, "
            + "\"fields\" TEXT NOT NULL, "
            + "\"data\" BLOB NOT NULL)";

    private static final String[] INDEXES = {
        "CREATE INDEX IF NOT EXISTS \"idx__history_record\" ON \"_history\" (\"collectionId\", \"recordId\", \"seq\")",
        "CREATE INDEX IF NOT EXISTS \"idx__history_action\" ON \"_history\" (\"collectionId\", \"action\", \"seq\")",
        "CREATE INDEX IF NOT EXISTS \"idx__history_created\" ON \"_history\" (\"created\")",
    };

    private static final String COLUMNS = "\"seq\", \"collectionId\", \"recordId\", \"version\", \"action\", \"actor\","
            + " \"ip\", \"userAgent\", \"created\", \"fields\", \"data\"";

    private final Database db;

    HistoryTable(Database db) {
        this.db = db;
    }

    /** Creates the table and its indexes when missing. */
    static void ensure(Connection c, Dialect dialect) throws SQLException {
        dialect.ddl().createIfMissing(c, TABLE, DDL, INDEXES);
    }

    /**
     * Appends an entry inside the current write transaction and returns it with its number and version: the next
     * number of the table (other appends wait for this transaction, so numbers follow commit order) and the next
     * version of the record.
     */
    HistoryEntry append(Connection c, HistoryEntry e) throws SQLException {
        Dialect d = db.dialect();
        String lock = d.appendLock(d.quote(TABLE), d.quote("seq"));
        if (lock != null) {
            try (Statement s = c.createStatement()) {
                s.execute(lock);
            }
        }
        long seq = single(c, "SELECT COALESCE(MAX(\"seq\"), 0) + 1 FROM \"_history\"");
        long version = single(c, "SELECT COALESCE(MAX(\"version\"), 0) + 1 FROM \"_history\" WHERE \"collectionId\" = ?"
                + " AND \"recordId\" = ?", e.collectionId(), e.recordId());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"_history\" (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setString(2, e.collectionId());
            ps.setString(3, e.recordId());
            ps.setLong(4, version);
            ps.setString(5, e.action());
            ps.setString(6, e.actor());
            ps.setString(7, e.ip());
            ps.setString(8, e.userAgent());
            ps.setString(9, e.created());
            ps.setString(10, "," + String.join(",", e.fields()) + ",");
            ps.setBytes(11, HistoryCodec.encode(Json.write(e.changes())));
            ps.executeUpdate();
        }
        return new HistoryEntry(seq, e.collectionId(), e.recordId(), version, e.action(), e.actor(), e.ip(),
                e.userAgent(), e.created(), e.fields(), e.changes());
    }

    private static long single(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** What to read: entries matching every non-empty condition. */
    record Query(List<String> collectionIds, String recordId, String action, String actor, String field, String since,
            String until, long afterSeq) {}

    /** A page of entries, newest first unless {@code ascending}, and how many match in all (-1 when not counted). */
    record Page(List<HistoryEntry> items, long total) {}

    /** The entries matching a query, newest first (or oldest first), {@code limit} from {@code offset}. */
    Page find(Query q, long offset, int limit, boolean ascending, boolean count) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (!q.collectionIds().isEmpty()) {
            where.add("\"collectionId\" IN (" + String.join(", ", Collections.nCopies(q.collectionIds().size(), "?"))
                    + ")");
            params.addAll(q.collectionIds());
        }
        condition(where, params, "\"recordId\" = ?", q.recordId());
        condition(where, params, "\"action\" = ?", q.action());
        condition(where, params, "\"actor\" = ?", q.actor());
        if (q.field() != null && !q.field().isEmpty()) {
            where.add("\"fields\" LIKE ? ESCAPE '!'");
            params.add("%," + q.field().replace("!", "!!").replace("%", "!%").replace("_", "!_") + ",%");
        }
        condition(where, params, "\"created\" >= ?", q.since());
        condition(where, params, "\"created\" <= ?", q.until());
        if (q.afterSeq() > 0) {
            where.add("\"seq\" > ?");
            params.add(q.afterSeq());
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        return db.read(c -> {
            long total = -1;
            if (count) {
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"_history\"" + filter)) {
                    bind(ps, params);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
            }
            List<HistoryEntry> items = new ArrayList<>();
            String sql = "SELECT " + COLUMNS + " FROM \"_history\"" + filter + " ORDER BY \"seq\" "
                    + (ascending ? "ASC" : "DESC") + " LIMIT ? OFFSET ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                List<Object> all = new ArrayList<>(params);
                all.add(limit);
                all.add(offset);
                bind(ps, all);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(read(rs));
                    }
                }
            }
            return new Page(items, total);
        });
    }

    private static void condition(List<String> where, List<Object> params, String sql, String value) {
        if (value != null && !value.isEmpty()) {
            where.add(sql);
            params.add(value);
        }
    }

    private static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            ps.setObject(i + 1, params.get(i));
        }
    }

    private static HistoryEntry read(ResultSet rs) throws SQLException {
        String fields = rs.getString("fields");
        List<String> names = Arrays.stream(fields.split(",")).filter(s -> !s.isEmpty()).toList();
        return new HistoryEntry(rs.getLong("seq"), rs.getString("collectionId"), rs.getString("recordId"),
                rs.getLong("version"), rs.getString("action"), rs.getString("actor"), rs.getString("ip"),
                rs.getString("userAgent"), rs.getString("created"), names,
                (ObjectNode) Json.parse(HistoryCodec.decode(rs.getBytes("data"))));
    }

    /** Deletes a collection's entries older than {@code before} (a datetime); returns how many went. */
    int deleteOlder(String collectionId, String before) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM \"_history\" WHERE \"collectionId\" = ? AND \"created\" < ?")) {
                ps.setString(1, collectionId);
                ps.setString(2, before);
                return ps.executeUpdate();
            }
        });
    }
}
