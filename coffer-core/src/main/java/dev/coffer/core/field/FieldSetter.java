package dev.coffer.core.field;

/**
 * Applies one submitted body entry to a field: computes the field's new value from its current value and
 * the raw submitted value (a Jackson node, a Java value or, for files, uploaded files).
 */
@FunctionalInterface
public interface FieldSetter {

    /** The new value of the field. */
    Object apply(Object current, Object raw);
}
