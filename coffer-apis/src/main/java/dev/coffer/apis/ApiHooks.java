package dev.coffer.apis;

import dev.coffer.apis.event.BatchRequestEvent;
import dev.coffer.apis.event.CollectionRequestEvent;
import dev.coffer.apis.event.CollectionsListRequestEvent;
import dev.coffer.apis.event.FileDownloadRequestEvent;
import dev.coffer.apis.event.RealtimeConnectRequestEvent;
import dev.coffer.apis.event.RealtimeMessageEvent;
import dev.coffer.apis.event.RealtimeSubscribeRequestEvent;
import dev.coffer.apis.event.RecordAuthRefreshRequestEvent;
import dev.coffer.apis.event.RecordAuthRequestEvent;
import dev.coffer.apis.event.RecordAuthWithOAuth2RequestEvent;
import dev.coffer.apis.event.RecordAuthWithPasswordRequestEvent;
import dev.coffer.apis.event.RecordFlowRequestEvent;
import dev.coffer.apis.event.RecordRequestEvent;
import dev.coffer.apis.event.RecordsListRequestEvent;
import dev.coffer.apis.event.SettingsRequestEvent;
import dev.coffer.tools.hook.Hook;

/**
 * The request hooks: the global middleware chain every request passes through, and one hook per API
 * action. Built-in behaviour binds here the same way application code does.
 */
public final class ApiHooks {

    private final Hook<RequestEvent> onRequest = new Hook<>();
    private final Hook<RecordAuthRequestEvent> onRecordAuthRequest = new Hook<>();
    private final Hook<RecordAuthWithPasswordRequestEvent> onRecordAuthWithPasswordRequest = new Hook<>();
    private final Hook<RecordAuthRefreshRequestEvent> onRecordAuthRefreshRequest = new Hook<>();
    private final Hook<RecordsListRequestEvent> onRecordsListRequest = new Hook<>();
    private final Hook<RecordRequestEvent> onRecordViewRequest = new Hook<>();
    private final Hook<RecordRequestEvent> onRecordCreateRequest = new Hook<>();
    private final Hook<RecordRequestEvent> onRecordUpdateRequest = new Hook<>();
    private final Hook<RecordRequestEvent> onRecordDeleteRequest = new Hook<>();
    private final Hook<CollectionRequestEvent> onCollectionViewRequest = new Hook<>();
    private final Hook<CollectionRequestEvent> onCollectionCreateRequest = new Hook<>();
    private final Hook<CollectionRequestEvent> onCollectionUpdateRequest = new Hook<>();
    private final Hook<CollectionRequestEvent> onCollectionDeleteRequest = new Hook<>();
    private final Hook<RequestEvent> onCollectionsImportRequest = new Hook<>();
    private final Hook<BatchRequestEvent> onBatchRequest = new Hook<>();
    private final Hook<RealtimeConnectRequestEvent> onRealtimeConnectRequest = new Hook<>();
    private final Hook<RealtimeSubscribeRequestEvent> onRealtimeSubscribeRequest = new Hook<>();
    private final Hook<RealtimeMessageEvent> onRealtimeMessageSend = new Hook<>();
    private final Hook<FileDownloadRequestEvent> onFileDownloadRequest = new Hook<>();
    private final Hook<SettingsRequestEvent> onSettingsListRequest = new Hook<>();
    private final Hook<SettingsRequestEvent> onSettingsUpdateRequest = new Hook<>();
    private final Hook<CollectionsListRequestEvent> onCollectionsListRequest = new Hook<>();
    private final Hook<RecordAuthWithOAuth2RequestEvent> onRecordAuthWithOAuth2Request = new Hook<>();
    private final Hook<RecordFlowRequestEvent> onRecordRequestVerificationRequest = new Hook<>();
    private final Hook<RecordFlowRequestEvent> onRecordConfirmVerificationRequest = new Hook<>();
    private final Hook<RecordFlowRequestEvent> onRecordRequestPasswordResetRequest = new Hook<>();
    private final Hook<RecordFlowRequestEvent> onRecordConfirmPasswordResetRequest = new Hook<>();
    private final Hook<RecordFlowRequestEvent> onRecordRequestEmailChangeRequest = new Hook<>();
    private final Hook<RecordFlowRequestEvent> onRecordConfirmEmailChangeRequest = new Hook<>();
    private final Hook<RecordFlowRequestEvent> onRecordRequestOTPRequest = new Hook<>();
    private final Hook<RecordFlowRequestEvent> onRecordAuthWithOTPRequest = new Hook<>();

    /** The middleware chain around every request; the action is the matched route's handler. */
    public Hook<RequestEvent> onRequest() {
        return onRequest;
    }

    /** Runs before any auth response (token and record) is written; handlers may change them. */
    public Hook<RecordAuthRequestEvent> onRecordAuthRequest() {
        return onRecordAuthRequest;
    }

    /** Runs around {@code auth-with-password} after the record lookup, before the password check. */
    public Hook<RecordAuthWithPasswordRequestEvent> onRecordAuthWithPasswordRequest() {
        return onRecordAuthWithPasswordRequest;
    }

    /** Runs around {@code auth-refresh}. */
    public Hook<RecordAuthRefreshRequestEvent> onRecordAuthRefreshRequest() {
        return onRecordAuthRefreshRequest;
    }

    /** Runs around writing a page of a records list, after the records were found. */
    public Hook<RecordsListRequestEvent> onRecordsListRequest() {
        return onRecordsListRequest;
    }

    /** Runs around writing one record for a view request, after the view rule passed. */
    public Hook<RecordRequestEvent> onRecordViewRequest() {
        return onRecordViewRequest;
    }

    /** Runs around validating, saving and writing a new record, after the create rule passed. */
    public Hook<RecordRequestEvent> onRecordCreateRequest() {
        return onRecordCreateRequest;
    }

    /** Runs around validating, saving and writing a changed record, after the update rule passed. */
    public Hook<RecordRequestEvent> onRecordUpdateRequest() {
        return onRecordUpdateRequest;
    }

    /** Runs around deleting a record, after the delete rule passed. */
    public Hook<RecordRequestEvent> onRecordDeleteRequest() {
        return onRecordDeleteRequest;
    }

    /** Runs around writing one collection for a view request. */
    public Hook<CollectionRequestEvent> onCollectionViewRequest() {
        return onCollectionViewRequest;
    }

    /** Runs around creating a collection from the request body. */
    public Hook<CollectionRequestEvent> onCollectionCreateRequest() {
        return onCollectionCreateRequest;
    }

    /** Runs around changing a collection (and its table) from the request body. */
    public Hook<CollectionRequestEvent> onCollectionUpdateRequest() {
        return onCollectionUpdateRequest;
    }

    /** Runs around deleting a collection and its table. */
    public Hook<CollectionRequestEvent> onCollectionDeleteRequest() {
        return onCollectionDeleteRequest;
    }

    /** Runs around importing a set of collections from the request body. */
    public Hook<RequestEvent> onCollectionsImportRequest() {
        return onCollectionsImportRequest;
    }

    /** Runs around a batch after its sub-requests were read and validated; the action runs them all. */
    public Hook<BatchRequestEvent> onBatchRequest() {
        return onBatchRequest;
    }

    /** Runs when a verification email is requested for a record (not for an unknown email). */
    public Hook<RecordFlowRequestEvent> onRecordRequestVerificationRequest() {
        return onRecordRequestVerificationRequest;
    }

    /** Runs when a verification token is confirmed, before the record is marked verified. */
    public Hook<RecordFlowRequestEvent> onRecordConfirmVerificationRequest() {
        return onRecordConfirmVerificationRequest;
    }

    /** Runs when a password reset email is requested for a record (not for an unknown email). */
    public Hook<RecordFlowRequestEvent> onRecordRequestPasswordResetRequest() {
        return onRecordRequestPasswordResetRequest;
    }

    /** Runs when a password reset is confirmed, before the new password is saved. */
    public Hook<RecordFlowRequestEvent> onRecordConfirmPasswordResetRequest() {
        return onRecordConfirmPasswordResetRequest;
    }

    /** Runs when the signed-in record requests an email change, before the mail is sent. */
    public Hook<RecordFlowRequestEvent> onRecordRequestEmailChangeRequest() {
        return onRecordRequestEmailChangeRequest;
    }

    /** Runs when an email change is confirmed, before the new email is saved. */
    public Hook<RecordFlowRequestEvent> onRecordConfirmEmailChangeRequest() {
        return onRecordConfirmEmailChangeRequest;
    }

    /** Runs when an OTP is requested for a record (not for an unknown email), before it is made and mailed. */
    public Hook<RecordFlowRequestEvent> onRecordRequestOTPRequest() {
        return onRecordRequestOTPRequest;
    }

    /** Runs when an OTP sign-in succeeded, before the record is answered with a token. */
    public Hook<RecordFlowRequestEvent> onRecordAuthWithOTPRequest() {
        return onRecordAuthWithOTPRequest;
    }

    /** Runs when an OAuth2 sign-in knows the provider's user, before the record is created or updated and answered. */
    public Hook<RecordAuthWithOAuth2RequestEvent> onRecordAuthWithOAuth2Request() {
        return onRecordAuthWithOAuth2Request;
    }

    /** Runs before a record file (or its thumbnail) is served. */
    public Hook<FileDownloadRequestEvent> onFileDownloadRequest() {
        return onFileDownloadRequest;
    }

    /** Runs before the settings are answered to a superuser. */
    public Hook<SettingsRequestEvent> onSettingsListRequest() {
        return onSettingsListRequest;
    }

    /** Runs before submitted settings are saved. */
    public Hook<SettingsRequestEvent> onSettingsUpdateRequest() {
        return onSettingsUpdateRequest;
    }

    /** Runs before a page of collections is answered. */
    public Hook<CollectionsListRequestEvent> onCollectionsListRequest() {
        return onCollectionsListRequest;
    }

    /** Runs when a client opens the realtime event stream, before its client is made. */
    public Hook<RealtimeConnectRequestEvent> onRealtimeConnectRequest() {
        return onRealtimeConnectRequest;
    }

    /** Runs when a client of the event stream sets its subscriptions, before they are applied. */
    public Hook<RealtimeSubscribeRequestEvent> onRealtimeSubscribeRequest() {
        return onRealtimeSubscribeRequest;
    }

    /** Runs for each message before it is written to a realtime client (event stream or WebSocket). */
    public Hook<RealtimeMessageEvent> onRealtimeMessageSend() {
        return onRealtimeMessageSend;
    }
}
