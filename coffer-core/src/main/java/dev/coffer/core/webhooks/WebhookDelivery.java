package dev.coffer.core.webhooks;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.jobs.Job;
import dev.coffer.core.jobs.JobFailure;
import dev.coffer.core.jobs.Jobs;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sends deliveries (the handlers of {@link Webhooks#EVENT_JOB_TYPE} and {@link Webhooks#JOB_TYPE} jobs): each try
 * signs the stored body, posts it with a 15 s limit and no redirects, records the try in {@code _webhookDeliveries}
 * (with the job's outcome, in one commit), and decides what follows: a 2xx ends it; a
 * {@code 410 Gone} disables the webhook; any other answer or a network error is tried again on the schedule, unless
 * the webhook has failed for longer than its auto-disable period, which disables it and mails the superusers.
 */
final class WebhookDelivery {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookDelivery.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final int EXCERPT = 2048;

    private final App app;
    private final Webhooks webhooks;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    WebhookDelivery(App app, Webhooks webhooks) {
        this.app = app;
        this.webhooks = webhooks;
    }

    /** What one try of one delivery came to: done, to be tried again at {@code next}, or over for good. */
    record Result(boolean done, Instant next, String reason) {

        static final Result SENT = new Result(true, null, "");

        static Result retry(Instant when, String why) {
            return new Result(false, when, why);
        }

        static Result stop(String why) {
            return new Result(false, null, why);
        }
    }

    /**
     * Runs a {@link Webhooks#JOB_TYPE} job: one delivery to one webhook ({@code webhook}, {@code messageId},
     * {@code event}, {@code body}; {@code offset}: tries made before this job; {@code force}: even to a disabled
     * webhook, as test sends and redeliveries go).
     */
    void send(Job job) throws InterruptedException {
        JsonNode p = job.payload();
        Optional<Record> found = webhooks.webhookRecord(p.path("webhook").asString(""));
        if (found.isEmpty()) {
            return; // deleted since: nothing to send
        }
        int offset = p.path("offset").asInt(0);
        Result r = attempt(found.get(), p.path("messageId").asString(""), p.path("event").asString(""),
                p.path("body").asString(""), offset + job.attempts(), offset + job.maxAttempts(),
                p.path("force").asBoolean(false));
        if (r.done()) {
            return;
        }
        throw r.next() == null ? JobFailure.permanent(r.reason()) : JobFailure.retryAt(r.reason(), r.next());
    }

    /**
     * Runs a {@link Webhooks#EVENT_JOB_TYPE} job: the first try of one event's delivery to each of its webhooks
     * ({@code targets}: {@code [{webhook, messageId}]}); a failed one goes on as a {@link Webhooks#JOB_TYPE} job of
     * its own, due at its next try, stored with this job's outcome.
     */
    void fanOut(Job job) throws InterruptedException {
        JsonNode p = job.payload();
        String event = p.path("event").asString("");
        String body = p.path("body").asString("");
        int tries = webhooks.retrySchedule().size() + 1;
        for (JsonNode target : p.path("targets")) {
            String webhookId = target.path("webhook").asString("");
            String messageId = target.path("messageId").asString("");
            Optional<Record> found = webhooks.webhookRecord(webhookId);
            if (found.isEmpty()) {
                continue;
            }
            Result r = attempt(found.get(), messageId, event, body, 1, tries, false);
            if (!r.done() && r.next() != null) {
                ObjectNode retry = Webhooks.payload(webhookId, messageId, event, body)
                        .put("offset", 1);
                Instant when = r.next();
                Jobs.writeWithOutcome(() -> app.jobs().enqueueAt(Webhooks.JOB_TYPE, retry, when));
            }
        }
    }

    /**
     * One try of one delivery: signs and posts the body, logs the try, and decides what follows.
     *
     * @param attempt this try's number among all of the delivery's tries (1 for the first)
     * @param maxAttempts how many tries the delivery may have
     */
    private Result attempt(Record hookRecord, String messageId, String event, String body, int attempt,
            int maxAttempts, boolean forced) throws InterruptedException {
        Instant now = app.jobs().clock().instant();
        Webhook hook = Webhook.of(hookRecord, now);
        if (!hook.enabled() && !forced) {
            return Result.SENT; // disabled since the change: the delivery is dropped
        }
        Optional<String> refused = WebhookUrl.problem(hook.url(), webhooks.ownOrigins());
        if (refused.isPresent()) {
            record(hookRecord, attempt, messageId, event, body, 0, 0, "", "refused: " + refused.get(), null);
            return Result.stop("refused " + hook.url() + ": " + refused.get());
        }
        long timestamp = now.getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hook.url().strip())).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (Map.Entry<String, String> h : hook.headers().entrySet()) {
            if (!reserved(h.getKey())) {
                request.header(h.getKey(), h.getValue());
            }
        }
        request.header("Content-Type", "application/json");
        request.header("User-Agent", "Coffer-Webhooks");
        request.header("webhook-id", messageId);
        request.header("webhook-timestamp", Long.toString(timestamp));
        request.header("webhook-signature", WebhookSignature.header(hook.secrets(), messageId, timestamp, body));
        long started = System.nanoTime();
        int status = 0;
        String excerpt = "";
        String error = "";
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream in = response.body()) {
                excerpt = new String(in.readNBytes(EXCERPT), StandardCharsets.UTF_8);
            }
        } catch (IOException | IllegalArgumentException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        long elapsed = System.nanoTime() - started;
        long millis = elapsed / 1_000_000;
        boolean ok = status >= 200 && status < 300;
        Timer.builder("coffer.webhook.deliveries").tag("outcome", ok ? "success" : status > 0 ? "rejected" : "unreachable")
                .description("Webhook delivery tries, by how the receiver answered").register(app.metrics())
                .record(elapsed, TimeUnit.NANOSECONDS);
        if (ok) {
            record(hookRecord, attempt, messageId, event, body, status, millis, excerpt, "", null);
            if (hook.failingSince() != null) {
                update(hookRecord, r -> r.set("failingSince", ""));
            }
            return Result.SENT;
        }
        String reason = status > 0 ? "HTTP " + status : error;
        if (status == 410) {
            record(hookRecord, attempt, messageId, event, body, status, millis, excerpt, error, null);
            disable(hookRecord, "The receiver answered 410 Gone.", false);
            return Result.stop("410 Gone: webhook disabled");
        }
        Instant failingSince = hook.failingSince() == null ? now : hook.failingSince();
        if (!forced && Duration.between(failingSince, now).compareTo(webhooks.autoDisableAfter()) >= 0) {
            record(hookRecord, attempt, messageId, event, body, status, millis, excerpt, error, null);
            disable(hookRecord, "Deliveries failed for " + webhooks.autoDisableAfter().toDays() + " days.", true);
            return Result.stop(reason + "; webhook disabled after failing since " + failingSince);
        }
        if (hook.failingSince() == null) {
            update(hookRecord, r -> r.set("failingSince", DateTime.format(now)));
        }
        List<Duration> schedule = webhooks.retrySchedule();
        Instant next = attempt < maxAttempts && attempt <= schedule.size()
                ? now.plus(schedule.get(Math.max(attempt, 1) - 1)) : null;
        record(hookRecord, attempt, messageId, event, body, status, millis, excerpt, error, next);
        return next == null ? Result.stop(reason + " on the last try") : Result.retry(next, reason);
    }

    private static boolean reserved(String header) {
        String h = header.toLowerCase(java.util.Locale.ROOT);
        return h.startsWith("webhook-") || h.equals("content-type") || h.equals("content-length") || h.equals("host")
                || h.equals("connection") || h.equals("user-agent") || h.equals("expect") || h.equals("upgrade");
    }

    private void record(Record hook, int attempt, String messageId, String event, String body, int status,
            long millis, String excerpt, String error, Instant next) {
        Optional<Collection> deliveries = app.collections().find(Webhooks.DELIVERIES);
        if (deliveries.isEmpty()) {
            return;
        }
        Record d = new Record(deliveries.get());
        d.set("webhook", hook.id());
        d.set("event", event);
        d.set("messageId", messageId);
        d.set("url", hook.getString("url"));
        d.set("attempt", attempt);
        d.set("status", status);
        d.set("success", status >= 200 && status < 300);
        d.set("duration", millis);
        d.set("request", parseOrText(body));
        d.set("response", excerpt);
        d.set("error", error);
        d.set("nextAttempt", next == null ? "" : DateTime.format(next));
        // saved with the job's outcome: one commit for a round of deliveries
        Jobs.writeWithOutcome(() -> app.save(d));
    }

    private static Object parseOrText(String body) {
        try {
            return Json.parse(body);
        } catch (RuntimeException e) {
            return Json.MAPPER.getNodeFactory().stringNode(body);
        }
    }

    private void disable(Record hook, String reason, boolean mail) {
        update(hook, r -> {
            r.set("enabled", false);
            r.set("disabledReason", reason);
        });
        LOG.warn("webhook {} ({}) disabled: {}", hook.id(), hook.getString("url"), reason);
        if (mail) {
            mailSuperusers(hook, reason);
        }
    }

    private void update(Record hook, java.util.function.Consumer<Record> change) {
        try {
            Record fresh = webhooks.webhookRecord(hook.id()).orElse(null);
            if (fresh == null) {
                return;
            }
            change.accept(fresh);
            app.save(fresh);
            webhooks.forget();
        } catch (RuntimeException e) {
            LOG.warn("could not update webhook {}: {}", hook.id(), e.getMessage());
        }
    }

    private void mailSuperusers(Record hook, String reason) {
        try {
            Collection superusers = app.collections().find("_superusers").orElseThrow();
            List<String> to = app.records().query(superusers, "", List.of(), 0).stream()
                    .map(r -> r.getString("email"))
                    .filter(e -> !e.isEmpty() && !e.equals(dev.coffer.core.auth.Superusers.INSTALLER_EMAIL)).toList();
            if (to.isEmpty()) {
                return;
            }
            String name = hook.getString("name").isEmpty() ? hook.getString("url") : hook.getString("name");
            String text = "The webhook " + name + " (" + hook.getString("url") + ") was disabled: " + reason
                    + "\n\nFix the receiver, then enable the webhook again in the dashboard (_webhooks).";
            String html = "<p>The webhook <strong>" + escape(name) + "</strong> (" + escape(hook.getString("url"))
                    + ") was disabled: " + escape(reason) + "</p><p>Fix the receiver, then enable the webhook again in"
                    + " the dashboard (<code>_webhooks</code>).</p>";
            app.mailer().send(new MailMessage(app.settings().senderName(), app.settings().senderAddress(), to,
                    "Webhook disabled: " + name, html, text));
        } catch (RuntimeException e) {
            LOG.warn("could not mail the superusers about disabled webhook {}: {}", hook.id(), e.getMessage());
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
