/** The forms of records: which widget edits each field, with its validation (the ui-schema). */
package dev.coffer.core.form;
