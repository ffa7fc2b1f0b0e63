/**
 * Validation failures: {@link dev.coffer.core.validation.FieldError} values with PocketBase's stable codes
 * (all record ones made by {@link dev.coffer.core.validation.FieldErrors}) and the
 * {@link dev.coffer.core.validation.ValidationException} that carries them to the API layer.
 */
package dev.coffer.core.validation;
