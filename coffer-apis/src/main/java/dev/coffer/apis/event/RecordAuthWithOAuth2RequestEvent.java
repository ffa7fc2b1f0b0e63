package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.auth.oauth2.OAuth2User;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import tools.jackson.databind.node.ObjectNode;

/**
 * An OAuth2 sign-in once the provider's user is known, before the record is created (or the existing one updated
 * and linked) and answered with a token. A handler may change the data a new record is created with
 * ({@link #createData()}), or refuse the sign-in.
 */
public final class RecordAuthWithOAuth2RequestEvent extends RequestEvent {

    private final Collection collection;
    private final String providerName;
    private final OAuth2User oauth2User;
    private final ObjectNode createData;
    private final Record record;

    /** Creates the event; {@code record} is null when the sign-in creates a new record. */
    public RecordAuthWithOAuth2RequestEvent(RequestEvent e, Collection collection, String providerName,
            OAuth2User oauth2User, ObjectNode createData, Record record) {
        super(e);
        this.collection = collection;
        this.providerName = providerName;
        this.oauth2User = oauth2User;
        this.createData = createData;
        this.record = record;
    }

    /** The auth collection. */
    public Collection collection() {
        return collection;
    }

    /** The provider's name, such as {@code google}. */
    public String providerName() {
        return providerName;
    }

    /** The provider's user. */
    public OAuth2User oauth2User() {
        return oauth2User;
    }

    /** The submitted data a new record is created with (changes made here are used). */
    public ObjectNode createData() {
        return createData;
    }

    /** The existing record signed in, or null when a new one will be created. */
    public Record record() {
        return record;
    }

    /** Whether the sign-in creates a new record. */
    public boolean isNewRecord() {
        return record == null;
    }
}
