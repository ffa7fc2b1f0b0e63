package dev.coffer.bench;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordStore;
import dev.coffer.core.rules.RecordFieldResolver;
import dev.coffer.core.rules.RuleQuery;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterLimits;
import dev.coffer.tools.search.FilterSqlBuilder;
import dev.coffer.tools.search.SqlExpression;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A records list request's filter and list rule turned into the SQL it runs, without running it: parse
 * ({@link Filter#parse}), resolve the identifiers ({@link RecordFieldResolver}) and build the condition
 * ({@link FilterSqlBuilder}), then the joins, the traversed collections' list rules and the {@code SELECT}.
 *
 * <p>{@link #listSelect} repeats, with public API only, the steps of {@code RecordSearch.list} up to the SQL
 * (RecordSearch builds and runs the query in one call, so the database would dominate the measurement). The
 * collections live in an {@link dev.coffer.core.App} over a temporary SQLite data directory:
 * {@code authors} (auth, with a {@code name} text field, list rule {@code @request.auth.id != ''}) and
 * {@code posts} (text {@code title}, number {@code n}, bool {@code published}, single relation {@code author}
 * to authors). The request is an authenticated author, not a superuser.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class FilterSqlBench {

    static final String SIMPLE_FILTER = "title = 'x' && n > 5";
    static final String AUTH_RULE = "@request.auth.id != '' && (published = true || author = @request.auth.id)";
    static final String RELATION_FILTER = "author.name ~ 'abc'";
    static final String COMBINED_FILTER = SIMPLE_FILTER + " && " + RELATION_FILTER;

    BenchApp bench;
    Dialect dialect;
    CollectionRegistry collections;
    Collection posts;
    RequestInfo info;

    @Setup
    public void setup() {
        bench = BenchApp.open();
        Collection authors = bench.createCollection("""
                {"name":"authors","type":"auth","listRule":"@request.auth.id != ''","viewRule":"@request.auth.id != ''",
                 "fields":[{"type":"text","name":"name"}]}""");
        posts = bench.createCollection("""
                {"name":"posts","listRule":"","viewRule":"",
                 "fields":[{"type":"text","name":"title"},{"type":"number","name":"n"},{"type":"bool","name":"published"},
                  {"type":"relation","name":"author","collectionId":"%s","maxSelect":1}]}""".formatted(authors.id()));
        dialect = bench.app.db().dialect();
        collections = bench.app.collections();
        Record me = new Record(authors);
        me.set("id", "a1b2c3d4e5f6g7h");
        info = RequestInfo.empty().withAuth(me);
        if (info.isSuperuser()) {
            throw new IllegalStateException("the request should not be a superuser's");
        }

        // every benchmark's SQL is valid: the database prepares and runs it (on empty tables)
        check(simpleFilter(), List.of("title", "n"), false);
        check(authRule(), List.of("published", "author", "a1b2c3d4e5f6g7h"), false);
        check(relationFilter(), List.of("JOIN", "name"), true);
        check(listRequest(), List.of("JOIN", "title", "published", "a1b2c3d4e5f6g7h"), true);
    }

    private void check(SqlExpression select, List<String> expected, boolean needsJoin) {
        String text = select.sql() + " " + select.params();
        for (String e : expected) {
            if (!text.contains(e)) {
                throw new IllegalStateException("expected " + e + " in " + text);
            }
        }
        if (needsJoin != select.sql().contains(" JOIN ")) {
            throw new IllegalStateException((needsJoin ? "expected" : "unexpected") + " join in " + text);
        }
        List<Record> rows = bench.app.db().read(c -> RecordStore.select(c, posts, select.sql(), select.params()));
        if (!rows.isEmpty()) {
            throw new IllegalStateException("posts should be empty");
        }
    }

    @TearDown
    public void tearDown() {
        bench.close();
    }

    /** A client filter on own fields, on a collection anyone may list. */
    @Benchmark
    public SqlExpression simpleFilter() {
        return listSelect("", SIMPLE_FILTER);
    }

    /** A list rule with {@code @request.auth.id}, no client filter. */
    @Benchmark
    public SqlExpression authRule() {
        return listSelect(AUTH_RULE, "");
    }

    /** A client filter through a relation (a join, plus the list rule of the collection it enters). */
    @Benchmark
    public SqlExpression relationFilter() {
        return listSelect("", RELATION_FILTER);
    }

    /** All of it: the list rule with {@code @request.auth.id} AND a client filter on own fields and a relation. */
    @Benchmark
    public SqlExpression listRequest() {
        return listSelect(AUTH_RULE, COMBINED_FILTER);
    }

    /**
     * The SELECT of a non-superuser's list request for {@code posts} with the given list rule ("" = anyone) and
     * client filter ("" = none), first page of 30, storage order: the steps of {@code RecordSearch.list}.
     */
    SqlExpression listSelect(String listRule, String filter) {
        FilterSqlBuilder builder = new FilterSqlBuilder(dialect);
        RecordFieldResolver resolver = new RecordFieldResolver(dialect, collections, posts, info, true);
        SqlExpression where = SqlExpression.EMPTY;
        if (!listRule.isBlank()) {
            where = builder.build(Filter.parse(listRule, FilterLimits.RULE), resolver);
        }
        resolver.setAllowHidden(false);
        if (!filter.isEmpty()) {
            where = and(where, builder.build(Filter.parse(filter, FilterLimits.CLIENT), resolver));
        }
        where = and(where, resolver.listRuleConditions());
        RuleQuery query = new RuleQuery(resolver.joins(), where);
        String table = posts.name();
        String order = dialect.scanOrder(table); // "" on SQLite, whose plain scan is already in rowid order
        SqlExpression from = SqlExpression.concat(" FROM ", query.from(dialect, table, table), query.whereClause());
        return SqlExpression.concat("SELECT ", query.needsDistinct() ? "DISTINCT " : "", dialect.quote(table), ".*",
                from, order.isEmpty() ? "" : " ORDER BY " + order, SqlExpression.of(" LIMIT ? OFFSET ?", 30, 0L));
    }

    private static SqlExpression and(SqlExpression a, SqlExpression b) {
        if (a.isBlank()) {
            return b;
        }
        return b.isBlank() ? a : SqlExpression.concat("(", a, ") AND (", b, ")");
    }
}
