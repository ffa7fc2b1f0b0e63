package dev.coffer.core.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.core.Actor;
import dev.coffer.core.App;
import dev.coffer.core.AppConfig;
import dev.coffer.core.TestFixture;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.record.Record;
import dev.coffer.core.settings.SettingsStore;
import dev.coffer.core.validation.ValidationException;
import dev.coffer.tools.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/** What the record history keeps of each change, and the states it rebuilds. */
class RecordHistoryTest {

    @TempDir
    Path dir;

    private App open() throws Exception {
        Path fixture = TestFixture.dir();
        for (String f : new String[] {"data.db", "auxiliary.db"}) {
            Files.copy(fixture.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return App.open(AppConfig.of(dir));
    }

    private static ObjectNode json(String s) {
        return (ObjectNode) Json.parse(s);
    }

    private static Collection notes(App app, String history) {
        return new CollectionService(app).create(json("{\"name\":\"notes\",\"type\":\"base\",\"fields\":["
                + "{\"name\":\"title\",\"type\":\"text\"},{\"name\":\"tags\",\"type\":\"select\",\"maxSelect\":3,"
                + "\"values\":[\"a\",\"b\",\"c\"]},{\"name\":\"done\",\"type\":\"bool\"},"
                + "{\"name\":\"created\",\"type\":\"autodate\",\"onCreate\":true},"
                + "{\"name\":\"updated\",\"type\":\"autodate\",\"onCreate\":true,\"onUpdate\":true}],"
                + "\"history\":" + history + "}"));
    }

    @Test
    void eachChangeIsKeptWithItsActorAndTheChangedFieldsOldAndNewValues() throws Exception {
        try (App app = open()) {
            Collection notes = notes(app, "{\"enabled\":true,\"retentionDays\":30}");
            assertThat(notes.historyEnabled()).isTrue();
            assertThat(notes.historyRetentionDays()).isEqualTo(30);
            Record r = new Record(notes);
            r.set("title", "first");
            r.set("tags", List.of("a"));
            Actor.runAs(() -> new Actor("record", "users", "u1", "10.0.0.1", "test-agent"), () -> {
                app.save(r);
                return null;
            });
            Thread.sleep(2); // autodates have millisecond precision: `updated` changes only once one has passed
            r.set("title", "second");
            r.set("tags", List.of("a", "b"));
            app.save(r);
            app.save(r); // nothing changed: no entry
            app.delete(r);

            var page = app.history().ofRecord(notes, r.id(), RecordHistory.Filter.NONE, 1, 10);
            assertThat(page.total()).isEqualTo(3);
            List<HistoryEntry> items = page.items();
            assertThat(items).extracting(HistoryEntry::action).containsExactly("delete", "update", "create");
            assertThat(items).extracting(HistoryEntry::version).containsExactly(3L, 2L, 1L);
            HistoryEntry create = items.get(2);
            assertThat(create.actor()).isEqualTo("users/u1");
            assertThat(create.ip()).isEqualTo("10.0.0.1");
            assertThat(create.userAgent()).isEqualTo("test-agent");
            assertThat(create.changes().path("title").path("new").asString()).isEqualTo("first");
            HistoryEntry update = items.get(1);
            assertThat(update.actor()).isEqualTo("system");
            assertThat(update.fields()).containsExactlyInAnyOrder("title", "tags", "updated");
            assertThat(Json.write(update.changes().get("tags"))).isEqualTo("{\"old\":[\"a\"],\"new\":[\"a\",\"b\"]}");
            HistoryEntry delete = items.get(0);
            assertThat(delete.changes().path("title").path("old").asString()).isEqualTo("second");
            assertThat(delete.changes().path("title").path("new").isNull()).isTrue();

            var byField = app.history().ofRecord(notes, r.id(), new RecordHistory.Filter("", "", "tags", "", ""), 1, 10);
            assertThat(byField.items()).extracting(HistoryEntry::action).containsExactly("delete", "update", "create");
            var byActor = app.history().ofRecord(notes, r.id(), new RecordHistory.Filter("", "users/u1", "", "", ""),
                    1, 10);
            assertThat(byActor.items()).extracting(HistoryEntry::action).containsExactly("create");
            var deletes = app.history().ofCollection(notes, new RecordHistory.Filter("delete", "", "", "", ""), 1, 10);
            assertThat(deletes.items()).extracting(HistoryEntry::recordId).containsExactly(r.id());
        }
    }

    @Test
    void aCronJobsChangesAreTheJobs() throws Exception {
        try (App app = open()) {
            Collection notes = notes(app, "{\"enabled\":true}");
            var id = new java.util.concurrent.CompletableFuture<String>();
            app.cron().add("nightly", "0 0 * * *", () -> {
                Record r = new Record(notes);
                r.set("title", "from the job");
                app.save(r);
                id.complete(r.id());
            });
            app.cron().runNow("nightly");
            String saved = id.get(10, java.util.concurrent.TimeUnit.SECONDS);
            HistoryEntry e = app.history().ofCollection(notes, RecordHistory.Filter.NONE, 1, 10).items().get(0);
            assertThat(e.actor()).isEqualTo("cron/nightly");
            assertThat(e.recordId()).isEqualTo(saved);
        }
    }

    @Test
    void aCollectionWithoutHistoryKeepsNoneAndPasswordsAreOnlyNotedAsChanged() throws Exception {
        try (App app = open()) {
            Collection demo2 = app.collections().find("demo2").orElseThrow();
            Record plain = new Record(demo2);
            plain.set("title", "no history");
            app.save(plain);
            assertThat(app.history().ofRecord(demo2, plain.id(), RecordHistory.Filter.NONE, 1, 10).total()).isZero();

            // superusers are always audited; their password hash and token key never stored
            Collection su = app.collections().find("_superusers").orElseThrow();
            Record admin = app.records().findById(su, "sywbhecnh46rhm0").orElseThrow();
            String hash = admin.passwordHash();
            admin.set("password", "$2a$10$" + "x".repeat(53));
            admin.set("tokenKey", "a-new-token-key-for-the-test");
            app.save(admin);
            HistoryEntry e = app.history().ofRecord(su, admin.id(), RecordHistory.Filter.NONE, 1, 10).items().get(0);
            assertThat(Json.write(e.changes().get("password"))).isEqualTo("{\"changed\":true}");
            assertThat(Json.write(e.changes().get("tokenKey"))).isEqualTo("{\"changed\":true}");
            assertThat(Json.write(e.changes())).doesNotContain(hash).doesNotContain("a-new-token-key-for-the-test");
            assertThat(app.history().audit(List.of(su.id()), RecordHistory.Filter.NONE, 1, 10).total()).isEqualTo(1);
        }
    }

    @Test
    void theStateAtAVersionOrTimeIsRebuiltAlsoAfterADelete() throws Exception {
        try (App app = open()) {
            Collection notes = notes(app, "{\"enabled\":true}");
            Record r = new Record(notes);
            r.set("title", "v1");
            app.save(r);
            Thread.sleep(5);
            String afterV1 = dev.coffer.tools.types.DateTime.now();
            Thread.sleep(5);
            r.set("title", "v2");
            r.set("done", true);
            app.save(r);
            r.set("title", "v3");
            app.save(r);

            assertThat(app.history().stateAt(notes, r.id(), 1L, null).orElseThrow().getString("title")).isEqualTo("v1");
            Record v2 = app.history().stateAt(notes, r.id(), 2L, null).orElseThrow();
            assertThat(v2.getString("title")).isEqualTo("v2");
            assertThat(v2.getBool("done")).isTrue();
            Record atTime = app.history().stateAt(notes, r.id(), null, afterV1).orElseThrow();
            assertThat(atTime.getString("title")).isEqualTo("v1");
            assertThat(atTime.getBool("done")).isFalse();
            assertThat(app.history().stateAt(notes, r.id(), null, "2000-01-01 00:00:00.000Z")).isEmpty();

            app.delete(r);
            assertThat(app.history().stateAt(notes, r.id(), 4L, null)).isEmpty(); // after the delete: gone
            Record beforeDelete = app.history().stateAt(notes, r.id(), 3L, null).orElseThrow();
            assertThat(beforeDelete.getString("title")).isEqualTo("v3");
            assertThat(beforeDelete.id()).isEqualTo(r.id());
            assertThat(app.history().stateAt(notes, r.id(), 1L, null).orElseThrow().getString("title"))
                    .isEqualTo("v1");
        }
    }

    @Test
    void schemaAndSettingsChangesAreAuditedWithoutSecrets() throws Exception {
        try (App app = open()) {
            Collection notes = notes(app, "{\"enabled\":false}");
            new CollectionService(app).update(notes, json("{\"listRule\":\"\"}"));
            var schema = app.history().audit(List.of(RecordHistory.SCHEMA), RecordHistory.Filter.NONE, 1, 10);
            assertThat(schema.items()).extracting(HistoryEntry::action).containsExactly("update", "create");
            assertThat(Json.write(schema.items().get(0).changes())).isEqualTo("{\"listRule\":{\"old\":null,\"new\":\"\"}}");

            SettingsStore.save(app, app.settings().withMerged(json("{\"meta\":{\"appName\":\"Audited\"},"
                    + "\"smtp\":{\"password\":\"a-secret-password\"}}")));
            HistoryEntry settings = app.history().audit(List.of(RecordHistory.SETTINGS), RecordHistory.Filter.NONE, 1, 10)
                    .items().get(0);
            assertThat(settings.recordId()).isEqualTo("settings");
            assertThat(settings.changes().path("meta.appName").path("new").asString()).isEqualTo("Audited");
            assertThat(Json.write(settings.changes().get("smtp.password"))).isEqualTo("{\"changed\":true}");
            assertThat(Json.write(settings.changes())).doesNotContain("a-secret-password");
        }
    }

    @Test
    void historyOptionsAreValidated() throws Exception {
        try (App app = open()) {
            assertThatThrownBy(() -> notes(app, "{\"enabled\":\"yes\",\"retentionDays\":-1}"))
                    .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(Json.write(
                            Json.MAPPER.valueToTree(e.errors()))).contains("enabled").contains("retentionDays"));
            assertThatThrownBy(() -> new CollectionService(app).create(json("{\"name\":\"x\",\"type\":\"base\","
                    + "\"historyRule\":\"nope ~~ \"}"))).isInstanceOf(ValidationException.class);
        }
    }

    @Test
    void entriesAreStoredCompressedAndReadBack() {
        String json = "{\"title\":{\"old\":\"The quick brown fox\",\"new\":\"The quick brown fox jumps\"},"
                + "\"updated\":{\"old\":\"2026-12-04 10:11:12.123Z\",\"new\":\"2026-12-04 10:12:13.456Z\"}}";
        byte[] stored = HistoryCodec.encode(json);
        assertThat(stored.length).isLessThan(json.length());
        assertThat(HistoryCodec.decode(stored)).isEqualTo(json);
        assertThat(HistoryCodec.decode(HistoryCodec.encode("{}"))).isEqualTo("{}");
        String big = "{\"body\":{\"old\":null,\"new\":\"" + "lorem ipsum dolor sit amet ".repeat(2000) + "\"}}";
        assertThat(HistoryCodec.decode(HistoryCodec.encode(big))).isEqualTo(big);
        assertThatThrownBy(() -> HistoryCodec.decode(new byte[] {1, 5, 6})).isInstanceOf(IllegalStateException.class);
    }
}
