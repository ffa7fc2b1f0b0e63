package dev.coffer.core.collection;

/**
 * The database refused a collection's schema change for a reason that isn't a field or index validation, for
 * instance dropping a column a view still reads. The message is the database's raw error, which PocketBase's
 * API shows after {@code Raw error:}; nothing was changed.
 */
public final class SchemaChangeException extends RuntimeException {

    /** A refusal with the database's raw error text. */
    public SchemaChangeException(String rawError, Throwable cause) {
        super(rawError, cause);
    }
}
