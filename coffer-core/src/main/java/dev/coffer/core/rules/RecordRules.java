package dev.coffer.core.rules;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.core.field.Field;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordStore;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.search.FilterLimits;
import dev.coffer.tools.search.FilterSqlBuilder;
import dev.coffer.tools.search.SqlExpression;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates API rules against records. A rule is a filter: it compiles through the
 * {@link RecordFieldResolver} to parameterised SQL and runs as a WHERE clause. A null rule lets only
 * superusers through, an empty rule lets everyone through, and a rule that fails to compile lets no one.
 */
public final class RecordRules {

    private static final Logger LOG = LoggerFactory.getLogger(RecordRules.class);

    /** The name of the common table expression holding a not yet saved record. */
    static final String DRAFT_TABLE = "__pb_create__draft";

    private final Database db;
    private final CollectionRegistry collections;

    /** Creates the rule evaluator over the data database and its collections. */
    public RecordRules(Database db, CollectionRegistry collections) {
        this.db = db;
        this.collections = collections;
    }

    private Dialect dialect() {
        return db.dialect();
    }

    /** Whether the request may access the record under a rule (null = superusers only). */
    public boolean canAccess(Record record, RequestInfo info, String rule) {
        if (rule == null) {
            return info.isSuperuser();
        }
        if (info.isSuperuser() || rule.isBlank()) {
            return true;
        }
        return matches(record, info, rule);
    }

    /** Whether the stored record satisfies a filter expression for the request (hidden fields allowed). */
    public boolean matches(Record record, RequestInfo info, String rule) {
        Collection c = record.collection();
        try {
            RuleQuery query = compile(c, info, rule)
                    .and(SqlExpression.of(column(c.name(), "id") + " = ?", record.id()));
            return exists(SqlExpression.concat("SELECT 1 FROM ", query.from(dialect(), c.name(), c.name()),
                    query.whereClause(), " LIMIT 1"));
        } catch (FilterException e) {
            LOG.debug("rule {} of {} doesn't compile: {}", rule, c.name(), e.getMessage());
            return false;
        }
    }

    /**
     * Whether the stored record satisfies a client's filter (such as a realtime subscription's) under the
     * same limits as a list filter: for non-superusers hidden fields are refused and every collection the
     * filter traverses into applies its list rule.
     */
    public boolean matchesClientFilter(Record record, RequestInfo info, String filter) {
        Collection c = record.collection();
        try {
            RecordFieldResolver resolver = new RecordFieldResolver(dialect(), collections, c, info, info.isSuperuser());
            SqlExpression where = new FilterSqlBuilder(dialect()).build(Filter.parse(filter, FilterLimits.CLIENT), resolver);
            RuleQuery query = new RuleQuery(resolver.joins(), where)
                    .and(resolver.listRuleConditions())
                    .and(SqlExpression.of(column(c.name(), "id") + " = ?", record.id()));
            return exists(SqlExpression.concat("SELECT 1 FROM ", query.from(dialect(), c.name(), c.name()),
                    query.whereClause(), " LIMIT 1"));
        } catch (FilterException e) {
            return false;
        }
    }

    /**
     * Whether a record that is not saved yet satisfies a rule for the request, as PocketBase checks create
     * rules: the record's database values are selected as a one-row table and the rule runs against it. A
     * null rule lets only superusers through, an empty one everyone; the record of an auth collection is
     * checked as unverified.
     */
    public boolean matchesDraft(Record draft, RequestInfo info, String rule) {
        if (rule == null) {
            return info.isSuperuser();
        }
        if (info.isSuperuser() || rule.isBlank()) {
            return true;
        }
        return matchesOnTable(draft, info, rule, true);
    }

    /**
     * Whether a record that is no longer stored (deleted, as another instance reports it) satisfies a rule for the
     * request: its values are selected as a one-row table and the rule runs against it, as for a draft but with its
     * own values throughout. A null rule lets only superusers through, an empty one everyone.
     */
    public boolean canAccessDetached(Record record, RequestInfo info, String rule) {
        if (rule == null) {
            return info.isSuperuser();
        }
        if (info.isSuperuser() || rule.isBlank()) {
            return true;
        }
        return matchesOnTable(record, info, rule, false);
    }

    /** {@link #matchesClientFilter} for a record that is no longer stored (see {@link #canAccessDetached}). */
    public boolean matchesClientFilterDetached(Record record, RequestInfo info, String filter) {
        Collection c = record.collection();
        try {
            RecordFieldResolver resolver = RecordFieldResolver.onTable(dialect(), collections, c, info,
                    info.isSuperuser(), DRAFT_TABLE);
            SqlExpression where = new FilterSqlBuilder(dialect()).build(Filter.parse(filter, FilterLimits.CLIENT), resolver);
            RuleQuery query = new RuleQuery(resolver.joins(), where).and(resolver.listRuleConditions());
            return exists(SqlExpression.concat(draftTable(record, false), " SELECT 1 FROM ",
                    query.from(dialect(), DRAFT_TABLE, DRAFT_TABLE), query.whereClause(), " LIMIT 1"));
        } catch (FilterException e) {
            return false;
        }
    }

    private boolean matchesOnTable(Record record, RequestInfo info, String rule, boolean draft) {
        Collection c = record.collection();
        try {
            RecordFieldResolver resolver = RecordFieldResolver.onTable(dialect(), collections, c, info, true, DRAFT_TABLE);
            SqlExpression cond = new FilterSqlBuilder(dialect()).build(Filter.parse(rule, FilterLimits.RULE), resolver);
            RuleQuery query = new RuleQuery(resolver.joins(), cond);
            return exists(SqlExpression.concat(draftTable(record, draft), " SELECT 1 FROM ",
                    query.from(dialect(), DRAFT_TABLE, DRAFT_TABLE), query.whereClause(), " LIMIT 1"));
        } catch (FilterException e) {
            LOG.debug("rule {} of {} doesn't compile: {}", rule, c.name(), e.getMessage());
            return false;
        }
    }

    private SqlExpression draftTable(Record record, boolean draft) {
        Map<String, Object> overrides = new HashMap<>();
        if (record.id() == null || record.id().isEmpty()) {
            overrides.put("id", "__temp_id__" + UUID.randomUUID());
        }
        if (draft && record.collection().isAuth()) {
            overrides.put("verified", Boolean.FALSE);
        }
        List<String> selects = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (Field field : record.collection().fields()) {
            selects.add("? AS " + dialect().quote(field.name()));
            params.add(overrides.containsKey(field.name()) ? overrides.get(field.name())
                    : RecordStore.toDb(field, record.get(field.name())));
        }
        return new SqlExpression("WITH " + dialect().quote(DRAFT_TABLE) + " AS (SELECT " + String.join(", ", selects)
                + ")", params);
    }

    /** The records with these ids that the request may view (the collection's view rule), in id order. */
    public List<Record> findVisible(Collection collection, List<String> ids, RequestInfo info) {
        String rule = collection.rules().view();
        if (ids.isEmpty() || (rule == null && !info.isSuperuser())) {
            return List.of();
        }
        return findVisibleByRule(collection, ids, info, rule);
    }

    /**
     * The records with these ids that the request may view, as an expand fetches them: a collection whose view
     * rule is {@code null} (for others than superusers) or whose rule doesn't compile is a failure, not an
     * empty result.
     *
     * @throws FilterException when the requester may view no record of the collection, or its rule is invalid
     */
    public List<Record> findViewable(Collection collection, List<String> ids, RequestInfo info) {
        String rule = collection.rules().view();
        if (rule == null && !info.isSuperuser()) {
            throw new FilterException("only superusers can view collection " + Json.write(collection.name())
                    + " records");
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        if (!info.isSuperuser() && !rule.isBlank()) {
            compile(collection, info, rule); // throws for a rule that doesn't compile
        }
        return findVisibleByRule(collection, ids, info, rule);
    }

    private List<Record> findVisibleByRule(Collection collection, List<String> ids, RequestInfo info, String rule) {
        StringBuilder in = new StringBuilder(column(collection.name(), "id")).append(" IN (");
        for (int i = 0; i < ids.size(); i++) {
            in.append(i == 0 ? "?" : ",?");
        }
        SqlExpression idCondition = new SqlExpression(in.append(')').toString(), new ArrayList<>(ids));
        List<Record> found = findWhere(collection, info, rule, idCondition, 0);
        List<Record> ordered = new ArrayList<>();
        for (String id : ids) {
            found.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(ordered::add);
        }
        return ordered;
    }

    /**
     * For each rule, the ids among {@code ids} (records of the collection) whose stored record satisfies it for the
     * request, all in one query (a correlated {@code EXISTS} per rule); a rule that doesn't compile matches none.
     */
    public Map<String, Set<String>> idsMatching(Collection collection, java.util.Collection<String> ids,
            RequestInfo info, java.util.Collection<String> rules) {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        rules.forEach(rule -> out.put(rule, new HashSet<>()));
        if (ids.isEmpty() || rules.isEmpty()) {
            return out;
        }
        String table = collection.name();
        FieldReadChecks checks = FieldReadChecks.of(dialect(), collections, collection, info, rules, table);
        if (checks.rules().isEmpty()) {
            return out;
        }
        String idColumn = column(table, "id");
        List<Object> parts = new ArrayList<>(List.of("SELECT ", idColumn));
        parts.addAll(checks.columns());
        parts.add(" FROM " + dialect().quote(table) + " WHERE ");
        parts.add(new SqlExpression(idColumn + " IN (" + String.join(",", Collections.nCopies(ids.size(), "?")) + ")",
                new ArrayList<>(ids)));
        SqlExpression sql = SqlExpression.concat(parts.toArray());
        return db.read(conn -> {
            for (Map<String, Object> row : RecordStore.rows(conn, sql.sql(), sql.params())) {
                String id = String.valueOf(row.get("id"));
                checks.passed(row).forEach(rule -> out.get(rule).add(id));
            }
            return out;
        });
    }

    /**
     * Up to {@code limit} records of {@code source} whose relation field references {@code id}, visible
     * to the request under the source collection's view rule.
     */
    public List<Record> findReferencing(Collection source, FieldRelation rel, String id, int limit, RequestInfo info) {
        String rule = source.rules().view();
        if (rule == null && !info.isSuperuser()) {
            return List.of();
        }
        String column = column(source.name(), rel.name());
        SqlExpression reference = SqlExpression.of(rel.isMultiple() ? dialect().jsonArrayContains(column) : column + " = ?",
                id);
        return findWhere(source, info, rule, reference, limit);
    }

    private List<Record> findWhere(Collection collection, RequestInfo info, String rule, SqlExpression condition,
            int limit) {
        RuleQuery query = new RuleQuery(List.of(), SqlExpression.EMPTY);
        if (!info.isSuperuser() && !rule.isBlank()) {
            try {
                query = compile(collection, info, rule);
            } catch (FilterException e) {
                return List.of();
            }
        }
        query = query.and(condition);
        String table = collection.name();
        SqlExpression sql = SqlExpression.concat("SELECT ", query.needsDistinct() ? "DISTINCT " : "",
                dialect().quote(table), ".* FROM ", query.from(dialect(), table, table), query.whereClause(),
                RecordStore.scanOrder(dialect(), collection), limit > 0 ? " LIMIT " + limit : "");
        return db.read(conn -> RecordStore.select(conn, collection, sql.sql(), sql.params()));
    }

    /**
     * Compiles a rule or filter on a collection for a request (hidden fields allowed) to a condition and
     * the joins it needs.
     *
     * @throws FilterException when the rule cannot be parsed or resolved
     */
    public RuleQuery compile(Collection collection, RequestInfo info, String filter) {
        RecordFieldResolver resolver = new RecordFieldResolver(dialect(), collections, collection, info, true);
        SqlExpression where = new FilterSqlBuilder(dialect()).build(Filter.parse(filter, FilterLimits.RULE), resolver);
        return new RuleQuery(resolver.joins(), where);
    }

    private boolean exists(SqlExpression sql) {
        return db.read(conn -> {
            try (var ps = conn.prepareStatement(sql.sql())) {
                RecordStore.bind(ps, sql.params());
                try (var rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    private String column(String table, String name) {
        return dialect().quote(table) + "." + dialect().quote(name);
    }
}
