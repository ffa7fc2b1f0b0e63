package dev.coffer.core.jobs;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code _jobs} table and every statement on it. Times the queue compares ({@code runAt}, {@code lockedUntil})
 * are epoch milliseconds; {@code created}/{@code updated} are datetimes in the API's format. A running job is held
 * by one worker ({@code lockedBy}) until {@code lockedUntil}; its try number ({@code attempts}) together with the
 * worker makes the claim that finishing it must present, so a worker whose lock ran out can't overwrite a newer try.
 *
 * <p>Where the dialect says {@linkplain Dialect#cheapUnindexedAppends such appends are cheap} (SQLite), a job is
 * enqueued into {@code _jobsIncoming}, a table with neither key nor index that rows are only appended to (in row id
 * order) and taken from, so that storing a job costs the enqueuing transaction one page or so instead of the pages
 * of {@code _jobs} and its two indexes; the worker's next round moves what came in to {@code _jobs} in one batch
 * ({@link #moveIncoming}). Elsewhere a job is inserted into {@code _jobs} directly.
 */
final class JobTable {

    static final String TABLE = "_jobs";

    private static final String DDL = "CREATE TABLE IF NOT EXISTS \"_jobs\" ("
            + "\"id\" VARCHAR(255) PRIMARY KEY NOT NULL, "
            + "\"type\" VARCHAR(255) NOT NULL, "
            + "\"payload\" TEXT NOT NULL, "
            + "\"state\" VARCHAR(16) NOT NULL, "
            + "\"attempts\" INTEGER NOT NULL, "
            + "\"maxAttempts\" INTEGER NOT NULL, "
            + "\"runAt\" INTEGER NOT NULL, "
            + "\"lockedUntil\" INTEGER NOT NULL, "
            + "\"lockedBy\" VARCHAR(255) NOT NULL, "
            + "\"lastError\" TEXT NOT NULL, "
            + "\"created\" VARCHAR(32) NOT NULL, "
            + "\"updated\" VARCHAR(32) NOT NULL)";

    // one index beside the primary key: every enqueue writes its pages in the enqueuing transaction (lists by type
    // are for superusers and scan)
    private static final String[] INDEXES = {
        "CREATE INDEX IF NOT EXISTS \"idx__jobs_due\" ON \"_jobs\" (\"state\", \"runAt\")",
    };

    static final String INCOMING = "_jobsIncoming";

    private static final String INCOMING_DDL = "CREATE TABLE IF NOT EXISTS \"_jobsIncoming\" ("
            + "\"id\" VARCHAR(255) NOT NULL, "
            + "\"type\" VARCHAR(255) NOT NULL, "
            + "\"payload\" TEXT NOT NULL, "
            + "\"maxAttempts\" INTEGER NOT NULL, "
            + "\"runAt\" INTEGER NOT NULL, "
            + "\"created\" VARCHAR(32) NOT NULL)";

    private static final String INCOMING_COLUMNS = "\"id\", \"type\", \"payload\", \"maxAttempts\", \"runAt\","
            + " \"created\"";

    private static final String COLUMNS = "\"id\", \"type\", \"payload\", \"state\", \"attempts\", \"maxAttempts\","
            + " \"runAt\", \"lastError\", \"created\", \"updated\"";

    private static final int MOVE_CHUNK = 500;
    private static final String PENDING = JobState.PENDING.label();
    private static final String RUNNING = JobState.RUNNING.label();

    private JobTable() {}

    /** Creates the table and its indexes when missing. */
    static void ensure(Connection c, Dialect dialect) throws SQLException {
        dialect.ddl().createIfMissing(c, TABLE, DDL, INDEXES);
        if (dialect.cheapUnindexedAppends()) {
            dialect.ddl().createIfMissing(c, INCOMING, INCOMING_DDL);
        }
    }

    /** Adds a pending job: to the incoming ones where they are taken in ({@code incoming}), else to the queue. */
    static void insert(Connection c, Job job, boolean incoming) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(incoming
                ? "INSERT INTO \"_jobsIncoming\" (" + INCOMING_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)"
                : "INSERT INTO \"_jobs\" (" + INCOMING_COLUMNS + ", \"state\", \"attempts\", \"lockedUntil\", \"lockedBy\","
                        + " \"lastError\", \"updated\") VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, '', '', ?)")) {
            ps.setString(1, job.id());
            ps.setString(2, job.type());
            ps.setString(3, Json.write(job.payload()));
            ps.setInt(4, job.maxAttempts());
            ps.setLong(5, job.runAt().toEpochMilli());
            ps.setString(6, job.created());
            if (!incoming) {
                ps.setString(7, PENDING);
                ps.setString(8, job.updated());
            }
            ps.executeUpdate();
        }
    }

    /** Whether jobs came in that are not moved to {@code _jobs} yet. */
    static boolean anyIncoming(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM \"_jobsIncoming\" LIMIT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        }
    }

    /**
     * Moves up to {@code limit} incoming jobs, oldest first, to {@code _jobs} as pending; returns how many. Rows
     * another instance's transaction holds are passed over (it moves them).
     */
    static int moveIncoming(Connection c, Dialect dialect, int limit) throws SQLException {
        String rowid = dialect.rowid(null);
        List<Long> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + rowid + " FROM \"_jobsIncoming\" ORDER BY " + rowid
                + " LIMIT ?" + dialect.lockSkippingLocked())) {
            ps.setInt(1, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(rs.getLong(1));
                }
            }
        }
        for (int from = 0; from < rows.size(); from += MOVE_CHUNK) {
            List<Long> chunk = rows.subList(from, Math.min(rows.size(), from + MOVE_CHUNK));
            String in = rowid + " IN (" + String.join(", ", Collections.nCopies(chunk.size(), "?")) + ")";
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO \"_jobs\" (\"id\", \"type\", \"payload\","
                    + " \"state\", \"attempts\", \"maxAttempts\", \"runAt\", \"lockedUntil\", \"lockedBy\", \"lastError\","
                    + " \"created\", \"updated\") SELECT \"id\", \"type\", \"payload\", ?, 0, \"maxAttempts\", \"runAt\", 0,"
                    + " '', '', \"created\", \"created\" FROM \"_jobsIncoming\" WHERE " + in + " ORDER BY " + rowid)) {
                ps.setString(1, PENDING);
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 2, chunk.get(i));
                }
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM \"_jobsIncoming\" WHERE " + in)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setLong(i + 1, chunk.get(i));
                }
                ps.executeUpdate();
            }
        }
        return rows.size();
    }

    /** An incoming job with this id, or null. */
    static Job findIncoming(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + INCOMING_COLUMNS
                + " FROM \"_jobsIncoming\" WHERE \"id\" = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? readIncoming(rs) : null;
            }
        }
    }

    /** How many jobs came in that are not moved yet (they are pending). */
    static long countIncoming(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"_jobsIncoming\"");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Takes up to {@code limit} due jobs of the given types for {@code worker}, each until {@code lockedUntil} of its type: pending
     * ones whose time has come and running ones whose holder's lock ran out (it crashed or stalled), oldest due
     * first. Each taken job is running, with its try counted. Rows other transactions hold are passed over.
     */
    static List<Job> claim(Connection c, Dialect dialect, Collection<String> types, String worker, Instant now,
            Function<String, Instant> lockedUntil, int limit) throws SQLException {
        if (types.isEmpty() || limit <= 0) {
            return List.of();
        }
        List<Job> due = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM \"_jobs\" WHERE "
                + dueCondition(types) + " ORDER BY \"runAt\" LIMIT ?" + dialect.lockSkippingLocked())) {
            int i = bindDue(ps, types, now);
            ps.setInt(++i, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    due.add(read(rs));
                }
            }
        }
        if (due.isEmpty()) {
            return due;
        }
        String updated = DateTime.format(now);
        List<Job> taken = new ArrayList<>(due.size());
        try (PreparedStatement ps = c.prepareStatement("UPDATE \"_jobs\" SET \"state\" = ?, \"attempts\" = ?,"
                + " \"lockedBy\" = ?, \"lockedUntil\" = ?, \"updated\" = ? WHERE \"id\" = ?")) {
            for (Job j : due) {
                ps.setString(1, RUNNING);
                ps.setInt(2, j.attempts() + 1);
                ps.setString(3, worker);
                ps.setLong(4, lockedUntil.apply(j.type()).toEpochMilli());
                ps.setString(5, updated);
                ps.setString(6, j.id());
                ps.addBatch();
                taken.add(new Job(j.id(), j.type(), j.payload(), JobState.RUNNING, j.attempts() + 1, j.maxAttempts(),
                        j.runAt(), j.lastError(), j.created(), updated));
            }
            ps.executeBatch();
        }
        return taken;
    }

    /**
     * Ends a try held by {@code worker}: done, dead, or pending again at {@code runAt} with {@code error}. False when
     * the claim is no longer the worker's (its lock ran out and another took the job).
     */
    static boolean finish(Connection c, Job job, String worker, JobState next, Instant runAt, String error,
            Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE \"_jobs\" SET \"state\" = ?, \"runAt\" = ?,"
                + " \"lockedUntil\" = 0, \"lockedBy\" = '', \"lastError\" = ?, \"updated\" = ?"
                + " WHERE \"id\" = ? AND \"state\" = ? AND \"lockedBy\" = ? AND \"attempts\" = ?")) {
            ps.setString(1, next.label());
            ps.setLong(2, runAt.toEpochMilli());
            ps.setString(3, error);
            ps.setString(4, DateTime.format(now));
            ps.setString(5, job.id());
            ps.setString(6, RUNNING);
            ps.setString(7, worker);
            ps.setInt(8, job.attempts());
            return ps.executeUpdate() == 1;
        }
    }

    /** Moves the locks of jobs {@code worker} is running to {@code until}. */
    static void extend(Connection c, Collection<Job> jobs, String worker, Function<String, Instant> until)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE \"_jobs\" SET \"lockedUntil\" = ? WHERE \"id\" = ?"
                + " AND \"state\" = ? AND \"lockedBy\" = ? AND \"attempts\" = ?")) {
            for (Job j : jobs) {
                ps.setLong(1, until.apply(j.type()).toEpochMilli());
                ps.setString(2, j.id());
                ps.setString(3, RUNNING);
                ps.setString(4, worker);
                ps.setInt(5, j.attempts());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Hands every running job back to the queue (for a database only this process uses, at start). */
    static int releaseRunning(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE \"_jobs\" SET \"state\" = ?, \"lockedUntil\" = 0,"
                + " \"lockedBy\" = '' WHERE \"state\" = ?")) {
            ps.setString(1, PENDING);
            ps.setString(2, RUNNING);
            return ps.executeUpdate();
        }
    }

    /**
     * Changes a job's state to {@code next} (due now, tries counted from zero when {@code resetAttempts}) if it is in
     * one of {@code from}; false when it isn't.
     */
    static boolean move(Connection c, String id, Collection<JobState> from, JobState next, boolean resetAttempts,
            Instant now) throws SQLException {
        String states = String.join(", ", Collections.nCopies(from.size(), "?"));
        try (PreparedStatement ps = c.prepareStatement("UPDATE \"_jobs\" SET \"state\" = ?, \"runAt\" = ?,"
                + (resetAttempts ? " \"attempts\" = 0," : "") + " \"updated\" = ? WHERE \"id\" = ? AND \"state\" IN ("
                + states + ")")) {
            int i = 0;
            ps.setString(++i, next.label());
            ps.setLong(++i, now.toEpochMilli());
            ps.setString(++i, DateTime.format(now));
            ps.setString(++i, id);
            for (JobState s : from) {
                ps.setString(++i, s.label());
            }
            return ps.executeUpdate() == 1;
        }
    }

    /** Deletes the jobs in {@code state} last changed before {@code before} (null: whenever); returns how many. */
    static int purge(Connection c, JobState state, Instant before) throws SQLException {
        String sql = "DELETE FROM \"_jobs\" WHERE \"state\" = ?" + (before == null ? "" : " AND \"updated\" < ?");
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, state.label());
            if (before != null) {
                ps.setString(2, DateTime.format(before));
            }
            return ps.executeUpdate();
        }
    }

    /** The job with this id, or null. */
    static Job find(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM \"_jobs\" WHERE \"id\" = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? read(rs) : null;
            }
        }
    }

    /** A page of jobs (newest first) in a state and of a type (null: any), and how many there are in all. */
    static JobPage list(Connection c, JobState state, String type, int page, int perPage) throws SQLException {
        List<String> where = new ArrayList<>();
        List<String> params = new ArrayList<>();
        if (state != null) {
            where.add("\"state\" = ?");
            params.add(state.label());
        }
        if (type != null && !type.isEmpty()) {
            where.add("\"type\" = ?");
            params.add(type);
        }
        String filter = where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where);
        long total;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"_jobs\"" + filter)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                total = rs.getLong(1);
            }
        }
        List<Job> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM \"_jobs\"" + filter
                + " ORDER BY \"created\" DESC, \"id\" DESC LIMIT ? OFFSET ?")) {
            int i = 0;
            for (String p : params) {
                ps.setString(++i, p);
            }
            ps.setInt(++i, perPage);
            ps.setLong(++i, (long) (page - 1) * perPage);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    items.add(read(rs));
                }
            }
        }
        return new JobPage(page, perPage, total, items);
    }

    /** How many jobs are in each state (states without jobs count 0). */
    static Map<JobState, Long> counts(Connection c) throws SQLException {
        Map<JobState, Long> out = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            out.put(s, 0L);
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT \"state\", COUNT(*) FROM \"_jobs\" GROUP BY \"state\"");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                JobState.of(rs.getString(1)).ifPresent(s -> {
                    try {
                        out.put(s, rs.getLong(2));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
        }
        return out;
    }

    /** Whether a job of these types is due at {@code now} (a read, so idle polling never takes the writer). */
    static boolean anyDue(Connection c, Collection<String> types, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM \"_jobs\" WHERE " + dueCondition(types)
                + " LIMIT 1")) {
            bindDue(ps, types, now);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    /**
     * The condition of the jobs due at a time among some types ({@link #bindDue} binds it): pending ones whose time
     * has come, and running ones whose holder's lock ran out.
     */
    private static String dueCondition(Collection<String> types) {
        return "((\"state\" = ? AND \"runAt\" <= ?) OR (\"state\" = ? AND \"lockedUntil\" <= ?)) AND \"type\" IN ("
                + String.join(", ", Collections.nCopies(types.size(), "?")) + ")";
    }

    /** Binds {@link #dueCondition}'s parameters from the first on; returns the index of the last one bound. */
    private static int bindDue(PreparedStatement ps, Collection<String> types, Instant now) throws SQLException {
        long nowMs = now.toEpochMilli();
        int i = 0;
        ps.setString(++i, PENDING);
        ps.setLong(++i, nowMs);
        ps.setString(++i, RUNNING);
        ps.setLong(++i, nowMs);
        for (String type : types) {
            ps.setString(++i, type);
        }
        return i;
    }

    private static Job readIncoming(ResultSet rs) throws SQLException {
        String created = rs.getString("created");
        return new Job(rs.getString("id"), rs.getString("type"), Json.parse(rs.getString("payload")), JobState.PENDING,
                0, rs.getInt("maxAttempts"), Instant.ofEpochMilli(rs.getLong("runAt")), "", created, created);
    }

    private static Job read(ResultSet rs) throws SQLException {
        return new Job(rs.getString("id"), rs.getString("type"), Json.parse(rs.getString("payload")),
                JobState.of(rs.getString("state")).orElse(JobState.PENDING), rs.getInt("attempts"),
                rs.getInt("maxAttempts"), Instant.ofEpochMilli(rs.getLong("runAt")), rs.getString("lastError"),
                rs.getString("created"), rs.getString("updated"));
    }
}
