package dev.coffer.core.auth.oauth2;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import java.util.List;
import java.util.Optional;

/**
 * The {@code _externalAuths} links between auth records and provider accounts: one per collection, provider
 * and provider user id.
 */
public final class ExternalAuths {

    /** The system collection that holds the links. */
    public static final String COLLECTION = "_externalAuths";

    private final App app;
    private final Collection links;

    /** The links of an app. */
    public ExternalAuths(App app) {
        this.app = app;
        this.links = app.collections().find(COLLECTION)
                .orElseThrow(() -> new IllegalStateException("missing " + COLLECTION + " collection"));
    }

    /** The link of a provider account to a record of the collection. */
    public Optional<Record> find(Collection collection, String provider, String providerId) {
        return app.records().query(links, eq("collectionRef") + " AND " + eq("provider") + " AND " + eq("providerId"),
                List.of(collection.id(), provider, providerId), 1).stream().findFirst();
    }

    /** Every link of a record. */
    public List<Record> ofRecord(Record record) {
        return app.records().query(links, eq("collectionRef") + " AND " + eq("recordRef"),
                List.of(record.collection().id(), record.id()), Integer.MAX_VALUE);
    }

    /** Deletes every link of a record. */
    public void deleteAll(Record record) {
        List<Record> all = ofRecord(record);
        if (!all.isEmpty()) {
            app.deleteAll(all);
        }
    }

    /** Saves a new link of a provider account to a record. */
    public Record link(Record record, String provider, String providerId) {
        Record link = new Record(links);
        link.set("collectionRef", record.collection().id());
        link.set("recordRef", record.id());
        link.set("provider", provider);
        link.set("providerId", providerId);
        app.save(link);
        return link;
    }

    private String eq(String column) {
        return app.db().dialect().quote(column) + " = ?";
    }
}
