package dev.coffer.apis.event;

import dev.coffer.apis.RequestEvent;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import java.util.List;

/** A list request, after the page of records was found and before it is written. */
public final class RecordsListRequestEvent extends RequestEvent {

    private final Collection collection;
    private final List<Record> records;
    private final long page;
    private final int perPage;
    private final long totalItems;
    private final long totalPages;

    /** Creates the event. */
    public RecordsListRequestEvent(RequestEvent e, Collection collection, List<Record> records, long page, int perPage,
            long totalItems, long totalPages) {
        super(e);
        this.collection = collection;
        this.records = records;
        this.page = page;
        this.perPage = perPage;
        this.totalItems = totalItems;
        this.totalPages = totalPages;
    }

    /** The listed collection. */
    public Collection collection() {
        return collection;
    }

    /** The page of records (mutable: handlers may drop or add records). */
    public List<Record> records() {
        return records;
    }

    /** The page number. */
    public long page() {
        return page;
    }

    /** The page size (after capping). */
    public int perPage() {
        return perPage;
    }

    /** The number of matching records, or -1 when the count was skipped. */
    public long totalItems() {
        return totalItems;
    }

    /** The number of pages, or -1 when the count was skipped. */
    public long totalPages() {
        return totalPages;
    }
}
