package dev.coffer.js;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The template language of PocketBase's {@code $template}: Go's {@code text/template} syntax (actions, pipelines,
 * variables, {@code if}/{@code with}/{@code range}, {@code define}/{@code template}/{@code block}, the built-in
 * functions and PocketBase's {@code raw}) with the contextual output escaping of Go's {@code html/template}.
 *
 * <p>{@link #parse} reads the sources the way Go's {@code ParseFiles} does: the first source is the template
 * rendered, each source is also a template named after its base name, and every {@code {{define}}} or
 * {@code {{block}}} adds a named template; a later source's definition replaces an earlier one. Escaping
 * follows the HTML context reached by the template's own text when each value is printed (see
 * {@link GoTemplateEscaper}).
 */
public final class GoTemplate {

    /** One template text and the name (a file path or any label) its errors are reported under. */
    public record Source(String name, String text) {}

    /** A parse or execution error, worded like Go's: {@code template: hello.html:3: unexpected "}" in operand}. */
    public static final class TemplateException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TemplateException(String message) {
            super(message);
        }
    }

    // ---- the parsed tree ----

    /** Where a node came from: the source's name, its line and 0-based column, and its text for error context. */
    record Pos(String source, int line, int col, String text) {}

    sealed interface Node permits Text, Output, Control, Call, Loop {}

    record Text(String text) implements Node {}

    /** {@code {{pipeline}}}: prints the value unless the pipeline declares or assigns variables. */
    record Output(Pipe pipe) implements Node {}

    /** {@code if}, {@code with} or {@code range}; an {@code else if} is a nested Control as the only else node. */
    record Control(String kind, Pipe pipe, List<Node> body, List<Node> otherwise) implements Node {}

    /** {@code {{template "name" pipeline}}} (also the call half of a block); pipe is null without an argument. */
    record Call(String name, Pipe pipe, Pos pos) implements Node {}

    /** {@code {{break}}} or {@code {{continue}}}. */
    record Loop(boolean isBreak) implements Node {}

    record Pipe(List<String> vars, boolean assign, List<Cmd> cmds, Pos pos) {}

    record Cmd(List<Expr> args, Pos pos) {}

    sealed interface Expr permits Dot, Literal, Nil, Func, Var, Sub, Chain {}

    record Dot() implements Expr {}

    record Literal(Object value) implements Expr {}

    record Nil() implements Expr {}

    record Func(String name) implements Expr {}

    record Var(String name) implements Expr {}

    /** A parenthesized pipeline. */
    record Sub(Pipe pipe) implements Expr {}

    /** Field lookups {@code .a.b} on a base: the dot, a variable or a parenthesized pipeline. */
    record Chain(Expr base, List<String> fields) implements Expr {}

    static final Set<String> FUNCS = Set.of("and", "or", "not", "len", "index", "slice", "eq", "ne", "lt", "le",
            "gt", "ge", "print", "printf", "println", "html", "js", "urlquery", "raw");

    final String mainName;
    final Map<String, List<Node>> templates;

    private GoTemplate(String mainName, Map<String, List<Node>> templates) {
        this.mainName = mainName;
        this.templates = templates;
    }

    /** Parses the sources; the first one is the template {@link #render} renders. */
    public static GoTemplate parse(List<Source> sources) {
        if (sources.isEmpty()) {
            throw new TemplateException("template: no templates to parse");
        }
        Map<String, List<Node>> templates = new HashMap<>();
        String main = null;
        for (Source source : sources) {
            String name = baseName(source.name());
            main = main == null ? name : main;
            Parser parser = new Parser(name, new Lexer(name, source.text()).tokens());
            List<Node> root = parser.parseRoot();
            parser.defined.put(name, root);
            parser.defined.forEach((key, body) -> {
                if (!templates.containsKey(key) || !isEmpty(body)) {
                    templates.put(key, body);
                }
            });
        }
        return new GoTemplate(main, templates);
    }

    /** Renders the main template with the given data as the dot. */
    public String render(JsonNode data) {
        return new GoTemplateExec(this).run(GoTemplateExec.fromJson(data));
    }

    private static String baseName(String name) {
        String trimmed = name.replaceAll("[/\\\\]+$", "");
        int slash = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\'));
        return slash < 0 ? trimmed : trimmed.substring(slash + 1);
    }

    static boolean isEmpty(List<Node> body) {
        return body.stream().allMatch(n -> n instanceof Text t && t.text().isBlank());
    }

    // ---- lexing ----

    enum T { TEXT, OPEN, CLOSE, FIELD, DOT, VAR, IDENT, STRING, NUMBER, PIPE, LPAREN, RPAREN, DECLARE, ASSIGN,
        COMMA, CHAR, EOF }

    /** A token; {@code space} tells whether white space came before it inside an action. */
    record Tok(T type, String val, Object value, int line, int col, int start, boolean space) {}

    static final class Lexer {
        private final String name;
        private final String src;
        private final List<Tok> out = new ArrayList<>();
        private int pos;
        private int line = 1;
        private int lineStart;

        Lexer(String name, String src) {
            this.name = name;
            this.src = src;
        }

        List<Tok> tokens() {
            while (pos < src.length()) {
                int open = src.indexOf("{{", pos);
                if (open < 0) {
                    text(src.substring(pos), src.length());
                    break;
                }
                boolean trim = src.startsWith("-", open + 2) && open + 3 < src.length()
                        && isSpace(src.charAt(open + 3));
                String text = src.substring(pos, open);
                text(trim ? text.stripTrailing() : text, open);
                pos = open + (trim ? 4 : 2);
                if (src.startsWith("/*", pos)) {
                    comment();
                } else {
                    add(T.OPEN, "{{", null, open, false);
                    action();
                }
            }
            add(T.EOF, "", null, pos, false);
            return out;
        }

        private void text(String text, int end) {
            if (!text.isEmpty()) {
                add(T.TEXT, text, null, pos, false);
            }
            advance(end);
        }

        /** Moves to {@code end}, counting lines. */
        private void advance(int end) {
            for (int i = pos; i < end; i++) {
                if (src.charAt(i) == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            pos = end;
        }

        private void comment() {
            int end = src.indexOf("*/", pos + 2);
            if (end < 0) {
                throw error("unclosed comment");
            }
            advance(end + 2);
            if (src.startsWith(" -}}", pos) || src.startsWith("-}}", pos)) {
                pos += src.charAt(pos) == ' ' ? 4 : 3;
                skipSpace();
            } else if (src.startsWith("}}", pos)) {
                pos += 2;
            } else {
                throw error("comment ends before closing delimiter");
            }
        }

        private boolean skipSpace() {
            int start = pos;
            while (pos < src.length() && isSpace(src.charAt(pos))) {
                advance(pos + 1);
            }
            return pos > start;
        }

        private void action() {
            int depth = 0;
            while (true) {
                boolean space = skipSpace();
                if (pos >= src.length()) {
                    throw error("unclosed action");
                }
                boolean trim = space && src.startsWith("-}}", pos);
                if (trim || src.startsWith("}}", pos)) {
                    if (depth > 0) {
                        throw error("unclosed left paren");
                    }
                    add(T.CLOSE, "}}", null, pos, space);
                    pos += trim ? 3 : 2;
                    if (trim) {
                        skipSpace();
                    }
                    return;
                }
                int start = pos;
                char c = src.charAt(pos);
                switch (c) {
                    case '|' -> simple(T.PIPE, space);
                    case '(' -> {
                        depth++;
                        simple(T.LPAREN, space);
                    }
                    case ')' -> {
                        if (--depth < 0) {
                            throw error("unexpected right paren");
                        }
                        simple(T.RPAREN, space);
                    }
                    case ',' -> simple(T.COMMA, space);
                    case '=' -> simple(T.ASSIGN, space);
                    case ':' -> {
                        if (!src.startsWith(":=", pos)) {
                            throw error("expected :=");
                        }
                        pos += 2;
                        add(T.DECLARE, ":=", null, start, space);
                    }
                    case '"' -> add(T.STRING, quoted(), null, start, space);
                    case '`' -> {
                        int end = src.indexOf('`', pos + 1);
                        if (end < 0) {
                            throw error("unterminated raw quoted string");
                        }
                        String raw = src.substring(pos + 1, end);
                        add(T.STRING, raw, null, start, space);
                        advance(end + 1);
                    }
                    case '\'' -> charConstant(space);
                    case '$' -> {
                        pos++;
                        add(T.VAR, "$" + word(), null, start, space);
                    }
                    case '.' -> {
                        if (pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                            number(space);
                        } else {
                            pos++;
                            String field = word();
                            add(field.isEmpty() ? T.DOT : T.FIELD, field.isEmpty() ? "." : field, null, start,
                                    space);
                        }
                    }
                    default -> {
                        if (Character.isDigit(c) || ((c == '-' || c == '+') && pos + 1 < src.length()
                                && (Character.isDigit(src.charAt(pos + 1)) || src.charAt(pos + 1) == '.'))) {
                            number(space);
                        } else if (Character.isLetter(c) || c == '_') {
                            add(T.IDENT, word(), null, start, space);
                        } else if (c < 0x7f && c > ' ') {
                            simple(T.CHAR, space);
                        } else {
                            throw error(String.format("unrecognized character in action: U+%04X", (int) c));
                        }
                    }
                }
            }
        }

        private void simple(T type, boolean space) {
            add(type, String.valueOf(src.charAt(pos)), null, pos, space);
            pos++;
        }

        private String word() {
            int start = pos;
            while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                pos++;
            }
            return src.substring(start, pos);
        }

        private String quoted() {
            StringBuilder sb = new StringBuilder();
            int i = pos + 1;
            while (true) {
                if (i >= src.length() || src.charAt(i) == '\n') {
                    throw error("unterminated quoted string");
                }
                char c = src.charAt(i++);
                if (c == '"') {
                    pos = i;
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (i >= src.length()) {
                    throw error("unterminated quoted string");
                }
                char e = src.charAt(i++);
                switch (e) {
                    case 'n' -> sb.append('\n');
                    case 't' -> sb.append('\t');
                    case 'r' -> sb.append('\r');
                    case 'a' -> sb.append('\007');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'v' -> sb.append('\013');
                    case '\\', '"', '\'' -> sb.append(e);
                    case 'x', 'u', 'U' -> {
                        int n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                        if (i + n > src.length()) {
                            throw error("unterminated quoted string");
                        }
                        try {
                            sb.appendCodePoint(Integer.parseInt(src.substring(i, i + n), 16));
                        } catch (IllegalArgumentException ex) {
                            throw error("invalid syntax in quoted string");
                        }
                        i += n;
                    }
                    default -> throw error("invalid syntax in quoted string: \\" + e);
                }
            }
        }

        private void charConstant(boolean space) {
            int start = pos;
            int end = src.indexOf('\'', pos + 1);
            if (end < 0 || src.substring(pos, end).contains("\n")) {
                throw error("unterminated character constant");
            }
            if (src.charAt(end - 1) == '\\' && end == pos + 2) {
                end = src.indexOf('\'', end + 1);
            }
            String body = src.substring(pos + 1, end);
            long value = body.startsWith("\\") ? switch (body.charAt(1)) {
                case 'n' -> '\n';
                case 't' -> '\t';
                case 'r' -> '\r';
                case '0' -> 0;
                default -> body.charAt(1);
            } : body.codePointAt(0);
            pos = end + 1;
            add(T.NUMBER, src.substring(start, pos), value, start, space);
        }

        private void number(boolean space) {
            int start = pos;
            pos++;
            while (pos < src.length()) {
                char c = src.charAt(pos);
                boolean sign = (c == '+' || c == '-') && "eEpP".indexOf(src.charAt(pos - 1)) >= 0;
                if (!(Character.isLetterOrDigit(c) || c == '.' || c == '_' || sign)) {
                    break;
                }
                pos++;
            }
            String text = src.substring(start, pos);
            add(T.NUMBER, text, numberValue(text), start, space);
        }

        private Object numberValue(String text) {
            String s = text.replace("_", "");
            boolean negative = s.startsWith("-");
            String digits = s.startsWith("-") || s.startsWith("+") ? s.substring(1) : s;
            try {
                String lower = digits.toLowerCase();
                int radix = lower.startsWith("0x") ? 16 : lower.startsWith("0o") ? 8 : lower.startsWith("0b") ? 2
                        : lower.length() > 1 && lower.startsWith("0") && lower.chars().allMatch(Character::isDigit)
                                ? 8 : 10;
                String body = radix == 10 ? digits : radix == 8 && !lower.startsWith("0o") ? digits.substring(1)
                        : digits.substring(2);
                if (radix != 10 || body.chars().allMatch(Character::isDigit)) {
                    long v = Long.parseLong(body, radix);
                    return negative ? -v : v;
                }
                if (lower.contains("x")) {
                    throw new NumberFormatException();
                }
                double d = Double.parseDouble(s);
                return GoTemplateExec.normalize(d);
            } catch (NumberFormatException e) {
                throw error("bad number syntax: \"" + text + "\"");
            }
        }

        private void add(T type, String val, Object value, int start, boolean space) {
            out.add(new Tok(type, val, value, line, start - lineStart, start, space));
        }

        private TemplateException error(String message) {
            return new TemplateException("template: " + name + ":" + line + ": " + message);
        }

        static boolean isSpace(char c) {
            return c == ' ' || c == '\t' || c == '\r' || c == '\n';
        }
    }

    // ---- parsing ----

    static final class Parser {
        private static final Set<String> KEYWORDS = Set.of("if", "else", "end", "range", "with", "define",
                "template", "block", "break", "continue", "nil", "true", "false");

        private final String name;
        private final List<Tok> toks;
        final Map<String, List<Node>> defined = new HashMap<>();
        private List<String> vars = new ArrayList<>(List.of("$"));
        private int rangeDepth;
        private int i;

        Parser(String name, List<Tok> toks) {
            this.name = name;
            this.toks = toks;
        }

        List<Node> parseRoot() {
            List<Node> root = new ArrayList<>();
            while (peek().type() != T.EOF) {
                if (peek().type() == T.OPEN && isKeyword(toks.get(i + 1), "define")) {
                    i += 2;
                    define();
                    continue;
                }
                Object n = textOrAction();
                if (n instanceof Node node) {
                    root.add(node);
                } else {
                    throw error(prev(), "unexpected " + n);
                }
            }
            return root;
        }

        private void define() {
            Tok nameTok = next();
            if (nameTok.type() != T.STRING) {
                throw unexpected(nameTok, "define clause");
            }
            expect(T.CLOSE, "define clause");
            List<String> saved = vars;
            vars = new ArrayList<>(List.of("$"));
            List<Node> body = listUntilEnd("define");
            vars = saved;
            addDefinition(nameTok, body);
        }

        private void addDefinition(Tok at, List<Node> body) {
            List<Node> old = defined.get(at.val());
            if (old != null && !isEmpty(old) && !isEmpty(body)) {
                throw error(at, "template: multiple definition of template \"" + at.val() + "\"");
            }
            if (old == null || !isEmpty(body)) {
                defined.put(at.val(), body);
            }
        }

        /** A node, or the String "{{end}}" / "{{else}}" when the list being read ends here. */
        private Object textOrAction() {
            Tok t = next();
            if (t.type() == T.TEXT) {
                return new Text(t.val());
            }
            Tok first = peek();
            if (first.type() == T.IDENT) {
                switch (first.val()) {
                    case "end" -> {
                        i++;
                        expect(T.CLOSE, "end");
                        return "{{end}}";
                    }
                    case "else" -> {
                        i++;
                        return "{{else}}";
                    }
                    case "if", "with", "range" -> {
                        i++;
                        return control(first.val());
                    }
                    case "template", "block" -> {
                        i++;
                        return template(first);
                    }
                    case "break", "continue" -> {
                        i++;
                        if (rangeDepth == 0) {
                            throw error(first, "{{" + first.val() + "}} outside {{range}}");
                        }
                        expect(T.CLOSE, first.val());
                        return new Loop(first.val().equals("break"));
                    }
                    default -> {}
                }
            }
            return new Output(pipeline("command", T.CLOSE, false));
        }

        private Control control(String kind) {
            int mark = vars.size();
            Pipe pipe = pipeline(kind, T.CLOSE, kind.equals("range"));
            if (kind.equals("range")) {
                rangeDepth++;
            }
            List<Node> body = new ArrayList<>();
            Object end = list(body);
            if (kind.equals("range")) {
                rangeDepth--;
            }
            List<Node> otherwise = List.of();
            if (end.equals("{{else}}")) {
                Tok after = peek();
                if (!kind.equals("range") && isKeyword(after, kind)) {
                    i++;
                    otherwise = List.of(control(kind));
                } else {
                    expect(T.CLOSE, "else");
                    otherwise = listUntilEnd(kind);
                }
            }
            truncate(vars, mark);
            return new Control(kind, pipe, body, otherwise);
        }

        private Call template(Tok keyword) {
            String context = keyword.val() + " clause";
            Tok nameTok = next();
            if (nameTok.type() != T.STRING) {
                throw unexpected(nameTok, context);
            }
            Pipe pipe = null;
            if (peek().type() != T.CLOSE) {
                pipe = pipeline(context, T.CLOSE, false);
            } else {
                i++;
            }
            String source = "{{" + keyword.val() + " \"" + nameTok.val() + "\"" + (pipe == null ? "" : " "
                    + pipe.pos().text()) + "}}";
            Pos pos = new Pos(name, nameTok.line(), nameTok.col(), source);
            if (keyword.val().equals("block")) {
                List<String> saved = vars;
                vars = new ArrayList<>(List.of("$"));
                List<Node> body = listUntilEnd("block");
                vars = saved;
                addDefinition(nameTok, body);
            }
            return new Call(nameTok.val(), pipe, pos);
        }

        /** Reads nodes into {@code into} until {@code {{end}}} or {@code {{else}}}, returning which one. */
        private Object list(List<Node> into) {
            while (true) {
                if (peek().type() == T.EOF) {
                    throw error(peek(), "unexpected EOF");
                }
                Object n = textOrAction();
                if (n instanceof Node node) {
                    into.add(node);
                } else {
                    return n;
                }
            }
        }

        private List<Node> listUntilEnd(String context) {
            List<Node> body = new ArrayList<>();
            if (!list(body).equals("{{end}}")) {
                throw error(prev(), "expected end; found {{else}}");
            }
            return body;
        }

        private Pipe pipeline(String context, T end, boolean range) {
            int startIndex = i;
            Tok start = peek();
            List<String> decl = new ArrayList<>();
            boolean assign = false;
            if (peek().type() == T.VAR) {
                int save = i;
                Tok v = next();
                Tok after = next();
                if (after.type() == T.DECLARE || after.type() == T.ASSIGN) {
                    assign = after.type() == T.ASSIGN;
                    if (assign && !vars.contains(v.val())) {
                        throw error(v, "undefined variable \"" + v.val() + "\"");
                    }
                    decl.add(v.val());
                } else if (after.type() == T.COMMA && range) {
                    Tok v2 = next();
                    Tok op = next();
                    if (v2.type() != T.VAR || op.type() != T.DECLARE) {
                        throw error(v2, "range can only initialize variables");
                    }
                    decl.add(v.val());
                    decl.add(v2.val());
                } else if (after.type() == T.COMMA) {
                    throw error(after, "too many declarations in " + context);
                } else {
                    i = save;
                }
            }
            List<Cmd> cmds = new ArrayList<>();
            while (true) {
                Tok t = peek();
                if (t.type() == end) {
                    i++;
                    break;
                }
                if (!startsOperand(t)) {
                    throw unexpected(t, context);
                }
                cmds.add(command(end));
                if (prev().type() == T.PIPE && peek().type() == end) {
                    throw error(peek(), "missing value for command");
                }
            }
            if (cmds.isEmpty()) {
                throw error(start, "missing value for " + context);
            }
            for (int k = 1; k < cmds.size(); k++) {
                Expr first = cmds.get(k).args().getFirst();
                if (first instanceof Literal || first instanceof Dot || first instanceof Nil) {
                    throw error(start, "non executable command in pipeline stage " + (k + 1));
                }
            }
            vars.addAll(decl);
            return new Pipe(decl, assign, cmds, new Pos(name, start.line(), start.col(), source(startIndex, i - 1)));
        }

        /** The action text of tokens [from, to), for error messages. */
        private String source(int from, int to) {
            StringBuilder sb = new StringBuilder();
            for (int k = from; k < to; k++) {
                Tok t = toks.get(k);
                sb.append(t.space() && sb.length() > 0 ? " " : "").append(switch (t.type()) {
                    case STRING -> "\"" + t.val() + "\"";
                    case FIELD -> "." + t.val();
                    default -> t.val();
                });
            }
            return sb.toString();
        }

        private static boolean startsOperand(Tok t) {
            return switch (t.type()) {
                case FIELD, DOT, VAR, STRING, NUMBER, LPAREN -> true;
                case IDENT -> !KEYWORDS.contains(t.val()) || Set.of("nil", "true", "false").contains(t.val());
                default -> false;
            };
        }

        private Cmd command(T end) {
            int startIndex = i;
            Tok start = peek();
            List<Expr> args = new ArrayList<>();
            while (true) {
                Expr operand = operand();
                if (operand != null) {
                    args.add(operand);
                }
                Tok t = next();
                if (t.type() == T.PIPE) {
                    break;
                }
                if (t.type() == T.CLOSE || t.type() == T.RPAREN) {
                    if (t.type() != end) {
                        throw error(t, t.type() == T.CLOSE ? "unclosed left paren" : "unexpected right paren");
                    }
                    i--;
                    break;
                }
                if (operand == null || !t.space()) {
                    throw unexpected(t, "operand");
                }
                i--;
            }
            if (args.isEmpty()) {
                throw error(start, "empty command");
            }
            return new Cmd(args, new Pos(name, start.line(), start.col(), source(startIndex, i)));
        }

        private Expr operand() {
            Tok t = peek();
            Expr term = term();
            if (term == null) {
                return null;
            }
            List<String> fields = new ArrayList<>();
            while (peek().type() == T.FIELD && !peek().space()) {
                fields.add(next().val());
            }
            if (fields.isEmpty()) {
                return term;
            }
            if (term instanceof Literal || term instanceof Nil || term instanceof Func) {
                throw error(t, "unexpected . after term \"" + t.val() + "\"");
            }
            if (term instanceof Chain c) {
                fields.addAll(0, c.fields());
                return new Chain(c.base(), fields);
            }
            return new Chain(term, fields);
        }

        private Expr term() {
            Tok t = next();
            switch (t.type()) {
                case IDENT -> {
                    switch (t.val()) {
                        case "true", "false" -> {
                            return new Literal(Boolean.parseBoolean(t.val()));
                        }
                        case "nil" -> {
                            return new Nil();
                        }
                        default -> {}
                    }
                    if (KEYWORDS.contains(t.val())) {
                        i--;
                        return null;
                    }
                    if (!FUNCS.contains(t.val())) {
                        throw error(t, "function \"" + t.val() + "\" not defined");
                    }
                    return new Func(t.val());
                }
                case DOT -> {
                    return new Dot();
                }
                case FIELD -> {
                    return new Chain(new Dot(), List.of(t.val()));
                }
                case VAR -> {
                    if (!vars.contains(t.val())) {
                        throw error(t, "undefined variable \"" + t.val() + "\"");
                    }
                    return new Var(t.val());
                }
                case STRING -> {
                    return new Literal(t.val());
                }
                case NUMBER -> {
                    return new Literal(t.value());
                }
                case LPAREN -> {
                    return new Sub(pipeline("parenthesized pipeline", T.RPAREN, false));
                }
                default -> {
                    i--;
                    return null;
                }
            }
        }

        private static boolean isKeyword(Tok t, String word) {
            return t.type() == T.IDENT && t.val().equals(word);
        }

        private void expect(T type, String context) {
            Tok t = next();
            if (t.type() != type) {
                throw unexpected(t, context);
            }
        }

        private Tok peek() {
            return toks.get(i);
        }

        private Tok next() {
            return toks.get(i++);
        }

        private Tok prev() {
            return toks.get(Math.max(0, i - 1));
        }

        private TemplateException unexpected(Tok t, String context) {
            String shown = switch (t.type()) {
                case EOF -> "EOF";
                case CLOSE -> "\"}}\"";
                case STRING -> GoTemplateExec.quote(t.val());
                case IDENT -> KEYWORDS.contains(t.val()) ? "<" + t.val() + ">" : GoTemplateExec.quote(t.val());
                case FIELD -> GoTemplateExec.quote("." + t.val());
                default -> GoTemplateExec.quote(t.val());
            };
            return error(t, "unexpected " + shown + " in " + context);
        }

        private TemplateException error(Tok at, String message) {
            return new TemplateException("template: " + name + ":" + at.line() + ": " + message);
        }

        private static void truncate(List<String> list, int size) {
            while (list.size() > size) {
                list.removeLast();
            }
        }
    }
}
