package dev.coffer.core.webhooks;

import dev.coffer.core.App;
import dev.coffer.core.AppHooks;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.jobs.JobOptions;
import dev.coffer.core.jobs.RetryPolicy;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordJson;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.types.DateTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The app's webhooks. Once {@link #install installed} (the {@code _webhooks} and {@code _webhookDeliveries} system
 * collections exist), every record change whose event ({@code posts.create}, {@code posts.update},
 * {@code posts.delete}; {@code users.auth} from the auth endpoints) matches an enabled webhook's patterns and filter
 * stores its deliveries in the change's own transaction (one job for the event, whatever the number of webhooks): a
 * change that rolls back sends nothing, one that commits is
 * sent even if the server dies right after. The job queue sends it ({@link WebhookDelivery}); requests never wait for
 * a receiver.
 *
 * <p>The body is {@code {"type": EVENT, "timestamp": ISO-8601, "data": {"collection", "collectionId", "action",
 * "record", "previous"}}} with records as a superuser sees them, hidden fields left out.
 */
public final class Webhooks {

    /** The job type of one delivery to one webhook: retries, test sends, redeliveries, events for one webhook. */
    public static final String JOB_TYPE = "coffer:webhook";
    /** The job type of an event's first try to each of two or more webhooks (one stored job per event). */
    public static final String EVENT_JOB_TYPE = "coffer:webhook-event";
    /** PocketBase's system collection names for the two collections. */
    public static final String WEBHOOKS = WebhookCollections.WEBHOOKS;
    /** The collection of delivery tries. */
    public static final String DELIVERIES = WebhookCollections.DELIVERIES;
    /** The default waits between tries: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (eight tries over about 28 h). */
    public static final List<Duration> DEFAULT_SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
    /** How long a replaced secret keeps signing beside the new one. */
    public static final Duration SECRET_OVERLAP = Duration.ofHours(24);

    private static final String HOOK_ID = "coffer:webhooks";
    private static final long CACHE_NANOS = Duration.ofSeconds(5).toNanos();

    private final App app;
    private final Set<String> ownOrigins = ConcurrentHashMap.newKeySet();
    private final WebhookDelivery delivery;
    private volatile List<Duration> schedule = DEFAULT_SCHEDULE;
    private volatile Duration autoDisableAfter = Duration.ofDays(5);
    private volatile Cached cache;

    private record Cached(List<Webhook> enabled, long loadedAt) {}

    /** The deliveries of one event to store with the change: its name, its body, the webhooks that want it. */
    private record Pending(String event, String body, List<String> webhookIds) {

        static final Pending NONE = new Pending("", "", List.of());
    }

    private Webhooks(App app) {
        this.app = app;
        this.delivery = new WebhookDelivery(app, this);
    }

    /** Creates the webhooks of an app: binds its record hooks and registers the delivery job handler. */
    public static Webhooks bind(App app) {
        Webhooks w = new Webhooks(app);
        AppHooks hooks = app.hooks();
        hooks.onRecordCreate().bind(HOOK_ID, 98, e -> {
            w.checkWebhookRecord(e.record(), null);
            e.next();
            w.afterChange(e.record(), "create", null);
        });
        hooks.onRecordUpdate().bind(HOOK_ID, 98, e -> {
            w.checkWebhookRecord(e.record(), e.original());
            e.next();
            w.afterChange(e.record(), "update", e.original());
        });
        hooks.onRecordDelete().bind(HOOK_ID, 98, e -> {
            Pending out = w.matching(e.record(), "delete", () -> w.body(e.record(), "delete", null));
            e.next();
            w.store(out);
            w.forgetIfWebhook(e.record());
        });
        w.registerHandler();
        return w;
    }

    private void registerHandler() {
        app.jobs().handle(JOB_TYPE, delivery::send, new JobOptions(RetryPolicy.schedule(schedule),
                Duration.ofMinutes(1)));
        // one try per webhook (failures continue as JOB_TYPE jobs); a job that fails as a whole runs again
        app.jobs().handle(EVENT_JOB_TYPE, delivery::fanOut, new JobOptions(RetryPolicy.DEFAULT,
                Duration.ofMinutes(2)));
    }

    /** Whether the two collections exist. */
    public boolean installed() {
        return WebhookCollections.installed(app);
    }

    /** Creates the {@code _webhooks} and {@code _webhookDeliveries} system collections when missing. */
    public void install() {
        WebhookCollections.install(app);
    }

    /** Replaces the waits between tries of deliveries enqueued from now on (one try more than waits). */
    public void retrySchedule(List<Duration> waits) {
        if (waits.stream().anyMatch(Duration::isNegative)) {
            throw new IllegalArgumentException("a wait can't be negative");
        }
        schedule = List.copyOf(waits);
        registerHandler();
    }

    /** The waits between tries. */
    public List<Duration> retrySchedule() {
        return schedule;
    }

    /** How long deliveries may keep failing before the webhook is disabled (5 days unless changed). */
    public void autoDisableAfter(Duration value) {
        autoDisableAfter = value;
    }

    Duration autoDisableAfter() {
        return autoDisableAfter;
    }

    /**
     * Tells the webhooks where this server listens ({@code http://host:port}), so that no webhook may point at it;
     * the app URL from the settings counts too.
     */
    public void serverAddress(String baseUrl) {
        WebhookUrl.origin(baseUrl).ifPresent(ownOrigins::add);
    }

    /** The origins that count as this server. */
    Set<String> ownOrigins() {
        Set<String> all = new java.util.HashSet<>(ownOrigins);
        String appUrl = app.settings().appUrl();
        if (appUrl != null && !appUrl.isBlank()) {
            WebhookUrl.origin(appUrl).ifPresent(all::add);
        }
        return all;
    }

    /**
     * Raises an event that is not a record change, such as {@code users.auth} after a successful sign-in: matching
     * webhooks get a delivery (in the current transaction, if any).
     */
    public void publish(Record record, String action) {
        store(matching(record, action, () -> body(record, action, null)));
    }

    /**
     * Sends a {@code webhook.test} event to one webhook now (enabled or not), through the queue; returns the
     * message id.
     *
     * @throws java.util.NoSuchElementException when there is no such webhook
     */
    public String sendTest(String webhookId) {
        Record hook = webhookRecord(webhookId).orElseThrow();
        ObjectNode body = Json.object();
        body.put("type", "webhook.test");
        body.put("timestamp", timestamp());
        body.putObject("data").put("webhook", hook.id()).put("message", "A test event sent from Coffer.");
        String messageId = newMessageId();
        app.jobs().enqueue(JOB_TYPE,
                payload(hook.id(), messageId, "webhook.test", Json.write(body)).put("force", true));
        return messageId;
    }

    /**
     * Sends the body of an earlier delivery again (same message id, so receivers can tell it is a repeat), through
     * the queue, to its webhook whether enabled or not; returns the message id.
     *
     * @throws java.util.NoSuchElementException when there is no such delivery or its webhook is gone
     */
    public String redeliver(String deliveryId) {
        Collection deliveries = app.collections().find(DELIVERIES).orElseThrow();
        Record d = app.records().findById(deliveries, deliveryId).orElseThrow();
        webhookRecord(d.getString("webhook")).orElseThrow();
        JsonNode request = d.get("request") instanceof JsonNode n ? n : JsonNodeFactory.instance.nullNode();
        app.jobs().enqueue(JOB_TYPE, payload(d.getString("webhook"), d.getString("messageId"), d.getString("event"),
                Json.write(request)).put("force", true));
        return d.getString("messageId");
    }

    Optional<Record> webhookRecord(String id) {
        return app.collections().find(WEBHOOKS).flatMap(c -> app.records().findById(c, id));
    }

    /** The enabled webhooks, read at most every 5 s (and again at once after a change of one on this instance). */
    List<Webhook> enabled() {
        Cached c = cache;
        long now = System.nanoTime();
        if (c != null && now - c.loadedAt() < CACHE_NANOS) {
            return c.enabled();
        }
        Optional<Collection> hooks = app.collections().find(WEBHOOKS);
        List<Webhook> list = new ArrayList<>();
        if (hooks.isPresent()) {
            Instant at = app.jobs().clock().instant();
            for (Record r : app.records().query(hooks.get(), "", List.of(), 0)) {
                Webhook w = Webhook.of(r, at);
                if (w.enabled()) {
                    list.add(w);
                }
            }
        }
        List<Webhook> result = List.copyOf(list);
        cache = new Cached(result, now);
        return result;
    }

    /** Drops the cached list of webhooks. */
    void forget() {
        cache = null;
    }

    private void forgetIfWebhook(Record r) {
        if (r.collection().name().equals(WEBHOOKS)) {
            forget();
            app.db().afterCommit(this::forget);
        }
    }

    private static boolean internal(Collection c) {
        return c.name().equals(WEBHOOKS) || c.name().equals(DELIVERIES);
    }

    private void afterChange(Record record, String action, Record previous) {
        if (internal(record.collection())) {
            forgetIfWebhook(record);
            return;
        }
        store(matching(record, action, () -> body(record, action, previous)));
    }

    /** The deliveries an event of a record makes, the body built once if any webhook wants it. */
    private Pending matching(Record record, String action, Supplier<String> body) {
        Collection c = record.collection();
        if (internal(c) || !app.collections().find(WEBHOOKS).isPresent()) {
            return Pending.NONE;
        }
        List<String> ids = new ArrayList<>();
        for (Webhook w : enabled()) {
            if (WebhookEvents.matchesAny(w.events(), c.name(), action)
                    && (w.filter().isEmpty() || app.rules().matches(record, RequestInfo.empty(), w.filter()))) {
                ids.add(w.id());
            }
        }
        return ids.isEmpty() ? Pending.NONE : new Pending(c.name() + "." + action, body.get(), ids);
    }

    /** Stores the deliveries of one event: a job for one webhook, or one job for the event's first tries to many. */
    private void store(Pending out) {
        if (out.webhookIds().size() == 1) {
            app.jobs().enqueue(JOB_TYPE, payload(out.webhookIds().get(0), newMessageId(), out.event(), out.body()));
        } else if (!out.webhookIds().isEmpty()) {
            ObjectNode fanOut = Json.object();
            fanOut.put("event", out.event());
            fanOut.put("body", out.body());
            ArrayNode targets = fanOut.putArray("targets");
            for (String id : out.webhookIds()) {
                targets.addObject().put("webhook", id).put("messageId", newMessageId());
            }
            app.jobs().enqueue(EVENT_JOB_TYPE, fanOut);
        }
    }

    private static String newMessageId() {
        return "msg_" + RandomString.alphanumeric(24);
    }

    /**
     * The payload of a {@link #JOB_TYPE} job: one delivery of {@code body} as message {@code messageId} to one webhook
     * (the caller adds {@code force} or {@code offset}).
     */
    static ObjectNode payload(String webhookId, String messageId, String event, String body) {
        ObjectNode payload = Json.object();
        payload.put("webhook", webhookId);
        payload.put("messageId", messageId);
        payload.put("event", event);
        payload.put("body", body);
        return payload;
    }

    /** Now, as a body's {@code timestamp}: ISO-8601 in UTC with milliseconds. */
    private String timestamp() {
        return DateTime.format(app.jobs().clock().instant()).replace(' ', 'T');
    }

    private String body(Record record, String action, Record previous) {
        Collection c = record.collection();
        ObjectNode out = Json.object();
        out.put("type", c.name() + "." + action);
        out.put("timestamp", timestamp());
        ObjectNode data = out.putObject("data");
        data.put("collection", c.name());
        data.put("collectionId", c.id());
        data.put("action", action);
        RecordJson.Visibility superuser = new RecordJson.Visibility(false, true);
        data.set("record", RecordJson.write(record, superuser));
        data.set("previous", previous == null ? JsonNodeFactory.instance.nullNode()
                : RecordJson.write(previous, superuser));
        return Json.write(out);
    }

    /**
     * Checks and completes a {@code _webhooks} record before it is saved: url, events, filter and headers; a
     * secret is generated when empty, and a replaced one keeps signing for {@link #SECRET_OVERLAP}.
     */
    private void checkWebhookRecord(Record r, Record original) {
        if (!r.collection().name().equals(WEBHOOKS)) {
            return;
        }
        Map<String, FieldError> errors = new LinkedHashMap<>();
        WebhookUrl.problem(r.getString("url"), ownOrigins())
                .ifPresent(p -> errors.put("url", FieldError.of("validation_invalid_url", p)));
        JsonNode events = r.get("events") instanceof JsonNode n ? n : null;
        if (events == null || !events.isArray() || events.isEmpty()) {
            errors.put("events", FieldError.of("validation_invalid_events",
                    "Must be a list of events such as [\"posts.create\", \"users.*\", \"*\"]."));
        } else {
            for (JsonNode e : events) {
                if (!e.isString() || !WebhookEvents.isPattern(e.asString())) {
                    errors.put("events", FieldError.of("validation_invalid_events", "Invalid event " + e
                            + ": use COLLECTION.ACTION (create, update, delete, auth) with * for any."));
                    break;
                }
            }
        }
        String filter = r.getString("filter").strip();
        if (!filter.isEmpty()) {
            try {
                Filter.parse(filter);
            } catch (FilterException ex) {
                errors.put("filter", FieldError.of("validation_invalid_filter", "Invalid filter: " + ex.getMessage()));
            }
        }
        Object headers = r.get("headers");
        if (headers instanceof JsonNode h && !h.isNull()) {
            boolean ok = h.isObject();
            if (ok) {
                for (var e : h.properties()) {
                    ok &= e.getValue().isString() && e.getKey().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
                }
            }
            if (!ok) {
                errors.put("headers", FieldError.of("validation_invalid_headers",
                        "Must be an object of header names to string values."));
            }
        }
        String secret = r.getString("secret");
        if (secret.isEmpty()) {
            secret = WebhookSignature.newSecret();
            r.set("secret", secret);
        } else if (!WebhookSignature.isValid(secret)) {
            errors.put("secret", FieldError.of("validation_invalid_secret",
                    "Must be whsec_ followed by 24 to 64 bytes in base64 (leave it empty to generate one)."));
        }
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
        if (original != null) {
            String old = original.getString("secret");
            if (!old.isEmpty() && !old.equals(secret)) {
                ArrayNode previous = Json.array();
                Instant now = app.jobs().clock().instant();
                JsonNode kept = original.get("previousSecrets") instanceof JsonNode n ? n : null;
                if (kept != null && kept.isArray()) {
                    for (JsonNode p : kept) {
                        if (DateTime.parse(p.path("until").asString("")).orElse(Instant.EPOCH).isAfter(now)) {
                            previous.add(p);
                        }
                    }
                }
                previous.addObject().put("secret", old).put("until", DateTime.format(now.plus(SECRET_OVERLAP)));
                r.set("previousSecrets", previous);
            }
            if (r.getBool("enabled") && !original.getBool("enabled")) {
                r.set("failingSince", "");
                r.set("disabledReason", "");
            }
        }
    }
}
