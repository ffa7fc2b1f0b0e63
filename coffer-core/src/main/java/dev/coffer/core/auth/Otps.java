package dev.coffer.core.auth;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.FieldPassword;
import dev.coffer.core.record.Record;
import dev.coffer.tools.security.Passwords;
import dev.coffer.tools.types.DateTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One-time passwords, stored as records of the {@code _otps} system collection: which auth record they are
 * for, the bcrypt hash of the code, and the address the code was mailed to.
 */
public final class Otps {

    /** The system collection of OTPs. */
    public static final String COLLECTION = "_otps";

    private final App app;

    /** The OTPs of an app. */
    public Otps(App app) {
        this.app = app;
    }

    private Collection collection() {
        return app.collections().find(COLLECTION)
                .orElseThrow(() -> new IllegalStateException("missing system collection " + COLLECTION));
    }

    /** Stores a new OTP with the code's hash for the auth record. */
    public Record create(Record authRecord, String code) {
        Collection c = collection();
        int cost = c.field("password").filter(FieldPassword.class::isInstance)
                .map(f -> ((FieldPassword) f).cost()).orElse(0);
        Record otp = new Record(c);
        otp.set("collectionRef", authRecord.collection().id());
        otp.set("recordRef", authRecord.id());
        otp.set("password", Passwords.hash(code, cost));
        app.save(otp);
        return otp;
    }

    /** An OTP by id. */
    public Optional<Record> find(String id) {
        return app.records().findById(collection(), id);
    }

    /** The OTPs issued to an auth record, newest first. */
    public List<Record> ofRecord(Record authRecord) {
        String q = app.db().dialect().quote("collectionRef") + " = ? AND " + app.db().dialect().quote("recordRef") + " = ?";
        return app.records().query(collection(), q, List.of(authRecord.collection().id(), authRecord.id()), 0).stream()
                .sorted(Comparator.comparing((Record r) -> r.getString("created")).reversed())
                .toList();
    }

    /** Whether an OTP is older than the given lifetime (an unreadable creation date counts as expired). */
    public static boolean expired(Record otp, long durationSeconds) {
        return DateTime.parse(otp.getString("created"))
                .map(c -> c.plus(Duration.ofSeconds(durationSeconds)).isBefore(Instant.now()))
                .orElse(true);
    }

    /** Whether the code matches the OTP's stored hash. */
    public static boolean matches(Record otp, String code) {
        return Passwords.matches(code, otp.getString("password"));
    }

    /** The address the code was mailed to, or {@code ""}. */
    public static String sentTo(Record otp) {
        return otp.getString("sentTo");
    }

    /** Records the address an OTP was mailed to, unless it is gone or already has one. */
    public void markSentTo(String otpId, String address) {
        find(otpId).filter(o -> sentTo(o).isEmpty()).ifPresent(o -> {
            o.set("sentTo", address);
            app.save(o);
        });
    }
}
