package dev.coffer.core.rules;

import dev.coffer.core.RequestInfo;
import dev.coffer.core.collection.Collection;
import dev.coffer.core.collection.CollectionRegistry;
import dev.coffer.core.field.Field;
import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.search.Filter;
import dev.coffer.tools.search.FilterException;
import dev.coffer.tools.search.FilterLimits;
import dev.coffer.tools.search.FilterSqlBuilder;
import dev.coffer.tools.search.SqlExpression;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The read rules of a collection's fields as columns of a query on its table: one {@code "__canN"} column per
 * distinct rule, 1 where the row's record satisfies the rule for the request (the rule's condition on the row itself
 * when it follows no relation, else a correlated {@code EXISTS} over the joins it needs).
 * A records list selects them beside the rows, so deciding what a requester may read of a page costs no extra query.
 *
 * @param rules the distinct rules that compiled, in column order
 * @param columns the select items, each with its leading comma
 */
record FieldReadChecks(List<String> rules, List<SqlExpression> columns) {

    /** The label of the column of the rule at {@code index}. */
    static String label(int index) {
        return "__can" + index;
    }

    /** The distinct read rules of a collection's fields (superusers-only fields need none). */
    static Set<String> distinctRules(Collection collection) {
        Set<String> out = new LinkedHashSet<>();
        for (Field f : collection.fields()) {
            if (f.readAccess() != null && !f.readAccess().superusersOnly()) {
                out.add(f.readAccess().rule());
            }
        }
        return out;
    }

    /**
     * The checks of some rules over rows of the collection's table as {@code outerTable} names it in the outer
     * query; rules that don't compile are left out (and so pass for no record).
     */
    static FieldReadChecks of(Dialect dialect, CollectionRegistry collections, Collection collection,
            RequestInfo info, java.util.Collection<String> rules, String outerTable) {
        List<String> compiled = new ArrayList<>();
        List<SqlExpression> columns = new ArrayList<>();
        String table = collection.name();
        String outerId = dialect.quote(outerTable) + "." + dialect.quote("id");
        for (String rule : rules) {
            String alias = "__fr" + compiled.size();
            try {
                String label = dialect.quote(label(compiled.size()));
                if (outerTable.equals(table)) {
                    // a rule on the row's own columns (no relation followed) is a plain condition on the outer row
                    RecordFieldResolver own = new RecordFieldResolver(dialect, collections, collection, info, true);
                    SqlExpression cond = new FilterSqlBuilder(dialect).build(Filter.parse(rule, FilterLimits.RULE), own);
                    if (own.joins().isEmpty()) {
                        columns.add(SqlExpression.concat(", CASE WHEN ", cond, " THEN 1 ELSE 0 END AS " + label));
                        compiled.add(rule);
                        continue;
                    }
                }
                RecordFieldResolver resolver = RecordFieldResolver.aliased(dialect, collections, collection, info,
                        true, alias, alias);
                SqlExpression cond = new FilterSqlBuilder(dialect).build(Filter.parse(rule, FilterLimits.RULE),
                        resolver);
                RuleQuery sub = new RuleQuery(resolver.joins(), cond)
                        .and(SqlExpression.of(dialect.quote(alias) + "." + dialect.quote("id") + " = " + outerId));
                columns.add(SqlExpression.concat(", CASE WHEN EXISTS (SELECT 1 FROM ", sub.from(dialect, table, alias),
                        sub.whereClause(), ") THEN 1 ELSE 0 END AS " + label));
                compiled.add(rule);
            } catch (FilterException e) {
                // a rule that doesn't compile lets no one read
            }
        }
        return new FieldReadChecks(List.copyOf(compiled), List.copyOf(columns));
    }

    /** The rules a row passes, from its check columns. */
    Set<String> passed(java.util.Map<String, Object> row) {
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            Object v = row.get(label(i));
            if (v instanceof Boolean b ? b : v instanceof Number n && n.intValue() != 0) {
                out.add(rules.get(i));
            }
        }
        return out;
    }
}
