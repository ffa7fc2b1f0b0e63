package dev.coffer.core.inspect;

/**
 * Sample data that can't be read: not text, malformed CSV or JSON, a row or a column over a limit, a header
 * without a name. The message is one sentence meant for the user, naming the row or column where it can.
 */
public final class SampleException extends RuntimeException {

    /** A failure with a message for the user. */
    public SampleException(String message) {
        super(message);
    }

    /** A failure with a message for the user and the exception that caused it. */
    public SampleException(String message, Throwable cause) {
        super(message, cause);
    }
}
