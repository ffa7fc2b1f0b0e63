package dev.coffer.tools.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a filter expression into an {@link Expr} tree from {@link FilterLexer} tokens; brackets are kept on an
 * explicit stack, so nesting depth is bounded by {@link FilterLimits}, not by the thread's stack.
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
        Expr root = expression();
        Token extra = next();
        if (extra.type() != Token.Type.END) {
            throw unexpected(extra, "&& or ||");
        }
        return new Filter(input, root, comparisons);
    }

    /**
     * Parses {@code or} with an explicit stack of open brackets rather than by recursion, so that a filter nested
     * as deep as its limits allow parses on any thread's stack. Stops before the first token the top level cannot
     * take (the end, or a stray {@code )}).
     */
    private Expr expression() {
        ArrayDeque<Level> open = new ArrayDeque<>();
        Level level = new Level(null);
        while (true) {
            // a primary: either brackets, which open a level, or a comparison
            if (peek().type() == Token.Type.OPEN) {
                Token bracket = next();
                if (open.size() + 1 > limits.maxDepth()) {
                    throw new FilterException("brackets nested deeper than " + limits.maxDepth());
                }
                if (peek().type() == Token.Type.CLOSE) {
                    throw new FilterException("empty brackets at " + bracket.position());
                }
                open.push(level);
                level = new Level(bracket);
                continue;
            }
            level.and.add(comparison());
            // what follows a primary: an operator, a closing bracket, or the end of this level
            while (true) {
                Token.Type type = peek().type();
                if (type == Token.Type.AND) {
                    next();
                    break;
                }
                if (type == Token.Type.OR) {
                    next();
                    level.endAnd();
                    break;
                }
                if (level.bracket == null) {
                    return level.finish();
                }
                Token close = next();
                if (close.type() == Token.Type.END) {
                    throw new FilterException("missing closing bracket for the one at " + level.bracket.position());
                }
                if (close.type() != Token.Type.CLOSE) {
                    throw unexpected(close, "&&, || or )");
                }
                Expr inner = level.finish();
                level = open.pop();
                level.and.add(inner);
            }
        }
    }

    /** One bracket level being parsed: the finished {@code ||} terms and the {@code &&} terms of the current one. */
    private static final class Level {
        final Token bracket;
        final List<Expr> or = new ArrayList<>();
        List<Expr> and = new ArrayList<>();

        Level(Token bracket) {
            this.bracket = bracket;
        }

        void endAnd() {
            or.add(and.size() == 1 ? and.getFirst() : new Expr.And(and));
            and = new ArrayList<>();
        }

        Expr finish() {
            endAnd();
            return or.size() == 1 ? or.getFirst() : new Expr.Or(or);
        }
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
