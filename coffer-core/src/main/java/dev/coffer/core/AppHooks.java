package dev.coffer.core;

import dev.coffer.core.event.CollectionErrorEvent;
import dev.coffer.core.event.CollectionEvent;
import dev.coffer.core.event.MailerEvent;
import dev.coffer.core.event.MailerRecordEvent;
import dev.coffer.core.event.RecordEnrichEvent;
import dev.coffer.core.event.ModelErrorEvent;
import dev.coffer.core.event.ModelEvent;
import dev.coffer.core.event.RecordErrorEvent;
import dev.coffer.core.event.RecordEvent;
import dev.coffer.core.event.SettingsErrorEvent;
import dev.coffer.core.event.SettingsEvent;
import dev.coffer.core.event.TerminateEvent;
import dev.coffer.tools.hook.Hook;

/**
 * The app-level hooks, as PocketBase's: the lifecycle of models (records and collections), settings saves and
 * termination. Request hooks live with the HTTP surface.
 *
 * <p>Each model change runs three kinds. {@code on…Create/Update/Delete} wrap the change inside its transaction:
 * code before {@code e.next()} runs before the row is written, code after it once it is (still uncommitted); an
 * exception rolls the transaction back. The model hooks wrap the record and collection hooks.
 * {@code on…After…Success} run once the outermost transaction has committed (for a change inside a batch or a
 * caller's transaction, after all of it), with the model as its change left it; {@code on…After…Error} run when
 * the change failed or its transaction rolled back. The after hooks run once the database connection is
 * released; what they throw is logged, as the change can't be undone any more. The app's own work after a commit
 * (realtime messages, file cleanup) is bound to these hooks under ids starting with {@code coffer:}, the way an
 * application binds its own.
 */
public final class AppHooks {

    private final Hook<ModelEvent> onModelCreate = new Hook<>();
    private final Hook<ModelEvent> onModelUpdate = new Hook<>();
    private final Hook<ModelEvent> onModelDelete = new Hook<>();
    private final Hook<ModelEvent> onModelAfterCreateSuccess = new Hook<>();
    private final Hook<ModelErrorEvent> onModelAfterCreateError = new Hook<>();
    private final Hook<ModelEvent> onModelAfterUpdateSuccess = new Hook<>();
    private final Hook<ModelErrorEvent> onModelAfterUpdateError = new Hook<>();
    private final Hook<ModelEvent> onModelAfterDeleteSuccess = new Hook<>();
    private final Hook<ModelErrorEvent> onModelAfterDeleteError = new Hook<>();
    private final Hook<RecordEvent> onRecordCreate = new Hook<>();
    private final Hook<RecordEvent> onRecordUpdate = new Hook<>();
    private final Hook<RecordEvent> onRecordDelete = new Hook<>();
    private final Hook<RecordEvent> onRecordAfterCreateSuccess = new Hook<>();
    private final Hook<RecordErrorEvent> onRecordAfterCreateError = new Hook<>();
    private final Hook<RecordEvent> onRecordAfterUpdateSuccess = new Hook<>();
    private final Hook<RecordErrorEvent> onRecordAfterUpdateError = new Hook<>();
    private final Hook<RecordEvent> onRecordAfterDeleteSuccess = new Hook<>();
    private final Hook<RecordErrorEvent> onRecordAfterDeleteError = new Hook<>();
    private final Hook<CollectionEvent> onCollectionCreate = new Hook<>();
    private final Hook<CollectionEvent> onCollectionUpdate = new Hook<>();
    private final Hook<CollectionEvent> onCollectionDelete = new Hook<>();
    private final Hook<CollectionEvent> onCollectionAfterCreateSuccess = new Hook<>();
    private final Hook<CollectionErrorEvent> onCollectionAfterCreateError = new Hook<>();
    private final Hook<CollectionEvent> onCollectionAfterUpdateSuccess = new Hook<>();
    private final Hook<CollectionErrorEvent> onCollectionAfterUpdateError = new Hook<>();
    private final Hook<CollectionEvent> onCollectionAfterDeleteSuccess = new Hook<>();
    private final Hook<CollectionErrorEvent> onCollectionAfterDeleteError = new Hook<>();
    private final Hook<SettingsEvent> onSettingsUpdate = new Hook<>();
    private final Hook<SettingsEvent> onSettingsAfterUpdateSuccess = new Hook<>();
    private final Hook<SettingsErrorEvent> onSettingsAfterUpdateError = new Hook<>();
    private final Hook<TerminateEvent> onTerminate = new Hook<>();
    private final Hook<MailerEvent> onMailerSend = new Hook<>();
    private final Hook<RecordEnrichEvent> onRecordEnrich = new Hook<>();
    private final Hook<ModelEvent> onModelCreateExecute = new Hook<>();
    private final Hook<ModelEvent> onModelUpdateExecute = new Hook<>();
    private final Hook<ModelEvent> onModelDeleteExecute = new Hook<>();
    private final Hook<RecordEvent> onRecordCreateExecute = new Hook<>();
    private final Hook<RecordEvent> onRecordUpdateExecute = new Hook<>();
    private final Hook<RecordEvent> onRecordDeleteExecute = new Hook<>();
    private final Hook<CollectionEvent> onCollectionCreateExecute = new Hook<>();
    private final Hook<CollectionEvent> onCollectionUpdateExecute = new Hook<>();
    private final Hook<CollectionEvent> onCollectionDeleteExecute = new Hook<>();
    private final Hook<MailerRecordEvent> onMailerRecordVerificationSend = new Hook<>();
    private final Hook<MailerRecordEvent> onMailerRecordPasswordResetSend = new Hook<>();
    private final Hook<MailerRecordEvent> onMailerRecordEmailChangeSend = new Hook<>();
    private final Hook<MailerRecordEvent> onMailerRecordOTPSend = new Hook<>();
    private final Hook<MailerRecordEvent> onMailerRecordAuthAlertSend = new Hook<>();

    /** Runs around inserting any model (record or collection), inside its transaction. */
    public Hook<ModelEvent> onModelCreate() {
        return onModelCreate;
    }

    /** Runs around updating any model (record or collection), inside its transaction. */
    public Hook<ModelEvent> onModelUpdate() {
        return onModelUpdate;
    }

    /** Runs around deleting any model (record or collection), inside its transaction. */
    public Hook<ModelEvent> onModelDelete() {
        return onModelDelete;
    }

    /** Runs once the change of any model (record or collection) created is committed. */
    public Hook<ModelEvent> onModelAfterCreateSuccess() {
        return onModelAfterCreateSuccess;
    }

    /** Runs when any model (record or collection) could not be created (failed or rolled back). */
    public Hook<ModelErrorEvent> onModelAfterCreateError() {
        return onModelAfterCreateError;
    }

    /** Runs once the change of any model (record or collection) updated is committed. */
    public Hook<ModelEvent> onModelAfterUpdateSuccess() {
        return onModelAfterUpdateSuccess;
    }

    /** Runs when any model (record or collection) could not be updated (failed or rolled back). */
    public Hook<ModelErrorEvent> onModelAfterUpdateError() {
        return onModelAfterUpdateError;
    }

    /** Runs once the change of any model (record or collection) deleted is committed. */
    public Hook<ModelEvent> onModelAfterDeleteSuccess() {
        return onModelAfterDeleteSuccess;
    }

    /** Runs when any model (record or collection) could not be deleted (failed or rolled back). */
    public Hook<ModelErrorEvent> onModelAfterDeleteError() {
        return onModelAfterDeleteError;
    }

    /** Runs around inserting a record, inside its transaction. */
    public Hook<RecordEvent> onRecordCreate() {
        return onRecordCreate;
    }

    /** Runs around updating a record, inside its transaction. */
    public Hook<RecordEvent> onRecordUpdate() {
        return onRecordUpdate;
    }

    /** Runs around deleting a record, inside its transaction. */
    public Hook<RecordEvent> onRecordDelete() {
        return onRecordDelete;
    }

    /** Runs once the change of a record created is committed. */
    public Hook<RecordEvent> onRecordAfterCreateSuccess() {
        return onRecordAfterCreateSuccess;
    }

    /** Runs when a record could not be created (failed or rolled back). */
    public Hook<RecordErrorEvent> onRecordAfterCreateError() {
        return onRecordAfterCreateError;
    }

    /** Runs once the change of a record updated is committed. */
    public Hook<RecordEvent> onRecordAfterUpdateSuccess() {
        return onRecordAfterUpdateSuccess;
    }

    /** Runs when a record could not be updated (failed or rolled back). */
    public Hook<RecordErrorEvent> onRecordAfterUpdateError() {
        return onRecordAfterUpdateError;
    }

    /** Runs once the change of a record deleted is committed. */
    public Hook<RecordEvent> onRecordAfterDeleteSuccess() {
        return onRecordAfterDeleteSuccess;
    }

    /** Runs when a record could not be deleted (failed or rolled back). */
    public Hook<RecordErrorEvent> onRecordAfterDeleteError() {
        return onRecordAfterDeleteError;
    }

    /** Runs around inserting a collection, inside its transaction. */
    public Hook<CollectionEvent> onCollectionCreate() {
        return onCollectionCreate;
    }

    /** Runs around updating a collection, inside its transaction. */
    public Hook<CollectionEvent> onCollectionUpdate() {
        return onCollectionUpdate;
    }

    /** Runs around deleting a collection, inside its transaction. */
    public Hook<CollectionEvent> onCollectionDelete() {
        return onCollectionDelete;
    }

    /** Runs once the change of a collection created is committed. */
    public Hook<CollectionEvent> onCollectionAfterCreateSuccess() {
        return onCollectionAfterCreateSuccess;
    }

    /** Runs when a collection could not be created (failed or rolled back). */
    public Hook<CollectionErrorEvent> onCollectionAfterCreateError() {
        return onCollectionAfterCreateError;
    }

    /** Runs once the change of a collection updated is committed. */
    public Hook<CollectionEvent> onCollectionAfterUpdateSuccess() {
        return onCollectionAfterUpdateSuccess;
    }

    /** Runs when a collection could not be updated (failed or rolled back). */
    public Hook<CollectionErrorEvent> onCollectionAfterUpdateError() {
        return onCollectionAfterUpdateError;
    }

    /** Runs once the change of a collection deleted is committed. */
    public Hook<CollectionEvent> onCollectionAfterDeleteSuccess() {
        return onCollectionAfterDeleteSuccess;
    }

    /** Runs when a collection could not be deleted (failed or rolled back). */
    public Hook<CollectionErrorEvent> onCollectionAfterDeleteError() {
        return onCollectionAfterDeleteError;
    }

    /** Runs around saving the settings, inside the transaction that stores them. */
    public Hook<SettingsEvent> onSettingsUpdate() {
        return onSettingsUpdate;
    }

    /** Runs once saved settings are committed and in use. */
    public Hook<SettingsEvent> onSettingsAfterUpdateSuccess() {
        return onSettingsAfterUpdateSuccess;
    }

    /** Runs when saving the settings failed. */
    public Hook<SettingsErrorEvent> onSettingsAfterUpdateError() {
        return onSettingsAfterUpdateError;
    }

    /** Runs when the app shuts down. */
    public Hook<TerminateEvent> onTerminate() {
        return onTerminate;
    }

    /**
     * Runs before the app's mailer sends any email (auth mails, alerts, mails sent by application code): a
     * handler may change the message, or keep it from being sent by not calling {@code next()}.
     */
    public Hook<MailerEvent> onMailerSend() {
        return onMailerSend;
    }

    /**
     * Runs for each record sent to a client (API responses and realtime messages), after its relations are
     * expanded: a handler may hide fields ({@code record.hide}), add custom data or change values for that requester.
     */
    public Hook<RecordEnrichEvent> onRecordEnrich() {
        return onRecordEnrich;
    }

    /** Runs before a record's verification email is sent (then {@link #onMailerSend()} runs as for every mail). */
    public Hook<MailerRecordEvent> onMailerRecordVerificationSend() {
        return onMailerRecordVerificationSend;
    }

    /** Runs before a record's password reset email is sent (then {@link #onMailerSend()} runs as for every mail). */
    public Hook<MailerRecordEvent> onMailerRecordPasswordResetSend() {
        return onMailerRecordPasswordResetSend;
    }

    /** Runs before a record's email change confirmation is sent (then {@link #onMailerSend()} runs as for every mail). */
    public Hook<MailerRecordEvent> onMailerRecordEmailChangeSend() {
        return onMailerRecordEmailChangeSend;
    }

    /** Runs before a record's one-time password email is sent (then {@link #onMailerSend()} runs as for every mail). */
    public Hook<MailerRecordEvent> onMailerRecordOTPSend() {
        return onMailerRecordOTPSend;
    }

    /** Runs before a record's new-login alert is sent (then {@link #onMailerSend()} runs as for every mail). */
    public Hook<MailerRecordEvent> onMailerRecordAuthAlertSend() {
        return onMailerRecordAuthAlertSend;
    }

    /**
     * Runs around the database write itself when inserting a model (record or collection), inside {@code onModelCreate}'s chain (after its
     * handlers called {@code next()}): the last moment to change the model (record or collection) before the row is written.
     */
    public Hook<ModelEvent> onModelCreateExecute() {
        return onModelCreateExecute;
    }

    /**
     * Runs around the database write itself when updating a model (record or collection), inside {@code onModelUpdate}'s chain (after its
     * handlers called {@code next()}): the last moment to change the model (record or collection) before the row is written.
     */
    public Hook<ModelEvent> onModelUpdateExecute() {
        return onModelUpdateExecute;
    }

    /**
     * Runs around the database write itself when deleting a model (record or collection), inside {@code onModelDelete}'s chain (after its
     * handlers called {@code next()}): the last moment to change the model (record or collection) before the row is written.
     */
    public Hook<ModelEvent> onModelDeleteExecute() {
        return onModelDeleteExecute;
    }

    /**
     * Runs around the database write itself when inserting a record, inside {@code onRecordCreate}'s chain (after its
     * handlers called {@code next()}): the last moment to change the record before the row is written.
     */
    public Hook<RecordEvent> onRecordCreateExecute() {
        return onRecordCreateExecute;
    }

    /**
     * Runs around the database write itself when updating a record, inside {@code onRecordUpdate}'s chain (after its
     * handlers called {@code next()}): the last moment to change the record before the row is written.
     */
    public Hook<RecordEvent> onRecordUpdateExecute() {
        return onRecordUpdateExecute;
    }

    /**
     * Runs around the database write itself when deleting a record, inside {@code onRecordDelete}'s chain (after its
     * handlers called {@code next()}): the last moment to change the record before the row is written.
     */
    public Hook<RecordEvent> onRecordDeleteExecute() {
        return onRecordDeleteExecute;
    }

    /**
     * Runs around the database write itself when inserting a collection, inside {@code onCollectionCreate}'s chain (after its
     * handlers called {@code next()}): the last moment to change the collection before the row is written.
     */
    public Hook<CollectionEvent> onCollectionCreateExecute() {
        return onCollectionCreateExecute;
    }

    /**
     * Runs around the database write itself when updating a collection, inside {@code onCollectionUpdate}'s chain (after its
     * handlers called {@code next()}): the last moment to change the collection before the row is written.
     */
    public Hook<CollectionEvent> onCollectionUpdateExecute() {
        return onCollectionUpdateExecute;
    }

    /**
     * Runs around the database write itself when deleting a collection, inside {@code onCollectionDelete}'s chain (after its
     * handlers called {@code next()}): the last moment to change the collection before the row is written.
     */
    public Hook<CollectionEvent> onCollectionDeleteExecute() {
        return onCollectionDeleteExecute;
    }
}
