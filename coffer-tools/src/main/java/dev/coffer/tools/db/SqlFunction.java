package dev.coffer.tools.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work done with a JDBC connection.
 *
 * @param <T> the result type
 */
@FunctionalInterface
public interface SqlFunction<T> {

    /** Runs the work. */
    T apply(Connection connection) throws SQLException;
}
