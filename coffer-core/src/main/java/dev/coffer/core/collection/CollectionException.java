package dev.coffer.core.collection;

/**
 * A collection operation was refused or failed for a reason that isn't a field validation (a system or
 * referenced collection, a view truncate, a failing view query). The message is PocketBase's 400 message.
 */
public final class CollectionException extends RuntimeException {

    /** A failure with PocketBase's message. */
    public CollectionException(String message) {
        super(message);
    }

    /** A failure with PocketBase's message and its cause. */
    public CollectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
