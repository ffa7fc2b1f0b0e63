package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;

/** An auth response about to be written: the record, its new token, optional meta and the auth method. */
public final class RecordAuthRequestEvent extends RequestEvent {

    private Record record;
    private String token;
    private Object meta;
    private final String authMethod;

    /** Creates the event. */
    public RecordAuthRequestEvent(RequestEvent e, Record record, String token, Object meta, String authMethod) {
        super(e);
        this.record = record;
        this.token = token;
        this.meta = meta;
        this.authMethod = authMethod;
    }

    /** The auth collection. */
    public Collection collection() {
        return record.collection();
    }

    /** The authenticated record. */
    public Record record() {
        return record;
    }

    /** Replaces the authenticated record. */
    public void setRecord(Record value) {
        this.record = value;
    }

    /** The token to return. */
    public String token() {
        return token;
    }

    /** Replaces the token to return. */
    public void setToken(String value) {
        this.token = value;
    }

    /** Extra data returned under {@code meta} (null = none). */
    public Object meta() {
        return meta;
    }

    /** Sets the extra data returned under {@code meta}. */
    public void setMeta(Object value) {
        this.meta = value;
    }

    /** How the record authenticated ({@code password}, {@code oauth2}, {@code otp}; empty for a refresh). */
    public String authMethod() {
        return authMethod;
    }
}
