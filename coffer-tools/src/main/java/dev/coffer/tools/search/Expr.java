package dev.coffer.tools.search;

import java.util.List;
import java.util.Objects;

/** A node of a parsed filter: a comparison, or a conjunction or disjunction of at least two nodes. */
public sealed interface Expr {

    /**
     * One comparison, {@code left operator right}.
     *
     * @param left the left operand
     * @param operator the operator
     * @param right the right operand
     */
    record Comparison(Operand left, Operator operator, Operand right) implements Expr {
        /** Checks the parts are present. */
        public Comparison {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(operator, "operator");
            Objects.requireNonNull(right, "right");
        }
    }

    /**
     * Terms joined by {@code &&}.
     *
     * @param terms two or more terms
     */
    record And(List<Expr> terms) implements Expr {
        /** Freezes the terms and checks there are at least two. */
        public And {
            terms = List.copyOf(terms);
            if (terms.size() < 2) {
                throw new IllegalArgumentException("an And needs at least two terms");
            }
        }
    }

    /**
     * Terms joined by {@code ||}.
     *
     * @param terms two or more terms
     */
    record Or(List<Expr> terms) implements Expr {
        /** Freezes the terms and checks there are at least two. */
        public Or {
            terms = List.copyOf(terms);
            if (terms.size() < 2) {
                throw new IllegalArgumentException("an Or needs at least two terms");
            }
        }
    }
}
