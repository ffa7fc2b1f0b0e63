package dev.coffer.core.schema;

import java.sql.SQLException;

/**
 * One step of a records table change failed (adding, dropping or renaming a column). The message names the
 * step and carries the database's own error text, as PocketBase reports it after {@code Raw error:}, for
 * instance {@code failed to drop column title - SQL logic error: error in view v after drop column: no such
 * column: title (1)}.
 */
public final class SchemaStepException extends SQLException {

    SchemaStepException(String message, SQLException cause) {
        super(message, cause);
    }
}
