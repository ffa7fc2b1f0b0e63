package dev.coffer.tools.db;

/** The kinds of record table column; {@link Ddl#columnDefinition(ColumnKind)} gives each one's definition. */
public enum ColumnKind {
    /** Text, empty by default and never NULL. */
    TEXT,
    /** The text primary key, with a random fallback default. */
    PRIMARY_KEY,
    /** A number, 0 by default. */
    NUMBER,
    /** A boolean, false by default. */
    BOOLEAN,
    /** Any JSON value, NULL by default. */
    JSON,
    /** A JSON array, empty by default and never NULL. */
    JSON_ARRAY,
    /** A JSON {@code {"lon","lat"}} object, the origin by default. */
    GEO_POINT
}
