package dev.coffer.tools.mail;

/** An email could not be handed to the mail server or the {@code sendmail} program. Never carries a password. */
public final class MailSendException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A failure with its cause. */
    public MailSendException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A failure without a cause. */
    public MailSendException(String message) {
        super(message);
    }
}
