package dev.coffer.core.rules;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.field.FieldRelation;
import dev.coffer.core.record.Record;
import dev.coffer.core.record.RecordStore;
import dev.coffer.tools.db.Database;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.search.FilterLimits;
import dev.coffer.tools.search.FilterSqlBuilder;
import dev.coffer.tools.search.SqlExpression;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates API rules against records. A rule is a filter: it compiles through the
 * {@link RecordFieldResolver} to parameterised SQL and runs as a WHERE clause. A null rule lets only
 * superusers through, an empty rule lets everyone through, and a rule that fails to compile lets no one.
 */
public final class RecordRules {

    private static final Logger LOG = LoggerFactory.getLogger(RecordRules.class);

    private final Database db;

    /** Creates the rule evaluator over the data database. */
    public RecordRules(Database db) {
        this.db = db;
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

    /** Whether the record satisfies a filter expression for the request (hidden fields allowed). */
    public boolean matches(Record record, RequestInfo info, String rule) {
        Collection c = record.collection();
        try {
            SqlExpression cond = compile(c, info, rule);
            String sql = "SELECT " + dialect().quote(c.name()) + "." + dialect().quote("id") + " FROM "
                    + dialect().quote(c.name()) + " WHERE " + dialect().quote(c.name()) + "." + dialect().quote("id")
                    + " = ? AND (" + cond.sql() + ") LIMIT 1";
            List<Object> params = new ArrayList<>();
            params.add(record.id());
            params.addAll(cond.params());
            return db.read(conn -> {
                try (var ps = conn.prepareStatement(sql)) {
                    RecordStore.bind(ps, params);
                    try (var rs = ps.executeQuery()) {
                        return rs.next();
                    }
                }
            });
        } catch (FilterException e) {
            LOG.debug("rule {} of {} doesn't compile: {}", rule, c.name(), e.getMessage());
            return false;
        }
    }

    /** The records with these ids that the request may view (the collection's view rule), in id order. */
    public List<Record> findVisible(Collection collection, List<String> ids, RequestInfo info) {
        String rule = collection.rules().view();
        if (ids.isEmpty() || (rule == null && !info.isSuperuser())) {
            return List.of();
        }
        StringBuilder where = new StringBuilder(dialect().quote(collection.name())).append('.').append(dialect().quote("id"))
                .append(" IN (");
        List<Object> params = new ArrayList<>(ids);
        for (int i = 0; i < ids.size(); i++) {
            where.append(i == 0 ? "?" : ",?");
        }
        where.append(')');
        if (!info.isSuperuser() && !rule.isBlank()) {
            try {
                SqlExpression cond = compile(collection, info, rule);
                where.append(" AND (").append(cond.sql()).append(')');
                params.addAll(cond.params());
            } catch (FilterException e) {
                return List.of();
            }
        }
        List<Record> found = new RecordStore(db).query(collection, where.toString(), params, 0);
        List<Record> ordered = new ArrayList<>();
        for (String id : ids) {
            found.stream().filter(r -> r.id().equals(id)).findFirst().ifPresent(ordered::add);
        }
        return ordered;
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
        String column = dialect().quote(source.name()) + "." + dialect().quote(rel.name());
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        if (rel.isMultiple()) {
            where.append(dialect().jsonArrayContains(column));
        } else {
            where.append(column).append(" = ?");
        }
        params.add(id);
        if (!info.isSuperuser() && !rule.isBlank()) {
            try {
                SqlExpression cond = compile(source, info, rule);
                where.append(" AND (").append(cond.sql()).append(')');
                params.addAll(cond.params());
            } catch (FilterException e) {
                return List.of();
            }
        }
        return new RecordStore(db).query(source, where.toString(), params, limit);
    }

    /** Compiles a rule or filter on a collection for a request to a WHERE condition. */
    public SqlExpression compile(Collection collection, RequestInfo info, String filter) {
        Filter parsed = Filter.parse(filter, FilterLimits.RULE);
        return new FilterSqlBuilder(dialect()).build(parsed, new RecordFieldResolver(dialect(), collection, info, true));
    }
}
