package dev.coffer.tools.search;

import dev.coffer.tools.db.Dialect;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;

/**
 * Resolves the operands of one build: macros and literals to bound parameters, identifiers through the
 * {@link FieldResolver} (falling back to the bare words {@code null}, {@code true}, {@code false}), function
 * calls through the registered {@link FilterFunction}s.
 */
final class OperandResolver implements FilterFunction.Context {

    private final FieldResolver fields;
    private final Dialect dialect;
    private final FilterFunctions functions;
    private final ZonedDateTime now;

    OperandResolver(FieldResolver fields, Dialect dialect, FilterFunctions functions, ZonedDateTime now) {
        this.fields = fields;
        this.dialect = dialect;
        this.functions = functions;
        this.now = now;
    }

    @Override
    public Dialect dialect() {
        return dialect;
    }

    @Override
    public ResolverResult resolve(Operand operand) {
        return switch (operand) {
            case Operand.Identifier id -> identifier(id.name());
            case Operand.NumberLiteral number -> ResolverResult.of(SqlExpression.param(number.value()));
            case Operand.TextLiteral text -> ResolverResult.of(SqlExpression.param(text.value()));
            case Operand.FunctionCall call -> functions.get(call.name())
                    .orElseThrow(() -> new FilterException("unknown function " + FilterException.excerpt(call.name())))
                    .resolve(call, this);
            case Operand.Placeholder placeholder -> throw new FilterException(
                    "no value for placeholder " + FilterException.excerpt(placeholder.describe()));
        };
    }

    private ResolverResult identifier(String name) {
        Optional<DateTimeMacro> macro = DateTimeMacro.of(name);
        if (macro.isPresent()) {
            return ResolverResult.of(SqlExpression.param(macro.get().valueAt(now)));
        }
        FilterException failure;
        try {
            ResolverResult result = fields.resolve(name);
            if (result != null && !result.expression().isBlank()) {
                return result;
            }
            failure = new FilterException("cannot resolve " + FilterException.excerpt(name));
        } catch (FilterException e) {
            failure = e;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "null" -> ResolverResult.of("NULL");
            case "true" -> ResolverResult.of(dialect.booleanLiteral(true));
            case "false" -> ResolverResult.of(dialect.booleanLiteral(false));
            default -> throw failure;
        };
    }
}
