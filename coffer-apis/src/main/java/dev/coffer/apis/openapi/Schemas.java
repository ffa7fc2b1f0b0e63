package dev.coffer.apis.openapi;

import dev.coffer.tools.json.Json;
import tools.jackson.databind.node.ObjectNode;

/** Constructors of the JSON Schema objects the document is made of (OpenAPI 3.1 uses JSON Schema 2020-12). */
final class Schemas {

    private Schemas() {}

    /** A schema of one JSON type ({@code string}, {@code number}, {@code boolean}, …). */
    static ObjectNode type(String type) {
        return Json.object().put("type", type);
    }

    /** A string. */
    static ObjectNode string() {
        return type("string");
    }

    /** A string with a description. */
    static ObjectNode string(String description) {
        return string().put("description", description);
    }

    /** A string of one of these values. */
    static ObjectNode enumOf(String... values) {
        ObjectNode s = string();
        var list = s.putArray("enum");
        for (String v : values) {
            list.add(v);
        }
        return s;
    }

    /** An integer. */
    static ObjectNode integer() {
        return type("integer");
    }

    /** A boolean. */
    static ObjectNode bool() {
        return type("boolean");
    }

    /** An array of items of this schema. */
    static ObjectNode array(ObjectNode items) {
        ObjectNode a = type("array");
        a.set("items", items);
        return a;
    }

    /** A reference to a schema of the components. */
    static ObjectNode ref(String schemaName) {
        return Json.object().put("$ref", "#/components/schemas/" + schemaName);
    }

    /** An object of these properties (name, schema, name, schema, …), all of them required. */
    static ObjectNode object(Object... namesAndSchemas) {
        ObjectNode o = type("object");
        ObjectNode props = o.putObject("properties");
        var required = o.putArray("required");
        for (int i = 0; i < namesAndSchemas.length; i += 2) {
            String name = (String) namesAndSchemas[i];
            props.set(name, (ObjectNode) namesAndSchemas[i + 1]);
            required.add(name);
        }
        if (required.isEmpty()) {
            o.remove("required");
        }
        return o;
    }

    /** The same object schema with only these of its properties required. */
    static ObjectNode requiring(ObjectNode object, String... required) {
        var list = object.putArray("required");
        for (String r : required) {
            list.add(r);
        }
        if (list.isEmpty()) {
            object.remove("required");
        }
        return object;
    }

    /** Any JSON object. */
    static ObjectNode anyObject() {
        return type("object").put("additionalProperties", true);
    }
}
