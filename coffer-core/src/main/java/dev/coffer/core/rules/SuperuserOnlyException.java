package dev.coffer.core.rules;

/**
 * A list query that only superusers may make; the API answers 403 with the message, such as
 * {@code Only superusers can filter by @collection.}
 */
public final class SuperuserOnlyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates the exception with the message the API returns. */
    public SuperuserOnlyException(String message) {
        super(message);
    }
}
