package dev.coffer.core.rules;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordStore;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.search.FilterLimits;
import dev.coffer.tools.search.FilterSqlBuilder;
import dev.coffer.tools.search.SortField;
import dev.coffer.tools.search.SortSqlBuilder;
import dev.coffer.tools.search.SqlExpression;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/**
 * The query behind the record list endpoint: the collection's list rule (for non-superusers) AND the client
 * filter, the client sort, one page of records and the total count.
 *
 * <pre>{@code
 * Page page = search.list(collection, info, new ListQuery("title ~ 'a'", "-created", 1, 30, false));
 * }</pre>
 */
public final class RecordSearch {

    private static final List<String> SUPERUSER_ONLY = List.of("@collection.", "@request.");

    private final Database db;
    private final CollectionRegistry collections;

    /** Creates the search over the data database and its collections. */
    public RecordSearch(Database db, CollectionRegistry collections) {
        this.db = db;
        this.collections = collections;
    }

    /**
     * What the client asked for.
     *
     * @param filter the filter expression, or null/empty for none
     * @param sort the comma-separated sort, or null/empty for storage order
     * @param page the 1-based page (already validated by the API)
     * @param perPage the page size (already clamped by the API)
     * @param skipTotal whether to skip the count query
     */
    public record ListQuery(String filter, String sort, long page, int perPage, boolean skipTotal) {

        /** Checks the page numbers. */
        public ListQuery {
            if (page < 1 || perPage < 1) {
                throw new IllegalArgumentException("page and perPage must be positive");
            }
        }
    }

    /**
     * One page of results.
     *
     * @param totalItems the number of matching records, -1 when the count was skipped
     * @param totalPages {@code ceil(totalItems / perPage)}, -1 when the count was skipped
     */
    public record Page(long page, int perPage, long totalItems, long totalPages, List<Record> items) {

        /** Freezes the items. */
        public Page {
            items = List.copyOf(items);
        }
    }

    /**
     * Lists one page of the collection's records that the request may see and that match its filter.
     *
     * @throws SuperuserOnlyException when a non-superuser filters or sorts by {@code @collection.} or
     *     {@code @request.}, or the collection has no list rule
     * @throws FilterException when the filter or sort is invalid, or uses hidden or unknown fields
     */
    public Page list(Collection collection, RequestInfo info, ListQuery q) {
        boolean superuser = info.isSuperuser();
        String listRule = collection.rules().list();
        if (!superuser) {
            if (listRule == null) {
                throw new SuperuserOnlyException("Only superusers can perform this action.");
            }
            checkSuperuserOnly(q.filter());
            checkSuperuserOnly(q.sort());
        }
        Dialect dialect = db.dialect();
        FilterSqlBuilder builder = new FilterSqlBuilder(dialect);
        RecordFieldResolver resolver = new RecordFieldResolver(dialect, collections, collection, info, true);
        SqlExpression where = SqlExpression.EMPTY;
        if (!superuser && !listRule.isBlank()) {
            where = builder.build(Filter.parse(listRule, FilterLimits.RULE), resolver);
        }
        resolver.setAllowHidden(superuser);
        if (q.filter() != null && !q.filter().isEmpty()) {
            where = and(where, builder.build(Filter.parse(q.filter(), FilterLimits.CLIENT), resolver));
        }
        List<SortField> sort = SortField.parseList(q.sort() == null ? "" : q.sort());
        if (collection.isView() && sort.stream().anyMatch(f -> f.name().equals(SortField.ROWID))) {
            throw new FilterException("views cannot be sorted by " + SortField.ROWID);
        }
        String order = new SortSqlBuilder(dialect).build(sort, resolver, collection.name());
        if (order.isEmpty() && !collection.isView()) {
            order = dialect.scanOrder(collection.name());
        }
        where = and(where, resolver.listRuleConditions());
        RuleQuery query = new RuleQuery(resolver.joins(), where);

        String table = collection.name();
        SqlExpression from = SqlExpression.concat(" FROM ", query.from(dialect, table, table), query.whereClause());
        // what the requester may read of fields with a read rule is decided by the same query (FieldReadAccess)
        FieldReadChecks checks = superuser || !FieldReadAccess.restricts(collection) ? null
                : FieldReadChecks.of(dialect, collections, collection, info, FieldReadChecks.distinctRules(collection),
                        table);
        BiConsumer<Record, Map<String, Object>> decide = checks == null ? null
                : (r, row) -> FieldReadAccess.decide(r, checks.passed(row));
        // wraps around as Go's int64 does for a huge page, and the database reads a negative offset as 0
        long offset = (q.page() - 1) * q.perPage();
        SqlExpression select = SqlExpression.concat("SELECT ", query.needsDistinct() ? "DISTINCT " : "",
                dialect.quote(table), ".*", checks == null ? "" : SqlExpression.concat(checks.columns().toArray()),
                from, order.isEmpty() ? "" : " ORDER BY " + order,
                SqlExpression.of(" LIMIT ? OFFSET ?", q.perPage(), offset));
        if (q.skipTotal()) {
            List<Record> items = db.read(c -> RecordStore.select(c, collection, select.sql(), select.params(), decide));
            return new Page(q.page(), q.perPage(), -1, -1, items);
        }
        SqlExpression count = SqlExpression.concat("SELECT ", counted(dialect, query, table), from);
        CompletableFuture<Long> totalFuture = db.readAsync(c -> RecordStore.count(c, count.sql(), count.params()));
        List<Record> items = db.read(c -> RecordStore.select(c, collection, select.sql(), select.params(), decide));
        long total = join(totalFuture);
        long pages = (total + q.perPage() - 1) / q.perPage();
        return new Page(q.page(), q.perPage(), total, pages, items);
    }

    /**
     * The records of a collection that match a filter, as application code (hooks, migrations) asks for them: no
     * access rule applies and hidden fields may be filtered on.
     *
     * @param filter the filter expression, or null/blank for all records
     * @param sort the comma-separated sort, or null/blank for storage order
     * @param limit at most this many records ({@code <= 0}: no limit)
     * @param offset records to skip first
     * @throws FilterException when the filter or sort is invalid
     */
    public List<Record> find(Collection collection, String filter, String sort, int limit, int offset) {
        Dialect dialect = db.dialect();
        RecordFieldResolver resolver = systemResolver(collection);
        RuleQuery query = systemQuery(collection, filter, resolver);
        String table = collection.name();
        String order = new SortSqlBuilder(dialect).build(SortField.parseList(sort == null ? "" : sort), resolver, table);
        if (order.isEmpty() && !collection.isView()) {
            order = dialect.scanOrder(table);
        }
        SqlExpression select = SqlExpression.concat("SELECT ", query.needsDistinct() ? "DISTINCT " : "",
                dialect.quote(table), ".*", " FROM ", query.from(dialect, table, table), query.whereClause(),
                order.isEmpty() ? "" : " ORDER BY " + order,
                limit > 0 || offset > 0 ? SqlExpression.of(" LIMIT ? OFFSET ?", limit > 0 ? limit : Long.MAX_VALUE,
                        Math.max(0, offset)) : "");
        return db.read(c -> RecordStore.select(c, collection, select.sql(), select.params()));
    }

    /** How many records of a collection match a filter (null/blank: all), with no access rule applied. */
    public long count(Collection collection, String filter) {
        Dialect dialect = db.dialect();
        RecordFieldResolver resolver = systemResolver(collection);
        RuleQuery query = systemQuery(collection, filter, resolver);
        String table = collection.name();
        SqlExpression count = SqlExpression.concat("SELECT ", counted(dialect, query, table), " FROM ",
                query.from(dialect, table, table), query.whereClause());
        return db.read(c -> RecordStore.count(c, count.sql(), count.params()));
    }

    /** What a query's matches are counted with: its distinct ids when its joins may repeat a record. */
    private static String counted(Dialect dialect, RuleQuery query, String table) {
        return query.needsDistinct() ? "COUNT(DISTINCT " + dialect.quote(table) + "." + dialect.quote("id") + ")"
                : "COUNT(*)";
    }

    /** A resolver for application code's filters: no request, hidden fields allowed. */
    private RecordFieldResolver systemResolver(Collection collection) {
        RecordFieldResolver resolver = new RecordFieldResolver(db.dialect(), collections, collection,
                RequestInfo.empty(), true);
        resolver.setAllowHidden(true);
        return resolver;
    }

    private RuleQuery systemQuery(Collection collection, String filter, RecordFieldResolver resolver) {
        SqlExpression where = SqlExpression.EMPTY;
        if (filter != null && !filter.isBlank()) {
            where = new FilterSqlBuilder(db.dialect()).build(Filter.parse(filter, FilterLimits.RULE), resolver);
        }
        where = and(where, resolver.listRuleConditions());
        return new RuleQuery(resolver.joins(), where);
    }

    /**
     * Refuses a non-superuser's filter or sort text that uses {@code @collection.*} or {@code @request.*}.
     *
     * @throws SuperuserOnlyException naming the refused prefix
     */
    public static void checkSuperuserOnly(String text) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (String prefix : SUPERUSER_ONLY) {
            if (text.contains(prefix)) {
                throw new SuperuserOnlyException("Only superusers can filter by " + prefix);
            }
        }
    }

    private static long join(CompletableFuture<Long> future) {
        try {
            return future.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static SqlExpression and(SqlExpression a, SqlExpression b) {
        if (a.isBlank()) {
            return b;
        }
        return b.isBlank() ? a : SqlExpression.concat("(", a, ") AND (", b, ")");
    }
}
