package dev.coffer.core.mail;

/** An email could not be sent. */
public final class MailException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with its cause. */
    public MailException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without a cause. */
    public MailException(String message) {
        super(message);
    }
}
