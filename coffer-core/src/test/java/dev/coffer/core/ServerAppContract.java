package dev.coffer.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.coffer.core.auth.AuthRecordLookup;
import dev.coffer.core.auth.Superusers;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionService;
import dev.coffer.core.field.GeoPoint;
import dev.coffer.core.migrations.SystemMigrations;
import dev.coffer.core.record.Record;
import dev.coffer.core.rules.RecordSearch;
import dev.coffer.tools.json.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.node.ObjectNode;

/**
 * A new, empty app on a database server: the system migrations create PocketBase's schema, a collection is created
 * and a record saved, read back and found by a filter; reopened, the migrations have nothing left to do. Each engine's
 * test names its server ({@link Server}); the test skips when the server is unreachable, and fails instead when
 * {@code COFFER_REQUIRE_SERVICES=1}. It works in a database of its own, dropped afterwards.
 */
abstract class ServerAppContract {

    /**
     * A local database server.
     *
     * @param name its name in messages
     * @param port its port on 127.0.0.1
     * @param adminUrl the JDBC URL to create and drop databases from
     * @param user the user, without a password
     * @param scheme the scheme of Coffer's URL for it
     * @param dialect the name of Coffer's dialect for it
     * @param createOptions what {@code CREATE DATABASE x} is followed by
     * @param dropOptions what {@code DROP DATABASE IF EXISTS x} is followed by
     */
    record Server(String name, int port, String adminUrl, String user, String scheme, String dialect,
            String createOptions, String dropOptions) {}

    private static final String HOST = "127.0.0.1";

    /** The server the test runs on. */
    abstract Server server();

    @TempDir
    Path dir;

    private String database;

    @BeforeEach
    void createDatabase() throws SQLException {
        requireServer();
        database = "coffer_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(server().adminUrl(), server().user(), "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database + server().createOptions());
        }
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        if (database == null) {
            return;
        }
        try (Connection c = DriverManager.getConnection(server().adminUrl(), server().user(), "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + server().dropOptions());
        }
    }

    private void requireServer() {
        String reason = null;
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, server().port()), 1000);
        } catch (IOException e) {
            reason = server().name() + " is not reachable on " + HOST + ":" + server().port() + " (" + e.getMessage() + ")";
        }
        if (reason != null) {
            if ("1".equals(System.getenv("COFFER_REQUIRE_SERVICES"))) {
                Assertions.fail(reason + "; COFFER_REQUIRE_SERVICES=1 requires it");
            }
            Assumptions.abort(reason + "; skipping");
        }
    }

    private AppConfig config() {
        return AppConfig.of(dir).withDatabase(server().scheme() + "://" + server().user() + "@" + HOST + ":"
                + server().port() + "/" + database);
    }

    @Test
    void aNewAppStartsOnTheServerAndKeepsItsRecords() {
        String recordId;
        try (App app = App.open(config())) {
            assertThat(app.db().dialect().name()).isEqualTo(server().dialect());
            assertThat(app.collections().all()).extracting(Collection::name).containsExactly(
                    "_mfas", "_otps", "_externalAuths", "_authOrigins", "_superusers", "users");
            assertThat(app.settings()).isNotNull();

            Collection notes = new CollectionService(app).create((ObjectNode) Json.parse("""
                    {"name":"notes","listRule":"","viewRule":"","fields":[
                      {"type":"text","name":"title","required":true},
                      {"type":"number","name":"count"},
                      {"type":"bool","name":"done"},
                      {"type":"json","name":"meta"},
                      {"type":"select","name":"tags","maxSelect":3,"values":["a","b","c"]},
                      {"type":"geoPoint","name":"place"},
                      {"type":"autodate","name":"created","onCreate":true}
                    ],"indexes":["CREATE UNIQUE INDEX `idx_notes_title` ON `notes` (`title` COLLATE NOCASE)"]}"""));
            assertThat(app.collections().find("notes")).isPresent();

            Record r = new Record(notes);
            r.set("title", "Hello");
            r.set("count", 3);
            r.set("done", true);
            r.set("meta", Json.parse("{\"b\":1,\"a\":[true,null]}"));
            r.set("tags", List.of("a", "c"));
            r.set("place", new GeoPoint(12.5, -45.25));
            app.save(r);
            recordId = r.id();
            Record other = new Record(notes);
            other.set("title", "Other");
            app.save(other);

            Record back = app.records().findById(notes, recordId).orElseThrow();
            assertThat(back.getString("title")).isEqualTo("Hello");
            assertThat(back.get("count")).isEqualTo(3.0);
            assertThat(back.get("done")).isEqualTo(true);
            assertThat(Json.write(back.get("meta"))).isEqualTo("{\"b\":1,\"a\":[true,null]}");
            assertThat(back.get("tags")).isEqualTo(List.of("a", "c"));
            assertThat(back.get("place")).isEqualTo(new GeoPoint(12.5, -45.25));
            assertThat(back.getString("created")).isNotEmpty();
            Record blank = app.records().findById(notes, other.id()).orElseThrow();
            assertThat(blank.get("count")).isEqualTo(0.0);
            assertThat(blank.get("done")).isEqualTo(false);
            assertThat(blank.get("tags")).isEqualTo(List.of());

            RecordSearch search = new RecordSearch(app.db(), app.collections());
            for (String filter : List.of("done = true && count > 1", "tags:each ?= 'c' && tags:length = 2",
                    "title ~ 'hell'", "geoDistance(place.lon, place.lat, 12, -45) < 200")) {
                assertThat(search.list(notes, RequestInfo.empty(), new RecordSearch.ListQuery(filter, "-title", 1, 30,
                        false)).items()).as(filter).extracting(Record::id).containsExactly(recordId);
            }
            assertThat(search.list(notes, RequestInfo.empty(),
                    new RecordSearch.ListQuery("done = false", "", 1, 30, false)).totalItems()).isEqualTo(1);

            Record draft = new Record(notes);
            draft.set("title", "Draft");
            draft.set("count", 5);
            draft.set("done", true);
            assertThat(app.rules().matchesDraft(draft, RequestInfo.empty(), "done = true && count > 4 && title != ''"))
                    .isTrue();
            assertThat(app.rules().matchesDraft(draft, RequestInfo.empty(), "done = false")).isFalse();
            assertThat(app.rules().matches(back, RequestInfo.empty(), "done = true && tags:each ?= 'a'")).isTrue();

            CollectionService service = new CollectionService(app);
            Collection renamed = service.update(notes, (ObjectNode) Json.parse("""
                    {"name":"memos","fields":[
                      {"id":"%s","type":"text","name":"heading","required":true},
                      {"type":"text","name":"body"}],
                    "indexes":["CREATE INDEX `idx_memos_heading` ON `memos` (`heading`, `body`)"]}""".formatted(notes.field("title").orElseThrow().id())));
            assertThat(renamed.fields()).extracting(f -> f.name()).containsExactly("id", "heading", "body");
            assertThat(app.records().findById(renamed, recordId).orElseThrow().getString("heading")).isEqualTo("Hello");

            Collection members = service.create((ObjectNode) Json.parse("{\"name\":\"members\",\"type\":\"auth\"}"));
            Record member = new Record(members);
            member.set("email", "Someone@Example.com");
            member.set("password", dev.coffer.tools.security.Passwords.hash("1234567890", 4));
            app.save(member);
            assertThat(AuthRecordLookup.byEmail(app, members, "Someone@Example.com")).isPresent();
            service.delete(members);
            assertThat(app.collections().find("members")).isEmpty();

            Superusers superusers = new Superusers(app);
            superusers.upsert("Admin@Example.com", "1234567890");
            assertThat(superusers.findByEmail("admin@example.com")).isPresent();
        }

        try (App app = App.open(config())) {
            List<String> data = app.db().write(c -> SystemMigrations.migrateData(c, app.db().dialect()));
            List<String> aux = app.auxDb().write(c -> SystemMigrations.migrateAuxiliary(c, app.auxDb().dialect()));
            assertThat(data).isEmpty();
            assertThat(aux).isEmpty();
            Collection notes = app.collections().find("memos").orElseThrow();
            assertThat(app.records().findById(notes, recordId).orElseThrow().getString("heading")).isEqualTo("Hello");
            assertThat(migrationsRecorded(app)).isEqualTo(SystemMigrations.dataMigrationFiles().size());
        }
    }

    @Test
    void anAppRunsOnAnApplicationsDataSourceAndLeavesItOpen() {
        com.zaxxer.hikari.HikariConfig hikari = new com.zaxxer.hikari.HikariConfig();
        hikari.setJdbcUrl(server().adminUrl().substring(0, server().adminUrl().lastIndexOf('/') + 1) + database);
        hikari.setUsername(server().user());
        hikari.setMaximumPoolSize(3);
        boolean postgres = server().dialect().equals("postgres");
        if (postgres) {
            hikari.addDataSourceProperty("stringtype", "unspecified");
        }
        try (com.zaxxer.hikari.HikariDataSource source = new com.zaxxer.hikari.HikariDataSource(hikari)) {
            String id;
            try (App app = App.open(AppConfig.of(dir).withDataSource(source))) {
                assertThat(app.db().dialect().name()).isEqualTo(server().dialect());
                assertThat(app.db().hasFile()).isFalse();
                assertThat(app.db().location()).startsWith("DataSource jdbc:");
                Collection notes = new CollectionService(app).create((ObjectNode) Json.parse("""
                        {"name":"notes","listRule":"","fields":[{"type":"text","name":"title"},{"type":"number","name":"count"},
                          {"type":"json","name":"meta"}],
                         "indexes":["CREATE UNIQUE INDEX `idx_notes_title` ON `notes` (`title` COLLATE NOCASE)"]}"""));
                Record r = new Record(notes);
                r.set("title", "Hello");
                r.set("count", 3);
                r.set("meta", Json.parse("{\"b\":1,\"a\":2}"));
                app.save(r);
                id = r.id();
                Record clash = new Record(notes);
                clash.set("title", "HELLO");
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> app.save(clash)).isNotNull();
                // every pooled connection, not only the first, has Coffer's session settings: reads in parallel
                RecordSearch search = new RecordSearch(app.db(), app.collections());
                List<Integer> found = java.util.stream.IntStream.range(0, 12).parallel().mapToObj(i -> search.list(notes,
                        RequestInfo.empty(), new RecordSearch.ListQuery("title ~ 'ell' && count > 2", "", 1, 30, false))
                        .items().size()).toList();
                assertThat(found).containsOnly(1);
                assertThat(Json.write(app.records().findById(notes, id).orElseThrow().get("meta")))
                        .isEqualTo("{\"b\":1,\"a\":2}");
            }
            assertThat(source.isClosed()).isFalse();
            try (App app = App.open(AppConfig.of(dir).withDataSource(source))) {
                Collection notes = app.collections().find("notes").orElseThrow();
                assertThat(app.records().findById(notes, id).orElseThrow().getString("title")).isEqualTo("Hello");
            }
            if (postgres) {
                hikari.getDataSourceProperties().remove("stringtype");
                hikari.setPoolName("typed-strings");
                try (com.zaxxer.hikari.HikariDataSource typed = new com.zaxxer.hikari.HikariDataSource(hikari)) {
                    org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> App.open(AppConfig.of(dir).withDataSource(typed)))
                            .hasMessageContaining("stringtype=unspecified")
                            .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
                }
            }
        }
    }

    private static long migrationsRecorded(App app) {
        return app.db().read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"_migrations\"");
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Test
    void twoInstancesShareTheJobQueueAndRunEachJobOnce() throws Exception {
        try (App first = App.open(config()); App second = App.open(config())) {
            int total = 300;
            Map<String, Integer> runs = new ConcurrentHashMap<>();
            Map<String, Boolean> active = new ConcurrentHashMap<>();
            AtomicInteger overlaps = new AtomicInteger();
            Map<String, Integer> byInstance = new ConcurrentHashMap<>();
            CountDownLatch all = new CountDownLatch(total);
            for (App app : List.of(first, second)) {
                String name = app == first ? "first" : "second";
                app.jobs().handle("shared", job -> {
                    if (active.putIfAbsent(job.id(), true) != null) {
                        overlaps.incrementAndGet();
                    }
                    Thread.sleep(5);
                    runs.merge(job.id(), 1, Integer::sum);
                    byInstance.merge(name, 1, Integer::sum);
                    active.remove(job.id());
                    all.countDown();
                });
            }
            for (int i = 0; i < total; i++) {
                first.jobs().enqueue("shared", Json.parse("{\"n\":" + i + "}"));
            }
            first.jobs().start(3);
            second.jobs().start(3);
            assertThat(all.await(60, TimeUnit.SECONDS)).isTrue();
            assertThat(runs).hasSize(total);
            assertThat(runs.values()).containsOnly(1);
            assertThat(overlaps).hasValue(0);
            assertThat(byInstance).containsOnlyKeys("first", "second"); // both took a share
        }
    }
}
