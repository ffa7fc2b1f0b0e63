package dev.coffer.js;

import dev.coffer.core.App;
import dev.coffer.core.auth.AuthMails;
import dev.coffer.core.auth.Superusers;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldFile;
import dev.coffer.core.field.FieldSetter;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordJson;
import dev.coffer.core.record.RecordStore;
import dev.coffer.core.rules.RecordSearch;
import dev.coffer.core.settings.SettingsStore;
import dev.coffer.tools.filesystem.UploadedFile;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the JavaScript side ({@code prelude.js}, the hooks' scripts) may call on the app, its methods taking and giving
 * JSON text (collections and records in the shape the HTTP API uses, records as a superuser sees them) or the host
 * objects of records the app holds ({@link JsRecord}). Work joins the caller's transaction (a migration's, a hook's).
 */
public final class JsAppHost {

    private static final Logger LOG = LoggerFactory.getLogger("coffer.js");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{:([A-Za-z0-9_]+)\\}");
    private static final RecordJson.Visibility SUPERUSER = new RecordJson.Visibility(true, true);

    private final App app;

    public JsAppHost(App app) {
        this.app = app;
    }

    @HostAccess.Export
    public String findCollection(String idOrName) {
        return app.collections().find(idOrName).map(c -> Json.write(c.toJson())).orElse(null);
    }

    @HostAccess.Export
    public String allCollections() {
        ArrayNode out = Json.array();
        app.collections().all().forEach(c -> out.add(c.toJson()));
        return Json.write(out);
    }

    /** Creates the collection, or updates the one with its id (or else its name) to it. */
    @HostAccess.Export
    public String saveCollection(String json) {
        ObjectNode in = object(json);
        CollectionService service = new CollectionService(app);
        Optional<Collection> existing = Optional.empty();
        String id = in.path("id").asString("");
        if (!id.isEmpty()) {
            existing = app.collections().find(id);
        }
        Collection saved = existing.isPresent() ? service.update(existing.get(), in) : service.create(in);
        return Json.write(saved.toJson());
    }

    /** Imports collections as {@code PUT /api/collections/import} does (extends, or replaces with deleteMissing). */
    @HostAccess.Export
    public void importCollections(String json, boolean deleteMissing) {
        new CollectionService(app).importCollections(Json.parse(json), deleteMissing);
    }

    @HostAccess.Export
    public void deleteCollection(String idOrName) {
        new CollectionService(app).delete(collection(idOrName));
    }

    @HostAccess.Export
    public String findRecord(String collection, String id) {
        return app.records().findById(collection(collection), id).map(JsAppHost::json).orElse(null);
    }

    @HostAccess.Export
    public String findFirstRecordByData(String collection, String field, String valueJson) {
        Collection c = collection(collection);
        if (!field.equals("id") && c.field(field).isEmpty()) {
            throw new IllegalArgumentException("the collection " + c.name() + " has no field " + field);
        }
        Object value = javaValue(Json.parse(valueJson));
        List<Record> found = app.records().query(c, app.db().dialect().quote(field) + " = ?",
                List.of(value == null ? "" : value), 1);
        return found.isEmpty() ? null : json(found.get(0));
    }

    /** Creates the record, or updates the stored one with its id. */
    @HostAccess.Export
    public String saveRecord(String collection, String json) {
        Collection c = collection(collection);
        ObjectNode in = object(json);
        String id = in.path("id").asString("");
        Record r = id.isEmpty() ? null : app.records().findById(c, id).orElse(null);
        if (r == null) {
            r = new Record(c);
            if (!id.isEmpty()) {
                r.set("id", id);
            }
        }
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(in.properties());
        entries.sort(Comparator.comparingInt(e -> e.getKey().length())); // modifiers after plain keys
        for (Map.Entry<String, JsonNode> e : entries) {
            String key = e.getKey();
            if (key.equals("id") || key.equals("collectionId") || key.equals("collectionName")
                    || key.equals("expand")) {
                continue;
            }
            setValue(r, key, e.getValue());
        }
        app.save(r);
        return json(r);
    }

    @HostAccess.Export
    public void deleteRecord(String collection, String id) {
        Collection c = collection(collection);
        app.delete(app.records().findById(c, id).orElseThrow(() -> new IllegalArgumentException(
                "sql: no rows in result set")));
    }

    /**
     * Sets a record value as PocketBase's {@code record.set} does: a field by name, a modifier key ({@code views+},
     * {@code +tags}, {@code tags-}), a file made by {@code $filesystem} on a file field, a password (hashed), or
     * custom data under any other key.
     */
    static void setValue(Record r, String key, JsonNode value) {
        Collection c = r.collection();
        if (key.equals("password") && c.isAuth()) {
            if (value.isString() && !value.asString().isEmpty()) {
                Superusers.setPassword(r, value.asString());
            }
            return;
        }
        Optional<Field> named = c.field(key);
        if (named.isPresent() && named.get() instanceof FieldFile file) {
            setFiles(r, file, value);
            return;
        }
        if (named.isPresent()) {
            r.set(key, javaValue(value));
            return;
        }
        for (Field f : c.fields()) {
            FieldSetter setter = f.setter(key);
            if (setter != null && !(f instanceof FieldFile)) {
                r.set(f.name(), setter.apply(r.get(f.name()), javaValue(value)));
                return;
            }
        }
        r.setCustom(key, Json.MAPPER.treeToValue(value, Object.class));
    }

    /** A file field's new value: names kept, files made by {@code $filesystem} uploaded, the others deleted. */
    private static void setFiles(Record r, FieldFile field, JsonNode value) {
        List<String> names = new ArrayList<>();
        List<UploadedFile> uploads = new ArrayList<>();
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        } else if (!value.isNull() && !(value.isString() && value.asString().isEmpty())) {
            items.add(value);
        }
        for (JsonNode item : items) {
            if (item.isObject() && item.path("__file").asBoolean(false)) {
                UploadedFile u = uploadOf(item);
                uploads.add(u);
                names.add(u.name());
            } else {
                names.add(item.asString(""));
            }
        }
        if (!field.isMultiple() && names.size() > 1) {
            names = List.of(names.get(names.size() - 1));
        }
        List<String> kept = names;
        Record before = r.original();
        if (before != null) {
            before.getStrings(field.name()).stream().filter(n -> !kept.contains(n))
                    .forEach(n -> r.addFileToDelete(field.name(), n));
        }
        r.set(field.name(), names);
        uploads.stream().filter(u -> kept.contains(u.name())).forEach(u -> r.addUpload(field.name(), u));
    }

    private static UploadedFile uploadOf(JsonNode file) {
        String name = file.path("name").asString("file");
        if (file.has("path")) {
            try {
                return UploadedFile.of(name, Files.readAllBytes(Path.of(file.path("path").asString())));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file.path("path").asString() + ": "
                        + e.getMessage(), e);
            }
        }
        return UploadedFile.of(name, file.path("latin1").asString("").getBytes(StandardCharsets.ISO_8859_1));
    }

    // $app.store(): one per app, shared by every engine
    private static final Map<App, Map<String, String>> STORES = Collections.synchronizedMap(
            new WeakHashMap<>());

    private Map<String, String> store() {
        return STORES.computeIfAbsent(app, a -> new ConcurrentHashMap<>());
    }

    @HostAccess.Export
    public String storeGet(String key) {
        return store().get(key);
    }

    @HostAccess.Export
    public void storeSet(String key, String json) {
        store().put(key, json);
    }

    @HostAccess.Export
    public void storeRemove(String key) {
        store().remove(key);
    }

    @HostAccess.Export
    public boolean storeHas(String key) {
        return store().containsKey(key);
    }

    @HostAccess.Export
    public String storeKeys() {
        return Json.write(Json.MAPPER.valueToTree(new ArrayList<>(store().keySet())));
    }

    private volatile Broker broker;

    void broker(Broker value) {
        this.broker = value;
    }

    /** The ids of the connected realtime clients (none without a server). */
    @HostAccess.Export
    public String realtimeClients() {
        ArrayNode out = Json.array();
        if (broker != null) {
            broker.clients().forEach(c -> out.add(c.id()));
        }
        return Json.write(out);
    }

    @HostAccess.Export
    public boolean realtimeHasSubscription(String clientId, String subscription) {
        return broker != null && broker.client(clientId).map(c -> c.hasSubscription(subscription)).orElse(false);
    }

    @HostAccess.Export
    public String realtimeSubscriptions(String clientId) {
        ArrayNode out = Json.array();
        if (broker != null) {
            broker.client(clientId).ifPresent(c -> c.subscriptions().keySet().forEach(out::add));
        }
        return Json.write(out);
    }

    @HostAccess.Export
    public boolean realtimeSend(String clientId, String name, String data) {
        return broker != null && broker.client(clientId)
                .map(c -> c.send(new Message(name, data))).orElse(false);
    }

    /** Runs a statement with {@code {:name}} placeholders bound from {@code paramsJson}; returns the rows changed. */
    @HostAccess.Export
    public int execute(String sql, String paramsJson) {
        List<Object> params = new ArrayList<>();
        String bound = bind(sql, object(paramsJson), params);
        return app.db().write(c -> {
            try (var ps = c.prepareStatement(bound)) {
                RecordStore.bind(ps, params);
                return ps.executeUpdate();
            }
        });
    }

    /** Runs a query with {@code {:name}} placeholders; returns its rows as a JSON array of objects. */
    @HostAccess.Export
    public String query(String sql, String paramsJson) {
        List<Object> params = new ArrayList<>();
        String bound = bind(sql, object(paramsJson), params);
        List<Map<String, Object>> rows = app.db().write(c -> RecordStore.rows(c, bound, params));
        return Json.write(Json.MAPPER.valueToTree(rows));
    }

    /** Records matching a filter whose {@code {:name}} placeholders take values from {@code paramsJson}. */
    @HostAccess.Export
    public String findRecordsByFilter(String collection, String filter, String sort, int limit, int offset,
            String paramsJson) {
        Collection c = collection(collection);
        List<Record> found = new RecordSearch(app.db(), app.collections()).find(c,
                withParams(filter, object(paramsJson)), sort, limit, offset);
        return jsonArray(found);
    }

    @HostAccess.Export
    public long countRecordsByFilter(String collection, String filter, String paramsJson) {
        return new RecordSearch(app.db(), app.collections()).count(collection(collection),
                withParams(filter, object(paramsJson)));
    }

    /** Records matching SQL conditions ({@code $dbx} expressions: {@code [[column]]}, {@code {:name}}) joined by AND. */
    @HostAccess.Export
    public String findRecordsWhere(String collection, String whereSql, String paramsJson, int limit) {
        Collection c = collection(collection);
        List<Object> params = new ArrayList<>();
        return jsonArray(app.records().query(c, where(whereSql, paramsJson, params), params, limit));
    }

    /** SQL conditions with their parameters bound into {@code params}; none ({@code 1=1}) when blank. */
    private String where(String whereSql, String paramsJson, List<Object> params) {
        return whereSql == null || whereSql.isBlank() ? "1=1" : bind(whereSql, object(paramsJson), params);
    }

    /** The records a script's {@code SELECT "table".* …} (with {@code {:name}} parameters) finds, as JSON. */
    @HostAccess.Export
    public String recordsBySql(String collection, String sql, String paramsJson) {
        Collection c = collection(collection);
        List<Object> params = new ArrayList<>();
        String bound = bind(sql, object(paramsJson), params);
        return jsonArray(app.db().write(conn -> RecordStore.select(conn, c, bound, params)));
    }

    @HostAccess.Export
    public long countRecordsWhere(String collection, String whereSql, String paramsJson) {
        Collection c = collection(collection);
        List<Object> params = new ArrayList<>();
        String sql = "SELECT COUNT(*) FROM " + app.db().dialect().quote(c.name()) + " WHERE "
                + where(whereSql, paramsJson, params);
        return app.db().write(conn -> RecordStore.count(conn, sql, params));
    }

    /** Saves a record the app holds (a hook's {@code e.record}, the auth record), with every save hook and check. */
    @HostAccess.Export
    public String saveHeld(JsRecord record) {
        app.save(record.record());
        return json(record.record());
    }

    @HostAccess.Export
    public void deleteHeld(JsRecord record) {
        app.delete(record.record());
    }

    /** Runs {@code fn} in one write transaction: what it saves commits together, or not at all when it throws. */
    @HostAccess.Export
    public void transaction(Value fn) {
        app.db().write(c -> {
            fn.executeVoid();
            return null;
        });
    }

    /** The settings with their secrets, as the settings API's JSON. */
    @HostAccess.Export
    public String settings() {
        return Json.write(app.settings().storedJson());
    }

    /** Saves settings changed by a script (the known keys of its JSON, as the settings API binds a body). */
    @HostAccess.Export
    public String saveSettings(String json) {
        SettingsStore.save(app, app.settings().withPatch(object(json)));
        return settings();
    }

    /** Sends a {@code MailerMessage} (its sender defaults to the settings' one) through the app's mailer. */
    @HostAccess.Export
    public void sendMail(String json) {
        MailMessage m = JsMail.fromJson(json);
        if (m.fromAddress().isBlank()) {
            m = new MailMessage(m.fromName().isBlank() ? app.settings().senderName() : m.fromName(),
                    app.settings().senderAddress(), m.to(), m.subject(), m.html(), m.text());
        }
        app.mailer().send(m);
    }

    /**
     * {@code $mails}: sends one of an auth record's emails (its collection's template, a fresh token), as the auth
     * API does.
     *
     * @param kind {@code verification}, {@code password-reset}, {@code email-change} (arg: the new email),
     *     {@code otp} (arg: {@code otpId:password}) or {@code auth-alert} (arg: the login's description)
     */
    @HostAccess.Export
    public void sendAuthMail(String kind, Value recordRef, String arg) {
        Record r;
        if (recordRef.isHostObject() && recordRef.asHostObject() instanceof JsRecord held) {
            r = held.record();
        } else {
            r = app.records().findById(collection(recordRef.getMember("collectionId").asString()),
                    recordRef.getMember("id").asString()).orElseThrow(() -> new IllegalArgumentException(
                            "sql: no rows in result set"));
        }
        if (!r.collection().isAuth()) {
            throw new IllegalArgumentException("the record is not an auth record");
        }
        String email = r.email();
        switch (kind) {
            case "verification" -> AuthMails.sendWithToken(app, AuthMails.Kind.VERIFICATION, r, email, email);
            case "password-reset" -> AuthMails.sendWithToken(app, AuthMails.Kind.PASSWORD_RESET, r, email, email);
            case "email-change" -> AuthMails.sendWithToken(app, AuthMails.Kind.EMAIL_CHANGE, r, email, arg);
            case "otp" -> {
                String otpId = arg.substring(0, Math.max(0, arg.indexOf(':')));
                String password = arg.substring(arg.indexOf(':') + 1);
                AuthMails.send(app, AuthMails.Kind.OTP, r, AuthMails.otp(app, r, otpId, password),
                        Map.of("otpId", otpId, "password", password));
            }
            case "auth-alert" -> AuthMails.send(app, AuthMails.Kind.AUTH_ALERT, r, AuthMails.authAlert(app, r, arg),
                    Map.of("info", arg));
            default -> throw new IllegalArgumentException("unknown mail " + kind);
        }
    }

    /** A module file's text for {@code require()}, or null when there is none. */
    @HostAccess.Export
    public String readModule(String path) {
        try {
            Path p = Path.of(path);
            return Files.isRegularFile(p) ? Files.readString(p) : null;
        } catch (IOException | InvalidPathException e) {
            return null;
        }
    }

    /** Evaluates a CommonJS module's wrapped source under its file name (errors then point at its lines). */
    @HostAccess.Export
    public Value evalModule(String path, String wrapped) {
        return Context.getCurrent()
                .eval(Source.newBuilder("js", wrapped, path).buildLiteral());
    }

    @HostAccess.Export
    public boolean isDirectory(String path) {
        try {
            return Files.isDirectory(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    @HostAccess.Export
    public Object logger() {
        return new JsLogger(app);
    }

    /**
     * {@code $app.logger()}: PocketBase's slog-style logger ({@code info("message", "key", value, …)}); entries go to
     * the app's logs (the dashboard's Logs) and to the server's log.
     */
    public static final class JsLogger {
        private final App app;

        JsLogger(App app) {
            this.app = app;
        }

        @HostAccess.Export
        public void info(String message, Value... attrs) {
            LOG.info("{}{}", message, describe(attrs));
            app.logger().info(message, data(attrs));
        }

        @HostAccess.Export
        public void warn(String message, Value... attrs) {
            LOG.warn("{}{}", message, describe(attrs));
            app.logger().warn(message, data(attrs));
        }

        @HostAccess.Export
        public void error(String message, Value... attrs) {
            LOG.error("{}{}", message, describe(attrs));
            app.logger().error(message, data(attrs));
        }

        @HostAccess.Export
        public void debug(String message, Value... attrs) {
            LOG.debug("{}{}", message, describe(attrs));
            app.logger().debug(message, data(attrs));
        }

        private static Map<String, Object> data(Value[] attrs) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i + 1 < attrs.length; i += 2) {
                out.put(attrs[i].isString() ? attrs[i].asString() : attrs[i].toString(), plain(attrs[i + 1]));
            }
            if (attrs.length % 2 == 1) {
                out.put("!BADKEY", plain(attrs[attrs.length - 1]));
            }
            return out;
        }

        private static Object plain(Value v) {
            if (v.isNull()) {
                return null;
            }
            if (v.isBoolean()) {
                return v.asBoolean();
            }
            if (v.isNumber()) {
                return v.fitsInLong() ? (Object) v.asLong() : (Object) v.asDouble();
            }
            if (v.isString()) {
                return v.asString();
            }
            Value json = v.getContext().getBindings("js").getMember("JSON").invokeMember("stringify", v);
            return json.isString() ? javaValue(Json.parse(json.asString())) : v.toString();
        }

        private static String describe(Value[] attrs) {
            if (attrs.length == 0) {
                return "";
            }
            StringBuilder out = new StringBuilder();
            data(attrs).forEach((k, v) -> out.append(' ').append(k).append('=').append(v));
            return out.toString();
        }
    }

    private Collection collection(String idOrName) {
        return app.collections().find(idOrName)
                .orElseThrow(() -> new IllegalArgumentException("sql: no rows in result set"));
    }

    private static String jsonArray(List<Record> records) {
        ArrayNode out = Json.array();
        records.forEach(r -> out.add(RecordJson.write(r, SUPERUSER)));
        return Json.write(out);
    }

    /**
     * A filter with each {@code {:name}} placeholder replaced by its value as a filter literal (a quoted, escaped
     * text, a number, true/false or null); the filter engine binds literals as SQL parameters.
     */
    static String withParams(String filter, ObjectNode values) {
        if (filter == null || filter.isEmpty()) {
            return filter;
        }
        Matcher m = PLACEHOLDER.matcher(filter);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!values.has(name)) {
                throw new IllegalArgumentException("no value bound for {:" + name + "}");
            }
            JsonNode v = values.get(name);
            String literal;
            if (v.isNull()) {
                literal = "null";
            } else if (v.isBoolean() || v.isNumber()) {
                literal = v.toString();
            } else {
                String text = v.isString() ? v.asString() : Json.write(v);
                literal = "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(literal));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String json(Record r) {
        return Json.write(RecordJson.write(r, SUPERUSER));
    }

    private static ObjectNode object(String json) {
        JsonNode n = json == null || json.isBlank() ? Json.object() : Json.parse(json);
        if (!(n instanceof ObjectNode o)) {
            throw new IllegalArgumentException("expected an object");
        }
        return o;
    }

    /** Replaces each {@code {:name}} with {@code ?} and adds its value to {@code params}. */
    String bind(String sql, ObjectNode values, List<Object> params) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            if (!values.has(name)) {
                throw new IllegalArgumentException("no value bound for {:" + name + "}");
            }
            params.add(javaValue(values.get(name)));
            m.appendReplacement(out, "?");
        }
        m.appendTail(out);
        return quoteNames(out.toString());
    }

    private static final Pattern QUOTED_NAME = Pattern.compile("\\[\\[([A-Za-z0-9_.]+)]]|\\{\\{([A-Za-z0-9_.]+)}}");

    /** Replaces dbx's {@code [[column]]} and {@code {{table}}} with quoted names ({@code "a"."b"} for dotted ones). */
    private String quoteNames(String sql) {
        Matcher m = QUOTED_NAME.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            StringBuilder q = new StringBuilder();
            for (String part : name.split("\\.")) {
                q.append(q.length() == 0 ? "" : ".").append(app.db().dialect().quote(part));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(q.toString()));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A JSON value as a column value: text, a number, a boolean, null, or JSON text for arrays and objects. */
    static Object javaValue(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        if (n.isString()) {
            return n.asString();
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isIntegralNumber()) {
            return n.asLong();
        }
        if (n.isNumber()) {
            return n.asDouble();
        }
        return Json.write(n);
    }
}
