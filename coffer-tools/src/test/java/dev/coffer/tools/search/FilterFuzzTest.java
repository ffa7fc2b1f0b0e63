package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.coffer.tools.db.SqliteDialect;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random, malformed and hostile filters and sorts: each must either be rejected with a
 * {@link FilterException} or build into SQL that uses only resolver-provided identifiers and the builder's
 * own vocabulary, and that SQLite executes without error.
 */
class FilterFuzzTest {

    private static final String[] IDENTIFIERS = {
        "title", "n", "id", "data", "data.a", "data.items.0.x", "data.99999999999999999999", "tags", "tags:each",
        "tags:length", "title:lower", "email", "visible", "@request.auth.id", "@now", "@todayStart", "@monthEnd",
        "@second", "@weekday", "null", "true", "false", "NULL", "True", "unknown", "@collection.x.y", "_a", "#x",
        "a.b.c:d", "id:each", "message", "level", "created", "data.a:b", "data.-1",
    };
    private static final String[] FUNCTIONS = {
        "geoDistance(n, n, 1, 2)", "geoDistance(title, 1, 2, 3)", "geoDistance(data.a, null, 1, 2)",
        "strftime('%Y')", "strftime('%Y', title)", "strftime('%s', tags:each, '+1 day')", "strftime('%Y', n, 'bogus')",
        "strftime('%Y', @now, '+1 day',)", "nope(1)", "geoDistance(1,2,3,4,5)", "strftime(title)", "strftime(",
        "geoDistance(1, 2, 3, strftime('%s'))",
    };
    private static final String[] OPERATORS = {
        "=", "!=", "~", "!~", ">", ">=", "<", "<=", "?=", "?!=", "?~", "?!~", "?>", "?>=", "?<", "?<=",
    };
    private static final String[] LITERALS = {
        "0", "-1", "1.5", "-.5", "007", "99999999999999999999999", "1e3", "'abc'", "''", "\"\"", "'%'", "'_'",
        "'\\\\'", "'a\\'b'", "\"it's\"", "'%%'", "'\\%'", "'; DROP TABLE t; --'", "\"' OR 1=1 --\"",
        "'\\\" OR \\\"1\\\"=\\\"1'", "'?'", "'??'", "'ü🙂'", "'a\u0000b'", "\"Robert'); DROP TABLE t;--\"",
        "'a\\nb'", "'a%'", "'\\'", "'2024-01-01 00:00:00.000Z'", "'\"t\".\"title\"'",
    };
    private static final String[] JUNK = {
        "&&", "||", "&", "|", "&&&", "(", ")", "()", "// comment\n", "/", ";", "--", "$", "{:x}", "{:", ",", "'abc",
        "==", "=!", "?", "!", "<>", "\r", "\u00a0", "🙂", "DROP", "SELECT * FROM t", "\"t\".\"id\"", "`id`", "[id]",
    };
    private static final String ALPHABET = "abcnt_@#.:'\"\\%()=!<>~?&| \n\t-0123456789,/{}$;ü🙂\u0000\r";

    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "is", "null", "like", "escape", "coalesce",
            "exists", "select", "from", "where", "left", "join", "on", "as", "strftime", "acos", "cos", "sin",
            "radians", "min", "max", "1", "0", "6371");
    private static final Pattern SQL_TOKEN = Pattern.compile("\\s+|\\?|\\(|\\)|,|\\.|<=|>=|<|>|=|\\|\\||\\*|-|\\+"
            + "|''|'%'|'\\\\'|\"__(?:sm|ml|mr)\\d+\"|\"multiMatchValue\"|[A-Za-z_]+|\\d+");

    static Connection db;

    @BeforeAll
    static void createTables() throws SQLException {
        db = DriverManager.getConnection("jdbc:sqlite::memory:");
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE t (id TEXT PRIMARY KEY, title TEXT, n NUMERIC, data JSON, tags JSON, email TEXT,"
                    + " visible INTEGER)");
            s.execute("INSERT INTO t VALUES ('r1', 'abc', 1, '{\"a\":1}', '[\"a\",\"b\"]', 'a@x', 1),"
                    + " ('r2', '', 0, 'null', '[]', '', 0), ('r3', NULL, NULL, NULL, NULL, NULL, NULL),"
                    + " ('r4', 'a%b_c\\d', 5.5, '[1,{\"x\":2}]', '[\"c\"]', 'h@x', 0)");
            s.execute("CREATE TABLE logs (id TEXT PRIMARY KEY, created TEXT, level INTEGER, message TEXT, data JSON)");
            s.execute("INSERT INTO logs VALUES ('l1', '2024-01-01 00:00:00.000Z', 0, 'hi', '{\"a\":{\"b\":1}}'),"
                    + " ('l2', '', 4, '', '{}')");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    /** Remembers every SQL fragment a resolver hands out. */
    static final class Recording implements FieldResolver {
        final FieldResolver inner;
        final List<String> fragments = new ArrayList<>();

        Recording(FieldResolver inner) {
            this.inner = inner;
        }

        @Override
        public ResolverResult resolve(String identifier) {
            ResolverResult result = inner.resolve(identifier);
            fragments.add(result.expression().sql());
            result.multiMatch().ifPresent(mm -> {
                fragments.add(mm.value().sql());
                fragments.add(mm.source().sql());
            });
            // what the after-build step adds around a comparison is resolver SQL too
            String marker = "\u0001";
            fragments.addAll(List.of(result.afterBuild().apply(SqlExpression.of(marker)).sql().split(marker)));
            return result;
        }
    }

    record Target(String table, String from, java.util.function.Supplier<FieldResolver> resolver) {}

    static final List<Target> TARGETS = List.of(
            new Target("t", TestResolver.FROM, TestResolver::new),
            new Target("logs", "FROM \"logs\"", () -> SimpleFieldResolver.of(SqliteDialect.INSTANCE,
                    "id", "created", "level", "message", "data", "^data\\.[\\w.:]*\\w+$")));

    int built;
    int executedSorts;

    @Test
    void randomFiltersAndSortsBuildSafelyOrFailCleanly() {
        Random random = new Random(20_261_122);
        for (int i = 0; i < 8000; i++) {
            String filter = switch (i % 4) {
                case 0 -> structured(random, 0);
                case 1 -> soup(random);
                case 2 -> chars(random);
                default -> mutate(random, structured(random, 0));
            };
            checkFilter(filter, TARGETS.get(random.nextInt(TARGETS.size())), random.nextBoolean() ? "u1" : null);
        }
        for (int i = 0; i < 3000; i++) {
            checkSort(sort(random), TARGETS.get(random.nextInt(TARGETS.size())));
        }
        assertThat(built).as("filters that built and ran").isGreaterThan(700);
        assertThat(executedSorts).as("sorts that built and ran").isGreaterThan(300);
    }

    private void checkFilter(String text, Target target, Object authId) {
        Filter filter;
        try {
            filter = Filter.parse(text);
        } catch (FilterException expected) {
            return;
        }
        FieldResolver base = target.table().equals("t") ? new TestResolver(authId) : target.resolver().get();
        Recording resolver = new Recording(base);
        SqlExpression where;
        try {
            where = new FilterSqlBuilder(SqliteDialect.INSTANCE).build(filter, resolver);
        } catch (FilterException expected) {
            return;
        }
        assertUsesOnly(where.sql(), resolver.fragments, text);
        assertThat(where.sql().chars().filter(c -> c == '?').count()).as(text).isEqualTo(where.params().size());
        execute("SELECT DISTINCT " + target.table() + ".id " + target.from() + " WHERE " + where.sql(), where, text);
        built++;
    }

    private void checkSort(String text, Target target) {
        String order;
        Recording resolver = new Recording(target.resolver().get());
        try {
            order = new SortSqlBuilder(SqliteDialect.INSTANCE).build(SortField.parseList(text), resolver, target.table());
        } catch (FilterException expected) {
            return;
        }
        if (order.isEmpty()) {
            return;
        }
        resolver.fragments.add("RANDOM()");
        resolver.fragments.add(SqliteDialect.INSTANCE.rowid(target.table()));
        assertUsesOnly(order.replaceAll(" (ASC|DESC)(,|$)", "$2"), resolver.fragments, text);
        execute("SELECT " + target.table() + ".id " + target.from() + " ORDER BY " + order, SqlExpression.EMPTY, text);
        executedSorts++;
    }

    private static void execute(String sql, SqlExpression where, String input) {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            where.bindTo(ps, 1);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(1);
                }
            }
        } catch (SQLException e) {
            fail("SQL failed for input " + FilterLexerTest.displayName(input) + ": " + e.getMessage() + "\n" + sql);
        }
    }

    /** Checks that, once resolver fragments are removed, only the builder's own vocabulary is left. */
    private static void assertUsesOnly(String sql, List<String> fragments, String input) {
        String rest = sql;
        for (String fragment : fragments.stream().distinct().sorted(Comparator.comparingInt(String::length).reversed())
                .toList()) {
            if (!fragment.isEmpty()) {
                rest = rest.replace(fragment, " ");
            }
        }
        Matcher m = SQL_TOKEN.matcher(rest);
        int pos = 0;
        while (pos < rest.length()) {
            if (!m.find(pos) || m.start() != pos) {
                fail("unexpected SQL " + FilterLexerTest.displayName(rest.substring(pos)) + " for input "
                        + FilterLexerTest.displayName(input) + "\n" + sql);
            }
            String token = m.group();
            if (Character.isLetterOrDigit(token.charAt(0)) || token.charAt(0) == '_') {
                assertThat(KEYWORDS).as("word in SQL for input %s: %s", input, sql)
                        .contains(token.toLowerCase(Locale.ROOT));
            }
            pos = m.end();
        }
    }

    // ---- generators ----

    private static String pick(Random r, String[] options) {
        return options[r.nextInt(options.length)];
    }

    private static String operand(Random r) {
        return switch (r.nextInt(5)) {
            case 0, 1 -> pick(r, IDENTIFIERS);
            case 2 -> pick(r, FUNCTIONS);
            default -> pick(r, LITERALS);
        };
    }

    private static String structured(Random r, int depth) {
        int kind = depth < 3 ? r.nextInt(6) : 5;
        return switch (kind) {
            case 0 -> "(" + structured(r, depth + 1) + ")";
            case 1 -> structured(r, depth + 1) + " && " + structured(r, depth + 1);
            case 2 -> structured(r, depth + 1) + " || " + structured(r, depth + 1);
            default -> operand(r) + (r.nextBoolean() ? " " : "") + pick(r, OPERATORS) + " " + operand(r);
        };
    }

    private static String soup(Random r) {
        StringBuilder out = new StringBuilder();
        int n = 1 + r.nextInt(12);
        for (int i = 0; i < n; i++) {
            String[] source = switch (r.nextInt(4)) {
                case 0 -> IDENTIFIERS;
                case 1 -> OPERATORS;
                case 2 -> LITERALS;
                default -> JUNK;
            };
            out.append(pick(r, source)).append(pick(r, new String[] {" ", "", "\n", "\t"}));
        }
        return out.toString();
    }

    private static String chars(Random r) {
        int[] codePoints = ALPHABET.codePoints().toArray();
        StringBuilder out = new StringBuilder();
        int n = r.nextInt(40);
        for (int i = 0; i < n; i++) {
            out.appendCodePoint(codePoints[r.nextInt(codePoints.length)]);
        }
        return out.toString();
    }

    private static String mutate(Random r, String text) {
        if (text.isEmpty()) {
            return text;
        }
        int at = r.nextInt(text.length());
        return switch (r.nextInt(3)) {
            case 0 -> text.substring(0, at) + text.substring(at + 1);
            case 1 -> text.substring(0, at) + ALPHABET.charAt(r.nextInt(ALPHABET.length())) + text.substring(at);
            default -> text.substring(0, at) + text.substring(at, Math.min(text.length(), at + 5)) + text.substring(at);
        };
    }

    private static String sort(Random r) {
        StringBuilder out = new StringBuilder();
        int n = r.nextInt(10) == 0 ? r.nextInt(12) : 1 + r.nextInt(3);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.append(r.nextInt(10) == 0 ? ",," : ",");
            }
            out.append(pick(r, new String[] {"", "", "-", "+", " ", "--"}));
            out.append(switch (r.nextInt(8)) {
                case 0 -> pick(r, LITERALS);
                case 1 -> pick(r, JUNK);
                case 2 -> pick(r, IDENTIFIERS);
                default -> pick(r, new String[] {"@random", "@rowid", "title", "n", "id", "title:lower", "data.a",
                    "data.a.b", "data.0", "data.", "data.-1", "data.a'b", "data.a\\b", "level", "created", "message"});
            });
        }
        return out.toString();
    }
}
