package dev.coffer.core.migrations;

import dev.coffer.core.migrations.FieldDefinition.TextOptions;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the system fields PocketBase adds to new collections: the {@code id} primary key of every base
 * and auth collection and the auth fields. Each call returns a fresh copy.
 */
public final class DefaultFields {

    private DefaultFields() {}

    /** The primary key {@code id} text field. */
    public static ObjectNode id() {
        return FieldDefinition.id().json().deepCopy();
    }

    /** The hidden {@code password} field (minimum 8 characters). */
    public static ObjectNode password() {
        return FieldDefinition.password("password", 8, 0).json().deepCopy();
    }

    /** The hidden {@code tokenKey} text field. */
    public static ObjectNode tokenKey() {
        return FieldDefinition.text(new TextOptions("tokenKey").autogenerate("[a-zA-Z0-9]{50}").length(30, 60)
                .required().system().hidden()).json().deepCopy();
    }

    /** The required {@code email} field. */
    public static ObjectNode email() {
        return FieldDefinition.email("email", true, true).json().deepCopy();
    }

    /** A system boolean field ({@code emailVisibility} or {@code verified}). */
    public static ObjectNode systemBool(String name) {
        return FieldDefinition.bool(name, true).json().deepCopy();
    }

    /** PocketBase's default field id: the type followed by the CRC-32 of the name. */
    public static String fieldId(String type, String name) {
        return FieldDefinition.fieldId(type, name);
    }

    /** PocketBase's default collection id: {@code pbc_} followed by the CRC-32 of type and name. */
    public static String collectionId(String type, String name) {
        return FieldDefinition.collectionId(type, name);
    }

    /** The name PocketBase gives a collection's default unique index on a field. */
    public static String indexName(String field, String collectionIdOrName) {
        return SystemCollections.fieldIndexName(field, collectionIdOrName);
    }
}
