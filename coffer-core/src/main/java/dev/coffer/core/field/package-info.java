/**
 * Collection fields: one class per field type with its typed options, value conversion and JSON form.
 */
package dev.coffer.core.field;
