package dev.coffer.apis.openapi;

import static dev.coffer.apis.openapi.Schemas.array;
import static dev.coffer.apis.openapi.Schemas.ref;
import static dev.coffer.apis.openapi.Schemas.string;

import dev.coffer.apis.openapi.Operation.Access;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldAutodate;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.field.FieldText;
import dev.coffer.core.typegen.TypeNames;
import dev.coffer.tools.json.Json;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A collection's record endpoints and schemas: list and view for every collection, create, update and delete
 * for base and auth collections; {@code <Name>Record} (the response), {@code <Name>Create} and
 * {@code <Name>Update} (the JSON bodies; {@code …Form} twins as multipart with file parts) and
 * {@code <Name>List}. A null API rule makes the operation superusers-only.
 */
final class RecordPaths {

    private final List<Collection> collections;
    private final TypeNames names;
    private final ObjectNode paths;
    private final ObjectNode schemas;

    RecordPaths(List<Collection> collections, TypeNames names, ObjectNode paths, ObjectNode schemas) {
        this.collections = collections;
        this.names = names;
        this.paths = paths;
        this.schemas = schemas;
    }

    /** Adds the paths and schemas of one collection. */
    void add(Collection c) {
        String n = names.of(c);
        schemas.set(n + "Record", record(c));
        schemas.set(n + "List", Components.listOf(n + "Record"));
        String base = "/api/collections/" + c.name() + "/records";
        ObjectNode list = paths.putObject(base);
        ObjectNode one = paths.putObject(base + "/{id}");
        list.set("get", Operation.of("List " + c.name() + " records").tag(c.name()).id("list" + n + "Records")
                .description("A page of records the list rule lets through (rows failing it are left out).")
                .access(access(c.rules().list()))
                .sharedParam("page").sharedParam("perPage").sharedParam("sort").sharedParam("filter")
                .sharedParam("expand").sharedParam("fields").sharedParam("skipTotal")
                .ok(200, "A page of records.", ref(n + "List")).errors(400, 403).json());
        one.set("get", Operation.of("View a " + c.name() + " record").tag(c.name()).id("view" + n + "Record")
                .access(access(c.rules().view())).pathParam("id", "The record id.")
                .sharedParam("expand").sharedParam("fields")
                .ok(200, "The record.", ref(n + "Record")).errors(403, 404).json());
        if (c.isView()) {
            return;
        }
        boolean files = c.fields().stream().anyMatch(f -> f instanceof FieldFile);
        schemas.set(n + "Create", body(c, true, false));
        schemas.set(n + "Update", body(c, false, false));
        if (files) {
            schemas.set(n + "CreateForm", body(c, true, true));
            schemas.set(n + "UpdateForm", body(c, false, true));
        }
        list.set("post", Operation.of("Create a " + c.name() + " record").tag(c.name()).id("create" + n + "Record")
                .description(modifiers()).access(access(c.rules().create()))
                .sharedParam("expand").sharedParam("fields")
                .body(content(n + "Create", files ? n + "CreateForm" : null), true)
                .ok(200, "The created record.", ref(n + "Record")).errors(400, 403, 413).json());
        one.set("patch", Operation.of("Update a " + c.name() + " record").tag(c.name()).id("update" + n + "Record")
                .description(modifiers()).access(access(c.rules().update())).pathParam("id", "The record id.")
                .sharedParam("expand").sharedParam("fields")
                .body(content(n + "Update", files ? n + "UpdateForm" : null), false)
                .ok(200, "The updated record.", ref(n + "Record")).errors(400, 403, 404, 413).json());
        one.set("delete", Operation.of("Delete a " + c.name() + " record").tag(c.name()).id("delete" + n + "Record")
                .access(access(c.rules().delete())).pathParam("id", "The record id.")
                .empty(204, "Deleted.").errors(400, 403, 404).json());
    }

    /** A null rule: superusers only; else anyone, the rule deciding per record. */
    static Access access(String rule) {
        return rule == null ? Access.SUPERUSER : Access.OPTIONAL;
    }

    private static String modifiers() {
        return "Accepts JSON or multipart/form-data (with @jsonPayload for JSON values). Key modifiers: number+ / "
                + "number- add and subtract; +field / field+ prepend and append to select, relation and file fields, "
                + "field- removes values; text:autogenerate appends a generated value.";
    }

    private static ObjectNode content(String json, String form) {
        ObjectNode content = Json.object();
        content.putObject("application/json").set("schema", ref(json));
        if (form != null) {
            content.putObject("multipart/form-data").set("schema", ref(form));
        }
        return content;
    }

    /** The record as responses carry it: system keys, readable fields, expand. */
    private ObjectNode record(Collection c) {
        ObjectNode s = Schemas.object("id", string("The record id."), "collectionId", string(),
                "collectionName", string().put("const", c.name()));
        ObjectNode props = (ObjectNode) s.get("properties");
        ArrayNode required = (ArrayNode) s.get("required");
        ObjectNode expand = Json.object();
        for (Field f : c.fields()) {
            if (f.hidden() || f instanceof FieldPassword || f.name().equals("id")) {
                continue;
            }
            props.set(f.name(), FieldSchemas.response(f));
            boolean hiddenEmail = c.isAuth() && f.name().equals("email"); // shown per emailVisibility
            if (f.required() && !hiddenEmail) {
                required.add(f.name());
            }
            if (f instanceof FieldRelation r) {
                collections.stream().filter(t -> t.id().equals(r.collectionId())).findFirst().ifPresent(t ->
                        expand.set(f.name(), r.isMultiple() ? array(ref(names.of(t) + "Record"))
                                : ref(names.of(t) + "Record")));
            }
        }
        ObjectNode ex = Schemas.type("object").put("description",
                "The related records asked for with ?expand= (back-relations as <collection>_via_<field>).");
        if (!expand.isEmpty()) {
            ex.set("properties", expand);
        }
        ex.put("additionalProperties", true);
        props.set("expand", ex);
        return s;
    }

    /** A create or update body, as JSON or as a multipart form. */
    private static ObjectNode body(Collection c, boolean create, boolean multipart) {
        ObjectNode s = Schemas.type("object");
        ObjectNode props = s.putObject("properties");
        ArrayNode required = Json.array();
        for (Field f : c.fields()) {
            if (f instanceof FieldAutodate || (c.isAuth() && f.name().equals("tokenKey"))) {
                continue;
            }
            if (f.name().equals("id")) {
                if (create) {
                    props.set("id", string("An id of your own (15 characters [a-z0-9] by default); generated when "
                            + "left out."));
                }
                continue;
            }
            props.set(f.name(), FieldSchemas.request(f, multipart));
            if (f instanceof FieldPassword) {
                props.set(f.name() + "Confirm", FieldSchemas.request(f, multipart));
                if (!create && c.isAuth()) {
                    props.set("oldPassword", string("The current password (required to change it, but for "
                            + "superusers and managers).").put("writeOnly", true));
                }
            }
            if (create && f.required() && !(f instanceof FieldText t && !t.autogeneratePattern().isEmpty())) {
                required.add(f.name());
                if (f instanceof FieldPassword) {
                    required.add(f.name() + "Confirm");
                }
            }
        }
        if (multipart) {
            props.set("@jsonPayload", string("A JSON object merged into the fields (for JSON, array and geo point "
                    + "values)."));
        }
        if (!required.isEmpty()) {
            s.set("required", required);
        }
        return s;
    }
}
