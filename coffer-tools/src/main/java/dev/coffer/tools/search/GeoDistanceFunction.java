package dev.coffer.tools.search;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code geoDistance(lonA, latA, lonB, latB)}: the distance in kilometres between two points. Each argument
 * is a number or an identifier (a column resolving to NULL or to a non-number gives NULL).
 *
 * <p>The result is compared without NULL-to-empty coalescing. Like SQL functions, it does not apply the
 * all-values rule to multi-valued arguments: over a multi-relation it matches when any related value does.
 */
final class GeoDistanceFunction implements FilterFunction {

    @Override
    public ResolverResult resolve(Operand.FunctionCall call, Context context) {
        List<Operand> args = call.args();
        if (args.size() != 4) {
            throw new FilterException("geoDistance expects 4 arguments, got " + args.size());
        }
        List<ResolverResult> resolved = new ArrayList<>(4);
        for (int i = 0; i < 4; i++) {
            Operand arg = args.get(i);
            if (!(arg instanceof Operand.Identifier) && !(arg instanceof Operand.NumberLiteral)) {
                throw new FilterException("geoDistance argument " + (i + 1) + " must be an identifier or a number");
            }
            resolved.add(context.resolve(arg));
        }
        SqlExpression sql = SqlExpression.render(
                m -> context.dialect().geoDistanceKm(m[0], m[1], m[2], m[3]),
                resolved.get(0).expression(), resolved.get(1).expression(),
                resolved.get(2).expression(), resolved.get(3).expression());
        return ResolverResult.of(sql)
                .withNullFallback(NullFallback.DISABLED)
                .withAfterBuild(FilterFunction.chainAfterBuild(resolved));
    }
}
