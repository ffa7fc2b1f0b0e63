package dev.coffer.apis;

import dev.coffer.core.App;
import dev.coffer.core.AppHooks;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordJson;
import dev.coffer.core.record.RecordStore;
import dev.coffer.core.rules.RecordSearch;
import dev.coffer.core.rules.SuperuserOnlyException;
import dev.coffer.tools.json.FieldsPicker;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.subscriptions.Broker;
import dev.coffer.tools.subscriptions.Client;
import dev.coffer.tools.subscriptions.Message;
import dev.coffer.tools.subscriptions.SubscriptionOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Publishes record changes to realtime subscribers, through the app's record hooks ({@value #HOOK_ID}).
 *
 * <p>Creates and updates are evaluated and sent by the after-success hooks, once the transaction has committed;
 * deletes are evaluated inside the transaction, while the record still exists for the rules, and sent by the
 * after-success hook. A rolled back change sends nothing. For each client the
 * topic's rule (view rule for {@code <collection>/<id>}, list rule for {@code <collection>/*} and the legacy
 * {@code <collection>}) runs with the client's auth, method {@code GET}, context {@code realtime} and the
 * subscription's options, then the options' {@code filter}; the record is expanded, email-flagged and trimmed
 * per subscription. Auth changes of a bound record are applied to its clients: a new token key or a delete
 * unbinds them.
 */
final class RealtimeRecordEvents {

    private static final Logger LOG = LoggerFactory.getLogger(RealtimeRecordEvents.class);
    private static final String CONTEXT_REALTIME = "realtime";
    /** The bus topic of record changes between instances. */
    static final String TOPIC = "records";
    /** The id of its hook handlers. */
    static final String HOOK_ID = "coffer:realtime";

    private record Delivery(Client client, Message message) {}

    private final App app;
    private final Broker broker;
    /**
     * The messages of deletes waiting for their commit, by thread and record (a transaction's after hooks run on
     * its own thread).
     */
    private final Map<String, List<Delivery>> pendingDeletes = new ConcurrentHashMap<>();

    private RealtimeRecordEvents(App app, Broker broker) {
        this.app = app;
        this.broker = broker;
    }

    /**
     * Binds the publishing handlers to the app's record hooks, and the handler of the changes other instances
     * report (when the app is one of several: each change is also sent to them, inside its transaction).
     */
    static void bind(App app, Broker broker) {
        RealtimeRecordEvents events = new RealtimeRecordEvents(app, broker);
        AppHooks hooks = app.hooks();
        hooks.onRecordCreate().bind(HOOK_ID, -99, e -> {
            e.next();
            events.tellOthers("create", e.record());
        });
        hooks.onRecordUpdate().bind(HOOK_ID, -99, e -> {
            e.next();
            events.tellOthers("update", e.record());
        });
        // a delete is checked against the rules while the record still exists, and sent once it committed
        hooks.onRecordDelete().bind(HOOK_ID, -99, e -> {
            Record doomed = e.record().copy();
            List<Delivery> deliveries = events.safelyPrepare("delete", doomed, false);
            e.next();
            events.tellOthers("delete", doomed);
            if (!deliveries.isEmpty()) {
                events.pendingDeletes.put(pendingKey(doomed), deliveries);
            }
        });
        hooks.onRecordAfterCreateSuccess().bind(HOOK_ID, -99, e -> {
            events.publish("create", e.record(), false);
            e.next();
        });
        hooks.onRecordAfterUpdateSuccess().bind(HOOK_ID, -99, e -> {
            events.rebindAuth(e.record(), false);
            events.publish("update", e.record(), false);
            e.next();
        });
        hooks.onRecordAfterDeleteSuccess().bind(HOOK_ID, -99, e -> {
            events.rebindAuth(e.record(), true);
            List<Delivery> deliveries = events.pendingDeletes.remove(pendingKey(e.record()));
            if (deliveries != null) {
                deliveries.forEach(d -> d.client().send(d.message()));
            }
            e.next();
        });
        hooks.onRecordAfterDeleteError().bind(HOOK_ID, -99, e -> {
            events.pendingDeletes.remove(pendingKey(e.record()));
            e.next();
        });
        app.cluster().subscribe(TOPIC, events::fromOthers);
        // changes made elsewhere may have been missed: the clients reconnect (the SDKs do by themselves, then say
        // PB_CONNECT again, the cue to fetch afresh) rather than go on without them unaware
        app.cluster().onGap(() -> {
            int ended = broker.size();
            if (ended > 0) {
                LOG.warn("ending {} realtime streams: changes made by other instances may have been missed", ended);
                broker.clients().forEach(Client::discard);
            }
        });
    }

    private static String pendingKey(Record record) {
        return Thread.currentThread().threadId() + "/" + record.collection().id() + "/" + record.id();
    }

    /**
     * Sends a change to the other instances with the record's values as this transaction leaves them (password
     * hashes left out), so that each event shows the record as of its own commit, also when later changes follow
     * at once. Inside the change's transaction, so that it goes out only if that commits.
     */
    private void tellOthers(String action, Record record) {
        if (!app.cluster().clustered()) {
            return;
        }
        ObjectNode change = Json.object();
        change.put("action", action);
        change.put("collection", record.collection().id());
        ObjectNode values = change.putObject("values");
        for (Field f : record.collection().fields()) {
            if (!(f instanceof FieldPassword)) {
                values.set(f.name(), Json.MAPPER.valueToTree(RecordStore.toDb(f, record.get(f.name()))));
            }
        }
        app.cluster().publish(TOPIC, Json.write(change));
    }

    /**
     * Publishes a change another instance made to this instance's clients: the rules and filters run against the
     * record's values from the message (not against the table, which may already hold a later state or no row).
     */
    private void fromOthers(String message) {
        if (broker.size() == 0) {
            return;
        }
        JsonNode change = Json.parse(message);
        String action = change.path("action").asString("");
        Collection c = app.collections().find(change.path("collection").asString("")).orElse(null);
        if (c == null) {
            return;
        }
        Map<String, Object> row = new HashMap<>();
        change.path("values").properties().forEach(p -> row.put(p.getKey(), scalar(p.getValue())));
        Record record = Record.fromRow(c, row);
        if (!action.equals("create")) {
            rebindAuth(record, action.equals("delete"));
        }
        publish(action, record, true);
    }

    private static Object scalar(JsonNode v) {
        if (v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isIntegralNumber()) {
            return v.longValue();
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        return v.asString("");
    }

    private void publish(String action, Record record, boolean detached) {
        safelyPrepare(action, record, detached).forEach(d -> d.client().send(d.message()));
    }

    /** The messages for a change; a detached record (deleted, reported by another instance) is not read from its table. */
    private List<Delivery> safelyPrepare(String action, Record record, boolean detached) {
        if (broker.size() == 0) {
            return List.of();
        }
        try {
            return prepare(action, record, detached);
        } catch (RuntimeException ex) {
            LOG.warn("realtime {} of {} not published", action, record, ex);
            return List.of();
        }
    }

    private List<Delivery> prepare(String action, Record record, boolean detached) {
        Collection c = record.collection();
        Map<String, String> topics = new LinkedHashMap<>();
        topics.put(c.name() + "/" + record.id(), c.rules().view());
        topics.put(c.id() + "/" + record.id(), c.rules().view());
        topics.put(c.name() + "/*", c.rules().list());
        topics.put(c.id() + "/*", c.rules().list());
        topics.put(c.name(), c.rules().list());
        topics.put(c.id(), c.rules().list());
        List<Delivery> out = new ArrayList<>();
        // many clients share an auth and options (every guest on "posts/*", say): check and render once for each
        Map<String, Boolean> access = new HashMap<>();
        Map<String, String> payloads = new HashMap<>();
        for (Client client : broker.clients()) {
            Record auth = RealtimeClients.auth(client);
            String authKey = auth == null ? "" : auth.collection().id() + "/" + auth.id();
            topics.forEach((topic, rule) -> client.subscriptionsOf(topic).forEach((sub, options) -> {
                RequestInfo info = new RequestInfo(auth, options.query(), options.headers(), Map.of(), "GET",
                        CONTEXT_REALTIME);
                String viewer = authKey + "\u0000" + options.query() + "\u0000" + options.headers();
                if (access.computeIfAbsent(rule + "\u0000" + viewer, k -> canAccess(record, info, rule, detached))) {
                    String data = payloads.computeIfAbsent(viewer, k -> payload(action, record, info, options));
                    out.add(new Delivery(client, new Message(sub, data)));
                }
            }));
        }
        return out;
    }

    private boolean canAccess(Record record, RequestInfo info, String rule, boolean detached) {
        if (!(detached ? app.rules().canAccessDetached(record, info, rule) : app.rules().canAccess(record, info, rule))) {
            return false;
        }
        String filter = info.query().getOrDefault("filter", "");
        if (filter.isEmpty()) {
            return true;
        }
        if (!info.isSuperuser()) {
            try {
                RecordSearch.checkSuperuserOnly(filter);
            } catch (SuperuserOnlyException ex) {
                return false;
            }
        }
        return detached ? app.rules().matchesClientFilterDetached(record, info, filter)
                : app.rules().matchesClientFilter(record, info, filter);
    }

    private String payload(String action, Record record, RequestInfo info, SubscriptionOptions options) {
        Record copy = record.copy();
        RecordEnricher.enrich(app, info, options.query().getOrDefault("expand", ""), List.of(copy));
        boolean superuser = info.isSuperuser();
        JsonNode json = RecordJson.write(copy, new RecordJson.Visibility(superuser, superuser));
        String fields = options.query().getOrDefault("fields", "");
        if (!fields.isBlank()) {
            json = FieldsPicker.parse(fields).pick(json);
        }
        ObjectNode data = Json.object();
        data.set("record", json);
        data.put("action", action);
        return Json.write(data);
    }

    /** Refreshes (or, after a token key change or a delete, removes) the auth bound to clients of this record. */
    private void rebindAuth(Record record, boolean deleted) {
        RealtimeClients.authChanged(broker, record, deleted);
    }
}
