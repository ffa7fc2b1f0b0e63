package dev.coffer.core.rules;

import static dev.coffer.core.rules.FixtureApp.as;
import static dev.coffer.core.rules.FixtureApp.collection;
import static dev.coffer.core.rules.FixtureApp.superuser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.coffer.core.App;
import dev.coffer.core.RequestInfo;
import dev.coffer.core.rules.RecordSearch.ListQuery;
import dev.coffer.tools.search.FilterException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of random and hostile filters and sorts against the list search on the fixture: each one either
 * runs or is refused with a {@link FilterException} or {@link SuperuserOnlyException}, never another error,
 * and identifiers naming tables that are not collections never resolve.
 */
class RecordSearchFuzzTest {

    private static final String[] COLLECTIONS = {
        "demo1", "demo2", "demo3", "demo4", "demo5", "nologin", "view1", "_superusers",
    };
    private static final String[] IDENTIFIERS = {
        "id", "title", "text", "bool", "number", "json", "json.a", "json.items.0.x", "json.99999999999", "json..a",
        "json_object.a.b", "json_array.1", "point.lat", "point.lon", "email", "tokenKey", "password", "select_many:each",
        "select_many:length", "select_one:lower", "rel_one.text", "rel_one.id", "rel_many.name", "rel_many.email",
        "rel_many.rel.title", "rel_many:each", "rel_one.rel_one.rel_one.rel_one.rel_one.rel_one.rel_one.text",
        "self_rel_many.self_rel_many.self_rel_many.title", "rel_many_no_cascade_required.files:length",
        "demo4_via_rel_one_cascade.title", "users_via_rel.name", "demo5_via_rel_many.total", "sqlite_master_via_name.sql",
        "_params_via_id.value", "_collections_via_id.name", "_superusers_via_id.email", "demo1_via_missing.id",
        "@collection.demo2.title", "@collection.demo3:a.title", "@collection.sqlite_master.sql",
        "@collection._params.value", "@collection._collections.fields", "@collection._superusers.email",
        "@collection.DEMO2.title", "@collection.missing.x", "@collection.demo1:x:y.text", "@collection.demo1",
        "@request.auth.id", "@request.auth.rel.title", "@request.auth.tokenKey", "@request.auth.email:lower",
        "@request.body.title", "@request.body.title:changed", "@request.body.rel_many.title", "@request.body.x:each",
        "@request.body.select_many:each", "@request.body.select_many:length", "@request.query.q:isset",
        "@request.headers.x_token", "@request.method", "@request.context", "@request.sqlite_master", "@request",
        "title:bogus", "title:lower:lower", "id:isset", "missing", "a.b.c.d.e.f.g.h", "_rowid_", "rowid", "@rowid",
        "@random", "null", "true", "@now", "ünïcödé", "title\u0000", "\"title\"", "`id`", "[id]",
    };
    private static final String[] OPERATORS = {
        "=", "!=", "~", "!~", ">", ">=", "<", "<=", "?=", "?!=", "?~", "?!~", "?>", "?<=",
    };
    private static final String[] LITERALS = {
        "0", "-1", "1.5", "'abc'", "''", "\"\"", "'%'", "'_'", "'\\\\'", "'a\\'b'", "'; DROP TABLE demo1; --'",
        "\"' OR 1=1 --\"", "'?'", "'ü🙂'", "'a\u0000b'", "\"Robert'); DROP TABLE users;--\"", "'\"demo1\".\"id\"'",
        "null", "true", "false",
    };
    private static final String[] JUNK = {
        "&&", "||", "(", ")", "()", "// c\n", ";", "--", "{:x}", ",", "'abc", "==", "?", "!", "<>", "🙂", "DROP",
        "SELECT * FROM sqlite_master", "\"demo1\".\"id\"", "UNION SELECT 1", "*/", "/*",
    };
    private static final String ALPHABET = "abcnt_@#.:'\"\\%()=!<>~?&| \n-0129,/{}$;ü🙂\u0000";

    @TempDir
    static Path dir;

    static App app;
    static RecordSearch search;

    @BeforeAll
    static void open() {
        app = FixtureApp.open(dir);
        search = new RecordSearch(app.db(), app.collections());
    }

    @AfterAll
    static void close() {
        app.close();
    }

    @Test
    void hostileInputIsRunOrRefusedButNeverFailsTheDatabase() {
        Random random = new Random(20240611);
        List<RequestInfo> requesters = List.of(RequestInfo.empty(), superuser(app), as(app, "users", "4q1xlclmfloku33"),
                FixtureApp.withBody(as(app, "clients", "gk390qegs4y47wn"),
                        Map.of("title", "x", "rel_many", List.of("bgs820n361vj1qd"), "select_many", "a")));
        int succeeded = 0;
        for (int i = 0; i < 4000; i++) {
            String name = COLLECTIONS[random.nextInt(COLLECTIONS.length)];
            RequestInfo info = requesters.get(random.nextInt(requesters.size()));
            boolean mild = random.nextBoolean();
            String[] identifiers = mild ? ownFields(name) : IDENTIFIERS;
            String filter = random.nextInt(6) == 0 ? null : filter(random, identifiers, mild);
            String sort = random.nextInt(3) == 0 ? null : sort(random, identifiers);
            ListQuery query = new ListQuery(filter, sort, 1 + random.nextInt(3), 1 + random.nextInt(30),
                    random.nextBoolean());
            try {
                search.list(collection(app, name), info, query);
                succeeded++;
            } catch (FilterException | SuperuserOnlyException expected) {
                // refused as it should be
            } catch (RuntimeException e) {
                fail("filter " + printable(filter) + " sort " + printable(sort) + " on " + name + " failed with " + e, e);
            }
        }
        assertThat(succeeded).as("queries that ran").isGreaterThan(1000);
    }

    @Test
    void tablesThatAreNotCollectionsNeverResolve() {
        RequestInfo su = superuser(app);
        for (String filter : List.of("@collection.sqlite_master.sql ?~ 'CREATE'", "@collection._params.value != ''",
                "@collection._migrations.file != ''", "sqlite_master_via_name.sql != ''", "_params_via_id.value != ''",
                "@collection.sqlite_schema.name != ''", "@collection.demo2 = 1")) {
            assertThatThrownBy(() -> search.list(collection(app, "demo2"), su, new ListQuery(filter, null, 1, 30, false)))
                    .as(filter).isInstanceOf(FilterException.class);
        }
        assertThatThrownBy(() -> search.list(collection(app, "demo2"), su,
                new ListQuery(null, "@collection.sqlite_master.sql", 1, 30, false))).isInstanceOf(FilterException.class);
    }

    /** The collection's own fields with and without modifiers, so that many generated queries are valid. */
    private static String[] ownFields(String name) {
        return collection(app, name).fields().stream()
                .flatMap(f -> java.util.stream.Stream.of(f.name(), f.name() + ":lower", f.name() + ":each",
                        f.name() + ":length"))
                .toArray(String[]::new);
    }

    private static String filter(Random random, String[] identifiers, boolean mild) {
        StringBuilder out = new StringBuilder();
        int terms = 1 + random.nextInt(4);
        for (int t = 0; t < terms; t++) {
            if (t > 0) {
                out.append(random.nextBoolean() ? " && " : " || ");
            }
            switch (mild ? 3 + random.nextInt(7) : random.nextInt(10)) {
                case 0 -> out.append(pick(random, JUNK));
                case 1 -> out.append(randomText(random));
                case 2 -> out.append("(".repeat(random.nextInt(120))).append("id != ''")
                        .append(")".repeat(random.nextInt(120)));
                default -> out.append(operand(random, identifiers)).append(' ').append(pick(random, OPERATORS))
                        .append(' ').append(operand(random, identifiers));
            }
        }
        return out.toString();
    }

    private static String operand(Random random, String[] identifiers) {
        return switch (random.nextInt(4)) {
            case 0 -> pick(random, LITERALS);
            case 1 -> "strftime('%Y', " + pick(random, identifiers) + ")";
            default -> pick(random, identifiers);
        };
    }

    private static String sort(Random random, String[] identifiers) {
        StringBuilder out = new StringBuilder();
        int terms = 1 + random.nextInt(4);
        for (int t = 0; t < terms; t++) {
            if (t > 0) {
                out.append(',');
            }
            out.append(pick(random, new String[] {"", "-", "+", " -"}));
            out.append(random.nextInt(8) == 0 ? randomText(random) : pick(random, identifiers));
        }
        return out.toString();
    }

    private static String randomText(Random random) {
        StringBuilder out = new StringBuilder();
        int length = random.nextInt(20);
        int[] codePoints = ALPHABET.codePoints().toArray();
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return out.toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static String printable(String text) {
        return text == null ? "null" : text.replace("\u0000", "\\0").replace("\n", "\\n");
    }
}
