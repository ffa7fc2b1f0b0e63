package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import dev.coffer.tools.db.SqlType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Builds the SQL of one comparison from its two resolved operands, with PocketBase's semantics: NULL equals
 * empty text for {@code =} / {@code !=}, {@code ~} means "contains", and a plain operator against a
 * multi-valued operand requires all its values to match (a {@code NOT EXISTS} over its
 * {@link MultiMatch} sub-query), where a {@code ?} operator needs only one (the joined row itself).
 *
 * <p>One instance serves one filter build: it numbers the sub-query aliases it creates.
 */
final class ComparisonSql {

    private static final SqlExpression EMPTY_TEXT = SqlExpression.of("''");
    private static final Set<String> EMPTY_SQL = Set.of("", "null", "''", "\"\"", "``");
    private static final Set<String> NON_EMPTY_SQL = Set.of("1", "0", "true", "false");
    private static final UnaryOperator<SqlExpression> NOT = e -> SqlExpression.concat("NOT (", e, ")");

    private final Dialect dialect;
    private int aliases;

    ComparisonSql(Dialect dialect) {
        this.dialect = dialect;
    }

    SqlExpression build(ResolverResult left, Operator operator, ResolverResult right) {
        SqlExpression sql = switch (operator.base()) {
            case EQ -> equality(true, left, right);
            case NEQ -> equality(false, left, right);
            case LIKE -> like(left, right, false);
            case NOT_LIKE -> like(left, right, true);
            case LT -> binary(left, " < ", right);
            case LTE -> binary(left, " <= ", right);
            case GT -> binary(left, " > ", right);
            case GTE -> binary(left, " >= ", right);
            default -> throw new IllegalStateException("not a base operator: " + operator);
        };
        if (!operator.isAny()) {
            boolean leftMany = left.multiMatch().isPresent();
            boolean rightMany = right.multiMatch().isPresent();
            if (leftMany && rightMany) {
                sql = and(sql, allOfBoth(left, operator, right));
            } else if (leftMany) {
                sql = and(sql, allOf(left, operator, right, false));
            } else if (rightMany) {
                sql = and(sql, allOf(right, operator, left, true));
            }
        }
        sql = left.afterBuild().apply(sql);
        return right.afterBuild().apply(sql);
    }

    /** What the SQL of an operand tells of its type: a lone bound value's Java type, a literal's, else unknown. */
    static SqlType typeOf(SqlExpression e) {
        String sql = e.sql().strip();
        if (sql.equals("?") && e.params().size() == 1) {
            return switch (e.params().get(0)) {
                case null -> SqlType.NULL;
                case Number n -> SqlType.NUMBER;
                case Boolean b -> SqlType.BOOLEAN;
                default -> SqlType.TEXT;
            };
        }
        if (!e.params().isEmpty()) {
            return SqlType.ANY;
        }
        String upper = sql.toUpperCase(Locale.ROOT);
        if (upper.equals("NULL")) {
            return SqlType.NULL;
        }
        if (upper.equals("TRUE") || upper.equals("FALSE")) {
            return SqlType.BOOLEAN;
        }
        if (upper.matches("-?\\d+(\\.\\d+)?")) {
            return SqlType.NUMBER;
        }
        if (sql.length() >= 2 && sql.startsWith("'") && sql.endsWith("'")) {
            return SqlType.TEXT;
        }
        return SqlType.ANY;
    }

    /** Both operands made comparable with each other by the dialect. */
    private SqlExpression[] comparable(SqlExpression l, SqlExpression r) {
        SqlType lt = typeOf(l);
        SqlType rt = typeOf(r);
        return new SqlExpression[] {
            SqlExpression.render(m -> dialect.comparable(m[0], lt, rt), l),
            SqlExpression.render(m -> dialect.comparable(m[0], rt, lt), r)
        };
    }

    private SqlExpression equality(boolean equal, ResolverResult left, ResolverResult right) {
        BinaryOperator<SqlExpression> compare = equal
                ? (a, b) -> SqlExpression.concat(a, " = ", b)
                : (a, b) -> SqlExpression.render(m -> dialect.nullSafeNotEqual(m[0], m[1]), a, b);
        boolean leftEmpty = isEmpty(left);
        boolean rightEmpty = isEmpty(right);
        SqlExpression[] both = comparable(leftEmpty ? EMPTY_TEXT : left.expression(),
                rightEmpty ? EMPTY_TEXT : right.expression());
        SqlExpression l = leftEmpty ? left.expression() : both[0];
        SqlExpression r = rightEmpty ? right.expression() : both[1];

        if (left.nullFallback() == NullFallback.DISABLED || right.nullFallback() == NullFallback.DISABLED) {
            return SqlExpression.render(m -> equal ? dialect.nullSafeEqual(m[0], m[1])
                    : dialect.nullSafeNotEqual(m[0], m[1]), l, r);
        }
        if (leftEmpty && rightEmpty) {
            return compare.apply(EMPTY_TEXT, EMPTY_TEXT);
        }
        if (isKnownNonEmpty(left) || isKnownNonEmpty(right)) {
            return compare.apply(leftEmpty ? EMPTY_TEXT : l, rightEmpty ? EMPTY_TEXT : r);
        }
        String join = equal ? " OR " : " AND ";
        String nullCheck = equal ? " IS NULL" : " IS NOT NULL";
        if (leftEmpty) {
            return SqlExpression.concat("(", compare.apply(EMPTY_TEXT, r), join, r, nullCheck, ")");
        }
        if (rightEmpty) {
            return SqlExpression.concat("(", compare.apply(l, EMPTY_TEXT), join, l, nullCheck, ")");
        }
        return compare.apply(SqlExpression.concat("COALESCE(", l, ", '')"), SqlExpression.concat("COALESCE(", r, ", '')"));
    }

    private SqlExpression like(ResolverResult left, ResolverResult right, boolean negated) {
        SqlExpression r = right.expression();
        SqlExpression pattern = r.params().isEmpty()
                ? SqlExpression.render(m -> dialect.concat(List.of("'%'", m[0], "'%'")), r)
                : r.withParams(r.params().stream().map(p -> (Object) LikePattern.of(p)).toList());
        return SqlExpression.render(m -> dialect.like(m[0], m[1], negated), left.expression(), pattern);
    }

    private SqlExpression binary(ResolverResult left, String operator, ResolverResult right) {
        SqlExpression[] both = comparable(left.expression(), right.expression());
        return SqlExpression.concat(both[0], operator, both[1]);
    }

    /** No value of the multi-valued operand fails the comparison with the other, single-valued operand. */
    private SqlExpression allOf(ResolverResult many, Operator operator, ResolverResult other, boolean manyOnRight) {
        if (!dialect.correlatedDerivedTables()) {
            MultiMatch match = many.multiMatch().orElseThrow();
            ResolverResult value = ResolverResult.of(SqlExpression.concat("(", match.value(), ")"))
                    .withNullFallback(many.nullFallback())
                    .withAfterBuild(NOT);
            ResolverResult single = ResolverResult.of(other.expression());
            SqlExpression failing = manyOnRight ? build(single, operator, value) : build(value, operator, single);
            return SqlExpression.concat("NOT EXISTS (SELECT 1 ", match.source(), " AND (", failing, "))");
        }
        String alias = "__sm" + (++aliases);
        ResolverResult value = ResolverResult.of(valueOf(alias))
                .withNullFallback(many.nullFallback())
                .withAfterBuild(NOT);
        ResolverResult single = ResolverResult.of(other.expression());
        SqlExpression failing = manyOnRight ? build(single, operator, value) : build(value, operator, single);
        return SqlExpression.concat("NOT EXISTS (SELECT 1 FROM (", many.multiMatch().orElseThrow().toSql(dialect),
                ") ", dialect.quote(alias), " WHERE ", failing, ")");
    }

    /** No pair of values of two multi-valued operands fails the comparison. */
    private SqlExpression allOfBoth(ResolverResult left, Operator operator, ResolverResult right) {
        if (!dialect.correlatedDerivedTables()) {
            MultiMatch lm = left.multiMatch().orElseThrow();
            MultiMatch rm = right.multiMatch().orElseThrow();
            // the right values' sub-query gets aliases of its own: both sides name theirs after the same tables
            SqlExpression rValue = renamed(rm.value());
            SqlExpression rSource = renamed(rm.source());
            ResolverResult l = ResolverResult.of(SqlExpression.concat("(", lm.value(), ")"))
                    .withNullFallback(left.nullFallback());
            ResolverResult r = ResolverResult.of(SqlExpression.concat("(", rValue, ")"))
                    .withNullFallback(right.nullFallback()).withAfterBuild(NOT);
            ResolverResult none = ResolverResult.of(SqlExpression.of("(NULL)"))
                    .withNullFallback(right.nullFallback()).withAfterBuild(NOT);
            return SqlExpression.concat("NOT EXISTS (SELECT 1 ", lm.source(), " AND ((EXISTS (SELECT 1 ", rSource,
                    " AND (", build(l, operator, r), "))) OR (NOT EXISTS (SELECT 1 ", rSource, ") AND (",
                    build(l, operator, none), "))))");
        }
        int n = ++aliases;
        String leftAlias = "__ml" + n;
        String rightAlias = "__mr" + n;
        ResolverResult l = ResolverResult.of(valueOf(leftAlias)).withNullFallback(left.nullFallback());
        ResolverResult r = ResolverResult.of(valueOf(rightAlias)).withNullFallback(right.nullFallback())
                .withAfterBuild(NOT);
        return SqlExpression.concat(
                "NOT EXISTS (SELECT 1 FROM (", left.multiMatch().orElseThrow().toSql(dialect), ") ",
                dialect.quote(leftAlias), " LEFT JOIN (", right.multiMatch().orElseThrow().toSql(dialect), ") ",
                dialect.quote(rightAlias), " ON 1=1 WHERE ", build(l, operator, r), ")");
    }

    private static SqlExpression renamed(SqlExpression e) {
        return new SqlExpression(e.sql().replace("__mm_", "__mr_"), e.params());
    }

    private SqlExpression valueOf(String alias) {
        return SqlExpression.of(dialect.quote(alias) + "." + dialect.quote(MultiMatch.VALUE_COLUMN));
    }

    private static SqlExpression and(SqlExpression a, SqlExpression b) {
        return SqlExpression.concat("((", a, ") AND (", b, "))");
    }

    private static boolean isEmpty(ResolverResult result) {
        return isEmptySql(result) || (result.nullFallback() == NullFallback.AUTO
                && result.expression().params().size() == 1 && hasEmptyParam(result));
    }

    private static boolean isKnownNonEmpty(ResolverResult result) {
        if (result.nullFallback() == NullFallback.ENFORCED) {
            return false;
        }
        if (NON_EMPTY_SQL.contains(result.expression().sql().toLowerCase(Locale.ROOT))) {
            return true;
        }
        return !result.expression().params().isEmpty() && !hasEmptyParam(result) && !isEmptySql(result);
    }

    private static boolean isEmptySql(ResolverResult result) {
        return EMPTY_SQL.contains(result.expression().sql().toLowerCase(Locale.ROOT));
    }

    private static boolean hasEmptyParam(ResolverResult result) {
        for (Object param : result.expression().params()) {
            if (param == null || "".equals(param)) {
                return true;
            }
        }
        return false;
    }
}
