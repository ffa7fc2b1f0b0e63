package dev.coffer.core;

import dev.coffer.core.record.Record;
import dev.coffer.tools.db.Database;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Who makes a change: an authenticated record (a superuser is one), a guest request, a cron job or the system
 * (Java code outside any request), with the request's IP and user agent when there is a request. The HTTP layer
 * sets it for each request; history and audit entries read it.
 *
 * @param kind {@code superuser}, {@code record}, {@code guest}, {@code cron}, {@code job} or {@code system}
 * @param collection the auth record's collection name (empty unless {@code record} or {@code superuser})
 * @param id the auth record's id, the cron job's id or the queued job's type (else empty)
 * @param ip the request's client IP (empty without a request)
 * @param userAgent the request's {@code User-Agent} (empty without a request)
 */
public record Actor(String kind, String collection, String id, String ip, String userAgent) {

    /** Changes made by Java code outside any request (the default). */
    public static final Actor SYSTEM = new Actor("system", "", "", "", "");

    private static final ThreadLocal<Supplier<Actor>> CURRENT = new ThreadLocal<>();

    static {
        Database.carryToWrites(CURRENT);
    }

    /** The actor of a request made with {@code auth} (null for a guest). */
    public static Actor ofRequest(Record auth, String ip, String userAgent) {
        if (auth == null) {
            return new Actor("guest", "", "", nonNull(ip), nonNull(userAgent));
        }
        return new Actor(auth.isSuperuser() ? "superuser" : "record", auth.collection().name(), auth.id(), nonNull(ip),
                nonNull(userAgent));
    }

    /** The actor of a cron job. */
    public static Actor ofCron(String jobId) {
        return new Actor("cron", "", jobId, "", "");
    }

    /** The actor of a background job of the queue ({@code job/TYPE} in history). */
    public static Actor ofJob(String type) {
        return new Actor("job", "", type, "", "");
    }

    /** Who is making changes on this thread now ({@link #SYSTEM} outside any request or job). */
    public static Actor current() {
        Supplier<Actor> s = CURRENT.get();
        Actor a = s == null ? null : s.get();
        return a == null ? SYSTEM : a;
    }

    /**
     * Runs work with {@code actor} as the current actor (asked for when a change needs it: a request's auth may be
     * set while it runs), then restores the previous one.
     */
    public static <T> T runAs(Supplier<Actor> actor, Callable<T> work) throws Exception {
        Supplier<Actor> previous = CURRENT.get();
        CURRENT.set(actor);
        try {
            return work.call();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /** How the actor is written in history entries: {@code users/ID}, {@code _superusers/ID}, {@code cron/ID}, … */
    public String label() {
        return switch (kind) {
            case "record", "superuser" -> collection + "/" + id;
            case "cron" -> "cron/" + id;
            case "job" -> "job/" + id;
            default -> kind;
        };
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
