package dev.coffer.tools.search;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** One side of a comparison, or an argument of a function call. */
public sealed interface Operand {

    /** The operand as it would be written in a filter, for messages. */
    String describe();

    /**
     * A name the {@link FieldResolver} resolves ({@code title}, {@code author.name:lower},
     * {@code @request.auth.id}), a datetime macro ({@code @now}) or one of the bare words {@code null},
     * {@code true}, {@code false}.
     *
     * @param name the identifier as written
     */
    record Identifier(String name) implements Operand {
        /** Checks the name is present. */
        public Identifier {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return name;
        }
    }

    /**
     * A number literal, compared as a double-precision value like PocketBase does.
     *
     * @param text the number as written, such as {@code -1.50}
     */
    record NumberLiteral(String text) implements Operand {
        private static final Pattern NUMBER = Pattern.compile("-?(\\d+(\\.\\d+)?|\\.\\d+)");

        /** Checks the text is a plain decimal number. */
        public NumberLiteral {
            if (!NUMBER.matcher(Objects.requireNonNull(text, "text")).matches()) {
                throw new IllegalArgumentException("not a decimal number: " + text);
            }
        }

        /** The value; numbers too large for a double become 0, as in PocketBase. */
        public double value() {
            double value = Double.parseDouble(text);
            return Double.isInfinite(value) ? 0 : value;
        }

        @Override
        public String describe() {
            return text;
        }
    }

    /**
     * A quoted text literal.
     *
     * @param value the unescaped text
     */
    record TextLiteral(String value) implements Operand {
        /** Checks the value is present. */
        public TextLiteral {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String describe() {
            return "'" + value + "'";
        }
    }

    /**
     * A call of a registered {@link FilterFunction}, such as {@code geoDistance(lon, lat, 1, 2)}.
     *
     * @param name the function name
     * @param args the arguments, in order
     */
    record FunctionCall(String name, List<Operand> args) implements Operand {
        /** Freezes the arguments. */
        public FunctionCall {
            Objects.requireNonNull(name, "name");
            args = List.copyOf(args);
        }

        @Override
        public String describe() {
            return name + "(...)";
        }
    }

    /**
     * A {@code {:name}} placeholder, replaced by a server-side value through
     * {@link Filter#withPlaceholders(java.util.Map)} before the filter is built.
     *
     * @param name the placeholder name
     */
    record Placeholder(String name) implements Operand {
        /** Checks the name is present. */
        public Placeholder {
            Objects.requireNonNull(name, "name");
        }

        @Override
        public String describe() {
            return "{:" + name + "}";
        }
    }
}
