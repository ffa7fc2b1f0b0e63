package dev.coffer.js;

import dev.coffer.apis.RequestEvent;
import dev.coffer.apis.event.RealtimeMessageEvent;
import dev.coffer.apis.event.RealtimeSubscribeRequestEvent;
import dev.coffer.apis.event.RecordAuthRequestEvent;
import dev.coffer.apis.event.RecordAuthWithOAuth2RequestEvent;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.event.MailerEvent;
import dev.coffer.core.event.MailerRecordEvent;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.record.Record;
import dev.coffer.tools.hook.Event;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Message;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.HostAccess;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The host side of a hook handler's {@code e} ({@code hooks-runtime.js} builds PocketBase's event object over it): the
 * request, when there is one, and the record being handled, when there is one. Values cross as JSON text.
 */
public final class JsEvent {

    private final Event event;
    private final RequestEvent request;
    private final Record record;
    private List<Record> records = List.of();
    private Collection collection;
    /** {@code e.message} as JSON: a mail's or a realtime message's, read and replaced through these. */
    private java.util.function.Supplier<String> messageGet;
    private java.util.function.Consumer<String> messageSet;
    private RealtimeSubscribeRequestEvent subscribe;
    private Throwable error;
    private RecordAuthRequestEvent authEvent;
    private String resultJson;
    private RecordAuthWithOAuth2RequestEvent oauth2;
    private ObjectNode extras;

    JsEvent(Event event, RequestEvent request, Record record) {
        this.event = event;
        this.request = request;
        this.record = record;
    }

    JsEvent records(List<Record> value) {
        this.records = value;
        return this;
    }

    JsEvent collection(Collection value) {
        this.collection = value;
        return this;
    }

    JsEvent mail(MailerEvent value) {
        return mail(value::message, value::setMessage);
    }

    JsEvent mail(MailerRecordEvent value) {
        return mail(value::message, value::setMessage).extra("meta", value.meta());
    }

    private JsEvent mail(java.util.function.Supplier<MailMessage> get, java.util.function.Consumer<MailMessage> set) {
        this.messageGet = () -> JsMail.toJson(get.get());
        this.messageSet = json -> set.accept(JsMail.fromJson(json));
        return this;
    }

    JsEvent realtime(RealtimeMessageEvent value) {
        this.messageGet = () -> {
            ObjectNode m = Json.object();
            m.put("name", value.message().name());
            m.put("data", value.message().data());
            return Json.write(m);
        };
        this.messageSet = json -> {
            JsonNode m = Json.parse(json);
            JsonNode data = m.path("data");
            value.setMessage(new Message(m.path("name").asString(""),
                    data.isString() ? data.asString() : Json.write(data)));
        };
        return extra("client", Map.of("id", value.clientId()));
    }

    JsEvent subscribe(RealtimeSubscribeRequestEvent value) {
        this.subscribe = value;
        return extra("client", Map.of("id", value.clientId()));
    }

    JsEvent error(Throwable value) {
        this.error = value;
        return this;
    }

    JsEvent result(long page, int perPage, long totalItems, long totalPages) {
        this.resultJson = "{\"page\":" + page + ",\"perPage\":" + perPage + ",\"totalItems\":" + totalItems
                + ",\"totalPages\":" + totalPages + "}";
        return this;
    }

    /** Adds a read-only property of the event as the script sees it ({@code e.servedName}, {@code e.settings}, …). */
    JsEvent extra(String name, Object value) {
        if (extras == null) {
            extras = Json.object();
        }
        extras.set(name, value instanceof JsonNode n ? n : Json.MAPPER.valueToTree(value));
        return this;
    }

    JsEvent oauth2(RecordAuthWithOAuth2RequestEvent value) {
        this.oauth2 = value;
        return this;
    }

    JsEvent authEvent(RecordAuthRequestEvent value) {
        this.authEvent = value;
        return this;
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
    public JsRecord record() {
        return JsRecord.of(record);
    }

    @HostAccess.Export
    public JsRecord auth() {
        return request == null ? null : JsRecord.of(request.auth());
    }

    @HostAccess.Export
    public int recordCount() {
        return records.size();
    }

    @HostAccess.Export
    public JsRecord recordAt(int index) {
        return JsRecord.of(records.get(index));
    }

    @HostAccess.Export
    public String collectionJson() {
        Collection c = collection != null ? collection : record != null ? record.collection() : null;
        return c == null ? null : Json.write(c.toJson());
    }

    @HostAccess.Export
    public void setHeader(String name, String value) {
        request().setHeader(name, value);
    }

    @HostAccess.Export
    public void addHeader(String name, String value) {
        request().addHeader(name, value);
    }

    @HostAccess.Export
    public String remoteIP() {
        return request().remoteIP();
    }

    @HostAccess.Export
    public String realIP() {
        return request().realIP();
    }

    @HostAccess.Export
    public String errorMessage() {
        return error == null ? null : String.valueOf(error.getMessage());
    }

    @HostAccess.Export
    public String token() {
        return authEvent == null ? null : authEvent.token();
    }

    @HostAccess.Export
    public void setToken(String value) {
        authEvent.setToken(value);
    }

    @HostAccess.Export
    public String authMethod() {
        return authEvent == null ? null : authEvent.authMethod();
    }

    @HostAccess.Export
    public String metaJson() {
        return authEvent == null ? null : Json.write(Json.MAPPER.valueToTree(authEvent.meta()));
    }

    @HostAccess.Export
    public void setMetaJson(String json) {
        if (authEvent != null) {
            authEvent.setMeta(Json.parse(json));
        }
    }

    /** The mail being sent (onMailerSend), as {@code {from: {address, name}, to: [{address}], subject, html, text}}. */
    @HostAccess.Export
    public String messageJson() {
        return messageGet == null ? null : messageGet.get();
    }

    @HostAccess.Export
    public void setMessageJson(String json) {
        if (messageSet != null) {
            messageSet.accept(json);
        }
    }

    /** The list request's paging ({@code e.result}: page, perPage, totalItems, totalPages), or null. */
    @HostAccess.Export
    public String resultJson() {
        return resultJson;
    }

    /** A value an earlier handler of the request stored ({@code e.get}), as JSON. */
    @HostAccess.Export
    public String getValue(String key) {
        Object v = request == null ? null : request.get(key);
        return v == null ? null : v.toString();
    }

    @HostAccess.Export
    public void setValue(String key, String json) {
        request().set(key, json);
    }

    /** The OAuth2 sign-in's provider ({@code e.providerName}), or null. */
    @HostAccess.Export
    public String providerName() {
        return oauth2 == null ? null : oauth2.providerName();
    }

    @HostAccess.Export
    public boolean isNewRecord() {
        return oauth2 != null && oauth2.isNewRecord();
    }

    /** The provider's user ({@code e.oauth2User}: id, name, username, email, avatarURL, tokens, rawUser), or null. */
    @HostAccess.Export
    public String oauth2UserJson() {
        if (oauth2 == null) {
            return null;
        }
        ObjectNode user = oauth2.oauth2User().toMeta(oauth2.isNewRecord());
        user.remove("isNew");
        user.remove("avatarUrl");
        return Json.write(user);
    }

    @HostAccess.Export
    public String createDataJson() {
        return oauth2 == null ? null : Json.write(oauth2.createData());
    }

    @HostAccess.Export
    public void setCreateDataJson(String json) {
        if (oauth2 == null) {
            return;
        }
        ObjectNode data = oauth2.createData();
        data.removeAll();
        if (Json.parse(json) instanceof ObjectNode o) {
            data.setAll(o);
        }
    }

    /** The event's read-only properties made by {@link #extra}, as a JSON object, or null. */
    @HostAccess.Export
    public String extrasJson() {
        return extras == null ? null : Json.write(extras);
    }

    /** A realtime subscription request's subscriptions ({@code e.subscriptions}), or null. */
    @HostAccess.Export
    public String subscriptionsJson() {
        return subscribe == null ? null : Json.write(Json.MAPPER.valueToTree(subscribe.subscriptions()));
    }

    @HostAccess.Export
    public void setSubscriptionsJson(String json) {
        if (subscribe != null) {
            subscribe.subscriptions().clear();
            Json.parse(json).forEach(n -> subscribe.subscriptions().add(n.asString("")));
        }
    }
}
