package dev.coffer.core.logs;

import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.search.FilterSqlBuilder;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.search.FilterLimits;
import dev.coffer.tools.search.PagedQuery;
import dev.coffer.tools.search.SimpleFieldResolver;
import dev.coffer.tools.search.SqlExpression;
import dev.coffer.tools.types.DateTime;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and deletes the rows of {@code _logs}: pages filtered and sorted with the filter language (on
 * {@code id}, {@code created}, {@code level}, {@code message}, {@code data} and {@code data.<path>}), one row by
 * id, hourly counts, and deletions by age or of everything.
 */
public final class LogStore {

    /** The names a log filter or sort may use. */
    public static final List<String> SEARCHABLE =
            List.of("id", "created", "level", "message", "data", "^data\\.[\\w.:]*\\w+$");

    private static final String TABLE = "_logs";

    private final Database aux;
    private final String table;
    private final String columns;

    /** The store over the auxiliary database. */
    public LogStore(Database aux) {
        this.aux = aux;
        Dialect d = aux.dialect();
        this.table = d.quote(TABLE);
        this.columns = String.join(", ", d.quote("id"), d.quote("created"), d.quote("level"), d.quote("message"),
                d.quote("data"));
    }

    /**
     * One page of a listing.
     *
     * @param items the rows
     * @param totalItems the number of matching rows, or -1 when skipped
     */
    public record Page(List<LogEntry> items, long totalItems) {}

    /**
     * The hourly count of matching rows.
     *
     * @param total how many rows
     * @param date the hour, in PocketBase's datetime layout
     */
    public record HourlyCount(long total, String date) {}

    /**
     * One page of rows.
     *
     * @throws FilterException when the filter or sort is invalid
     */
    public Page list(String filter, String sort, long page, int perPage, boolean skipTotal) {
        Dialect dialect = aux.dialect();
        PagedQuery q = PagedQuery.build(dialect, TABLE, columns, resolver(), filter, sort, page, perPage);
        List<LogEntry> items = aux.read(c -> select(c, q.select()));
        long total = skipTotal ? -1 : aux.read(c -> {
            try (PreparedStatement ps = c.prepareStatement(q.count().sql())) {
                q.count().bindTo(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0L;
                }
            }
        });
        return new Page(items, total);
    }

    /** The row with the id. */
    public Optional<LogEntry> find(String id) {
        SqlExpression q = SqlExpression.of("SELECT " + columns + " FROM " + table + " WHERE "
                + aux.dialect().quote("id") + " = ? LIMIT 1", id);
        return aux.read(c -> select(c, q)).stream().findFirst();
    }

    /**
     * The number of matching rows per hour.
     *
     * @throws FilterException when the filter is invalid
     */
    public List<HourlyCount> stats(String filter) {
        Dialect dialect = aux.dialect();
        SqlExpression where = SqlExpression.EMPTY;
        if (filter != null && !filter.isEmpty()) {
            where = SqlExpression.concat(" WHERE ",
                    new FilterSqlBuilder(dialect).build(Filter.parse(filter, FilterLimits.CLIENT), resolver()));
        }
        String hour = dialect.strftime(List.of("'%Y-%m-%d %H:00:00'", dialect.quote("created")));
        SqlExpression q = SqlExpression.concat("SELECT count(" + dialect.quote("id") + ") AS total, " + hour
                + " AS date FROM " + table, where, " GROUP BY date ORDER BY date");
        return aux.read(c -> {
            List<HourlyCount> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(q.sql())) {
                q.bindTo(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String date = rs.getString(2);
                        out.add(new HourlyCount(rs.getLong(1), date == null ? "" : DateTime.normalize(date)));
                    }
                }
            }
            return out;
        });
    }

    /** Deletes every row; returns how many. */
    public int deleteAll() {
        return aux.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table)) {
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes the rows created at or before the instant; returns how many. */
    public int deleteCreatedBefore(Instant instant) {
        return aux.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE "
                    + aux.dialect().quote("created") + " <= ?")) {
                ps.setString(1, DateTime.format(instant));
                return ps.executeUpdate();
            }
        });
    }

    /** Deletes the rows created at or before the instant or logged below a level; returns how many. */
    public int deleteOutdated(Instant createdBefore, int minLevel) {
        return aux.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE "
                    + aux.dialect().quote("created") + " <= ? OR " + aux.dialect().quote("level") + " < ?")) {
                ps.setString(1, DateTime.format(createdBefore));
                ps.setInt(2, minLevel);
                return ps.executeUpdate();
            }
        });
    }

    private SimpleFieldResolver resolver() {
        return new SimpleFieldResolver(aux.dialect(), SEARCHABLE);
    }

    private static List<LogEntry> select(java.sql.Connection c, SqlExpression q) throws SQLException {
        List<LogEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(q.sql())) {
            q.bindTo(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String data = rs.getString(5);
                    out.add(new LogEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            data == null || !Json.isValid(data) ? Json.object() : Json.parse(data)));
                }
            }
        }
        return out;
    }
}
