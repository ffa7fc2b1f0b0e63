package dev.coffer.tools.search;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code strftime(format[, timeValue[, modifier...]])}: SQLite's date formatting, at most 10 arguments.
 * The format and modifiers are texts; the time value is a text, number or identifier.
 *
 * <p>The result is always coalesced (NULL compares like empty text). When the time value is multi-valued,
 * the function applies to each of its values, so the all-values rule of plain operators still holds.
 */
final class StrftimeFunction implements FilterFunction {

    private static final int MAX_ARGUMENTS = 10;

    @Override
    public ResolverResult resolve(Operand.FunctionCall call, Context context) {
        List<Operand> args = call.args();
        if (args.isEmpty()) {
            throw new FilterException("strftime expects at least 1 argument");
        }
        if (args.size() > MAX_ARGUMENTS) {
            throw new FilterException("strftime accepts at most " + MAX_ARGUMENTS + " arguments, got " + args.size());
        }
        if (!(args.getFirst() instanceof Operand.TextLiteral)) {
            throw new FilterException("strftime expects a format text as its first argument");
        }
        List<ResolverResult> resolved = new ArrayList<>(args.size());
        resolved.add(context.resolve(args.getFirst()));
        if (args.size() > 1) {
            Operand time = args.get(1);
            if (time instanceof Operand.FunctionCall) {
                throw new FilterException("strftime expects a text, number or identifier as its time value");
            }
            resolved.add(context.resolve(time));
            for (int i = 2; i < args.size(); i++) {
                if (!(args.get(i) instanceof Operand.TextLiteral)) {
                    throw new FilterException("strftime modifier " + (i - 1) + " must be a text");
                }
                resolved.add(context.resolve(args.get(i)));
            }
        }

        List<SqlExpression> parts = new ArrayList<>(resolved.stream().map(ResolverResult::expression).toList());
        ResolverResult result = ResolverResult.of(call(context, parts))
                .withNullFallback(NullFallback.ENFORCED)
                .withAfterBuild(FilterFunction.chainAfterBuild(resolved));
        if (resolved.size() > 1 && resolved.get(1).multiMatch().isPresent()) {
            MultiMatch each = resolved.get(1).multiMatch().get();
            parts.set(1, each.value());
            result = result.withMultiMatch(each.withValue(call(context, parts)));
        }
        return result;
    }

    private static SqlExpression call(Context context, List<SqlExpression> parts) {
        return SqlExpression.render(m -> context.dialect().strftime(List.of(m)), parts.toArray(SqlExpression[]::new));
    }
}
