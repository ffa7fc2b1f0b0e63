package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;

/** A password login: the identity and password sent, and the record found for them (null when none). */
public final class RecordAuthWithPasswordRequestEvent extends RequestEvent {

    private final Collection collection;
    private Record record;
    private final String identity;
    private final String identityField;
    private final String password;

    /** Creates the event. */
    public RecordAuthWithPasswordRequestEvent(RequestEvent e, Collection collection, Record record, String identity,
            String identityField, String password) {
        super(e);
        this.collection = collection;
        this.record = record;
        this.identity = identity;
        this.identityField = identityField;
        this.password = password;
    }

    /** The auth collection. */
    public Collection collection() {
        return collection;
    }

    /** The record found for the identity, or null. */
    public Record record() {
        return record;
    }

    /** Replaces the record to check the password against (a custom lookup). */
    public void setRecord(Record value) {
        this.record = value;
    }

    /** The identity sent. */
    public String identity() {
        return identity;
    }

    /** The identity field sent ({@code ""} = automatic). */
    public String identityField() {
        return identityField;
    }

    /** The password sent. */
    public String password() {
        return password;
    }
}
