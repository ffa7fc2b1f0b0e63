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

/**
 * Sends one delivery try (the handler of {@link Webhooks#JOB_TYPE} jobs): signs the stored body, posts it with a 15 s
 * limit and no redirects, records the try in {@code _webhookDeliveries}, and decides what follows: a 2xx ends it; a
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

    /** Runs one try of a delivery job. */
    void send(Job job) throws InterruptedException {
        JsonNode p = job.payload();
        String webhookId = p.path("webhook").asString("");
        Optional<Record> found = webhooks.webhookRecord(webhookId);
        if (found.isEmpty()) {
            return; // deleted since: nothing to send
        }
        Record hookRecord = found.get();
        Instant now = app.jobs().clock().instant();
        Webhook hook = Webhook.of(hookRecord, now);
        boolean forced = p.path("force").asBoolean(false);
        if (!hook.enabled() && !forced) {
            return; // disabled since the change: the delivery is dropped
        }
        String messageId = p.path("messageId").asString("");
        String event = p.path("event").asString("");
        String body = p.path("body").asString("");
        Optional<String> refused = WebhookUrl.problem(hook.url(), webhooks.ownOrigins());
        if (refused.isPresent()) {
            record(hookRecord, job, messageId, event, body, 0, 0, "", "refused: " + refused.get(), null);
            throw JobFailure.permanent("refused " + hook.url() + ": " + refused.get());
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
            record(hookRecord, job, messageId, event, body, status, millis, excerpt, "", null);
            if (hook.failingSince() != null) {
                update(hookRecord, r -> r.set("failingSince", ""));
            }
            return;
        }
        String reason = status > 0 ? "HTTP " + status : error;
        if (status == 410) {
            record(hookRecord, job, messageId, event, body, status, millis, excerpt, error, null);
            disable(hookRecord, "The receiver answered 410 Gone.", false);
            throw JobFailure.permanent("410 Gone: webhook disabled");
        }
        Instant failingSince = hook.failingSince() == null ? now : hook.failingSince();
        if (!forced && Duration.between(failingSince, now).compareTo(webhooks.autoDisableAfter()) >= 0) {
            record(hookRecord, job, messageId, event, body, status, millis, excerpt, error, null);
            disable(hookRecord, "Deliveries failed for " + webhooks.autoDisableAfter().toDays() + " days.", true);
            throw JobFailure.permanent(reason + "; webhook disabled after failing since " + failingSince);
        }
        if (hook.failingSince() == null) {
            update(hookRecord, r -> r.set("failingSince", DateTime.format(now)));
        }
        List<Duration> schedule = webhooks.retrySchedule();
        Instant next = job.attempts() <= schedule.size() && job.attempts() < job.maxAttempts()
                ? now.plus(schedule.get(Math.max(job.attempts(), 1) - 1)) : null;
        record(hookRecord, job, messageId, event, body, status, millis, excerpt, error, next);
        if (next == null) {
            throw JobFailure.permanent(reason + " on the last try");
        }
        throw JobFailure.retryAt(reason, next);
    }

    private static boolean reserved(String header) {
        String h = header.toLowerCase(java.util.Locale.ROOT);
        return h.startsWith("webhook-") || h.equals("content-type") || h.equals("content-length") || h.equals("host")
                || h.equals("connection") || h.equals("user-agent") || h.equals("expect") || h.equals("upgrade");
    }

    private void record(Record hook, Job job, String messageId, String event, String body, int status, long millis,
            String excerpt, String error, Instant next) {
        Optional<Collection> deliveries = app.collections().find(Webhooks.DELIVERIES);
        if (deliveries.isEmpty()) {
            return;
        }
        Record d = new Record(deliveries.get());
        d.set("webhook", hook.id());
        d.set("event", event);
        d.set("messageId", messageId);
        d.set("url", hook.getString("url"));
        d.set("attempt", job.attempts());
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
