package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.coffer.tools.db.SqliteDialect;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class FilterSqlBuilderTest {

    /** Saturday 2024-02-10 15:04:05.123 UTC (a leap year). */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-02-10T15:04:05.123Z"), ZoneId.of("Europe/Paris"));

    static final FilterSqlBuilder BUILDER = new FilterSqlBuilder(SqliteDialect.INSTANCE, CLOCK, FilterFunctions.DEFAULT);

    static final String TITLE = "\"t\".\"title\"";
    static final String N = "\"t\".\"n\"";
    static final String MM_SOURCE = "SELECT \"mm_je\".\"value\" AS \"multiMatchValue\" FROM \"t\" \"mm_t\" LEFT JOIN "
            + "json_each(CASE WHEN json_valid(\"mm_t\".\"tags\") THEN \"mm_t\".\"tags\" ELSE '[]' END) \"mm_je\" ON 1=1 "
            + "WHERE \"mm_t\".\"id\" = \"t\".\"id\"";

    /** A filter, the SQL it builds to and the bound values. */
    record Case(String filter, String sql, Object... params) {}

    static SqlExpression build(String filter, Object authId) {
        return BUILDER.build(Filter.parse(filter), new TestResolver(authId));
    }

    @TestFactory
    Stream<DynamicTest> builds() {
        return Stream.of(
                new Case("title > 1", TITLE + " > ?", 1.0),
                new Case("2 < 5", "? < ?", 2.0, 5.0),
                new Case("n >= -1.50 && n <= 007", "(" + N + " >= ? AND " + N + " <= ?)", -1.5, 7.0),
                // NULL / empty equivalence
                new Case("'' = null && null != ''", "('' = '' AND '' IS NOT '')"),
                new Case("title = ''", "(" + TITLE + " = '' OR " + TITLE + " IS NULL)"),
                new Case("title = null", "(" + TITLE + " = '' OR " + TITLE + " IS NULL)"),
                new Case("NULL = title", "('' = " + TITLE + " OR " + TITLE + " IS NULL)"),
                new Case("title != ''", "(" + TITLE + " IS NOT '' AND " + TITLE + " IS NOT NULL)"),
                new Case("null != title", "('' IS NOT " + TITLE + " AND " + TITLE + " IS NOT NULL)"),
                new Case("title = n", "COALESCE(" + TITLE + ", '') = COALESCE(" + N + ", '')"),
                new Case("title != n", "COALESCE(" + TITLE + ", '') IS NOT COALESCE(" + N + ", '')"),
                new Case("title = 'abc'", TITLE + " = ?", "abc"),
                new Case("title != 'abc'", TITLE + " IS NOT ?", "abc"),
                new Case("'abc' ?= title", "? = " + TITLE, "abc"),
                new Case("title = 1", TITLE + " = ?", 1.0),
                new Case("n = true && n != false && TRUE = n", "(" + N + " = 1 AND " + N + " IS NOT 0 AND 1 = " + N + ")"),
                new Case("title = @request.auth.id", TITLE + " = ?", "u1"),
                new Case("@request.auth.id != ''", "? IS NOT ''", "u1"),
                // JSON values are never coalesced
                new Case("data = null", "JSON_EXTRACT(\"t\".\"data\", '$') IS NULL"),
                new Case("data.a = data.b || data.c != data.d",
                        "(JSON_EXTRACT(\"t\".\"data\", '$.a') IS JSON_EXTRACT(\"t\".\"data\", '$.b') OR "
                                + "JSON_EXTRACT(\"t\".\"data\", '$.c') IS NOT JSON_EXTRACT(\"t\".\"data\", '$.d'))"),
                new Case("data.items.0 != ''", "JSON_EXTRACT(\"t\".\"data\", '$.items[0]') IS NOT ?", ""),
                // LIKE
                new Case("title ~ n", TITLE + " LIKE (" + "'%' || " + N + " || '%') ESCAPE '\\'"),
                new Case("'lorem' ~ title", "? LIKE ('%' || " + TITLE + " || '%') ESCAPE '\\'", "lorem"),
                new Case("title ~ 'lorem'", TITLE + " LIKE ? ESCAPE '\\'", "%lorem%"),
                new Case("title !~ 'lo_rem'", TITLE + " NOT LIKE ? ESCAPE '\\'", "%lo\\_rem%"),
                new Case("title ~ '%%example'", TITLE + " LIKE ? ESCAPE '\\'", "%%example"),
                new Case("title ~ 12.50", TITLE + " LIKE ? ESCAPE '\\'", "%12.5%"),
                new Case("title ?~ true", TITLE + " LIKE ('%' || 1 || '%') ESCAPE '\\'"),
                // groups
                new Case("((title > 1) || (n != 2)) && title ~ 'x' && n = null",
                        "((" + TITLE + " > ? OR " + N + " IS NOT ?) AND " + TITLE + " LIKE ? ESCAPE '\\' AND (" + N
                                + " = '' OR " + N + " IS NULL))", 1.0, 2.0, "%x%"),
                new Case("title = 'a' || n = 1 && n = 2", "(" + TITLE + " = ? OR (" + N + " = ? AND " + N + " = ?))",
                        "a", 1.0, 2.0),
                // modifiers and after-build constraints from the resolver
                new Case("title:lower = 'abc'", "LOWER(" + TITLE + ") = ?", "abc"),
                new Case("tags:length > 1", "(CASE WHEN json_valid(\"t\".\"tags\") THEN json_array_length(\"t\".\"tags\") "
                        + "ELSE 0 END) > ?", 1.0),
                new Case("email = 'a@b.c'", "((\"t\".\"email\" = ?) AND \"t\".\"visible\" = 1)", "a@b.c"),
                // macros
                new Case("title > @now && title < @yesterday && title >= @tomorrow",
                        "(" + TITLE + " > ? AND " + TITLE + " < ? AND " + TITLE + " >= ?)",
                        "2024-02-10 15:04:05.123Z", "2024-02-09 15:04:05.123Z", "2024-02-11 15:04:05.123Z"),
                new Case("n = @todayStart || n = @todayEnd || n = @monthStart || n = @monthEnd || n = @yearStart"
                        + " || n = @yearEnd", "(" + String.join(" OR ", java.util.Collections.nCopies(6, N + " = ?")) + ")",
                        "2024-02-10 00:00:00.000Z", "2024-02-10 23:59:59.999Z", "2024-02-01 00:00:00.000Z",
                        "2024-02-29 23:59:59.999Z", "2024-01-01 00:00:00.000Z", "2024-12-31 23:59:59.999Z"),
                new Case("@second = 5 && @minute = 4 && @hour = 15 && @day = 10 && @month = 2 && @weekday = 6"
                        + " && @year = 2024", "(" + String.join(" AND ", java.util.Collections.nCopies(7, "? = ?")) + ")",
                        5, 5.0, 4, 4.0, 15, 15.0, 10, 10.0, 2, 2.0, 6, 6.0, 2024, 2024.0),
                // functions
                new Case("geoDistance(n, n, 1, 2) < 5", "(6371 * acos(min(1, max(-1, cos(radians(" + N + ")) * cos(radians(?)) * "
                        + "cos(radians(?) - radians(" + N + ")) + sin(radians(" + N + ")) * sin(radians(?)))))) < ?",
                        2.0, 1.0, 2.0, 5.0),
                new Case("geoDistance(1, 2, 3, 4) = null",
                        "(6371 * acos(min(1, max(-1, cos(radians(?)) * cos(radians(?)) * cos(radians(?) - radians(?)) + "
                                + "sin(radians(?)) * sin(radians(?)))))) IS NULL", 2.0, 4.0, 3.0, 1.0, 2.0, 4.0),
                new Case("strftime('%Y-%m', title, '+1 years') = '2020-01'", "strftime(?," + TITLE + ",?) = ?",
                        "%Y-%m", "+1 years", "2020-01"),
                new Case("strftime('%Y') = ''", "(strftime(?) = '' OR strftime(?) IS NULL)", "%Y", "%Y"),
                new Case("strftime('%Y', title) = n", "COALESCE(strftime(?," + TITLE + "), '') = COALESCE(" + N + ", '')",
                        "%Y"),
                // multi-valued operands: all values for plain operators, any for ? operators
                new Case("tags:each ?= 'a'", "\"je\".\"value\" = ?", "a"),
                new Case("tags:each = 'a'", "((\"je\".\"value\" = ?) AND (NOT EXISTS (SELECT 1 FROM (" + MM_SOURCE
                        + ") \"__sm1\" WHERE NOT (\"__sm1\".\"multiMatchValue\" = ?))))", "a", "a"),
                new Case("'a' != tags:each", "((? IS NOT \"je\".\"value\") AND (NOT EXISTS (SELECT 1 FROM (" + MM_SOURCE
                        + ") \"__sm1\" WHERE NOT (? IS NOT \"__sm1\".\"multiMatchValue\"))))", "a", "a"),
                new Case("tags:each = ''", "(((\"je\".\"value\" = '' OR \"je\".\"value\" IS NULL)) AND (NOT EXISTS "
                        + "(SELECT 1 FROM (" + MM_SOURCE + ") \"__sm1\" WHERE NOT ((\"__sm1\".\"multiMatchValue\" = '' OR "
                        + "\"__sm1\".\"multiMatchValue\" IS NULL)))))"),
                new Case("tags:each > title && tags:each ~ 'x'", "(((\"je\".\"value\" > " + TITLE + ") AND (NOT EXISTS "
                        + "(SELECT 1 FROM (" + MM_SOURCE + ") \"__sm1\" WHERE NOT (\"__sm1\".\"multiMatchValue\" > "
                        + TITLE + ")))) AND ((\"je\".\"value\" LIKE ? ESCAPE '\\') AND (NOT EXISTS (SELECT 1 FROM ("
                        + MM_SOURCE + ") \"__sm2\" WHERE NOT (\"__sm2\".\"multiMatchValue\" LIKE ? ESCAPE '\\')))))",
                        "%x%", "%x%"),
                new Case("tags:each = tags:each", "((COALESCE(\"je\".\"value\", '') = COALESCE(\"je\".\"value\", '')) AND "
                        + "(NOT EXISTS (SELECT 1 FROM (" + MM_SOURCE + ") \"__ml1\" LEFT JOIN (" + MM_SOURCE + ") \"__mr1\""
                        + " ON 1=1 WHERE NOT (COALESCE(\"__ml1\".\"multiMatchValue\", '') = "
                        + "COALESCE(\"__mr1\".\"multiMatchValue\", '')))))"),
                new Case("strftime('%Y', tags:each) = '2020'", "((strftime(?,\"je\".\"value\") = ?) AND (NOT EXISTS "
                        + "(SELECT 1 FROM (" + MM_SOURCE.replace("SELECT \"mm_je\".\"value\"", "SELECT strftime(?,\"mm_je\".\"value\")")
                        + ") \"__sm1\" WHERE NOT (\"__sm1\".\"multiMatchValue\" = ?))))", "%Y", "2020", "%Y", "2020"))
                .map(c -> DynamicTest.dynamicTest(FilterLexerTest.displayName(c.filter()), () -> {
                    SqlExpression sql = build(c.filter(), "u1");
                    assertThat(sql.sql()).isEqualTo(c.sql());
                    assertThat(sql.params()).containsExactlyElementsOf(Arrays.asList(c.params()));
                    assertThat(sql.sql().chars().filter(ch -> ch == '?').count()).isEqualTo(sql.params().size());
                }));
    }

    @Test
    void emptyResolverValuesCompareAsEmptyText() {
        assertThat(build("title = @request.auth.id", null).sql())
                .isEqualTo("(" + TITLE + " = '' OR " + TITLE + " IS NULL)");
        SqlExpression guest = build("@request.auth.id != '' && @request.auth.id = ''", "");
        assertThat(guest.sql()).isEqualTo("('' IS NOT '' AND '' = '')");
        assertThat(guest.params()).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> rejects() {
        return Stream.of(
                "unknown > 1", "title = unknown", "nope(1) = 1", "geoDistance(1, 2, 3) < 1",
                "geoDistance('a', 1, 2, 3) < 1", "geoDistance(f(), 1, 2, 3) < 1", "strftime(title) = 1",
                "strftime() = 1", "strftime('%Y', strftime('%Y')) = 1", "strftime('%Y', title, 1) = 1",
                "strftime('a','b','c','d','e','f','g','h','i','j','k') = 1", "title = {:missing}", "@unknown = 1")
                .map(filter -> DynamicTest.dynamicTest(filter, () -> assertThatThrownBy(() -> build(filter, "u1"))
                        .isInstanceOf(FilterException.class)));
    }

    @Test
    void operandErrorsNameTheSide() {
        assertThatThrownBy(() -> build("title = unknown", "u1"))
                .hasMessage("invalid right operand \"unknown\" - unknown field unknown");
    }

    @Test
    void bareWordsReachTheResolverFirst() {
        FieldResolver withNullField = name -> name.equals("null") ? ResolverResult.of("\"t\".\"null\"")
                : new TestResolver().resolve(name);
        assertThat(BUILDER.build(Filter.parse("title = null"), withNullField).sql())
                .isEqualTo("COALESCE(" + TITLE + ", '') = COALESCE(\"t\".\"null\", '')");
    }

    @Test
    void placeholdersBindAsLiterals() {
        Filter f = Filter.parse("title ~ {:q} && n > {:min} && title != {:none}")
                .withPlaceholders(java.util.Collections.unmodifiableMap(new java.util.HashMap<>(Map.of("q", "50%_off",
                        "min", 3))));
        assertThatThrownBy(() -> BUILDER.build(f, new TestResolver())).hasMessageContaining("{:none}");
        java.util.Map<String, Object> all = new java.util.HashMap<>(Map.of("q", "50%_off", "min", 3));
        all.put("none", null);
        SqlExpression sql = BUILDER.build(Filter.parse("title ~ {:q} && n > {:min} && title != {:none}")
                .withPlaceholders(all), new TestResolver());
        assertThat(sql.sql()).isEqualTo("(" + TITLE + " LIKE ? ESCAPE '\\' AND " + N + " > ? AND (" + TITLE
                + " IS NOT '' AND " + TITLE + " IS NOT NULL))");
        assertThat(sql.params()).containsExactly("50%_off", 3.0);
    }

    @Test
    void customFunctionsCanBeRegistered() {
        FilterFunctions functions = FilterFunctions.DEFAULT.with("lengthOf", (call, ctx) -> {
            ResolverResult arg = ctx.resolve(call.args().getFirst());
            return arg.withExpression(SqlExpression.concat("length(", arg.expression(), ")"));
        });
        SqlExpression sql = new FilterSqlBuilder(SqliteDialect.INSTANCE, CLOCK, functions)
                .build(Filter.parse("lengthOf(title) > 3"), new TestResolver());
        assertThat(sql.sql()).isEqualTo("length(" + TITLE + ") > ?");
        assertThat(List.copyOf(sql.params())).containsExactly(3.0);
    }

    @Test
    void deepRuleTreesBuildOnAnOrdinaryThread() {
        // a rule nests up to 2000 brackets around at most 200 comparisons, here 199 levels of alternating && and
        // || and 1801 more brackets; parsing and building need no large stack
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 199; i++) {
            text.append("n > ").append(i).append(i % 2 == 0 ? " && (" : " || (");
        }
        text.append("(".repeat(1801)).append("title = 'x'").append(")".repeat(2000));
        Filter filter = Filter.parse(text.toString(), FilterLimits.RULE);
        SqlExpression sql = BUILDER.build(filter, new TestResolver());
        assertThat(sql.params()).hasSize(200);
        assertThat(sql.sql()).startsWith("(" + N + " > ? AND (" + N + " > ? OR (").endsWith("))");
    }
}
