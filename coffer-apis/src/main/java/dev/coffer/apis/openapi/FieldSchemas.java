package dev.coffer.apis.openapi;

import static dev.coffer.apis.openapi.Schemas.array;
import static dev.coffer.apis.openapi.Schemas.type;

import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldAutodate;
import dev.coffer.core.field.FieldBool;
import dev.coffer.core.field.FieldDate;
import dev.coffer.core.field.FieldEditor;
import dev.coffer.core.field.FieldEmail;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.field.FieldGeoPoint;
import dev.coffer.core.field.FieldJson;
import dev.coffer.core.field.FieldMultiValue;
import dev.coffer.core.field.FieldNumber;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.field.FieldSelect;
import dev.coffer.core.field.FieldText;
import dev.coffer.core.field.FieldUrl;
import dev.coffer.tools.json.Json;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON Schema of one field's value: as a response carries it, as a JSON request body sends it, and as a
 * multipart form sends it (files as binary parts). Each field kind maps to its wire type: text-like kinds and
 * dates to strings (dates as {@code 2006-01-02 15:04:05.000Z}), numbers, booleans, selects to an enum of their
 * values, relations to record ids, files to file names, JSON to any value, geo points to {@code {lon, lat}};
 * multi-value fields to arrays.
 */
final class FieldSchemas {

    private FieldSchemas() {}

    /** The value as responses carry it (autodate read-only). */
    static ObjectNode response(Field f) {
        ObjectNode s = value(f, false);
        if (f instanceof FieldAutodate) {
            s.put("readOnly", true);
        }
        return described(s, f);
    }

    /** The value as a request sends it: in JSON, or in a multipart form (files as binary parts). */
    static ObjectNode request(Field f, boolean multipart) {
        ObjectNode s;
        if (multipart && f instanceof FieldFile file) {
            ObjectNode part = type("string").put("format", "binary");
            s = file.isMultiple() ? array(part) : part;
            s.put("description", "Files to upload (a part per file); +" + f.name() + " / " + f.name()
                    + "+ add, " + f.name() + "- removes by name.");
            return s;
        }
        s = value(f, true);
        if (f instanceof FieldPassword) {
            s.put("writeOnly", true);
        }
        return described(s, f);
    }

    private static ObjectNode value(Field f, boolean request) {
        if (f instanceof FieldMultiValue m && m.isMultiple()) {
            ObjectNode a = array(single(f, request));
            if (m.maxSelect() > 1 && !(f instanceof FieldRelation)) {
                a.put("maxItems", m.maxSelect());
            }
            return a;
        }
        return single(f, request);
    }

    private static ObjectNode single(Field f, boolean request) {
        return switch (f) {
            case FieldNumber n -> number(n, request);
            case FieldBool b -> type("boolean");
            case FieldJson j -> Json.object().put("description", "Any JSON value (null when unset).");
            case FieldGeoPoint g -> geoPoint();
            case FieldSelect s -> select(s);
            case FieldRelation r -> type("string").put("description", "The id of a record of collection "
                    + r.collectionId() + ".");
            case FieldFile file -> type("string").put("description", "A file name (download it from "
                    + "/api/files/{collection}/{recordId}/{filename}).");
            case FieldDate d -> dateTime();
            case FieldAutodate d -> dateTime();
            case FieldEmail e -> request ? type("string").put("format", "email") : type("string");
            case FieldUrl u -> request ? type("string").put("format", "uri") : type("string");
            case FieldEditor e -> type("string").put("contentMediaType", "text/html");
            case FieldText t -> text(t, request);
            case FieldPassword p -> password(p);
            default -> type("string");
        };
    }

    private static ObjectNode number(FieldNumber n, boolean request) {
        ObjectNode s = type(n.onlyInt() ? "integer" : "number");
        if (request) {
            if (n.min() != null) {
                s.put("minimum", n.min());
            }
            if (n.max() != null) {
                s.put("maximum", n.max());
            }
        }
        return s;
    }

    private static ObjectNode text(FieldText t, boolean request) {
        ObjectNode s = type("string");
        if (request && t.max() > 0) {
            s.put("maxLength", t.max());
        }
        return s;
    }

    private static ObjectNode password(FieldPassword p) {
        ObjectNode s = type("string");
        if (p.min() > 0) {
            s.put("minLength", p.min());
        }
        s.put("maxLength", p.effectiveMax());
        return s;
    }

    private static ObjectNode select(FieldSelect s) {
        ObjectNode out = type("string");
        if (!s.values().isEmpty()) {
            ArrayNode values = out.putArray("enum");
            s.values().forEach(values::add);
            if (!s.isMultiple() && !s.required()) {
                values.add(""); // an unset single select reads and writes as ""
            }
        }
        return out;
    }

    private static ObjectNode geoPoint() {
        ObjectNode s = Schemas.object("lon", type("number").put("minimum", -180).put("maximum", 180),
                "lat", type("number").put("minimum", -90).put("maximum", 90));
        s.put("description", "Longitude and latitude in degrees.");
        return s;
    }

    private static ObjectNode dateTime() {
        ObjectNode s = type("string").put("description", "A UTC datetime, 2006-01-02 15:04:05.000Z; \"\" when unset.");
        s.putArray("examples").add("2024-05-01 09:08:07.123Z");
        return s;
    }

    private static ObjectNode described(ObjectNode s, Field f) {
        if (!f.help().isBlank()) {
            s.put("description", s.has("description") ? f.help() + " " + s.get("description").asString() : f.help());
        }
        return s;
    }
}
