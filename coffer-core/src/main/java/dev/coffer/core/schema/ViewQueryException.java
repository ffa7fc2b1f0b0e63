package dev.coffer.core.schema;

import java.sql.SQLException;

/**
 * A view query that can't define a view collection: several statements, a wildcard column, no {@code id}
 * column, or SQL the database rejects. The message is fit for the {@code viewQuery} field error.
 */
public final class ViewQueryException extends SQLException {

    /** Creates the exception with a message for the user. */
    public ViewQueryException(String message) {
        super(message);
    }

    /** Creates the exception for a database error, keeping the database's message. */
    public ViewQueryException(SQLException cause) {
        super(cause.getMessage(), cause);
    }
}
