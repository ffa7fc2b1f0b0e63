package dev.coffer.core.auth;

import dev.coffer.core.App;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import java.util.List;
import java.util.Optional;

/** Finds auth records the way the auth flows address them. */
public final class AuthRecordLookup {

    private AuthRecordLookup() {}

    /**
     * The record of an auth collection with the email; case-insensitive when the collection's unique email
     * index uses {@code COLLATE NOCASE} (see {@link dev.coffer.tools.db.Dialect#equalIgnoringCase}).
     */
    public static Optional<Record> byEmail(App app, Collection collection, String email) {
        if (!collection.isAuth() || email.isEmpty()) {
            return Optional.empty();
        }
        boolean noCase = collection.singleColumnUniqueIndex("email")
                .map(i -> i.columns().get(0).noCase()).orElse(false);
        String column = app.db().dialect().quote("email");
        String where = noCase ? app.db().dialect().equalIgnoringCase(column, "?") : column + " = ?";
        List<Record> found = app.records().query(collection, where, List.of(email), 1);
        return found.stream().findFirst();
    }
}
