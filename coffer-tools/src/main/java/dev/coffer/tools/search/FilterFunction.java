package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import java.util.function.UnaryOperator;

/**
 * A function callable in filters, such as {@code geoDistance(lonA, latA, lonB, latB)}; it turns a call into
 * an operand. Register extra ones with {@link FilterFunctions#with(String, FilterFunction)}.
 */
@FunctionalInterface
public interface FilterFunction {

    /**
     * Resolves a call into SQL.
     *
     * @throws FilterException when the arguments are of the wrong number or kind
     */
    ResolverResult resolve(Operand.FunctionCall call, Context context);

    /** What a function may use while resolving a call. */
    interface Context {

        /**
         * Resolves an argument like a comparison operand: identifiers through the field resolver (or as
         * macros and bare words), literals as bound parameters, calls through their function.
         */
        ResolverResult resolve(Operand argument);

        /** The dialect to build the SQL with. */
        Dialect dialect();
    }

    /** Chains the after-build steps of several arguments so a function keeps their constraints. */
    static UnaryOperator<SqlExpression> chainAfterBuild(Iterable<ResolverResult> arguments) {
        UnaryOperator<SqlExpression> chain = UnaryOperator.identity();
        for (ResolverResult argument : arguments) {
            UnaryOperator<SqlExpression> before = chain;
            UnaryOperator<SqlExpression> step = argument.afterBuild();
            chain = e -> step.apply(before.apply(e));
        }
        return chain;
    }
}
