package dev.coffer.core.jobs;

import dev.coffer.core.Actor;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.security.RandomString;
import dev.coffer.tools.types.DateTime;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The app's durable job queue. Java code registers a {@link JobHandler} per job type and enqueues jobs; the queue is
 * the {@code _jobs} table of the data database, so a job enqueued inside a write transaction (a hook, a batch) is
 * stored only if that transaction commits, and stored jobs survive a crash or {@code kill -9}.
 *
 * <p>Delivery is at least once: a job runs until its handler returns, and a failed try is repeated after the type's
 * {@link RetryPolicy} delay until its tries run out, then it is {@link JobState#DEAD dead}. A running job is held by
 * its worker for the type's visibility timeout, renewed while the handler runs; a job whose holder crashed is taken
 * again once the hold runs out (on SQLite, which one process uses, at the next start). No job runs twice at the
 * same time: on PostgreSQL and MariaDB several instances share the queue and take jobs with
 * {@code FOR UPDATE SKIP LOCKED}.
 *
 * <pre>{@code
 * app.jobs().handle("thumbnail", job -> render(job.payload().get("file").asString()));
 * app.jobs().enqueue("thumbnail", Json.object().put("file", "a.png"));
 * }</pre>
 */
public final class Jobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    /** How many incoming jobs a worker's round moves to the queue proper at most. */
    private static final int MOVE_BATCH = 1000;

    private final Database db;
    private final boolean incoming; // jobs are taken in through _jobsIncoming (see JobTable)
    private final String workerId;
    private final Map<String, Registration> handlers = new ConcurrentHashMap<>();
    private volatile InstantSource clock = InstantSource.system();
    private volatile JobListener listener = JobListener.NONE;
    private JobWorker worker;
    private volatile boolean contended;
    private volatile boolean paused;

    /** A handler with how its jobs run. */
    record Registration(JobHandler handler, JobOptions options) {}

    /** Creates the queue of a database; {@code instanceId} names this process among those sharing it. */
    public Jobs(Database db, String instanceId) {
        this.db = db;
        this.incoming = db.dialect().cheapUnindexedAppends();
        this.workerId = instanceId + "/" + RandomString.alphanumeric(6);
    }

    /** Creates the {@code _jobs} table when missing (in the app's start-up transaction). */
    public static void install(Connection c, Dialect dialect) throws SQLException {
        JobTable.ensure(c, dialect);
    }

    /** Registers the handler of a job type with the default options, replacing an earlier one. */
    public Jobs handle(String type, JobHandler handler) {
        return handle(type, handler, JobOptions.DEFAULT);
    }

    /** Registers the handler of a job type, replacing an earlier one; its jobs run with {@code options}. */
    public Jobs handle(String type, JobHandler handler, JobOptions options) {
        requireType(type);
        if (handler == null || options == null) {
            throw new IllegalArgumentException("a handler and options are required");
        }
        handlers.put(type, new Registration(handler, options));
        wake();
        return this;
    }

    /** The job types this process has handlers for. */
    public Set<String> types() {
        return Set.copyOf(handlers.keySet());
    }

    /** Enqueues a job to run now; returns its id. */
    public String enqueue(String type, JsonNode payload) {
        return enqueueAt(type, payload, null);
    }

    /**
     * Enqueues a job to run at {@code when} (null or past: now); returns its id. Inside a write transaction the job
     * is stored with that transaction (and never runs if it rolls back); workers are woken when it commits. Its
     * tries are the registered type's ({@link RetryPolicy#DEFAULT} when none is registered yet).
     */
    public String enqueueAt(String type, JsonNode payload, Instant when) {
        requireType(type);
        Registration r = handlers.get(type);
        int maxAttempts = (r == null ? JobOptions.DEFAULT : r.options()).retry().maxAttempts();
        Instant now = clock.instant();
        Instant runAt = when == null || when.isBefore(now) ? now : when;
        String created = DateTime.format(now);
        Job job = new Job(newId(now), type, payload == null ? JsonNodeFactory.instance.nullNode() : payload,
                JobState.PENDING, 0, maxAttempts, runAt, "", created, created);
        db.write(c -> {
            JobTable.insert(c, job, incoming);
            return null;
        });
        if (!paused) { // resuming wakes the workers
            db.afterCommit(this::wake);
        }
        listener.enqueued(type);
        return job.id();
    }

    /**
     * A new job id: 15 lower-case letters and digits, the first 9 the enqueue time (milliseconds, base 36, so ids
     * sort by time and new rows go to the end of the key's index instead of a random page), then 6 random.
     */
    static String newId(Instant now) {
        String time = Long.toString(Math.max(now.toEpochMilli(), 0), 36);
        String padded = "000000000".substring(Math.min(time.length(), 9)) + time;
        return padded.substring(padded.length() - 9) + RandomString.of(6, RandomString.LOWER_ALPHANUMERIC);
    }

    /** The job with this id. */
    public Optional<Job> find(String id) {
        return Optional.ofNullable(db.read(c -> {
            Job job = JobTable.find(c, id);
            return job != null || !incoming ? job : JobTable.findIncoming(c, id);
        }));
    }

    /** A page (1-based) of jobs, newest first, in a state and of a type (null: any). */
    public JobPage list(JobState state, String type, int page, int perPage) {
        int p = Math.max(page, 1);
        int pp = Math.min(Math.max(perPage, 1), 500);
        if (incoming && (state == null || state == JobState.PENDING)) {
            db.write(this::moveAllIncoming);
        }
        return db.read(c -> JobTable.list(c, state, type, p, pp));
    }

    /** How many jobs are in each state. */
    public Map<JobState, Long> counts() {
        return db.read(c -> {
            Map<JobState, Long> counts = JobTable.counts(c);
            if (incoming) {
                counts.merge(JobState.PENDING, JobTable.countIncoming(c), Long::sum);
            }
            return counts;
        });
    }

    /**
     * Runs a dead, cancelled or done job again from its first try, now; false when it is pending or running (or
     * doesn't exist).
     */
    public boolean retry(String id) {
        boolean moved = db.write(c -> JobTable.move(c, id, EnumSet.of(JobState.DEAD, JobState.CANCELLED,
                JobState.DONE), JobState.PENDING, true, clock.instant()));
        if (moved) {
            db.afterCommit(this::wake);
        }
        return moved;
    }

    /** Cancels a pending job (a failed one waiting for its next try included); false when it isn't pending. */
    public boolean cancel(String id) {
        return db.write(c -> {
            moveAllIncoming(c);
            return JobTable.move(c, id, EnumSet.of(JobState.PENDING), JobState.CANCELLED, false, clock.instant());
        });
    }

    /**
     * Deletes the jobs in a finished state ({@link JobState#DONE}, {@link JobState#DEAD} or
     * {@link JobState#CANCELLED}) last changed before {@code before} (null: all of them); returns how many.
     *
     * @throws IllegalArgumentException for pending or running jobs, which can't be purged
     */
    public int purge(JobState state, Instant before) {
        if (state == JobState.PENDING || state == JobState.RUNNING) {
            throw new IllegalArgumentException("only done, dead or cancelled jobs can be purged");
        }
        return db.write(c -> JobTable.purge(c, state, before));
    }

    /**
     * Starts {@code concurrency} worker threads taking due jobs of the registered types (once; a second call does
     * nothing). On a database only this process uses (SQLite), jobs left running by an earlier process are handed
     * back to the queue first.
     */
    public synchronized void start(int concurrency) {
        if (worker != null) {
            return;
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("at least one job worker is needed");
        }
        if (db.hasFile()) {
            db.write(JobTable::releaseRunning);
        }
        worker = new JobWorker(this, concurrency);
        worker.start();
    }

    /**
     * Stops the workers, letting running jobs finish for up to {@code graceMillis}; unfinished ones are taken again
     * later.
     */
    public synchronized void stop(long graceMillis) {
        if (worker != null) {
            worker.stop(graceMillis);
            worker = null;
        }
    }

    /** Stops the workers (10 s of grace). */
    @Override
    public void close() {
        stop(10_000);
    }

    /**
     * Runs every job due now on the calling thread, one after another, until none is due; returns how many ran. For
     * tests and tools; a running worker pool does the same in the background.
     */
    public int runDue() {
        int ran = 0;
        while (true) {
            List<Job> taken = claim(16);
            if (taken.isEmpty()) {
                return ran;
            }
            for (Job j : taken) {
                run(j);
                ran++;
            }
        }
    }

    /**
     * Stops this instance's workers from taking jobs (those running finish); enqueuing goes on, and other instances
     * keep working. For maintenance, or to let a burst of requests pass before the work it queued.
     */
    public void pause() {
        paused = true;
    }

    /** Lets this instance's workers take jobs again. */
    public void resume() {
        paused = false;
        wake();
    }

    /** Whether this instance's workers are {@link #pause paused}. */
    public boolean paused() {
        return paused;
    }

    /** Wakes the workers to look for due jobs now (after enqueuing elsewhere, or moving a test clock). */
    public void wake() {
        JobWorker w = worker;
        if (w != null) {
            w.wake();
        }
    }

    /** The clock the queue reads ({@link InstantSource#system()} unless a test set another). */
    public InstantSource clock() {
        return clock;
    }

    /** Makes the queue read another clock (for tests of delays and retries); wakes the workers. */
    public void clock(InstantSource value) {
        clock = value;
        wake();
    }

    /** Sets what is told of runs and failures (metrics); one listener per app. */
    public void listener(JobListener value) {
        listener = value == null ? JobListener.NONE : value;
    }

    // ---- what the worker uses

    /**
     * Takes up to {@code limit} due jobs of the registered types, looking first with a read so that idle polls don't
     * take the writer.
     */
    List<Job> claim(int limit) {
        List<String> types = List.copyOf(handlers.keySet());
        if (types.isEmpty() || limit <= 0) {
            return List.of();
        }
        Instant now = clock.instant();
        if (!db.read(c -> (incoming && JobTable.anyIncoming(c)) || JobTable.anyDue(c, types, now))) {
            contended = false;
            return List.of();
        }
        List<Job> taken = db.write(c -> {
            moveIncoming(c);
            return claimIn(c, now, limit);
        });
        contended = taken.isEmpty();
        return taken;
    }

    /** Moves every incoming job to the queue proper (for reads that list pending jobs, and cancelling). */
    private int moveAllIncoming(Connection c) throws SQLException {
        int moved = 0;
        for (int n; (n = moveIncoming(c)) > 0; ) {
            moved += n;
        }
        return moved;
    }

    /** Moves a batch of incoming jobs to the queue proper; returns how many. */
    private int moveIncoming(Connection c) throws SQLException {
        return incoming ? JobTable.moveIncoming(c, db.dialect(), MOVE_BATCH) : 0;
    }

    /** Takes up to {@code limit} due jobs of the registered types in the current write transaction. */
    private List<Job> claimIn(Connection c, Instant now, int limit) throws SQLException {
        return JobTable.claim(c, db.dialect(), List.copyOf(handlers.keySet()), workerId, now, holdUntil(now), limit);
    }

    /** Whether the last claim found due jobs but took none (other instances held them at that moment). */
    boolean contended() {
        return contended;
    }

    /** When a hold taken or renewed at {@code now} runs out, by job type. */
    private Function<String, Instant> holdUntil(Instant now) {
        return type -> {
            Registration r = handlers.get(type);
            return now.plus((r == null ? JobOptions.DEFAULT : r.options()).visibilityTimeout());
        };
    }

    /** The shortest visibility timeout of the registered types (holds are renewed a third of it apart). */
    Duration visibilityTimeout() {
        return handlers.values().stream().map(r -> r.options().visibilityTimeout()).min(Duration::compareTo)
                .orElse(JobOptions.DEFAULT.visibilityTimeout());
    }

    /** How a try ended: the job's next state, when it is due then, and the error of a failed try. */
    record Outcome(Job job, JobState next, Instant runAt, String error, List<Runnable> writes) {

        Outcome(Job job, JobState next, Instant runAt, String error) {
            this(job, next, runAt, error, List.of());
        }

        Outcome withWrites(List<Runnable> value) {
            return new Outcome(job, next, runAt, error, value);
        }
    }

    /** The writes handlers on this thread gave {@link #writeWithOutcome} during their current try. */
    private static final ThreadLocal<List<Runnable>> TRY_WRITES = new ThreadLocal<>();

    /**
     * From inside a handler: runs {@code write} (database work through the app, such as saving a record) in the
     * transaction that records how the current try ends, whether it succeeds or fails, so that what a try leaves
     * behind costs no commit of its own (the queue commits a round of tries at once). If that transaction fails the
     * try's outcome is lost with it and the job runs again; a write that throws is logged and left out. Outside a
     * handler it runs at once.
     */
    public static void writeWithOutcome(Runnable write) {
        List<Runnable> writes = TRY_WRITES.get();
        if (writes == null) {
            write.run();
        } else {
            writes.add(write);
        }
    }

    /** Runs one taken job through its handler and records how it ended. */
    void run(Job job) {
        record(List.of(execute(job)));
    }

    /** Runs one taken job through its handler; returns how it ended, not yet recorded. */
    Outcome execute(Job job) {
        Registration r = handlers.get(job.type());
        Instant started = clock.instant();
        if (r == null) { // unregistered since it was taken: back to the queue
            return new Outcome(job, JobState.PENDING, started, "no handler for " + job.type());
        }
        Outcome outcome;
        List<Runnable> writes = new ArrayList<>();
        TRY_WRITES.set(writes);
        try {
            Actor.runAs(() -> Actor.ofJob(job.type()), () -> {
                r.handler().handle(job);
                return null;
            });
            outcome = new Outcome(job, JobState.DONE, job.runAt(), "");
        } catch (Throwable t) {
            String error = describe(t);
            Instant now = clock.instant();
            boolean permanent = t instanceof JobFailure f && f.isPermanent();
            if (permanent || job.attempts() >= job.maxAttempts()) {
                outcome = new Outcome(job, JobState.DEAD, now, error);
            } else {
                Instant next = t instanceof JobFailure f && f.retryAt() != null ? f.retryAt()
                        : now.plus(r.options().retry().delayAfter(job.attempts()));
                outcome = new Outcome(job, JobState.PENDING, next, error);
            }
            if (!(t instanceof Exception)) {
                LOG.error("job {} ({}) failed with an error", job.id(), job.type(), t);
            }
        } finally {
            TRY_WRITES.remove();
        }
        if (!writes.isEmpty()) {
            outcome = outcome.withWrites(List.copyOf(writes));
        }
        listener.finished(job.type(), outcome.next(), elapsed(started));
        return outcome;
    }

    private long elapsed(Instant started) {
        return Math.max(0, clock.instant().toEpochMilli() - started.toEpochMilli());
    }

    /** Records how tries ended, in one transaction. */
    void record(List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        db.write(c -> {
            finishAll(c, outcomes, now);
            return null;
        });
    }

    /**
     * Records how tries ended and takes up to {@code limit} due jobs, in one write transaction (a worker's round
     * costs one commit however many jobs it ends and takes).
     */
    List<Job> recordAndClaim(List<Outcome> outcomes, int limit) {
        if (outcomes.isEmpty()) {
            return claim(limit);
        }
        Instant now = clock.instant();
        List<Job> taken = db.write(c -> {
            finishAll(c, outcomes, now);
            if (limit > 0) {
                moveIncoming(c);
            }
            return claimIn(c, now, limit);
        });
        contended = false;
        return taken;
    }

    private void finishAll(Connection c, List<Outcome> outcomes, Instant now) throws SQLException {
        for (Outcome o : outcomes) {
            for (Runnable write : o.writes()) {
                try {
                    Actor.runAs(() -> Actor.ofJob(o.job().type()), () -> {
                        write.run();
                        return null;
                    });
                } catch (Exception e) { // the try's outcome is recorded without it
                    LOG.warn("a write of job {} ({}) failed: {}", o.job().id(), o.job().type(), e.toString());
                }
            }
            if (!JobTable.finish(c, o.job(), workerId, o.next(), o.runAt(), o.error(), now)) {
                LOG.warn("job {} ({}) try {} ended after its hold ran out; another worker has it now", o.job().id(),
                        o.job().type(), o.job().attempts());
            }
        }
    }

    /** Renews the holds of jobs this process runs. */
    void extend(Collection<Job> running) {
        if (running.isEmpty()) {
            return;
        }
        Function<String, Instant> until = holdUntil(clock.instant());
        db.write(c -> {
            JobTable.extend(c, running, workerId, until);
            return null;
        });
    }

    /** Deletes done and cancelled jobs older than a week (the worker does this now and then). */
    void cleanUp() {
        Instant weekAgo = clock.instant().minus(Duration.ofDays(7));
        purge(JobState.DONE, weekAgo);
        purge(JobState.CANCELLED, weekAgo);
    }

    private static String describe(Throwable t) {
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getName() : t.getMessage();
        return message.length() > 2000 ? message.substring(0, 2000) : message;
    }

    private static void requireType(String type) {
        if (type == null || type.isBlank() || type.length() > 255) {
            throw new IllegalArgumentException("a job type must be 1 to 255 characters");
        }
    }
}
