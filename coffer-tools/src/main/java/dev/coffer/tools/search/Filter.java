package dev.coffer.tools.search;

import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed, immutable filter expression (PocketBase's fexpr language), ready to be built into SQL by a
 * {@link FilterSqlBuilder}.
 *
 * <pre>{@code
 * Filter f = Filter.parse("title ~ 'abc' && (views > 10 || @request.auth.id != '')");
 * }</pre>
 *
 * @param source the text it was parsed from
 * @param root the expression tree
 * @param comparisons the number of comparisons in the tree
 */
public record Filter(String source, Expr root, int comparisons) {

    /** Checks the parts are present. */
    public Filter {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(root, "root");
    }

    /**
     * Parses a client filter ({@code ?filter=}) with the {@link FilterLimits#CLIENT} limits; API rules use
     * {@link #parse(String, FilterLimits)} with {@link FilterLimits#RULE}.
     *
     * @throws FilterException when the text is empty, malformed or over a limit
     */
    public static Filter parse(String text) {
        return parse(text, FilterLimits.CLIENT);
    }

    /**
     * Parses a filter with the given limits.
     *
     * @throws FilterException when the text is empty, malformed or over a limit
     */
    public static Filter parse(String text, FilterLimits limits) {
        Objects.requireNonNull(text, "text");
        return new FilterParser(text, limits).parse();
    }

    /**
     * Replaces {@code {:name}} placeholders with server-side values, typed as if they had been written as
     * literals: {@code null}, booleans and numbers become the bare words and numbers, an {@link Instant} its
     * datetime text, maps, collections and arrays their JSON text, anything else its {@code toString()} text.
     * Placeholders without a value are left for the builder to reject.
     */
    public Filter withPlaceholders(Map<String, ?> values) {
        return new Filter(source, replace(root, values), comparisons);
    }

    /** Every identifier in the filter, function arguments included, in order of appearance. */
    public List<String> identifiers() {
        List<String> out = new ArrayList<>();
        collect(root, out);
        return List.copyOf(out);
    }

    private static void collect(Expr expr, List<String> out) {
        switch (expr) {
            case Expr.Comparison c -> {
                collect(c.left(), out);
                collect(c.right(), out);
            }
            case Expr.And and -> and.terms().forEach(t -> collect(t, out));
            case Expr.Or or -> or.terms().forEach(t -> collect(t, out));
        }
    }

    private static void collect(Operand operand, List<String> out) {
        if (operand instanceof Operand.Identifier id) {
            out.add(id.name());
        } else if (operand instanceof Operand.FunctionCall call) {
            call.args().forEach(a -> collect(a, out));
        }
    }

    private static Expr replace(Expr expr, Map<String, ?> values) {
        return switch (expr) {
            case Expr.Comparison c -> new Expr.Comparison(replace(c.left(), values), c.operator(),
                    replace(c.right(), values));
            case Expr.And and -> new Expr.And(and.terms().stream().map(t -> replace(t, values)).toList());
            case Expr.Or or -> new Expr.Or(or.terms().stream().map(t -> replace(t, values)).toList());
        };
    }

    private static Operand replace(Operand operand, Map<String, ?> values) {
        return switch (operand) {
            case Operand.Placeholder p when values.containsKey(p.name()) -> literal(p.name(), values.get(p.name()));
            case Operand.FunctionCall call -> new Operand.FunctionCall(call.name(),
                    call.args().stream().map(a -> replace(a, values)).toList());
            default -> operand;
        };
    }

    private static Operand literal(String name, Object value) {
        return switch (value) {
            case null -> new Operand.Identifier("null");
            case Boolean b -> new Operand.Identifier(b.toString());
            case Byte n -> new Operand.NumberLiteral(n.toString());
            case Short n -> new Operand.NumberLiteral(n.toString());
            case Integer n -> new Operand.NumberLiteral(n.toString());
            case Long n -> new Operand.NumberLiteral(n.toString());
            case BigInteger n -> new Operand.NumberLiteral(n.toString());
            case Number n -> {
                double d = n.doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new FilterException("placeholder {:" + name + "} is not a finite number");
                }
                BigDecimal exact = n instanceof BigDecimal bd ? bd : new BigDecimal(Double.toString(d));
                yield new Operand.NumberLiteral(exact.stripTrailingZeros().toPlainString());
            }
            case Instant instant -> new Operand.TextLiteral(DateTime.format(instant));
            case Map<?, ?> map -> new Operand.TextLiteral(Json.write(map));
            case Collection<?> list -> new Operand.TextLiteral(Json.write(list));
            case Object[] array -> new Operand.TextLiteral(Json.write(array));
            default -> new Operand.TextLiteral(value.toString());
        };
    }
}
