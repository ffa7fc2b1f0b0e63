package dev.coffer.core.migrations;

/** A migration that could not be applied or reverted; its message names the file and the reason. */
public final class MigrationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
