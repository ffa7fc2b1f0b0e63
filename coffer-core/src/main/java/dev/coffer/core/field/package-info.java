/**
 * Collection fields: one class per field type with its typed options, value conversion and JSON form,
 * the setters submitted body keys resolve to (modifiers such as {@code field+}) and the checks of a value
 * against the field's options.
 */
package dev.coffer.core.field;
