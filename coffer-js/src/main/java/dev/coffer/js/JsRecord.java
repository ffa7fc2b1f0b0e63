package dev.coffer.js;

import dev.coffer.core.auth.Superusers;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordJson;
import dev.coffer.tools.json.Json;
import org.graalvm.polyglot.HostAccess;
import tools.jackson.databind.JsonNode;

/**
 * A record the app holds (the one a hook handles, a listed one, the request's auth record) as a script sees it:
 * reads and writes go to the record itself, values crossing as JSON text ({@code hooks-runtime.js} wraps it in
 * PocketBase's record methods).
 */
public final class JsRecord {

    private static final RecordJson.Visibility SUPERUSER = new RecordJson.Visibility(true, true);

    private final Record record;

    JsRecord(Record record) {
        this.record = record;
    }

    static JsRecord of(Record record) {
        return record == null ? null : new JsRecord(record);
    }

    Record record() {
        return record;
    }

    @HostAccess.Export
    public String id() {
        return record.id();
    }

    @HostAccess.Export
    public String get(String field) {
        if (field.equals("id")) {
            return Json.write(Json.MAPPER.valueToTree(record.id()));
        }
        JsonNode all = RecordJson.write(record, SUPERUSER);
        return Json.write(all.has(field) ? all.get(field) : Json.MAPPER.nullNode());
    }

    @HostAccess.Export
    public void set(String field, String json) {
        if (field.equals("password") && record.collection().isAuth()) {
            JsonNode v = Json.parse(json);
            if (v.isString() && !v.asString().isEmpty()) {
                Superusers.setPassword(record, v.asString());
            }
            return;
        }
        record.set(field, JsAppHost.javaValue(Json.parse(json)));
    }

    @HostAccess.Export
    public String json() {
        return Json.write(RecordJson.write(record, SUPERUSER));
    }

    @HostAccess.Export
    public String collectionJson() {
        return Json.write(record.collection().toJson());
    }

    @HostAccess.Export
    public boolean isSuperuser() {
        return record.isSuperuser();
    }

    @HostAccess.Export
    public boolean isNew() {
        return !record.persisted();
    }
}
