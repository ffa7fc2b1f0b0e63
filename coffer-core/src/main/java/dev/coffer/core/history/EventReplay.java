package dev.coffer.core.history;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rebuilds a collection's table from its event log: the table made anew when missing, emptied, and every entry
 * applied in commit order (a create inserts the record with its values, an update sets the changed fields, a delete
 * removes the row), all in one transaction and through the record store directly, so no hook runs and no new entry
 * is written. Applied to the log of an {@code events}-mode collection, it gives the table back exactly.
 */
final class EventReplay {

    private EventReplay() {}

    static int run(App app, Collection c, List<HistoryEntry> entries, Consumer<Collection> ensureTable) {
        return app.db().write(conn -> {
            ensureTable.accept(c);
            for (Record r : app.records().query(c, "", List.of(), 0)) {
                app.records().delete(r);
            }
            int applied = 0;
            for (HistoryEntry e : entries) {
                switch (e.action()) {
                    case "create" -> {
                        Record r = new Record(c);
                        RecordHistory.apply(r, e.changes(), "new");
                        r.set("id", e.recordId());
                        app.records().insert(r);
                    }
                    case "update" -> {
                        Record r = app.records().findById(c, e.recordId()).orElse(null);
                        if (r == null) {
                            continue; // its create is older than the log
                        }
                        RecordHistory.apply(r, e.changes(), "new");
                        app.records().update(r);
                    }
                    case "delete" -> app.records().findById(c, e.recordId()).ifPresent(app.records()::delete);
                    default -> {
                        continue;
                    }
                }
                applied++;
            }
            return applied;
        });
    }
}
