package dev.coffer.tools.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a filter expression into an {@link Expr} tree by recursive descent over {@link FilterLexer} tokens.
 *
 * <pre>
 * filter     := or END
 * or         := and ("||" and)*
 * and        := primary ("&amp;&amp;" primary)*
 * primary    := "(" or ")" | comparison
 * comparison := operand OPERATOR operand
 * operand    := IDENTIFIER | NUMBER | TEXT | PLACEHOLDER | FUNCTION [arg ("," arg)* [","]] ")"
 * </pre>
 *
 * <p>{@code &&} binds tighter than {@code ||}. Function calls nest at most three deep
 * ({@code a(b(c(1)))}); function arguments are operands.
 */
final class FilterParser {

    private static final int MAX_FUNCTION_DEPTH = 3;

    private final String input;
    private final FilterLimits limits;
    private final FilterLexer lexer;
    private Token lookahead;
    private int comparisons;

    FilterParser(String input, FilterLimits limits) {
        this.input = input;
        this.limits = limits;
        this.lexer = new FilterLexer(input);
    }

    Filter parse() {
        if (longerThan(input, limits.maxLength())) {
            throw new FilterException("filter is longer than " + limits.maxLength() + " bytes");
        }
        if (peek().type() == Token.Type.END) {
            throw new FilterException("empty filter expression");
        }
        Expr root = or(0);
        Token extra = next();
        if (extra.type() != Token.Type.END) {
            throw unexpected(extra, "&& or ||");
        }
        return new Filter(input, root, comparisons);
    }

    private Expr or(int depth) {
        List<Expr> terms = new ArrayList<>();
        terms.add(and(depth));
        while (peek().type() == Token.Type.OR) {
            next();
            terms.add(and(depth));
        }
        return terms.size() == 1 ? terms.getFirst() : new Expr.Or(terms);
    }

    private Expr and(int depth) {
        List<Expr> terms = new ArrayList<>();
        terms.add(primary(depth));
        while (peek().type() == Token.Type.AND) {
            next();
            terms.add(primary(depth));
        }
        return terms.size() == 1 ? terms.getFirst() : new Expr.And(terms);
    }

    private Expr primary(int depth) {
        if (peek().type() != Token.Type.OPEN) {
            return comparison();
        }
        Token open = next();
        if (depth + 1 > limits.maxDepth()) {
            throw new FilterException("brackets nested deeper than " + limits.maxDepth());
        }
        if (peek().type() == Token.Type.CLOSE) {
            throw new FilterException("empty brackets at " + open.position());
        }
        Expr inner = or(depth + 1);
        Token close = next();
        if (close.type() == Token.Type.END) {
            throw new FilterException("missing closing bracket for the one at " + open.position());
        }
        if (close.type() != Token.Type.CLOSE) {
            throw unexpected(close, "&&, || or )");
        }
        return inner;
    }

    private Expr comparison() {
        Operand left = operand("left operand");
        Token op = next();
        if (op.type() != Token.Type.OPERATOR) {
            throw unexpected(op, "a comparison operator");
        }
        Operand right = operand("right operand");
        comparisons++;
        if (comparisons > limits.maxComparisons()) {
            throw new FilterException("filter has more than " + limits.maxComparisons() + " comparisons");
        }
        return new Expr.Comparison(left, Operator.fromSymbol(op.text()).orElseThrow(), right);
    }

    private Operand operand(String role) {
        Token token = next();
        return switch (token.type()) {
            case IDENTIFIER -> new Operand.Identifier(token.text());
            case NUMBER -> new Operand.NumberLiteral(token.text());
            case TEXT -> new Operand.TextLiteral(token.text());
            case PLACEHOLDER -> new Operand.Placeholder(token.text());
            case FUNCTION -> functionCall(token, 1);
            default -> throw unexpected(token, role + " (identifier, function, text or number)");
        };
    }

    private Operand functionCall(Token name, int depth) {
        if (depth > MAX_FUNCTION_DEPTH) {
            throw new FilterException("functions nested deeper than " + MAX_FUNCTION_DEPTH + " at " + name.position());
        }
        List<Operand> args = new ArrayList<>();
        while (true) {
            Token token = next();
            if (token.type() == Token.Type.CLOSE) {
                return new Operand.FunctionCall(name.text(), args);
            }
            args.add(switch (token.type()) {
                case IDENTIFIER -> new Operand.Identifier(token.text());
                case NUMBER -> new Operand.NumberLiteral(token.text());
                case TEXT -> new Operand.TextLiteral(token.text());
                case PLACEHOLDER -> new Operand.Placeholder(token.text());
                case FUNCTION -> functionCall(token, depth + 1);
                case END -> throw incompleteCall(name);
                default -> throw unexpected(token, "a function argument of " + name.text());
            });
            Token after = next();
            switch (after.type()) {
                case CLOSE -> {
                    return new Operand.FunctionCall(name.text(), args);
                }
                case COMMA -> {
                    // a single trailing comma is allowed
                }
                case END -> throw incompleteCall(name);
                default -> throw unexpected(after, "\",\" or \")\" in function " + name.text());
            }
        }
    }

    private static FilterException incompleteCall(Token name) {
        return new FilterException("function " + FilterException.excerpt(name.text()) + " at " + name.position()
                + " is missing its closing bracket");
    }

    private static FilterException unexpected(Token token, String expected) {
        if (token.type() == Token.Type.END) {
            return new FilterException("incomplete filter expression: expected " + expected + " at the end");
        }
        return new FilterException("expected " + expected + ", got " + token.describe() + " at " + token.position());
    }

    private Token peek() {
        if (lookahead == null) {
            lookahead = lexer.next();
        }
        return lookahead;
    }

    private Token next() {
        Token token = peek();
        lookahead = null;
        return token;
    }

    private static boolean longerThan(String text, int maxBytes) {
        // a char is 1 to 3 UTF-8 bytes (a surrogate pair is 4 bytes for 2 chars)
        if (text.length() > maxBytes) {
            return true;
        }
        if (text.length() * 3L <= maxBytes) {
            return false;
        }
        return text.getBytes(StandardCharsets.UTF_8).length > maxBytes;
    }
}
