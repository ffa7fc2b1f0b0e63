package dev.coffer.js;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordJson;
import dev.coffer.tools.hook.Event;
import dev.coffer.tools.json.Json;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The host side of a hook handler's {@code e} ({@code hooks-runtime.js} builds PocketBase's event object over it): the
 * request, when there is one, and the record being handled, when there is one. Values cross as JSON text.
 */
public final class JsEvent {

    private static final RecordJson.Visibility SUPERUSER = new RecordJson.Visibility(true, true);

    private final Event event;
    private final RequestEvent request;
    private final Record record;

    JsEvent(Event event, RequestEvent request, Record record) {
        this.event = event;
        this.request = request;
        this.record = record;
    }

    /** What {@link #next} threw, so the host rethrows it as it was (an API error keeps its status). */
    static final class NextFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NextFailure(Exception cause) {
            super(cause);
        }
    }

    @HostAccess.Export
    public void next() {
        try {
            event.next();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new NextFailure(e);
        }
    }

    private RequestEvent request() {
        if (request == null) {
            throw new IllegalStateException("this event has no request");
        }
        return request;
    }

    @HostAccess.Export
    public void json(int status, String json) {
        request().json(status, Json.parse(json));
    }

    @HostAccess.Export
    public void string(int status, String text) {
        request().text(status, text);
    }

    @HostAccess.Export
    public void html(int status, String text) {
        request().stream(status, "text/html; charset=utf-8",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @HostAccess.Export
    public void noContent(int status) {
        request().noContent(status);
    }

    @HostAccess.Export
    public void redirect(int status, String url) {
        request().redirect(status, url);
    }

    @HostAccess.Export
    public String requestInfo() {
        RequestInfo info = request().requestInfo();
        ObjectNode out = Json.object();
        out.set("query", Json.MAPPER.valueToTree(info.query()));
        out.set("headers", Json.MAPPER.valueToTree(info.headers()));
        out.set("body", Json.MAPPER.valueToTree(info.body()));
        out.put("method", info.method());
        out.put("context", info.context());
        return Json.write(out);
    }

    @HostAccess.Export
    public String authJson() {
        Record auth = request == null ? null : request.auth();
        return auth == null ? null : Json.write(RecordJson.write(auth, SUPERUSER));
    }

    @HostAccess.Export
    public boolean isSuperuser() {
        return request != null && request.isSuperuser();
    }

    @HostAccess.Export
    public String pathValue(String name) {
        String v = request().pathParam(name);
        return v == null ? "" : v;
    }

    @HostAccess.Export
    public String header(String name) {
        String v = request().header(name);
        return v == null ? "" : v;
    }

    @HostAccess.Export
    public String method() {
        return request().method();
    }

    @HostAccess.Export
    public String path() {
        return request().path();
    }

    @HostAccess.Export
    public String queryJson() {
        Map<String, String> q = new LinkedHashMap<>(request().requestInfo().query());
        return Json.write(Json.MAPPER.valueToTree(q));
    }

    @HostAccess.Export
    public boolean hasRecord() {
        return record != null;
    }

    @HostAccess.Export
    public String recordGet(String field) {
        if (field.equals("id")) {
            return Json.write(Json.MAPPER.valueToTree(record.id()));
        }
        JsonNode all = RecordJson.write(record, SUPERUSER);
        return Json.write(all.has(field) ? all.get(field) : Json.MAPPER.nullNode());
    }

    @HostAccess.Export
    public void recordSet(String field, String json) {
        record.set(field, JsAppHost.javaValue(Json.parse(json)));
    }

    @HostAccess.Export
    public String recordJson() {
        return Json.write(RecordJson.write(record, SUPERUSER));
    }

    @HostAccess.Export
    public String recordCollection() {
        return Json.write(record.collection().toJson());
    }
}
