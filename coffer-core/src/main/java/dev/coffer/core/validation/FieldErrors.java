package dev.coffer.core.validation;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * The record validation failures, each with PocketBase's stable code, its user-facing sentence (already
 * ending with a full stop, as the API returns it) and its parameters. Keeping them here keeps the codes in
 * one place.
 */
public final class FieldErrors {

    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private FieldErrors() {}

    /** A required value is missing. */
    public static FieldError required() {
        return FieldError.of("validation_required", "Cannot be blank.");
    }

    /** Text shorter than the field's minimum. */
    public static FieldError minText(long min) {
        return new FieldError("validation_min_text_constraint", "Must be at least " + min + " character(s).",
                Map.of("min", min));
    }

    /** Text longer than the field's maximum. */
    public static FieldError maxText(long max) {
        return new FieldError("validation_max_text_constraint", "Must be no more than " + max + " character(s).",
                Map.of("max", max));
    }

    /** A password shorter than the field's minimum (no parameters, as PocketBase reports it). */
    public static FieldError minPassword(long min) {
        return FieldError.of("validation_min_text_constraint", "Must be at least " + min + " character(s).");
    }

    /** A password longer than the field's maximum. */
    public static FieldError maxPassword(long max) {
        return FieldError.of("validation_max_text_constraint", "Must be less than " + max + " character(s).");
    }

    /** A value not matching the field's pattern. */
    public static FieldError invalidFormat() {
        return FieldError.of("validation_invalid_format", "Invalid value format.");
    }

    /** A field the requester may not write (its {@code writeRule}). */
    public static FieldError notWritable() {
        return FieldError.of("validation_field_not_writable", "You are not allowed to change this field.");
    }

    /** A value that couldn't be used at all. */
    public static FieldError invalidValue() {
        return FieldError.of("validation_invalid_value", "Invalid value.");
    }

    /** A primary key holding a character unsafe in file names. */
    public static FieldError forbiddenPkCharacter(String ch) {
        return new FieldError("validation_forbidden_pk_character", "'" + ch + "' is not a valid primary key character.",
                Map.of("ch", ch));
    }

    /** A primary key that is a reserved device name. */
    public static FieldError reservedPk(String reserved) {
        return new FieldError("validation_reserved_pk",
                "The primary key '" + reserved + "' is reserved and cannot be used.", Map.of("reserved", reserved));
    }

    /** An update that changes the primary key. */
    public static FieldError pkChange() {
        return FieldError.of("validation_pk_change", "The record primary key cannot be changed.");
    }

    /** A custom-pattern primary key that already exists (compared case-insensitively). */
    public static FieldError pkInvalid() {
        return FieldError.of("validation_pk_invalid", "The record primary key is invalid or already exists.");
    }

    /** An auth record id already used by another auth collection. */
    public static FieldError invalidAuthId() {
        return FieldError.of("validation_invalid_auth_id", "Invalid or duplicated auth record id.");
    }

    /** Editor content over the size limit. */
    public static FieldError contentSizeLimit(long maxSize) {
        return new FieldError("validation_content_size_limit",
                "The maximum allowed content size is " + maxSize + " bytes.", Map.of("maxSize", maxSize));
    }

    /** A NaN or infinite number. */
    public static FieldError notANumber() {
        return FieldError.of("validation_not_a_number", "The submitted number is not properly formatted.");
    }

    /** A decimal number in an integer-only field. */
    public static FieldError onlyInt() {
        return FieldError.of("validation_only_int_constraint", "Decimal numbers are not allowed.");
    }

    /** A number below the field's minimum. */
    public static FieldError minNumber(double min) {
        return new FieldError("validation_min_number_constraint", "Must be greater or equal than " + number(min) + ".",
                Map.of("min", numberParam(min)));
    }

    /** A number above the field's maximum. */
    public static FieldError maxNumber(double max) {
        return new FieldError("validation_max_number_constraint", "Must be less or equal than " + number(max) + ".",
                Map.of("max", numberParam(max)));
    }

    /** A malformed email address. */
    public static FieldError email() {
        return FieldError.of("validation_is_email", "Must be a valid email address.");
    }

    /** An email address whose domain isn't allowed. */
    public static FieldError emailDomain() {
        return FieldError.of("validation_email_domain_not_allowed", "Email domain is not allowed.");
    }

    /** A malformed URL. */
    public static FieldError url() {
        return FieldError.of("validation_invalid_url", "Must be a valid url.");
    }

    /** A URL whose host isn't allowed. */
    public static FieldError urlDomain() {
        return FieldError.of("validation_url_domain_not_allowed", "Url domain is not allowed.");
    }

    /** A date before the field's minimum. */
    public static FieldError minDate(Instant min) {
        return new FieldError("validation_min_greater_equal_than_required",
                "Must be no less than " + goTime(min) + ".", Map.of("threshold", min.toString()));
    }

    /** A date after the field's maximum. */
    public static FieldError maxDate(Instant max) {
        return new FieldError("validation_max_less_equal_than_required",
                "Must be no greater than " + goTime(max) + ".", Map.of("threshold", max.toString()));
    }

    /** More values than a select or relation allows. */
    public static FieldError tooManyValues(long maxSelect) {
        return new FieldError("validation_too_many_values", "Select no more than " + maxSelect + ".",
                Map.of("maxSelect", maxSelect));
    }

    /** Fewer relation ids than the field's minimum. */
    public static FieldError notEnoughValues(long minSelect) {
        return new FieldError("validation_not_enough_values", "Select at least " + minSelect + ".",
                Map.of("minSelect", minSelect));
    }

    /** A select value outside the allowed values. */
    public static FieldError invalidSelectValue(String value) {
        return new FieldError("validation_invalid_value", "Invalid value " + value + ".", Map.of("value", value));
    }

    /** JSON over the size limit. */
    public static FieldError jsonSizeLimit(long maxSize) {
        return new FieldError("validation_json_size_limit", "The maximum allowed JSON size is " + maxSize + " bytes.",
                Map.of("maxSize", maxSize));
    }

    /** A latitude outside [-90, 90]. */
    public static FieldError latitude() {
        return FieldError.of("validation_invalid_latitude", "Latitude must be between -90 and 90 degrees.");
    }

    /** A longitude outside [-180, 180]. */
    public static FieldError longitude() {
        return FieldError.of("validation_invalid_longitude", "Longitude must be between -180 and 180 degrees.");
    }

    /** Relation ids that don't all exist in the target collection. */
    public static FieldError missingRelRecords() {
        return FieldError.of("validation_missing_rel_records", "Failed to find all relation records with the provided ids.");
    }

    /** A relation whose target collection is gone. */
    public static FieldError missingRelCollection() {
        return FieldError.of("validation_missing_rel_collection", "Relation connection is missing or cannot be accessed.");
    }

    /** File names submitted as plain strings that the record didn't hold. */
    public static FieldError invalidFiles(List<String> names) {
        return new FieldError("validation_invalid_file", "Invalid new files: [" + String.join(" ", names) + "].",
                Map.of("invalidFiles", List.copyOf(names)));
    }

    /** More files than the field allows. */
    public static FieldError tooManyFiles(long maxSelect) {
        return new FieldError("validation_too_many_files", "The maximum allowed files is " + maxSelect + ".",
                Map.of("maxSelect", maxSelect));
    }

    /** An uploaded file over the per-file size limit. */
    public static FieldError fileSizeLimit(String originalName, long maxSize) {
        String file = cut(originalName, 300);
        return new FieldError("validation_file_size_limit",
                "Failed to upload " + file + " - the maximum allowed file size is " + maxSize + " bytes.",
                Map.of("file", file, "maxSize", maxSize));
    }

    /** An uploaded file whose detected type isn't accepted. */
    public static FieldError mimeType(String name, List<String> accepted) {
        return FieldError.of("validation_invalid_mime_type",
                "\"" + name + "\" mime type must be one of: " + String.join(", ", accepted) + ".");
    }

    /** A value that must be unique already exists. */
    public static FieldError notUnique() {
        return FieldError.of("validation_not_unique", "Value must be unique.");
    }

    /** A value that must equal another (password confirmation) or stay unchanged. */
    public static FieldError valuesMismatch() {
        return FieldError.of("validation_values_mismatch", "Values don't match.");
    }

    /** A wrong or missing old password on a password change. */
    public static FieldError invalidOldPassword() {
        return FieldError.of("validation_invalid_old_password", "Missing or invalid old password.");
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** A number parameter as PocketBase's JSON prints it: integral values without a fraction. */
    private static Number numberParam(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d : (Number) d;
    }

    /** A UTC instant the way PocketBase renders one in a message ({@code 2024-01-02 03:04:05.5 +0000 UTC}). */
    private static String goTime(Instant t) {
        String base = GO_TIME.format(t);
        int nanos = t.getNano();
        String fraction = nanos == 0 ? "" : ("." + String.format("%09d", nanos)).replaceAll("0+$", "");
        return base + fraction + " +0000 UTC";
    }

    private static String cut(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }
}
