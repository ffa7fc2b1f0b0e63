package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;

/**
 * A record file about to be served (after the protected-file check): a handler may refuse it, or answer itself.
 */
public final class FileDownloadRequestEvent extends RequestEvent {

    private final Collection collection;
    private final Record record;
    private final String fileField;
    private final String servedName;

    /** Creates the event. */
    public FileDownloadRequestEvent(RequestEvent e, Collection collection, Record record, String fileField,
            String servedName) {
        super(e);
        this.collection = collection;
        this.record = record;
        this.fileField = fileField;
        this.servedName = servedName;
    }

    /** The record's collection. */
    public Collection collection() {
        return collection;
    }

    /** The record the file belongs to. */
    public Record record() {
        return record;
    }

    /** The name of the file field holding the file. */
    public String fileField() {
        return fileField;
    }

    /** The name of the file served (a thumbnail's when one is asked for). */
    public String servedName() {
        return servedName;
    }
}
