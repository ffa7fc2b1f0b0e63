package dev.coffer.core.rules;

import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.TestFixture;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.record.Record;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Opens a copy of PocketBase's test data directory and reads its collections and auth records. */
final class FixtureApp {

    private FixtureApp() {}

    static App open(Path dir) {
        Path fixture = TestFixture.dir();
        try {
            for (String f : new String[] {"data.db", "auxiliary.db"}) {
                Files.copy(fixture.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return App.open(AppConfig.of(dir));
    }

    static Collection collection(App app, String name) {
        return app.collections().find(name).orElseThrow();
    }

    static Record record(App app, String collection, String id) {
        return app.records().findById(collection(app, collection), id).orElseThrow();
    }

    static RequestInfo as(App app, String collection, String id) {
        return RequestInfo.empty().withAuth(record(app, collection, id));
    }

    static RequestInfo superuser(App app) {
        return as(app, "_superusers", "sywbhecnh46rhm0");
    }

    static RequestInfo withBody(RequestInfo info, Map<String, Object> body) {
        return new RequestInfo(info.auth(), info.query(), info.headers(), body, "POST", info.context());
    }
}
