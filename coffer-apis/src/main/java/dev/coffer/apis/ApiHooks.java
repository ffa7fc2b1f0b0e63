package dev.coffer.apis;

import dev.coffer.apis.event.RecordAuthRefreshRequestEvent;
import dev.coffer.apis.event.RecordAuthRequestEvent;
import dev.coffer.apis.event.RecordAuthWithPasswordRequestEvent;
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
}
