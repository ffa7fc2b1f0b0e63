package dev.coffer.tools.db;

/**
 * What is known of an SQL operand's type where a comparison is built: a bound text, number or boolean, the NULL
 * literal, or anything else (a column, a function of one), whose type only the database knows.
 */
public enum SqlType {
    /** A text value. */
    TEXT,
    /** A number. */
    NUMBER,
    /** A boolean. */
    BOOLEAN,
    /** The NULL literal. */
    NULL,
    /** A column or expression of a type the database decides. */
    ANY
}
