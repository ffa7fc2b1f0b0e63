package dev.coffer.core.record;

import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.tools.security.Passwords;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The checks an auth record's create or update form adds to field validation: password confirmation and
 * old password, and that only managers change {@code email} (on update) or {@code verified}.
 */
final class AuthFormRules {

    private final Record original;
    private final Record record;
    private final boolean isNew;
    private final boolean manager;

    /**
     * @param original the stored record (a fresh record on create)
     * @param record the record with the submitted data applied
     * @param manager whether the requester is a superuser or satisfies the manage rule
     */
    AuthFormRules(Record original, Record record, boolean isNew, boolean manager) {
        this.original = original;
        this.record = record;
        this.isNew = isNew;
        this.manager = manager;
    }

    /** The failures by body key (empty when the form is valid). */
    Map<String, FieldError> check(String password, String passwordConfirm, String oldPassword) {
        Map<String, FieldError> errors = new LinkedHashMap<>();
        if (!isNew && !manager && !record.email().equals(original.email())) {
            errors.put("email", FieldErrors.valuesMismatch());
        }
        if (!manager && record.verified() != original.verified()) {
            errors.put("verified", FieldErrors.valuesMismatch());
        }
        if ((isNew || !passwordConfirm.isEmpty() || !oldPassword.isEmpty()) && password.isEmpty()) {
            errors.put(RecordForm.PASSWORD, FieldErrors.required());
        }
        if ((isNew || !password.isEmpty() || !oldPassword.isEmpty()) && passwordConfirm.isEmpty()) {
            errors.put(RecordForm.PASSWORD_CONFIRM, FieldErrors.required());
        } else if (!passwordConfirm.equals(password)) {
            errors.put(RecordForm.PASSWORD_CONFIRM, FieldErrors.valuesMismatch());
        }
        if (!isNew && !manager && (!password.isEmpty() || !passwordConfirm.isEmpty())) {
            if (oldPassword.isEmpty()) {
                errors.put(RecordForm.OLD_PASSWORD, FieldErrors.required());
            } else if (!Passwords.matches(oldPassword, original.passwordHash())) {
                errors.put(RecordForm.OLD_PASSWORD, FieldErrors.invalidOldPassword());
            }
        }
        return errors;
    }
}
