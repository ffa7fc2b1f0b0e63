package dev.coffer.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.record.Record;
import dev.coffer.core.settings.SettingsStore;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model, record, collection and settings hooks: their order around a change, the states they carry, after-success
 * hooks only once the outermost transaction commits, after-error hooks on a failure or rollback, and the app's own
 * after-commit work (file cleanup) bound to them.
 */
class AppHooksTest {

    @TempDir
    Path dir;

    private final List<String> seen = new CopyOnWriteArrayList<>();

    private App open() throws IOException {
        Path from = TestFixture.dir();
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path to = dir.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
        return App.open(AppConfig.of(dir));
    }

    private void record(App app) {
        AppHooks h = app.hooks();
        h.onModelCreate().bind(e -> note("model.create", e));
        h.onRecordCreate().bind(e -> note("record.create", e));
        h.onModelUpdate().bind(e -> note("model.update", e));
        h.onRecordUpdate().bind(e -> note("record.update", e));
        h.onModelDelete().bind(e -> note("model.delete", e));
        h.onRecordDelete().bind(e -> note("record.delete", e));
        h.onModelAfterCreateSuccess().bind(e -> note("model.created", e));
        h.onRecordAfterCreateSuccess().bind(e -> note("record.created", e));
        h.onModelAfterUpdateSuccess().bind(e -> note("model.updated", e));
        h.onRecordAfterUpdateSuccess().bind(e -> note("record.updated", e));
        h.onModelAfterDeleteSuccess().bind(e -> note("model.deleted", e));
        h.onRecordAfterDeleteSuccess().bind(e -> note("record.deleted", e));
        h.onModelAfterCreateError().bind(e -> note("model.createError:" + e.error().getMessage(), e));
        h.onRecordAfterCreateError().bind(e -> note("record.createError:" + e.error().getMessage(), e));
        h.onRecordAfterUpdateError().bind(e -> note("record.updateError:" + e.error().getMessage(), e));
        h.onRecordAfterDeleteError().bind(e -> note("record.deleteError:" + e.error().getMessage(), e));
    }

    private void note(String what, dev.coffer.tools.hook.Event e) throws Exception {
        seen.add(what);
        e.next();
    }

    @Test
    void aSaveRunsTheModelHookAroundTheRecordHookThenTheAfterSuccessHooksWithTheStatesBeforeAndAfter()
            throws Exception {
        try (App app = open()) {
            record(app);
            List<String> titles = new CopyOnWriteArrayList<>();
            app.hooks().onRecordUpdate().bind(e -> {
                // inside the transaction: the row is written only once the chain reaches its end
                titles.add("before:" + stored(app, e.record()));
                e.next();
                titles.add("after:" + stored(app, e.record()));
            });
            app.hooks().onRecordAfterUpdateSuccess().bind(e -> {
                titles.add("was:" + e.original().getString("title") + " now:" + e.record().getString("title"));
                e.next();
            });
            Collection demo2 = app.collections().find("demo2").orElseThrow();
            Record r = new Record(demo2);
            r.set("title", "hooked");
            app.save(r);
            assertThat(seen).containsExactly("model.create", "record.create", "model.created", "record.created");

            seen.clear();
            r.set("title", "hooked again");
            app.save(r);
            assertThat(seen).containsExactly("model.update", "record.update", "model.updated", "record.updated");
            assertThat(titles).containsExactly("before:hooked", "after:hooked again", "was:hooked now:hooked again");

            seen.clear();
            app.delete(r);
            assertThat(seen).containsExactly("model.delete", "record.delete", "model.deleted", "record.deleted");
        }
    }

    @Test
    void theExecuteHooksRunLastAroundTheWriteItself() throws Exception {
        try (App app = open()) {
            record(app);
            AppHooks h = app.hooks();
            h.onModelCreateExecute().bind(e -> note("model.createExecute", e));
            h.onRecordCreateExecute().bind(e -> {
                seen.add("record.createExecute");
                e.record().set("title", e.record().getString("title") + " (stamped)");
                e.next();
                seen.add("written:" + stored(app, e.record()));
            });
            h.onRecordDeleteExecute().bind(e -> {
                throw new IllegalStateException("not deleted");
            });
            Collection demo2 = app.collections().find("demo2").orElseThrow();
            Record r = new Record(demo2);
            r.set("title", "exec");
            app.save(r);
            assertThat(seen).containsExactly("model.create", "record.create", "model.createExecute",
                    "record.createExecute", "written:exec (stamped)", "model.created", "record.created");
            assertThat(stored(app, r)).isEqualTo("exec (stamped)");

            assertThatThrownBy(() -> app.delete(r)).hasMessageContaining("not deleted");
            assertThat(app.records().findById(demo2, r.id())).isPresent();
        }
    }

    private static String stored(App app, Record r) {
        return app.records().findById(r.collection(), r.id()).orElseThrow().getString("title");
    }

    @Test
    void insideACallersTransactionTheAfterHooksWaitForItsCommitOrRollback() throws Exception {
        try (App app = open()) {
            record(app);
            Collection demo2 = app.collections().find("demo2").orElseThrow();
            app.db().write(c -> {
                Record r = new Record(demo2);
                r.set("title", "in a batch");
                app.save(r);
                r.set("title", "changed after its save, in the same transaction");
                assertThat(seen).containsExactly("model.create", "record.create");
                return null;
            });
            assertThat(seen).containsExactly("model.create", "record.create", "model.created", "record.created");

            seen.clear();
            List<String> createdTitles = new CopyOnWriteArrayList<>();
            app.hooks().onRecordAfterCreateSuccess().bind(e -> {
                createdTitles.add(e.record().getString("title"));
                e.next();
            });
            assertThatThrownBy(() -> app.db().write(c -> {
                Record r = new Record(demo2);
                r.set("title", "rolled back");
                app.save(r);
                throw new IllegalStateException("the batch failed");
            })).hasMessage("the batch failed");
            assertThat(seen).containsExactly("model.create", "record.create", "model.createError:the batch failed",
                    "record.createError:the batch failed");
            assertThat(createdTitles).isEmpty();
            assertThat(app.records().query(demo2, "\"title\" = ?", List.of("rolled back"), 0)).isEmpty();
        }
    }

    @Test
    void theAfterSuccessHooksSeeTheRecordAsItsSaveLeftIt() throws Exception {
        try (App app = open()) {
            List<String> createdTitles = new CopyOnWriteArrayList<>();
            app.hooks().onRecordAfterCreateSuccess().bind(e -> {
                createdTitles.add(e.record().getString("title"));
                e.next();
            });
            Collection demo2 = app.collections().find("demo2").orElseThrow();
            app.db().write(c -> {
                Record r = new Record(demo2);
                r.set("title", "as saved");
                app.save(r);
                r.set("title", "changed later, never saved");
                return null;
            });
            assertThat(createdTitles).containsExactly("as saved");
        }
    }

    @Test
    void aFailingSaveRunsTheAfterErrorHooksAndAHandlerThatThrowsRollsTheChangeBack() throws Exception {
        try (App app = open()) {
            record(app);
            app.hooks().onRecordCreate().bind("refuse", 0, e -> {
                throw new IllegalArgumentException("refused by a hook");
            });
            Collection demo2 = app.collections().find("demo2").orElseThrow();
            Record r = new Record(demo2);
            r.set("title", "refused");
            assertThatThrownBy(() -> app.save(r)).hasMessage("refused by a hook");
            assertThat(seen).contains("model.createError:refused by a hook", "record.createError:refused by a hook")
                    .doesNotContain("model.created", "record.created");
            assertThat(app.records().query(demo2, "\"title\" = ?", List.of("refused"), 0)).isEmpty();
        }
    }

    @Test
    void anAfterSuccessHookThatThrowsIsLoggedAndTheChangeStands() throws Exception {
        try (App app = open()) {
            List<String> later = new CopyOnWriteArrayList<>();
            app.hooks().onRecordAfterCreateSuccess().bind("broken", 0, e -> {
                throw new IllegalStateException("a broken after hook");
            });
            app.hooks().onRecordAfterUpdateSuccess().bind(e -> {
                later.add(e.record().id());
                e.next();
            });
            Collection demo2 = app.collections().find("demo2").orElseThrow();
            Record r = new Record(demo2);
            r.set("title", "stands");
            app.save(r);
            assertThat(app.records().findById(demo2, r.id())).isPresent();
            r.set("title", "stands still");
            app.save(r);
            assertThat(later).containsExactly(r.id());
        }
    }

    @Test
    void aCascadedDeleteAndTheReferencesItUpdatesRunTheirHooks() throws Exception {
        try (App app = open()) {
            List<String> deleted = new CopyOnWriteArrayList<>();
            List<String> updated = new CopyOnWriteArrayList<>();
            app.hooks().onRecordAfterDeleteSuccess().bind(e -> {
                deleted.add(e.record().toString());
                e.next();
            });
            app.hooks().onRecordAfterUpdateSuccess().bind(e -> {
                updated.add(e.record() + " " + e.original().getStrings("rel_many") + " -> "
                        + e.record().getStrings("rel_many"));
                e.next();
            });
            // users/oap640cot4yru2s is in demo1's cascading rel_many (see AppSaveTest)
            Collection users = app.collections().find("users").orElseThrow();
            app.delete(app.records().findById(users, "oap640cot4yru2s").orElseThrow());
            assertThat(deleted).contains("users/oap640cot4yru2s", "demo1/84nmscqy84lsi1t");
            assertThat(updated).anySatisfy(u -> assertThat(u).startsWith("demo1/al1h9ijdeojtsjy")
                    .contains("oap640cot4yru2s").endsWith("-> [bgs820n361vj1qd, 4q1xlclmfloku33]"));
        }
    }

    @Test
    void filesOfADeletedRecordAreRemovedByTheFilesHookAfterTheCommit() throws Exception {
        try (App app = open()) {
            Path files = dir.resolve("storage/wsmn24bux7wo113/84nmscqy84lsi1t");
            Collection demo1 = app.collections().find("demo1").orElseThrow();
            app.hooks().onRecordAfterDeleteSuccess().unbind("coffer:files");
            app.delete(app.records().findById(demo1, "84nmscqy84lsi1t").orElseThrow());
            assertThat(files.resolve("test_d61b33QdDU.txt")).exists(); // the cleanup is the hook's, nothing else's

            Path other = dir.resolve("storage/wsmn24bux7wo113/al1h9ijdeojtsjy");
            assertThat(Files.list(other)).isNotEmpty();
            try (App reopened = App.open(AppConfig.of(dir))) {
                reopened.delete(reopened.records().findById(demo1, "al1h9ijdeojtsjy").orElseThrow());
            }
            assertThat(other).doesNotExist();
        }
    }

    @Test
    void collectionChangesRunTheCollectionAndModelHooks() throws Exception {
        try (App app = open()) {
            AppHooks h = app.hooks();
            h.onModelCreate().bind(e -> note("model.create " + ((Collection) e.model()).name(), e));
            h.onCollectionCreate().bind(e -> note("collection.create " + e.collection().name(), e));
            h.onCollectionAfterCreateSuccess().bind(e -> {
                // the registry already holds the new collection
                note("collection.created " + app.collections().find(e.collection().name()).isPresent(), e);
            });
            h.onCollectionUpdate().bind(e -> note("collection.update " + e.original().name() + " -> "
                    + e.collection().name(), e));
            h.onCollectionAfterUpdateSuccess().bind(e -> note("collection.updated", e));
            h.onCollectionDelete().bind(e -> note("collection.delete " + e.collection().name(), e));
            h.onCollectionAfterDeleteSuccess().bind(e -> note("collection.deleted", e));
            h.onCollectionAfterCreateError().bind(e -> note("collection.createError", e));

            CollectionService service = new CollectionService(app);
            Collection created = service.create((tools.jackson.databind.node.ObjectNode) Json.parse(
                    "{\"name\":\"hooked\",\"type\":\"base\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"}]}"));
            Collection renamed = service.update(created, (tools.jackson.databind.node.ObjectNode) Json.parse(
                    "{\"name\":\"hooked2\"}"));
            service.delete(renamed);
            assertThat(seen).containsExactly("model.create hooked", "collection.create hooked",
                    "collection.created true", "collection.update hooked -> hooked2", "collection.updated",
                    "collection.delete hooked2", "collection.deleted");
        }
    }

    @Test
    void aSettingsSaveRunsTheSettingsHooksWithTheSettingsBeforeAndAfter() throws Exception {
        try (App app = open()) {
            List<String> names = new CopyOnWriteArrayList<>();
            app.hooks().onSettingsUpdate().bind(e -> {
                names.add("saving " + e.original().appName() + " -> " + e.settings().appName());
                e.next();
            });
            app.hooks().onSettingsAfterUpdateSuccess().bind(e -> {
                names.add("in use " + app.settings().appName());
                e.next();
            });
            var changed = app.settings().withMerged((tools.jackson.databind.node.ObjectNode) Json.parse(
                    "{\"meta\":{\"appName\":\"Hooked app\"}}"));
            SettingsStore.save(app, changed);
            assertThat(names).containsExactly("saving " + "acme_test" + " -> Hooked app", "in use Hooked app");
        }
    }
}
