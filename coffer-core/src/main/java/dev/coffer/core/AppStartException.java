package dev.coffer.core;

/** The app could not start; the message is one line meant for the person running it. */
public final class AppStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception. */
    public AppStartException(String message) {
        super(message);
    }

    /** Creates the exception with its cause. */
    public AppStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
