package dev.coffer.tools.db;

/** A database failure, unchecked; the message is safe to log but is never sent to API clients. */
public class DatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message and cause. */
    public DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Creates an exception with a message. */
    public DatabaseException(String message) {
        super(message);
    }
}
