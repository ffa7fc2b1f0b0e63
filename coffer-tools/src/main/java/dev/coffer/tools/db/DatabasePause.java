package dev.coffer.tools.db;

import java.sql.SQLException;

/**
 * A database with its connections closed (from {@link Database#pause()}), so its file can be replaced; work on
 * the database waits meanwhile. {@link #resume()} opens the file again and can be undone with
 * {@link #suspend()}; {@link #close()} resumes if needed and lets the waiting work go on.
 */
public final class DatabasePause implements AutoCloseable {

    private final Database db;
    private boolean connected;
    private boolean ended;

    DatabasePause(Database db) {
        this.db = db;
    }

    /**
     * Opens the (possibly replaced) database file again; the waiting work still waits until {@link #close()}.
     *
     * @throws DatabaseException when the file is not a usable database (the pause stays in place)
     */
    public void resume() {
        if (connected) {
            return;
        }
        try {
            db.reconnect();
            connected = true;
        } catch (SQLException e) {
            throw new DatabaseException("cannot reopen database " + db.file() + ": " + e.getMessage(), e);
        }
    }

    /** Closes the connections {@link #resume()} opened, to replace the file once more. */
    public void suspend() {
        if (connected) {
            db.disconnect();
            connected = false;
        }
    }

    /**
     * Resumes when not yet resumed and ends the pause. When the file still cannot be opened the database is
     * left closed and the error is thrown.
     */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        boolean ok = false;
        try {
            resume();
            ok = true;
        } finally {
            db.endPause(ok);
        }
    }
}
