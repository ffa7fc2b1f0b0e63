package dev.coffer.tools.search;

/**
 * Splits a filter expression into {@link Token}s, skipping whitespace (space, tab, newline) and
 * {@code //} line comments, with PocketBase's (fexpr) lexical rules.
 *
 * <ul>
 *   <li>Identifiers start with an ASCII letter, {@code _}, {@code @} or {@code #} and go on with letters,
 *       digits, {@code _}, {@code .} and {@code :}; they may not end with {@code .} or {@code :}, and a lone
 *       {@code @}, {@code _} or {@code #} is not one. An identifier directly followed by {@code (} is a
 *       function name.
 *   <li>Numbers are an optional leading {@code -}, digits and at most one {@code .} that is neither first
 *       nor last ({@code 1.5}, {@code -.5}; not {@code 1.} or {@code .5}). No exponents.
 *   <li>Texts are single- or double-quoted. A backslash escapes {@code \\}, {@code \'}, {@code \"},
 *       {@code \n}, {@code \t} and {@code \r}; before any other character it is kept as written.
 * </ul>
 *
 * <p>Any other character, a lone {@code /}, an unterminated text or an unknown operator is a
 * {@link FilterException}.
 */
public final class FilterLexer {

    private static final String OPERATOR_CHARS = "=?!><~";

    private final String input;
    private int pos;

    /** Creates a lexer positioned at the start of the input. */
    public FilterLexer(String input) {
        this.input = input;
    }

    /** Reads the next token; after the end it keeps returning {@link Token.Type#END}. */
    public Token next() {
        skipSpaceAndComments();
        if (pos >= input.length()) {
            return new Token(Token.Type.END, "", pos);
        }
        int start = pos;
        char c = input.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                return new Token(Token.Type.OPEN, "", start);
            }
            case ')' -> {
                pos++;
                return new Token(Token.Type.CLOSE, "", start);
            }
            case ',' -> {
                pos++;
                return new Token(Token.Type.COMMA, "", start);
            }
            case '\'', '"' -> {
                return text(c);
            }
            case '{' -> {
                return placeholder();
            }
            default -> {
                // handled below
            }
        }
        if (isLetter(c) || c == '_' || c == '@' || c == '#') {
            return identifier();
        }
        if (c == '-' || isDigit(c)) {
            return number();
        }
        if (OPERATOR_CHARS.indexOf(c) >= 0) {
            return operator();
        }
        if (c == '&' || c == '|') {
            return join();
        }
        throw new FilterException("unexpected character " + FilterException.excerpt(
                new String(Character.toChars(input.codePointAt(pos)))) + " at " + pos);
    }

    private void skipSpaceAndComments() {
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n') {
                pos++;
            } else if (c == '/') {
                if (pos + 1 >= input.length() || input.charAt(pos + 1) != '/') {
                    throw new FilterException("invalid comment at " + pos + " (comments start with //)");
                }
                int newline = input.indexOf('\n', pos);
                pos = newline < 0 ? input.length() : newline + 1;
            } else {
                return;
            }
        }
    }

    private Token identifier() {
        int start = pos;
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (!isLetter(c) && !isDigit(c) && c != '_' && c != '.' && c != ':') {
                break;
            }
            pos++;
        }
        String name = input.substring(start, pos);
        boolean function = pos < input.length() && input.charAt(pos) == '(';
        if (!isValidIdentifier(name)) {
            throw new FilterException("invalid " + (function ? "function name " : "identifier ")
                    + FilterException.excerpt(name) + " at " + start);
        }
        if (function) {
            pos++;
            return new Token(Token.Type.FUNCTION, name, start);
        }
        return new Token(Token.Type.IDENTIFIER, name, start);
    }

    private static boolean isValidIdentifier(String name) {
        char last = name.charAt(name.length() - 1);
        if (last == '.' || last == ':') {
            return false;
        }
        return name.length() != 1 || isLetter(name.charAt(0));
    }

    private Token number() {
        int start = pos;
        boolean dot = false;
        pos++;
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (isDigit(c)) {
                pos++;
            } else if (c == '.' && !dot) {
                dot = true;
                pos++;
            } else {
                break;
            }
        }
        String literal = input.substring(start, pos);
        if (literal.equals("-") || literal.endsWith(".")) {
            throw new FilterException("invalid number " + FilterException.excerpt(literal) + " at " + start);
        }
        return new Token(Token.Type.NUMBER, literal, start);
    }

    private Token text(char quote) {
        int start = pos;
        pos++;
        StringBuilder value = new StringBuilder();
        while (pos < input.length()) {
            char c = input.charAt(pos);
            if (c == quote) {
                pos++;
                return new Token(Token.Type.TEXT, value.toString(), start);
            }
            if (c == '\\' && pos + 1 < input.length()) {
                char next = input.charAt(pos + 1);
                switch (next) {
                    case '\\', '\'', '"' -> value.append(next);
                    case 'n' -> value.append('\n');
                    case 't' -> value.append('\t');
                    case 'r' -> value.append('\r');
                    default -> value.append(c).append(next);
                }
                pos += 2;
            } else if (c == '\\') {
                break;
            } else if (c == '\0') {
                throw new FilterException("quoted text can't hold a NUL character (at " + pos + ")");
            } else {
                value.append(c);
                pos++;
            }
        }
        throw new FilterException("unterminated quoted text starting at " + start);
    }

    private Token placeholder() {
        int start = pos;
        int end = start + 2;
        if (input.startsWith("{:", start)) {
            while (end < input.length() && isWordChar(input.charAt(end))) {
                end++;
            }
            if (end > start + 2 && end < input.length() && input.charAt(end) == '}') {
                pos = end + 1;
                return new Token(Token.Type.PLACEHOLDER, input.substring(start + 2, end), start);
            }
        }
        throw new FilterException("unexpected character \"{\" at " + start);
    }

    private Token operator() {
        int start = pos;
        while (pos < input.length() && OPERATOR_CHARS.indexOf(input.charAt(pos)) >= 0) {
            pos++;
        }
        String symbol = input.substring(start, pos);
        if (Operator.fromSymbol(symbol).isEmpty()) {
            throw new FilterException("invalid operator " + FilterException.excerpt(symbol) + " at " + start);
        }
        return new Token(Token.Type.OPERATOR, symbol, start);
    }

    private Token join() {
        int start = pos;
        while (pos < input.length() && (input.charAt(pos) == '&' || input.charAt(pos) == '|')) {
            pos++;
        }
        String symbol = input.substring(start, pos);
        return switch (symbol) {
            case "&&" -> new Token(Token.Type.AND, "", start);
            case "||" -> new Token(Token.Type.OR, "", start);
            default -> throw new FilterException("invalid join operator " + FilterException.excerpt(symbol)
                    + " at " + start);
        };
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }
}
