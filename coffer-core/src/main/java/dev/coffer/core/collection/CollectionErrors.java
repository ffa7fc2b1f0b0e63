package dev.coffer.core.collection;

import dev.coffer.core.validation.FieldError;
import dev.coffer.tools.json.Json;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The validation failures of collection definitions, with PocketBase's codes and sentences. */
final class CollectionErrors {

    private CollectionErrors() {}

    static FieldError required() {
        return FieldError.of("validation_required", "Cannot be blank.");
    }

    static FieldError length(int min, int max) {
        return new FieldError("validation_length_out_of_range", "The length must be between " + min + " and " + max
                + ".", Map.of("min", min, "max", max));
    }

    static FieldError format() {
        return FieldError.of("validation_match_invalid", "Must be in a valid format.");
    }

    static FieldError notIn() {
        return FieldError.of("validation_in_invalid", "Must be a valid value.");
    }

    static FieldError excluded() {
        return FieldError.of("validation_not_in_invalid", "Must not be in list.");
    }

    static FieldError mustBeBlank() {
        return FieldError.of("validation_nil", "Must be blank.");
    }

    static FieldError empty() {
        return FieldError.of("validation_empty", "Must be blank.");
    }

    static FieldError min(Object threshold) {
        return new FieldError("validation_min_greater_equal_than_required", "Must be no less than " + threshold + ".",
                Map.of("threshold", threshold));
    }

    static FieldError max(Object threshold) {
        return new FieldError("validation_max_less_equal_than_required", "Must be no greater than " + threshold + ".",
                Map.of("threshold", threshold));
    }

    static FieldError via() {
        return FieldError.of("validation_found_via", "The value cannot contain \"_via_\".");
    }

    static FieldError idTaken() {
        return FieldError.of("validation_invalid_or_existing_id", "The model id is invalid or already exists.");
    }

    static FieldError idChange() {
        return FieldError.of("validation_values_mismatch", "Values don't match.");
    }

    static FieldError nameExists() {
        return FieldError.of("validation_collection_name_exists", "Collection name must be unique (case insensitive).");
    }

    static FieldError nameIsId() {
        return FieldError.of("validation_collection_name_id_duplicate", "The name must not match an existing collection id.");
    }

    static FieldError nameIsTable() {
        return FieldError.of("validation_collection_name_invalid", "The name shouldn't match with an existing internal table.");
    }

    static FieldError systemNameChange() {
        return FieldError.of("validation_collection_system_name_change", "System collection name cannot be changed.");
    }

    static FieldError systemFlagChange() {
        return FieldError.of("validation_collection_system_flag_change", "System collection state cannot be changed.");
    }

    static FieldError typeChange() {
        return FieldError.of("validation_collection_type_change", "Collection type cannot be changed.");
    }

    static FieldError systemRuleChange() {
        return FieldError.of("validation_collection_system_rule_change", "System collection API rule cannot be changed.");
    }

    static FieldError invalidRule(String raw) {
        return FieldError.of("validation_invalid_rule", "Invalid rule. Raw error: " + raw);
    }

    static FieldError fieldTypeChange() {
        return FieldError.of("validation_field_type_change", "Field type cannot be changed.");
    }

    static FieldError duplicatedFieldId(String id) {
        return FieldError.of("validation_duplicated_field_id", "Duplicated or invalid field id \"" + id + "\"");
    }

    static FieldError duplicatedFieldName(String name) {
        return new FieldError("validation_duplicated_field_name", "Duplicated or invalid field name " + name,
                Map.of("fieldName", name));
    }

    static FieldError reservedFieldName() {
        return FieldError.of("validation_reserved_field_name", "The field name is reserved and cannot be used.");
    }

    static FieldError missingPrimaryKey() {
        return FieldError.of("validation_missing_primary_key", "Missing or invalid \"id\" PK field.");
    }

    static FieldError systemFieldChange() {
        return FieldError.of("validation_system_field_change", "System fields cannot be deleted or renamed.");
    }

    static FieldError invalidViewQuery(String raw) {
        String text = "Invalid query - " + raw;
        boolean ended = text.endsWith(".") || text.endsWith("?") || text.endsWith("!");
        return FieldError.of("validation_invalid_view_query", ended ? text : text + "."); // PocketBase sentenizes it
    }

    static FieldError indexesNotSupported() {
        return FieldError.of("validation_indexes_not_supported", "View collections don't support indexes.");
    }

    static FieldError invalidIndex() {
        return FieldError.of("validation_invalid_index_expression", "Invalid CREATE INDEX expression.");
    }

    static FieldError duplicatedIndexName() {
        return FieldError.of("validation_duplicated_index_name", "The index name already exists.");
    }

    static FieldError existingIndexName(String table) {
        return new FieldError("validation_existing_index_name", "The index name is already used in " + table
                + " collection.", Map.of("usedTableName", table));
    }

    static FieldError duplicatedIndexDefinition() {
        return FieldError.of("validation_duplicated_index_definition", "The index definition already exists.");
    }

    static FieldError systemFieldIndex(String field) {
        return new FieldError("validation_invalid_unique_system_field_index", "Unique index definition on system fields ("
                + field + ") is invalid or missing.", Map.of("fieldName", field));
    }

    static FieldError missingRequiredIndex(String field) {
        return new FieldError("validation_missing_required_unique_index", "Missing required unique index for field \""
                + field + "\".", Map.of("fieldName", field));
    }

    static FieldError missingField(String field) {
        return new FieldError("validation_missing_field", "Invalid or missing field " + field, Map.of("fieldName", field));
    }

    static FieldError missingUniqueConstraint(String field) {
        return new FieldError("validation_missing_unique_constraint", "The field " + field
                + " doesn't have a UNIQUE constraint.", Map.of("fieldName", field));
    }

    static FieldError mfaNotEnoughAuths() {
        return FieldError.of("validation_mfa_not_enough_auths", "MFA requires at least 2 auth methods to be enabled.");
    }

    static FieldError relationChange() {
        return FieldError.of("validation_field_relation_change", "The relation collection cannot be changed.");
    }

    static FieldError relationMissingCollection() {
        return FieldError.of("validation_field_relation_missing_collection", "The relation collection doesn't exist.");
    }

    static FieldError relationToView() {
        return FieldError.of("validation_relation_field_non_view_base_collection",
                "Only view collections are allowed to have relations to other views.");
    }

    static FieldError primaryKeyName() {
        return FieldError.of("validation_in_invalid", "The primary key must be named \"id\".");
    }

    static FieldError invalidRegex() {
        return FieldError.of("validation_invalid_regex", "Invalid regular expression.");
    }

    static FieldError autodateFlags() {
        return FieldError.of("validation_required", "either onCreate or onUpdate must be enabled");
    }

    /**
     * An imported collection's validation errors in one message, as PocketBase words it: the errors as indented
     * JSON, keys sorted, each error as its plain text (PocketBase's {@code error.Error()}).
     */
    static FieldError importFailure(String name, String id, Map<String, ?> errors) {
        StringBuilder details = new StringBuilder();
        writePlain(details, errors, "");
        return FieldError.of("validation_collections_import_failure", "Data validations failed for collection \""
                + name + "\" (" + id + "):\n" + details + "."); // sentenised, as every error message
    }

    /**
     * The codes of the generic validation rules whose plain text is their message uncapitalised and without the
     * final period ({@code must be in a valid format}); PocketBase's own errors keep their wording.
     */
    private static final Set<String> GENERIC_RULES = Set.of("validation_required",
            "validation_nil_or_not_empty_required", "validation_match_invalid", "validation_length_out_of_range",
            "validation_length_too_long", "validation_length_too_short", "validation_length_invalid",
            "validation_length_empty_required", "validation_in_invalid", "validation_not_in_invalid",
            "validation_min_greater_equal_than_required", "validation_max_less_equal_than_required",
            "validation_min_greater_than_required", "validation_max_less_than_required", "validation_empty",
            "validation_nil", "validation_date_invalid", "validation_is_email", "validation_is_url",
            "validation_is_email_format");

    private static void writePlain(StringBuilder out, Map<String, ?> errors, String indent) {
        if (errors.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        String inner = indent + "  ";
        Iterator<? extends Map.Entry<String, ?>> it = new TreeMap<String, Object>(errors).entrySet()
                .iterator();
        while (it.hasNext()) {
            Map.Entry<String, ?> e = it.next();
            out.append(inner).append(Json.write(e.getKey())).append(": ");
            if (e.getValue() instanceof FieldError fe) {
                out.append(Json.write(plainText(fe)));
            } else if (e.getValue() instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) nested;
                writePlain(out, typed, inner);
            } else {
                out.append(Json.write(String.valueOf(e.getValue())));
            }
            out.append(it.hasNext() ? ",\n" : "\n");
        }
        out.append(indent).append('}');
    }

    /** PocketBase's errors whose own text has no final period (the shown message gains one). */
    private static final Set<String> WITHOUT_PERIOD = Set.of("validation_email_domain_not_allowed",
            "validation_invalid_format", "validation_invalid_json", "validation_invalid_rule", "validation_invalid_url",
            "validation_invalid_value", "validation_invalid_view_query", "validation_max_number_constraint",
            "validation_min_number_constraint", "validation_missing_field", "validation_missing_rel_collection",
            "validation_missing_rel_records", "validation_not_a_number", "validation_not_enough_values",
            "validation_not_unique", "validation_only_int_constraint", "validation_too_many_files",
            "validation_too_many_values", "validation_url_domain_not_allowed", "validation_min_text_constraint",
            "validation_max_text_constraint", "validation_invalid_autogenerate_pattern", "validation_invalid_cron",
            "validation_invalid_regex");

    private static String plainText(FieldError fe) {
        String m = fe.message();
        boolean generic = GENERIC_RULES.contains(fe.code());
        if (m.isEmpty() || !(generic || WITHOUT_PERIOD.contains(fe.code()))) {
            return m;
        }
        if (m.endsWith(".")) {
            m = m.substring(0, m.length() - 1);
        }
        return generic ? Character.toLowerCase(m.charAt(0)) + m.substring(1) : m;
    }

    static FieldError duplicatedProvider(String name) {
        return new FieldError("validation_duplicated_provider", "The provider " + name + " is already registered.",
                Map.of("name", name));
    }

    static FieldError missingProvider(String name) {
        return new FieldError("validation_missing_provider", "Invalid or missing provider with name " + name + ".",
                Map.of("name", name));
    }

    static FieldError url() {
        return FieldError.of("validation_is_url", "Must be a valid URL.");
    }
}
