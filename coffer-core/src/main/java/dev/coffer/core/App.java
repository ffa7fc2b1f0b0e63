package dev.coffer.core;

import dev.coffer.core.auth.RecordTokens;
import dev.coffer.core.auth.Superusers;
import dev.coffer.core.backup.Backups;
import dev.coffer.core.cluster.Cluster;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.core.ModelLifecycle.Change;
import dev.coffer.core.history.RecordHistory;
import dev.coffer.core.jobs.Jobs;
import dev.coffer.core.webhooks.Webhooks;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.logs.AppLogger;
import dev.coffer.core.logs.LogStore;
import dev.coffer.core.files.RecordFiles;
import dev.coffer.core.event.MailerEvent;
import dev.coffer.core.mail.MailException;
import dev.coffer.core.mail.MailMessage;
import dev.coffer.core.mail.Mailer;
import dev.coffer.core.mail.SettingsMailer;
import dev.coffer.core.metrics.AppMetrics;
import dev.coffer.core.metrics.JobMeters;
import dev.coffer.core.migrations.AppMigrations;
import dev.coffer.core.migrations.SystemMigrations;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordAutofill;
import dev.coffer.core.record.RecordDeleteException;
import dev.coffer.core.record.RecordStore;
import dev.coffer.core.rules.RecordRules;
import dev.coffer.core.settings.S3Settings;
import dev.coffer.core.settings.Settings;
import dev.coffer.core.settings.SettingsCodec;
import dev.coffer.core.settings.SettingsStore;
import dev.coffer.core.validation.FieldError;
import dev.coffer.core.validation.FieldErrors;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.cron.Cron;
import dev.coffer.tools.cluster.Bus;
import dev.coffer.tools.cluster.ClusterMember;
import dev.coffer.tools.cluster.Coordination;
import dev.coffer.tools.cluster.Relay;
import dev.coffer.tools.cluster.RelayBus;
import dev.coffer.tools.cluster.RelayProvider;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.DatabaseException;
import dev.coffer.tools.db.DatabaseUrl;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.filesystem.FileSystem;
import dev.coffer.tools.filesystem.LocalFileSystem;
import dev.coffer.tools.filesystem.S3FileSystem;
import dev.coffer.tools.security.AesGcm;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application over one data directory: its databases, collections, records, settings, tokens
 * and hooks. Opening it creates a missing data directory and brings the databases up to date with the
 * system migrations; an existing PocketBase data directory opens as it is.
 */
public final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    private static final String TOPIC_COLLECTIONS = "collections";
    private static final String TOPIC_SETTINGS = "settings";
    /**
     * Under the data directory: one empty file per instance that joined a cluster, named by its id (backups and
     * restores leave the folder alone).
     */
    public static final String INSTANCE_MARKERS = ".instances";

    private final AppConfig config;
    private final Database db;
    private final Database auxDb;
    private final CollectionRegistry collections;
    private final RecordStore records;
    private final RecordTokens tokens;
    private final RecordRules rules;
    private final AppHooks hooks = new AppHooks();
    private final ModelLifecycle lifecycle = new ModelLifecycle(this, hooks);
    private final RecordHistory history;
    private final Jobs jobs;
    private final Webhooks webhooks;
    private final AppMigrations migrations;
    private final RecordFiles localFiles;
    private volatile RecordFiles s3Files;
    private final Backups backups = new Backups(this);
    private volatile Mailer mailer = new SettingsMailer(this::settings);
    private final Mailer hookedMailer = this::sendThroughHooks;
    private volatile Settings settings;
    private final AppLogger logger;
    private final LogStore logs;
    private final AppMetrics metrics;
    private final Cron cron = new Cron();
    private final Cluster cluster = new Cluster();
    /** On a server database without a bus, this instance's listing among the database's instances (else null). */
    private volatile Coordination soloListing;

    private App(AppConfig config, Database db, Database auxDb) {
        this.config = config;
        this.db = db;
        this.auxDb = auxDb;
        this.collections = new CollectionRegistry(db);
        this.records = new RecordStore(db);
        this.tokens = new RecordTokens(collections, records);
        this.rules = new RecordRules(db, collections);
        this.localFiles = RecordFiles.local(config.dataDir().resolve("storage"));
        this.logger = new AppLogger(auxDb, this::settings);
        this.logs = new LogStore(auxDb);
        this.metrics = AppMetrics.bind(db, auxDb, logger.batcher());
        // what a cron job changes is the job's doing in the record history
        cron.runJobsWith((id, task) -> {
            try {
                Actor.runAs(() -> Actor.ofCron(id), () -> {
                    task.run();
                    return null;
                });
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
        SystemJobs.register(this);
        Superusers.bindInstallerCleanup(this);
        bindFileCleanup();
        this.history = RecordHistory.bind(this);
        this.jobs = new Jobs(db, cluster.instanceId());
        this.webhooks = Webhooks.bind(this);
        this.migrations = new AppMigrations(this);
        JobMeters.bind(metrics.registry(), jobs);
        bindCluster();
    }

    /**
     * Opens the data directory, creating and migrating it as needed.
     *
     * @throws AppStartException with a one-line reason when the directory is unusable or a database corrupt
     */
    public static App open(AppConfig config) {
        Path dir = config.dataDir().toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new AppStartException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw new AppStartException("data directory " + dir + " is not a writable directory");
        }
        Database data = null;
        Database aux = null;
        try {
            if (config.dataSource() != null) {
                data = Database.open(config.dataSource());
                aux = data;
            } else if (config.database().isEmpty()) {
                data = Database.openSqlite(dir.resolve("data.db"), config.readerConnections());
                aux = Database.openSqlite(dir.resolve("auxiliary.db"), 2);
            } else {
                DatabaseUrl url = DatabaseUrl.parse(config.database());
                // one pool for both: the logs table sits beside the records, and one transaction can't wait on another
                // pool's lock on the same database
                data = Database.open(url, "data", config.readerConnections() + 4);
                aux = data;
            }
            data.queryTimeout(config.queryTimeout());
            aux.queryTimeout(config.queryTimeout());
            Dialect dataDialect = data.dialect();
            Dialect auxDialect = aux.dialect();
            List<String> applied = data.write(c -> SystemMigrations.migrateData(c, dataDialect));
            List<String> auxApplied = aux.write(c -> SystemMigrations.migrateAuxiliary(c, auxDialect));
            data.write(c -> {
                RecordHistory.install(c, dataDialect);
                Jobs.install(c, dataDialect);
                return null;
            });
            if (!applied.isEmpty() || !auxApplied.isEmpty()) {
                LOG.info("applied {} system migrations to {}", applied.size() + auxApplied.size(), dir);
                LOG.debug("system migrations applied: data.db {}, auxiliary.db {}", applied, auxApplied);
            }
            if (!config.encryptionKey().isEmpty() && !AesGcm.isValidKey(config.encryptionKey())) {
                throw new AppStartException("the settings encryption key in " + config.encryptionEnv()
                        + " must be 32 characters long (16 or 24 also work), not " + config.encryptionKey().length());
            }
            App app = new App(config, data, aux);
            app.collections.reload();
            app.reloadSettings();
            app.history.scheduleCleanup();
            if (!config.encryptionKey().isEmpty() && applied.contains(SystemMigrations.INIT_FILE)) {
                SettingsStore.save(app, app.settings()); // a new data directory: its settings are stored encrypted
            }
            return app;
        } catch (AppStartException e) {
            closeQuietly(data);
            closeQuietly(aux);
            throw e;
        } catch (DatabaseException e) {
            closeQuietly(data);
            closeQuietly(aux);
            throw new AppStartException(e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(data);
            closeQuietly(aux);
            throw new AppStartException("cannot open data directory " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Database d) {
        if (d != null) {
            try {
                d.close();
            } catch (RuntimeException ignored) {
                // already failing
            }
        }
    }

    /** The config the app was opened with. */
    public AppConfig config() {
        return config;
    }

    /** The data directory. */
    public Path dataDir() {
        return config.dataDir();
    }

    /** The directory uploaded files are stored under. */
    public Path storageDir() {
        return config.dataDir().resolve("storage");
    }

    /** Whether the app runs in development mode. */
    public boolean isDev() {
        return config.dev();
    }

    /**
     * The mailer that sends the app's emails: every message first passes through {@link AppHooks#onMailerSend()},
     * then goes to the mailer set with {@link #setMailer} (by default the SMTP settings').
     */
    public Mailer mailer() {
        return hookedMailer;
    }

    private void sendThroughHooks(MailMessage message) {
        try {
            hooks.onMailerSend().trigger(new MailerEvent(this, message), e -> mailer.send(e.message()));
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new MailException("failed to send the email: " + e.getMessage(), e);
        }
    }

    /** Replaces the mailer (tests and embedding applications use it to capture or route mail). */
    public void setMailer(Mailer value) {
        this.mailer = Objects.requireNonNull(value, "mailer");
    }

    /** The backups of the data directory. */
    public Backups backups() {
        return backups;
    }

    /** The store the backups are kept in: the {@code backups.s3} bucket when enabled, else {@code <dataDir>/backups}. */
    public FileSystem backupsFileSystem() {
        return fileSystemFor(settings.backupsS3(), config.dataDir().resolve("backups"));
    }

    /**
     * Re-reads what the app keeps from its databases after their files were replaced (a restored backup):
     * applies missing system migrations, reloads the collections and the settings.
     */
    public void refresh() {
        db.write(c -> SystemMigrations.migrateData(c, db.dialect()));
        auxDb.write(c -> SystemMigrations.migrateAuxiliary(c, auxDb.dialect()));
        // the other instances of a cluster reload when the restore releases their writes
        collections.reloadQuietly();
        loadSettings();
        deleteOutdatedLogs();
    }

    /**
     * The stored files of records: in the S3 bucket of the {@code s3} settings when that is enabled, else under
     * {@link #storageDir()}. Follows settings changes without a restart (callers fetch it per operation).
     */
    public RecordFiles files() {
        S3Settings s3 = settings.s3();
        if (!s3.enabled()) {
            return localFiles;
        }
        RecordFiles current = s3Files;
        if (current == null || !((S3FileSystem) current.fileSystem()).config().equals(s3.connection())) {
            current = new RecordFiles(new S3FileSystem(s3.connection()));
            s3Files = current;
        }
        return current;
    }

    /**
     * A file system for an S3 settings section (such as {@link Settings#s3()} or {@link Settings#backupsS3()}):
     * the section's bucket when it is enabled, else the local directory {@code localFallbackRoot}.
     */
    public FileSystem fileSystemFor(S3Settings section, Path localFallbackRoot) {
        return section.enabled() ? new S3FileSystem(section.connection()) : new LocalFileSystem(localFallbackRoot);
    }

    /** The main database ({@code data.db}). */
    public Database db() {
        return db;
    }

    /** The auxiliary database ({@code auxiliary.db}, request logs). */
    public Database auxDb() {
        return auxDb;
    }

    /** The app's log, stored in {@code _logs} as the {@code logs} settings allow. */
    public AppLogger logger() {
        return logger;
    }

    /** Reading and deleting the stored logs. */
    public LogStore logs() {
        return logs;
    }

    /**
     * The app's scheduled jobs (PocketBase's built-in {@code __pb*__} jobs included); the server starts it
     * when it starts serving, and closing the app stops it.
     */
    public Cron cron() {
        return cron;
    }

    /** The collections. */
    public CollectionRegistry collections() {
        return collections;
    }

    /** Record loading and storing. */
    public RecordStore records() {
        return records;
    }

    /** Record tokens. */
    public RecordTokens tokens() {
        return tokens;
    }

    /** API rule evaluation. */
    public RecordRules rules() {
        return rules;
    }

    /** The app's hooks. */
    public AppHooks hooks() {
        return hooks;
    }

    /** The current settings. */
    public Settings settings() {
        return settings;
    }

    /** Reloads the settings from {@code _params} after a change made here: the other instances reload them too. */
    public void reloadSettings() {
        loadSettings();
        deleteOutdatedLogs();
        cluster.broadcast(TOPIC_SETTINGS, "");
    }

    /** Reloads the collections and the settings, which another instance may have changed. */
    private void reloadFromPeers() {
        collections.reloadQuietly();
        reloadSettingsFromPeer();
    }

    /** Reloads the settings from {@code _params} after another instance changed them. */
    private void reloadSettingsFromPeer() {
        loadSettings();
    }

    private void loadSettings() {
        String stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT \"value\" FROM \"_params\" WHERE \"id\" = ?")) {
                ps.setString(1, Settings.PARAMS_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        settings = Settings.fromStored(SettingsCodec.decode(stored, config.encryptionEnv(), config.encryptionKey()));
        SystemJobs.scheduleAutoBackups(this);
    }

    /**
     * As PocketBase does whenever the settings load: drops the logs older than {@code logs.maxDays} or below
     * {@code logs.minLevel}, and with {@code maxDays} 0 gives their disk space back.
     */
    private void deleteOutdatedLogs() {
        try {
            logs().deleteOutdated(Instant.now().minus(settings.logsMaxDays(), ChronoUnit.DAYS), settings.logsMinLevel());
            if (settings.logsMaxDays() == 0) {
                auxDb.vacuum();
            }
        } catch (RuntimeException e) {
            LOG.debug("Failed to clean up old logs", e);
        }
    }

    /** Replaces the in-memory settings (not stored; tests use it to change behaviour). */
    public void replaceSettings(Settings value) {
        settings = value;
        SystemJobs.scheduleAutoBackups(this);
    }

    /**
     * Saves a record: inserts a new one (filling its id, token key and autodates) or updates an existing
     * one (refreshing its update autodates), in one transaction that also runs the create/update hooks.
     */
    public void save(Record record) {
        boolean create = !record.persisted();
        RecordAutofill.beforeSave(record, create);
        Record original = record.original();
        RecordFiles files = files();
        try {
            db.write(c -> {
                lifecycle.record(create ? Change.CREATE : Change.UPDATE, record, original, e -> {
                    if (create) {
                        records.insert(e.record());
                    } else {
                        records.update(e.record());
                    }
                    files.writeUploads(e.record());
                });
                db.afterCommit(record::clearPendingFiles); // after the hooks, which got them in their snapshot
                return null;
            });
        } catch (RuntimeException ex) {
            // a save that failed inside a caller's transaction that goes on (and so doesn't fail as a whole)
            files.discardUploads(record);
            throw uniqueViolation(ex).orElse(ex);
        }
    }

    /**
     * A concurrent save can take a unique value between validation and insert; the database then refuses the
     * row, and the columns it names become {@code validation_not_unique} field errors.
     */
    private Optional<RuntimeException> uniqueViolation(RuntimeException ex) {
        List<String> columns = db.dialect().uniqueViolation(ex);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Map<String, FieldError> errors = new LinkedHashMap<>();
        for (String column : columns) {
            errors.put(column.substring(column.lastIndexOf('.') + 1), FieldErrors.notUnique());
        }
        return Optional.of(new ValidationException(errors));
    }

    /**
     * Deletes a record in one transaction that also runs the delete hooks, and updates the records that
     * reference it: their relation drops the id, and a record left with no reference is deleted too when its
     * relation field cascades.
     *
     * @throws RecordDeleteException when a required relation would be left empty
     */
    public void delete(Record record) {
        deleteAll(List.of(record));
    }

    /**
     * Deletes records in one transaction, with the same hooks and relation handling as {@link #delete}; either
     * all of them go or none. Their files are removed after the commit.
     *
     * @throws RecordDeleteException when a required relation would be left empty
     */
    public void deleteAll(List<Record> toDelete) {
        List<Record> deleted = new ArrayList<>();
        db.write(c -> {
            for (Record r : toDelete) {
                deleteWithin(r, deleted);
            }
            return null;
        });
    }

    private void deleteWithin(Record record, List<Record> deleted) throws SQLException {
        boolean gone = deleted.stream().anyMatch(d -> d.id().equals(record.id())
                && d.collection().id().equals(record.collection().id()));
        if (gone) {
            return; // already removed by a cascade earlier in this transaction
        }
        lifecycle.record(Change.DELETE, record, record.original(), e -> {
            records.delete(e.record());
            deleted.add(e.record());
            detachReferences(e.record(), deleted);
        });
    }

    /** Removes a deleted record's id from every relation pointing at it (collections by name, for a stable order). */
    private void detachReferences(Record deleted, List<Record> done) throws SQLException {
        List<Collection> sorted = new ArrayList<>(collections.all());
        sorted.sort(Comparator.comparing(Collection::name));
        for (var source : sorted) {
            if (source.isView()) {
                continue;
            }
            for (var field : source.fields()) {
                if (field instanceof FieldRelation rel
                        && rel.collectionId().equals(deleted.collection().id())) {
                    for (var ref : records.findReferencing(source, rel, deleted.id())) {
                        if (source.id().equals(deleted.collection().id()) && ref.id().equals(deleted.id())) {
                            continue;
                        }
                        List<String> ids = new ArrayList<>(ref.getStrings(rel.name()));
                        ids.remove(deleted.id());
                        if (rel.cascadeDelete() && ids.isEmpty()) {
                            deleteWithin(ref, done);
                            continue;
                        }
                        if (rel.required() && ids.isEmpty()) {
                            throw new RecordDeleteException(ref);
                        }
                        ref.set(rel.name(), rel.isMultiple() ? ids : (ids.isEmpty() ? "" : ids.get(ids.size() - 1)));
                        save(ref);
                    }
                }
            }
        }
    }

    /**
     * Binds the app's file bookkeeping to the record hooks: the files a committed update replaced or removed, and
     * all files of a committed delete, are deleted from storage; the uploads of a failed save are removed.
     */
    private void bindFileCleanup() {
        hooks.onRecordAfterUpdateSuccess().bind("coffer:files", -99, e -> {
            files().applyDeletions(e.record());
            e.next();
        });
        hooks.onRecordAfterDeleteSuccess().bind("coffer:files", -99, e -> {
            removeFiles(e.record());
            e.next();
        });
        hooks.onRecordAfterCreateError().bind("coffer:files", -99, e -> {
            files().discardUploads(e.record());
            e.next();
        });
        hooks.onRecordAfterUpdateError().bind("coffer:files", -99, e -> {
            files().discardUploads(e.record());
            e.next();
        });
    }

    /** The record history and the audit list. */
    public RecordHistory history() {
        return history;
    }

    /** The durable job queue (its workers run once {@link Jobs#start} is called, as the server does). */
    public Jobs jobs() {
        return jobs;
    }

    /**
     * The app's own migrations (Java ones registered here, and {@code pb_migrations} files where the JavaScript module
     * reads them), applied in one history with the system migrations.
     */
    public AppMigrations migrations() {
        return migrations;
    }

    /** The webhooks: their collections, the outbox bound to record changes, test sends and redeliveries. */
    public Webhooks webhooks() {
        return webhooks;
    }

    /** The hooks' runner every model change of the app goes through. */
    public ModelLifecycle lifecycle() {
        return lifecycle;
    }

    /** Removes the stored files of a deleted record. */
    private void removeFiles(Record deleted) {
        try {
            files().deleteAll(deleted);
        } catch (RuntimeException ex) {
            LOG.warn("failed to remove the files of deleted record {}", deleted, ex);
        }
    }

    /** This instance among the others sharing the database (a single instance until {@link #joinCluster()}). */
    public Cluster cluster() {
        return cluster;
    }

    /**
     * Joins the other instances on the same database, where the database can carry messages between them
     * (PostgreSQL); elsewhere it stays a single instance. Called once the app serves requests.
     */
    public void joinCluster() {
        joinCluster("");
    }

    /**
     * Joins the other instances on the same database, exchanging messages through {@code busUrl} (Redis, NATS: an
     * optional module on the classpath opens it) or, when it is empty, through the database where it can carry them.
     *
     * @throws AppStartException when the bus can't be used: unknown scheme, unreachable, or SQLite files
     */
    public void joinCluster(String busUrl) {
        // the marker is in place before this instance is listed, so that one starting beside it finds it
        boolean localFiles = !settings.s3().enabled();
        if (localFiles && !db.hasFile()) {
            writeInstanceMarker();
        }
        if (busUrl == null || busUrl.isBlank()) {
            cluster.join(db.openBus(cluster.instanceId()));
        } else {
            cluster.join(openRelayBus(busUrl.strip()));
        }
        if (cluster.clustered()) {
            checkSharedStorage();
        } else if (!db.hasFile()) {
            refuseUnseenNeighbours();
        }
    }

    /**
     * On a server database that can't carry messages (MariaDB without {@code --bus}) an instance can't keep others
     * in step: it keeps itself listed (a heartbeat, as the cluster's members do) and refuses to start beside a live
     * one, saying what is missing.
     *
     * @throws AppStartException naming the other instance
     */
    private void refuseUnseenNeighbours() {
        Coordination listed = db.openCoordination(cluster.instanceId());
        listed.join();
        for (var member : listed.members()) {
            if (!member.id().equals(cluster.instanceId())) {
                listed.close();
                throw new AppStartException(describe(member) + " uses this database;"
                        + " on " + db.dialect().name() + " several instances need --bus=redis://… or --bus=nats://…"
                        + " to exchange their changes");
            }
        }
        soloListing = listed;
    }

    private Bus openRelayBus(String url) {
        RelayProvider provider = RelayProvider.forUrl(url).orElseThrow(() -> new AppStartException(
                "--bus " + RelayProvider.masked(url) + ": no bus for this scheme here (redis:// and nats:// are known)"));
        Coordination coordination;
        try {
            coordination = provider.coordination(url, cluster.instanceId())
                    .orElseGet(() -> db.openCoordination(cluster.instanceId()));
        } catch (UnsupportedOperationException e) {
            throw new AppStartException("--bus: " + e.getMessage(), e);
        }
        Relay relay;
        try {
            relay = provider.open(url);
        } catch (IllegalArgumentException e) {
            throw new AppStartException("--bus " + RelayProvider.masked(url) + ": " + e.getMessage(), e);
        }
        try {
            return RelayBus.start(cluster.instanceId(), relay, coordination, db::afterCommit);
        } catch (IllegalArgumentException e) {
            throw new AppStartException("--bus " + RelayProvider.masked(url) + ": " + e.getMessage(), e);
        }
    }

    /** "another instance (ID at ADDRESS)", for the messages that refuse to start beside it. */
    private static String describe(ClusterMember member) {
        return "another instance (" + member.id() + (member.address().isEmpty() ? "" : " at " + member.address()) + ")";
    }

    private void writeInstanceMarker() {
        Path markers = config.dataDir().resolve(INSTANCE_MARKERS);
        try {
            Files.createDirectories(markers);
            Files.writeString(markers.resolve(cluster.instanceId()), "");
        } catch (IOException e) {
            throw new AppStartException("cannot write the instance marker in " + markers + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses to serve beside other instances when the files are stored locally and the others can't see them: each
     * instance leaves a marker file under the data directory ({@link #INSTANCE_MARKERS}) and looks for the markers
     * of the live others.
     *
     * @throws AppStartException naming an instance whose marker is missing (the storage is not shared)
     */
    private void checkSharedStorage() {
        if (settings.s3().enabled()) {
            return;
        }
        Path markers = config.dataDir().resolve(INSTANCE_MARKERS);
        for (var member : cluster.members()) {
            if (!member.id().equals(cluster.instanceId()) && !Files.exists(markers.resolve(member.id()))) {
                cluster.close();
                throw new AppStartException(describe(member) + " uses this database and the files are stored locally in "
                        + storageDir()
                        + ", which it doesn't share: turn on S3 storage in the settings, or give every instance the"
                        + " same --dir on a shared disk");
            }
        }
    }

    /** Binds what keeps this instance in step with the others: collections, settings, scheduled jobs. */
    private void bindCluster() {
        collections.onReload(() -> cluster.broadcast(TOPIC_COLLECTIONS, ""));
        cluster.subscribeAcknowledged(TOPIC_COLLECTIONS, p -> collections.reloadQuietly());
        cluster.subscribeAcknowledged(TOPIC_SETTINGS, p -> reloadSettingsFromPeer());
        // after missed messages, or a restore on another instance: everything may have changed
        cluster.onGap(this::reloadFromPeers);
        cluster.onWritesReleased(this::reloadFromPeers);
        cron.claimRunsWith(cluster::claim);
    }

    /**
     * The registry of the app's meters, {@code coffer.*} plus the JVM's: register a component's meters here under
     * its own {@code coffer.<group>.} names (see {@link dev.coffer.core.metrics}); add a backend to read them with
     * {@code metrics().add(...)} ({@code GET /api/metrics} adds a Prometheus one).
     */
    public CompositeMeterRegistry metrics() {
        return metrics.registry();
    }

    /** Stops the cron, leaves the cluster, writes the queued logs and closes both databases, checkpointing their write-ahead logs. */
    @Override
    public void close() {
        cron.close();
        jobs.close();
        history.projections().stop();
        if (!db.hasFile()) {
            try {
                Files.deleteIfExists(config.dataDir().resolve(INSTANCE_MARKERS).resolve(cluster.instanceId()));
            } catch (IOException e) {
                LOG.debug("could not remove the instance marker: {}", e.toString());
            }
        }
        cluster.close();
        Coordination listed = soloListing;
        if (listed != null) {
            listed.close();
        }
        logger.close();
        metrics.close();
        try {
            db.close();
        } finally {
            auxDb.close();
        }
    }
}
