package dev.coffer.apis;

import dev.coffer.apis.event.RecordFlowRequestEvent;
import dev.coffer.core.App;
import dev.coffer.core.auth.AuthCredentials;
import dev.coffer.core.auth.AuthMails;
import dev.coffer.core.auth.AuthRecordLookup;
import dev.coffer.core.auth.Otps;
import dev.coffer.core.collection.AuthOptions;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.security.RandomString;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One-time-password login: {@code request-otp} mails a numeric code and answers its id (a random id for an
 * unknown email), {@code auth-with-otp} exchanges id and code for an auth response. Codes are tried at most
 * five times per record and client within three minutes.
 */
final class RecordOtpApi {

    private static final Logger LOG = LoggerFactory.getLogger(RecordOtpApi.class);
    private static final String METHOD_OTP = "otp";
    private static final String INVALID = "Invalid or expired OTP.";
    /** Above this many unexpired codes a record gets its newest one again instead of a new one. */
    private static final int MAX_RECENT = 9;

    private final RecordAuthResponse responder;
    private final AttemptLimiter attempts = new AttemptLimiter(5, Duration.ofSeconds(180));

    private final ApiHooks hooks;

    private RecordOtpApi(RecordAuthResponse responder, ApiHooks hooks) {
        this.responder = responder;
        this.hooks = hooks;
    }

    /** Registers both OTP routes under the collection base path. */
    static void bind(ApiRouter router, String base, RecordAuthResponse responder, ApiHooks hooks) {
        RecordOtpApi api = new RecordOtpApi(responder, hooks);
        router.post(base + "request-otp", api::requestOtp);
        router.post(base + "auth-with-otp", api::authWithOtp);
    }

    private static AuthOptions.Otp enabledOtp(Collection collection) {
        AuthOptions.Otp otp = collection.authOptions().otp();
        if (!otp.enabled()) {
            throw ApiError.forbidden("The collection is not configured to allow OTP authentication.");
        }
        return otp;
    }

    private void requestOtp(RequestEvent e) throws Exception {
        Collection collection = RecordAuthApi.authCollection(e);
        AuthOptions.Otp options = enabledOtp(collection);
        String email = AuthFlowInput.text(e.body(), "email");
        FieldErrors errors = new FieldErrors();
        AuthFlowInput.requireEmail(errors, "email", email);
        errors.throwIfAny(AuthFlowInput.VALIDATE_ERROR);

        App app = e.app();
        Optional<Record> found = AuthRecordLookup.byEmail(app, collection, email);
        if (found.isEmpty()) {
            respondId(e, RandomString.recordId());
            return;
        }
        Record record = found.get();
        hooks.onRecordRequestOTPRequest().trigger(new RecordFlowRequestEvent(e, collection, record), ev -> {
            Otps otps = new Otps(app);
            Record otp = app.isDev() ? null : reusable(otps, record, options);
            if (otp == null) {
                String code = RandomString.of(options.length(), "1234567890");
                Record created = otps.create(record, code);
                otp = created;
                BackgroundMail.send(app, "OTP", () -> AuthMails.send(app, AuthMails.Kind.OTP, record,
                        AuthMails.otp(app, record, created.id(), code), Map.of("otpId", created.id(), "password", code)),
                        () -> otps.markSentTo(created.id(), record.email()), () -> app.delete(created));
            }
            respondId(ev, otp.id());
        });
    }

    /** The newest OTP of a record that already has too many unexpired ones, else null. */
    private static Record reusable(Otps otps, Record record, AuthOptions.Otp options) {
        List<Record> all = otps.ofRecord(record);
        long recent = all.stream().filter(o -> !Otps.expired(o, options.duration())).count();
        if (recent > MAX_RECENT) {
            LOG.warn("too many OTP requests for {} {}; reusing the newest", record.collection().name(), record.id());
            return all.get(0);
        }
        return null;
    }

    private static void respondId(RequestEvent e, String id) {
        ObjectNode out = Json.object();
        out.put("otpId", id);
        e.json(200, out);
    }

    private void authWithOtp(RequestEvent e) throws Exception {
        Collection collection = RecordAuthApi.authCollection(e);
        AuthOptions.Otp options = enabledOtp(collection);
        String otpId = AuthFlowInput.text(e.body(), "otpId");
        String password = AuthFlowInput.text(e.body(), "password");
        FieldErrors errors = new FieldErrors();
        AuthFlowInput.requireLength(errors, "otpId", otpId, 1, 255);
        AuthFlowInput.requireLength(errors, "password", password, 1, 71);
        errors.throwIfAny(AuthFlowInput.VALIDATE_ERROR);

        App app = e.app();
        Otps otps = new Otps(app);
        Record otp = otps.find(otpId)
                .filter(o -> o.getString("collectionRef").equals(collection.id()))
                .filter(o -> !Otps.expired(o, options.duration()))
                .orElseThrow(() -> ApiError.badRequest(INVALID));
        Record record = app.records().findById(collection, otp.getString("recordRef"))
                .orElseThrow(() -> ApiError.badRequest(INVALID));
        if (!attempts.tryAcquire(record.id() + "|" + e.realIP())) {
            throw new ApiError(429, "Too many attempts, please try again later with a new OTP.", null);
        }
        if (!Otps.matches(otp, password)) {
            throw ApiError.badRequest(INVALID);
        }
        try {
            app.delete(otp);
        } catch (RuntimeException ex) {
            LOG.error("failed to delete the used OTP {}", otp.id(), ex);
        }
        String sentTo = Otps.sentTo(otp);
        hooks.onRecordAuthWithOTPRequest().trigger(new RecordFlowRequestEvent(e, collection, record), ev -> {
            if (!record.verified() && !sentTo.isEmpty() && record.email().equals(sentTo)) {
                record.set("verified", true);
                if (!collection.authOptions().mfa().enabled()) {
                    AuthCredentials.setRandomPassword(record);
                }
                try {
                    app.save(record);
                } catch (RuntimeException ex) {
                    LOG.error("failed to mark {} verified after its OTP login", record.id(), ex);
                }
            }
            responder.respond(ev, record, app.tokens().newAuthToken(record, true), METHOD_OTP, null);
        });
    }
}
