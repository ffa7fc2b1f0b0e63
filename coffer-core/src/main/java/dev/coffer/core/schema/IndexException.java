package dev.coffer.core.schema;

import java.sql.SQLException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Some of a collection's indexes could not be created (invalid statement, or data that breaks a UNIQUE
 * index). The caller rolls its transaction back and reports each failure under {@code indexes.<position>}.
 */
public final class IndexException extends SQLException {

    private final SortedMap<Integer, String> failures;

    /** Creates the exception from the failure messages by position in the collection's index list. */
    public IndexException(Map<Integer, String> failures) {
        super("failed to create indexes " + failures);
        this.failures = new TreeMap<>(failures);
    }

    /** The failure message of each failed index, by its position in the collection's index list. */
    public SortedMap<Integer, String> failures() {
        return new TreeMap<>(failures);
    }
}
