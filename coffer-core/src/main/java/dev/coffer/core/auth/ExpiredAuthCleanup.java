package dev.coffer.core.auth;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import dev.coffer.tools.types.DateTime;
import java.time.Instant;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Deletes the MFA sessions ({@code _mfas}) and one-time passwords ({@code _otps}) that have outlived the
 * duration their auth collection allows, for every auth collection, whether MFA or OTP is enabled or not.
 * Rows go through {@link App#delete} so the delete hooks run.
 */
public final class ExpiredAuthCleanup {

    /** The system collection of MFA sessions. */
    public static final String MFAS = "_mfas";

    private ExpiredAuthCleanup() {}

    /** Deletes the expired MFA sessions; returns how many. */
    public static int deleteExpiredMfas(App app) {
        return deleteExpired(app, MFAS, c -> c.authOptions().mfa().duration());
    }

    /** Deletes the expired one-time passwords; returns how many. */
    public static int deleteExpiredOtps(App app) {
        return deleteExpired(app, Otps.COLLECTION, c -> c.authOptions().otp().duration());
    }

    private static int deleteExpired(App app, String target, ToLongFunction<Collection> durationSeconds) {
        Collection store = app.collections().find(target).orElse(null);
        if (store == null) {
            return 0;
        }
        var dialect = app.db().dialect();
        String where = dialect.quote("collectionRef") + " = ? AND " + dialect.quote("created") + " < ?";
        int deleted = 0;
        for (Collection auth : app.collections().all()) {
            if (!auth.isAuth()) {
                continue;
            }
            String minValid = DateTime.format(Instant.now().minusSeconds(durationSeconds.applyAsLong(auth)));
            List<Record> expired = app.records().query(store, where, List.of(auth.id(), minValid), 0);
            if (!expired.isEmpty()) {
                app.deleteAll(expired);
                deleted += expired.size();
            }
        }
        return deleted;
    }
}
