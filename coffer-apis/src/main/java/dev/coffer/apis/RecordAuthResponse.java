package dev.coffer.apis;

import dev.coffer.apis.event.RecordAuthRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.auth.AuthMails;
import dev.coffer.core.collection.AuthOptions;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordExpander;
import dev.coffer.core.record.RecordJson;
import dev.coffer.core.rules.FieldReadAccess;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes the response of every successful authentication: checks the superuser IP list and the collection's
 * auth rule, runs the auth request hook, enforces MFA, records the login origin and returns
 * {@code {token, record, meta?}} with the requested expands.
 */
final class RecordAuthResponse {

    static final String METHOD_PASSWORD = "password";
    private static final String MFAS = "_mfas";
    private static final String AUTH_ORIGINS = "_authOrigins";
    private static final int MAX_ORIGINS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(RecordAuthResponse.class);

    private final ApiHooks hooks;

    RecordAuthResponse(ApiHooks hooks) {
        this.hooks = hooks;
    }

    void respond(RequestEvent e, Record record, String token, String authMethod, Object meta) throws Exception {
        App app = e.app();
        if (record.isSuperuser()) {
            List<String> allowed = app.settings().superuserIps();
            if (!allowed.isEmpty() && !allowed.contains(e.realIP())) {
                throw ApiError.forbidden("");
            }
        }
        RequestInfo info = e.requestInfo();
        if (!app.rules().canAccess(record, info, record.collection().authOptions().authRule())) {
            throw ApiError.forbidden("The request doesn't satisfy the collection requirements to authenticate.");
        }
        RecordAuthRequestEvent event = new RecordAuthRequestEvent(e, record, token, meta, authMethod);
        hooks.onRecordAuthRequest().trigger(event, ev -> {
            if (ev.written()) {
                return;
            }
            String mfaId = checkMfa(ev, ev.record(), ev.authMethod());
            if (!mfaId.isEmpty()) {
                ObjectNode body = Json.object();
                body.put("mfaId", mfaId);
                ev.json(401, body);
                return;
            }
            Record authRecord = ev.record();
            String expand = ev.query("expand");
            if (!expand.isEmpty()) {
                RecordExpander.expand(app, List.of(authRecord), Arrays.asList(expand.split(",")), info.withAuth(authRecord));
            }
            if (!ev.authMethod().isEmpty() && authRecord.collection().authOptions().rawJson().path("authAlert").path("enabled").asBoolean(false)) {
                rememberOrigin(ev, authRecord);
            }
            FieldReadAccess.apply(app.rules(), List.of(authRecord), info.withAuth(authRecord));
            ObjectNode out = Json.object();
            if (ev.meta() != null) {
                out.set("meta", Json.MAPPER.valueToTree(ev.meta()));
            }
            out.set("record", RecordJson.write(authRecord, new RecordJson.Visibility(authRecord.isSuperuser(), true)));
            out.put("token", ev.token());
            ev.json(200, out);
        });
    }

    /**
     * Applies MFA: returns a new MFA session id when this is a first factor, or {@code ""} when no further
     * factor is needed.
     */
    private static String checkMfa(RequestEvent e, Record record, String method) {
        AuthOptions.Mfa mfa = record.collection().authOptions().mfa();
        if (!mfa.enabled() || method.isEmpty()) {
            return "";
        }
        App app = e.app();
        if (!mfa.rule().isEmpty() && !app.rules().matches(record, e.requestInfo(), mfa.rule())) {
            return "";
        }
        Collection mfas = app.collections().find(MFAS)
                .orElseThrow(() -> ApiError.internal("Failed to create MFA record."));
        String mfaId = e.query("mfaId");
        if (mfaId.isEmpty()) {
            mfaId = e.body().path("mfaId").asString("");
        }
        if (mfaId.isEmpty()) {
            Record session = new Record(mfas);
            session.set("collectionRef", record.collection().id());
            session.set("recordRef", record.id());
            session.set("method", method);
            app.save(session);
            return session.id();
        }
        Optional<Record> session = app.records().findById(mfas, mfaId);
        boolean expired = session.map(s -> DateTime.parse(s.getString("created"))
                .map(c -> c.plus(Duration.ofSeconds(mfa.duration())).isBefore(Instant.now())).orElse(true)).orElse(true);
        if (session.isEmpty() || expired) {
            session.ifPresent(app::delete);
            throw ApiError.badRequest("Invalid or expired MFA session.");
        }
        Record s = session.get();
        if (!s.getString("recordRef").equals(record.id()) || !s.getString("collectionRef").equals(record.collection().id())) {
            throw ApiError.badRequest("Invalid MFA session.");
        }
        if (s.getString("method").equals(method)) {
            throw ApiError.badRequest("A different authentication method is required.");
        }
        app.delete(s);
        return "";
    }

    /**
     * Stores the login origin (IP and user agent fingerprint) of the record and, when the record logged in
     * before from elsewhere, mails it a new-login alert (an origin whose alert fails is not stored). Keeps the
     * newest {@value #MAX_ORIGINS} origins.
     */
    private static void rememberOrigin(RequestEvent e, Record record) {
        App app = e.app();
        Optional<Collection> origins = app.collections().find(AUTH_ORIGINS);
        if (origins.isEmpty()) {
            return;
        }
        String ua = e.header("User-Agent");
        if (ua.length() > 200) {
            ua = ua.substring(0, 200) + "...";
        }
        String fingerprint = md5(e.realIP() + ua);
        String q = app.db().dialect().quote("collectionRef") + " = ? AND " + app.db().dialect().quote("recordRef") + " = ?";
        List<Record> known = app.records().query(origins.get(), q, List.of(record.collection().id(), record.id()), 0)
                .stream().sorted(Comparator.comparing((Record r) -> r.getString("created")).reversed()).toList();
        Record origin = known.stream().filter(o -> o.getString("fingerprint").equals(fingerprint)).findFirst()
                .orElseGet(() -> {
                    Record r = new Record(origins.get());
                    r.set("collectionRef", record.collection().id());
                    r.set("recordRef", record.id());
                    r.set("fingerprint", fingerprint);
                    return r;
                });
        if (!origin.persisted()) {
            if (!known.isEmpty() && !record.email().isEmpty()
                    && !sendAlert(app, record, DateTime.now() + " - " + e.realIP() + " " + ua)) {
                return; // as PocketBase: an origin whose alert could not be sent is not remembered, so the next
                        // login from it alerts again
            }
            for (int i = known.size() - 1; i >= MAX_ORIGINS - 1; i--) {
                app.delete(known.get(i));
            }
        }
        app.save(origin);
    }

    /** Mails the new-login alert; false (logged) when it could not be sent. */
    private static boolean sendAlert(App app, Record record, String info) {
        try {
            AuthMails.send(app, AuthMails.Kind.AUTH_ALERT, record, AuthMails.authAlert(app, record, info),
                    Map.of("info", info));
            return true;
        } catch (RuntimeException ex) {
            LOG.warn("failed to send the login alert to {} {}", record.collection().name(), record.id(), ex);
            return false;
        }
    }

    private static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
