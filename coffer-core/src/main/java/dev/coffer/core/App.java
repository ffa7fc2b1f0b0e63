package dev.coffer.core;

import dev.coffer.core.auth.RecordTokens;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.core.migrations.SystemMigrations;
import dev.coffer.core.record.RecordStore;
import dev.coffer.core.settings.Settings;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.DatabaseException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running application over one data directory: its databases, collections, records, settings, tokens
 * and hooks. Opening it creates a missing data directory and brings the databases up to date with the
 * system migrations; an existing PocketBase data directory opens as it is.
 */
public final class App implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(App.class);

    private final AppConfig config;
    private final Database db;
    private final Database auxDb;
    private final CollectionRegistry collections;
    private final RecordStore records;
    private final RecordTokens tokens;
    private final dev.coffer.core.rules.RecordRules rules;
    private final AppHooks hooks = new AppHooks();
    private volatile Settings settings;

    private App(AppConfig config, Database db, Database auxDb) {
        this.config = config;
        this.db = db;
        this.auxDb = auxDb;
        this.collections = new CollectionRegistry(db);
        this.records = new RecordStore(db);
        this.tokens = new RecordTokens(collections, records);
        this.rules = new dev.coffer.core.rules.RecordRules(db, collections);
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
            data = Database.openSqlite(dir.resolve("data.db"), config.readerConnections());
            aux = Database.openSqlite(dir.resolve("auxiliary.db"), 2);
            List<String> applied = data.write(SystemMigrations::migrateData);
            List<String> auxApplied = aux.write(SystemMigrations::migrateAuxiliary);
            if (!applied.isEmpty() || !auxApplied.isEmpty()) {
                LOG.info("applied system migrations: {} {}", applied, auxApplied);
            }
            App app = new App(config, data, aux);
            app.collections.reload();
            app.reloadSettings();
            return app;
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

    /** The main database ({@code data.db}). */
    public Database db() {
        return db;
    }

    /** The auxiliary database ({@code auxiliary.db}, request logs). */
    public Database auxDb() {
        return auxDb;
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
    public dev.coffer.core.rules.RecordRules rules() {
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

    /** Reloads the settings from {@code _params}. */
    public void reloadSettings() {
        String stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM _params WHERE id = ?")) {
                ps.setString(1, Settings.PARAMS_KEY);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
        settings = Settings.fromStored(stored);
    }

    /** Replaces the in-memory settings (not stored; tests use it to change behaviour). */
    public void replaceSettings(Settings value) {
        settings = value;
    }

    /**
     * Saves a record: inserts a new one (filling its id, token key and autodates) or updates an existing
     * one (refreshing its update autodates), in one transaction that also runs the create/update hooks.
     */
    public void save(dev.coffer.core.record.Record record) {
        boolean create = !record.persisted();
        dev.coffer.core.record.RecordAutofill.beforeSave(record, create);
        var hook = create ? hooks.onRecordCreate() : hooks.onRecordUpdate();
        db.write(c -> {
            try {
                hook.trigger(new dev.coffer.core.event.ModelEvent(this, record), e -> {
                    if (create) {
                        records.insert(e.record());
                    } else {
                        records.update(e.record());
                    }
                });
            } catch (RuntimeException | java.sql.SQLException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
            return null;
        });
    }

    /** Deletes a record in one transaction that also runs the delete hooks. */
    public void delete(dev.coffer.core.record.Record record) {
        db.write(c -> {
            try {
                hooks.onRecordDelete().trigger(new dev.coffer.core.event.ModelEvent(this, record),
                        e -> records.delete(e.record()));
            } catch (RuntimeException | java.sql.SQLException ex) {
                throw ex;
            } catch (Exception ex) {
                throw new IllegalStateException(ex.getMessage(), ex);
            }
            return null;
        });
    }

    /** Closes both databases, checkpointing their write-ahead logs. */
    @Override
    public void close() {
        try {
            db.close();
        } finally {
            auxDb.close();
        }
    }
}
