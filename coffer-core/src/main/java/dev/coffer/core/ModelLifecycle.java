package dev.coffer.core;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.event.CollectionErrorEvent;
import dev.coffer.core.event.CollectionEvent;
import dev.coffer.core.event.Model;
import dev.coffer.core.event.ModelErrorEvent;
import dev.coffer.core.event.ModelEvent;
import dev.coffer.core.event.RecordErrorEvent;
import dev.coffer.core.event.RecordEvent;
import dev.coffer.core.event.SettingsErrorEvent;
import dev.coffer.core.event.SettingsEvent;
import dev.coffer.core.record.Record;
import dev.coffer.core.settings.Settings;
import dev.coffer.tools.hook.Event;
import dev.coffer.tools.hook.Handler;
import dev.coffer.tools.hook.Hook;
import java.sql.SQLException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a model change through the {@link AppHooks app hooks}: inside the caller's write transaction the model
 * hook wraps the record (or collection) hook, which wraps the change itself; the after-success hooks are queued
 * for the commit and the after-error hooks for a failure. Every save, delete, collection change and settings save
 * of the app goes through here, so hooks see every change whoever made it.
 */
public final class ModelLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ModelLifecycle.class);

    /** What a change does to its model. */
    public enum Change {
        /** Inserts a new model. */
        CREATE,
        /** Updates a stored model. */
        UPDATE,
        /** Deletes a stored model. */
        DELETE
    }

    private final App app;
    private final AppHooks hooks;

    ModelLifecycle(App app, AppHooks hooks) {
        this.app = app;
        this.hooks = hooks;
    }

    /**
     * Runs a record change inside the current write transaction: the model and record hooks around
     * {@code action}, then queues the after hooks. The after-success hooks get a {@link Record#snapshot()} of the
     * record as the change left it.
     */
    public void record(Change change, Record record, Record original, Handler<RecordEvent> action)
            throws SQLException {
        app.db().afterFailure(error -> after(modelError(change), new ModelErrorEvent(app, record, original, error),
                () -> after(recordError(change), new RecordErrorEvent(app, record, original, error), null)));
        run(() -> modelHook(change).trigger(new ModelEvent(app, record, original),
                m -> recordHook(change).trigger(new RecordEvent(app, record, original),
                        r -> modelExecute(change).trigger(new ModelEvent(app, record, original),
                                me -> recordExecute(change).trigger(r, action)))));
        Record saved = record.snapshot();
        app.db().afterCommit(() -> after(modelSuccess(change), new ModelEvent(app, saved, original),
                () -> after(recordSuccess(change), new RecordEvent(app, saved, original), null)));
    }

    /** Runs a collection change inside the current write transaction, as {@link #record} does for a record. */
    public void collection(Change change, Collection collection, Collection original,
            Handler<CollectionEvent> action) throws SQLException {
        app.db().afterFailure(error -> after(modelError(change),
                new ModelErrorEvent(app, collection, original, error),
                () -> after(collectionError(change), new CollectionErrorEvent(app, collection, original, error),
                        null)));
        run(() -> modelHook(change).trigger(new ModelEvent(app, collection, original),
                m -> collectionHook(change).trigger(new CollectionEvent(app, collection, original),
                        c -> modelExecute(change).trigger(new ModelEvent(app, collection, original),
                                me -> collectionExecute(change).trigger(c, action)))));
        app.db().afterCommit(() -> after(modelSuccess(change), new ModelEvent(app, collection, original),
                () -> after(collectionSuccess(change), new CollectionEvent(app, collection, original), null)));
    }

    /** Runs a settings save inside the current write transaction through the settings hooks. */
    public void settings(Settings settings, Settings original, Handler<SettingsEvent> action)
            throws SQLException {
        app.db().afterFailure(error -> after(hooks.onSettingsAfterUpdateError(),
                new SettingsErrorEvent(app, settings, original, error), null));
        run(() -> hooks.onSettingsUpdate().trigger(new SettingsEvent(app, settings, original), action));
        app.db().afterCommit(() -> after(hooks.onSettingsAfterUpdateSuccess(),
                new SettingsEvent(app, settings, original), null));
    }

    private interface Trigger {
        void run() throws Exception;
    }

    /** Runs a chain inside the transaction: what it throws rolls the transaction back. */
    private static void run(Trigger chain) throws SQLException {
        try {
            chain.run();
        } catch (RuntimeException | SQLException ex) {
            throw ex;
        } catch (Exception ex) {
            throw new IllegalStateException(ex.getMessage(), ex);
        }
    }

    /**
     * Runs an after hook (then {@code inner}, the typed hook under a model hook, as its action); the change is
     * final by now, so a failure is logged rather than thrown at the caller.
     */
    private static <E extends Event> void after(Hook<E> hook, E event, Runnable inner) {
        try {
            hook.trigger(event, e -> {
                if (inner != null) {
                    inner.run();
                }
            });
        } catch (Exception ex) {
            LOG.error("an after-change hook failed (the change itself stands)", ex);
        }
    }

    private Hook<ModelEvent> modelHook(Change change) {
        return pick(change, hooks::onModelCreate, hooks::onModelUpdate, hooks::onModelDelete);
    }

    private Hook<ModelEvent> modelSuccess(Change change) {
        return pick(change, hooks::onModelAfterCreateSuccess, hooks::onModelAfterUpdateSuccess,
                hooks::onModelAfterDeleteSuccess);
    }

    private Hook<ModelErrorEvent> modelError(Change change) {
        return pick(change, hooks::onModelAfterCreateError, hooks::onModelAfterUpdateError,
                hooks::onModelAfterDeleteError);
    }

    private Hook<ModelEvent> modelExecute(Change change) {
        return pick(change, hooks::onModelCreateExecute, hooks::onModelUpdateExecute, hooks::onModelDeleteExecute);
    }

    private Hook<RecordEvent> recordExecute(Change change) {
        return pick(change, hooks::onRecordCreateExecute, hooks::onRecordUpdateExecute, hooks::onRecordDeleteExecute);
    }

    private Hook<CollectionEvent> collectionExecute(Change change) {
        return pick(change, hooks::onCollectionCreateExecute, hooks::onCollectionUpdateExecute,
                hooks::onCollectionDeleteExecute);
    }

    private Hook<RecordEvent> recordHook(Change change) {
        return pick(change, hooks::onRecordCreate, hooks::onRecordUpdate, hooks::onRecordDelete);
    }

    private Hook<RecordEvent> recordSuccess(Change change) {
        return pick(change, hooks::onRecordAfterCreateSuccess, hooks::onRecordAfterUpdateSuccess,
                hooks::onRecordAfterDeleteSuccess);
    }

    private Hook<RecordErrorEvent> recordError(Change change) {
        return pick(change, hooks::onRecordAfterCreateError, hooks::onRecordAfterUpdateError,
                hooks::onRecordAfterDeleteError);
    }

    private Hook<CollectionEvent> collectionHook(Change change) {
        return pick(change, hooks::onCollectionCreate, hooks::onCollectionUpdate, hooks::onCollectionDelete);
    }

    private Hook<CollectionEvent> collectionSuccess(Change change) {
        return pick(change, hooks::onCollectionAfterCreateSuccess, hooks::onCollectionAfterUpdateSuccess,
                hooks::onCollectionAfterDeleteSuccess);
    }

    private Hook<CollectionErrorEvent> collectionError(Change change) {
        return pick(change, hooks::onCollectionAfterCreateError, hooks::onCollectionAfterUpdateError,
                hooks::onCollectionAfterDeleteError);
    }

    private static <H> H pick(Change change, Supplier<H> create, Supplier<H> update, Supplier<H> delete) {
        return switch (change) {
            case CREATE -> create.get();
            case UPDATE -> update.get();
            case DELETE -> delete.get();
        };
    }
}
