package dev.coffer.js;

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
        if (record.collection().field(field).isEmpty() && record.customData().containsKey(field)) {
            return Json.write(Json.MAPPER.valueToTree(record.customData().get(field)));
        }
        JsonNode all = RecordJson.write(record, SUPERUSER);
        return Json.write(all.has(field) ? all.get(field) : Json.MAPPER.nullNode());
    }

    @HostAccess.Export
    public void set(String field, String json) {
        JsAppHost.setValue(record, field, Json.parse(json));
    }

    /** The record as it was loaded or last saved (itself for a new one). */
    @HostAccess.Export
    public JsRecord original() {
        Record before = record.original();
        return new JsRecord(before == null ? record.copy() : before);
    }

    @HostAccess.Export
    public void hide(String namesJson) {
        record.hide(names(namesJson));
    }

    @HostAccess.Export
    public void unhide(String namesJson) {
        record.unhide(names(namesJson));
    }

    @HostAccess.Export
    public void withCustomData(boolean value) {
        record.setWithCustomData(value);
    }

    private static java.util.List<String> names(String json) {
        java.util.List<String> out = new java.util.ArrayList<>();
        Json.parse(json).forEach(n -> out.add(n.asString()));
        return out;
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
