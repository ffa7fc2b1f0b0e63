package dev.coffer.core;

import dev.coffer.core.auth.ExpiredAuthCleanup;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cron jobs every app has, with PocketBase's ids and schedules: old logs cleanup every six hours, database
 * maintenance daily, expired MFA sessions and OTPs cleanup hourly, and automatic backups on {@code backups.cron}.
 * A failing job logs a warning.
 */
final class SystemJobs {

    static final String LOGS_CLEANUP = "__pbLogsCleanup__";
    static final String DB_OPTIMIZE = "__pbDBOptimize__";
    static final String MFA_CLEANUP = "__pbMFACleanup__";
    static final String OTP_CLEANUP = "__pbOTPCleanup__";
    static final String AUTO_BACKUP = "__pbAutoBackup__";

    private static final Logger LOG = LoggerFactory.getLogger(SystemJobs.class);

    private SystemJobs() {}

    /** Registers the jobs on the app's cron, in PocketBase's order (the crons list shows them in it). */
    static void register(App app) {
        app.cron().add(DB_OPTIMIZE, "0 0 * * *", guarded(app, "Failed to run periodic database maintenance", () -> {
            app.db().optimize();
            app.auxDb().optimize();
        }));
        app.cron().add(MFA_CLEANUP, "0 * * * *", guarded(app, "Failed to delete expired MFA sessions",
                () -> ExpiredAuthCleanup.deleteExpiredMfas(app)));
        app.cron().add(OTP_CLEANUP, "0 * * * *", guarded(app, "Failed to delete expired OTPs",
                () -> ExpiredAuthCleanup.deleteExpiredOtps(app)));
        app.cron().add(LOGS_CLEANUP, "0 */6 * * *", guarded(app, "Failed to delete old logs", () ->
                app.logs().deleteCreatedBefore(Instant.now().minus(app.settings().logsMaxDays(), ChronoUnit.DAYS))));
    }

    /**
     * Schedules {@code __pbAutoBackup__} on the {@code backups.cron} expression of the current settings, or removes
     * it when the expression is empty (or unusable, which is logged).
     */
    static void scheduleAutoBackups(App app) {
        String expression = app.settings().backupsCron();
        if (expression == null || expression.isBlank()) {
            app.cron().remove(AUTO_BACKUP);
            return;
        }
        try {
            app.cron().add(AUTO_BACKUP, expression, guarded(app, "Failed to create an automatic backup", () -> {
                try {
                    app.backups().createAuto();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        } catch (IllegalArgumentException e) {
            app.cron().remove(AUTO_BACKUP);
            LOG.warn("backups.cron {} is not a usable cron expression: {}", expression, e.getMessage());
        }
    }

    private static Runnable guarded(App app, String failure, Runnable job) {
        return () -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: {}", failure, e.getMessage());
                app.logger().warn(failure, Map.of("error", String.valueOf(e.getMessage())));
            }
        };
    }
}
