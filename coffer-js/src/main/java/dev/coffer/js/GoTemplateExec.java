package dev.coffer.js;

import dev.coffer.js.GoTemplate.Call;
import dev.coffer.js.GoTemplate.Chain;
import dev.coffer.js.GoTemplate.Cmd;
import dev.coffer.js.GoTemplate.Control;
import dev.coffer.js.GoTemplate.Dot;
import dev.coffer.js.GoTemplate.Expr;
import dev.coffer.js.GoTemplate.Func;
import dev.coffer.js.GoTemplate.Literal;
import dev.coffer.js.GoTemplate.Loop;
import dev.coffer.js.GoTemplate.Nil;
import dev.coffer.js.GoTemplate.Node;
import dev.coffer.js.GoTemplate.Output;
import dev.coffer.js.GoTemplate.Pipe;
import dev.coffer.js.GoTemplate.Pos;
import dev.coffer.js.GoTemplate.Sub;
import dev.coffer.js.GoTemplate.TemplateException;
import dev.coffer.js.GoTemplate.Text;
import dev.coffer.js.GoTemplate.Var;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Runs a parsed {@link GoTemplate} over data converted from JSON: null, Boolean, Long (integral numbers, like the
 * int64 PocketBase's JS engine hands over), Double, String, List and sorted Map, plus {@link SafeHtml} from
 * {@code raw}. Values are formatted as Go's fmt prints those types; output goes through a
 * {@link GoTemplateEscaper}.
 */
final class GoTemplateExec {

    /** Trusted HTML, printed unescaped in HTML text (Go's template.HTML, what PocketBase's raw returns). */
    record SafeHtml(String html) {}

    /** Thrown by {@code {{break}}} and {@code {{continue}}} up to the enclosing range. */
    private static final class Signal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Signal() {
            super(null, null, false, false);
        }
    }

    private static final Signal BREAK = new Signal();
    private static final Signal CONTINUE = new Signal();
    private static final Object MISSING = new Object();
    private static final int MAX_DEPTH = 1000;

    private final GoTemplate tpl;
    private final StringBuilder out = new StringBuilder();
    private final GoTemplateEscaper escaper = new GoTemplateEscaper();
    private List<Object[]> vars = new ArrayList<>();
    private String current;
    private Pos at;
    private int depth;
    private boolean htmlIsEscaper;

    GoTemplateExec(GoTemplate tpl) {
        this.tpl = tpl;
    }

    String run(Object data) {
        current = tpl.mainName;
        vars.add(new Object[] {"$", data});
        walk(data, tpl.templates.get(tpl.mainName));
        return out.toString();
    }

    static Object fromJson(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        } else if (n.isBoolean()) {
            return n.booleanValue();
        } else if (n.isNumber()) {
            return n.isIntegralNumber() && n.canConvertToLong() ? (Object) n.longValue() : normalize(n.doubleValue());
        } else if (n.isArray()) {
            List<Object> list = new ArrayList<>();
            n.values().forEach(v -> list.add(fromJson(v)));
            return list;
        } else if (n.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            n.properties().forEach(e -> map.put(e.getKey(), fromJson(e.getValue())));
            return map;
        }
        return n.asString();
    }

    /** Integral numbers as Long (as JS integers reach PocketBase's templates as int64), others as Double. */
    static Object normalize(double d) {
        boolean integral = d == Math.rint(d) && Math.abs(d) < 0x1p63 && !(d == 0 && 1 / d < 0);
        return integral ? (Object) (long) d : (Object) d;
    }

    // ---- walking the tree ----

    private void walk(Object dot, List<Node> nodes) {
        for (Node node : nodes) {
            switch (node) {
                case Text t -> out.append(escaper.text(t.text()));
                case Output o -> {
                    List<Cmd> cmds = o.pipe().cmds();
                    htmlIsEscaper = escaper.inHtml()
                            && cmds.getLast().args().getFirst() instanceof Func f && f.name().equals("html");
                    Object v = pipeline(dot, o.pipe(), true);
                    if (o.pipe().vars().isEmpty()) {
                        out.append(escaper.value(v));
                    }
                }
                case Control c -> control(dot, c);
                case Call c -> call(dot, c);
                case Loop l -> throw l.isBreak() ? BREAK : CONTINUE;
            }
        }
    }

    private void control(Object dot, Control c) {
        int mark = vars.size();
        try {
            Object v = pipeline(dot, c.pipe(), !c.kind().equals("range"));
            switch (c.kind()) {
                case "if" -> walk(dot, truth(v) ? c.body() : c.otherwise());
                case "with" -> {
                    if (truth(v)) {
                        walk(v, c.body());
                    } else {
                        walk(dot, c.otherwise());
                    }
                }
                default -> range(dot, c, v);
            }
        } finally {
            truncate(mark);
        }
    }

    private void range(Object dot, Control c, Object v) {
        List<Object[]> items = new ArrayList<>();
        switch (v) {
            case null -> {}
            case List<?> list -> {
                for (int k = 0; k < list.size(); k++) {
                    items.add(new Object[] {(long) k, list.get(k)});
                }
            }
            case Map<?, ?> map -> map.forEach((k, e) -> items.add(new Object[] {k, e}));
            case Long n -> {
                if (c.pipe().vars().size() > 1) {
                    throw error("can't use " + n + " to iterate over more than one variable");
                }
                for (long k = 0; k < n; k++) {
                    items.add(new Object[] {k, k});
                }
            }
            default -> throw error("range can't iterate over " + fmt(v));
        }
        if (items.isEmpty()) {
            walk(dot, c.otherwise());
            return;
        }
        List<String> names = c.pipe().vars();
        for (String name : names) {
            vars.add(new Object[] {name, null});
        }
        int mark = vars.size();
        for (Object[] item : items) {
            if (names.size() == 1) {
                vars.get(mark - 1)[1] = item[1];
            } else if (names.size() == 2) {
                vars.get(mark - 2)[1] = item[0];
                vars.get(mark - 1)[1] = item[1];
            }
            try {
                walk(item[1], c.body());
            } catch (Signal s) {
                if (s == BREAK) {
                    break;
                }
            } finally {
                truncate(mark);
            }
        }
    }

    private void call(Object dot, Call c) {
        at = c.pos();
        List<Node> body = tpl.templates.get(c.name());
        if (body == null) {
            throw error("template \"" + c.name() + "\" not defined");
        }
        Object arg = c.pipe() == null ? null : pipeline(dot, c.pipe(), true);
        if (depth >= MAX_DEPTH) {
            throw error("exceeded maximum template depth (" + MAX_DEPTH + ")");
        }
        List<Object[]> savedVars = vars;
        String savedName = current;
        vars = new ArrayList<>();
        vars.add(new Object[] {"$", arg});
        current = c.name();
        depth++;
        try {
            walk(arg, body);
        } finally {
            depth--;
            vars = savedVars;
            current = savedName;
        }
    }

    private void truncate(int size) {
        while (vars.size() > size) {
            vars.removeLast();
        }
    }

    // ---- evaluating pipelines ----

    private Object pipeline(Object dot, Pipe pipe, boolean declare) {
        boolean finalHtml = htmlIsEscaper;
        htmlIsEscaper = false;
        Object v = MISSING;
        List<Cmd> cmds = pipe.cmds();
        for (int k = 0; k < cmds.size(); k++) {
            htmlIsEscaper = finalHtml && k == cmds.size() - 1;
            v = command(dot, cmds.get(k), v);
        }
        htmlIsEscaper = false;
        for (String name : pipe.vars()) {
            if (pipe.assign()) {
                for (int k = vars.size() - 1; k >= 0; k--) {
                    if (vars.get(k)[0].equals(name)) {
                        vars.get(k)[1] = v;
                        break;
                    }
                }
            } else if (declare) {
                vars.add(new Object[] {name, v});
            }
        }
        return v;
    }

    private Object command(Object dot, Cmd cmd, Object last) {
        at = cmd.pos();
        Expr first = cmd.args().getFirst();
        if (first instanceof Func f) {
            return function(f.name(), dot, cmd.args().subList(1, cmd.args().size()), last);
        }
        if (cmd.args().size() > 1 || last != MISSING) {
            throw error("can't give argument to non-function " + cmd.pos().text().split(" ")[0]);
        }
        if (first instanceof Nil) {
            throw error("nil is not a command");
        }
        return eval(dot, first);
    }

    private Object eval(Object dot, Expr e) {
        return switch (e) {
            case Dot d -> dot;
            case Literal l -> l.value();
            case Nil n -> null;
            case Func f -> function(f.name(), dot, List.of(), MISSING);
            case Var v -> variable(v.name());
            case Sub s -> pipeline(dot, s.pipe(), true);
            case Chain c -> {
                Object v = eval(dot, c.base());
                for (String field : c.fields()) {
                    v = switch (v) {
                        case null -> null;
                        case Map<?, ?> m -> m.get(field);
                        default -> throw error("can't evaluate field " + field + " in type " + typeName(v));
                    };
                }
                yield v;
            }
        };
    }

    private Object variable(String name) {
        for (int k = vars.size() - 1; k >= 0; k--) {
            if (vars.get(k)[0].equals(name)) {
                return vars.get(k)[1];
            }
        }
        throw error("undefined variable: " + name);
    }

    // ---- built-in functions ----

    private Object function(String name, Object dot, List<Expr> exprs, Object last) {
        int count = exprs.size() + (last == MISSING ? 0 : 1);
        if (name.equals("and") || name.equals("or")) {
            if (count == 0) {
                throw error("wrong number of args for " + name + ": want at least 1 got 0");
            }
            Object v = null;
            for (Expr e : exprs) {
                v = eval(dot, e);
                if (truth(v) == name.equals("or")) {
                    return v;
                }
            }
            return last == MISSING ? v : last;
        }
        List<Object> args = new ArrayList<>();
        for (Expr e : exprs) {
            args.add(eval(dot, e));
        }
        if (last != MISSING) {
            args.add(last);
        }
        switch (name) {
            case "not", "len", "raw" -> want(name, args, 1, 1);
            case "index", "slice", "printf" -> want(name, args, 1, Integer.MAX_VALUE);
            case "ne", "lt", "le", "gt", "ge" -> want(name, args, 2, 2);
            default -> {}
        }
        return switch (name) {
            case "not" -> !truth(args.getFirst());
            case "len" -> length(args.getFirst());
            case "index" -> index(args.getFirst(), args.subList(1, args.size()));
            case "slice" -> slice(args.getFirst(), args.subList(1, args.size()));
            case "eq" -> {
                if (args.size() < 2) {
                    throw error("error calling eq: missing argument for comparison");
                }
                for (Object other : args.subList(1, args.size())) {
                    if (equal(args.getFirst(), other)) {
                        yield true;
                    }
                }
                yield false;
            }
            case "ne" -> !equal(args.get(0), args.get(1));
            case "lt" -> compare(name, args.get(0), args.get(1)) < 0;
            case "le" -> compare(name, args.get(0), args.get(1)) <= 0;
            case "gt" -> compare(name, args.get(0), args.get(1)) > 0;
            case "ge" -> compare(name, args.get(0), args.get(1)) >= 0;
            case "print" -> sprint(args);
            case "println" -> String.join(" ", args.stream().map(GoTemplateExec::fmt).toList()) + "\n";
            case "printf" -> {
                if (!(args.getFirst() instanceof String format)) {
                    throw error("wrong type for value; expected string; got " + typeName(args.getFirst()));
                }
                yield GoFmt.sprintf(format, args.subList(1, args.size()));
            }
            case "html" -> htmlIsEscaper ? argsString(args) : GoTemplateEscaper.htmlFunc(argsString(args));
            case "js" -> GoTemplateEscaper.jsFunc(argsString(args));
            case "urlquery" -> GoTemplateEscaper.queryEscape(argsString(args));
            case "raw" -> new SafeHtml(stringOf(args.getFirst()));
            default -> throw error("function \"" + name + "\" not defined");
        };
    }

    private void want(String name, List<Object> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw error("wrong number of args for " + name + ": want " + (min == max ? "" : "at least ") + min
                    + " got " + args.size());
        }
    }

    private Object length(Object v) {
        return switch (v) {
            case null -> throw error("error calling len: len of nil pointer");
            case String s -> (long) s.getBytes(StandardCharsets.UTF_8).length;
            case SafeHtml h -> (long) h.html().getBytes(StandardCharsets.UTF_8).length;
            case List<?> l -> (long) l.size();
            case Map<?, ?> m -> (long) m.size();
            default -> throw error("error calling len: len of type " + typeName(v));
        };
    }

    private Object index(Object item, List<Object> indices) {
        Object v = item;
        for (Object idx : indices) {
            v = switch (v) {
                case null -> throw error("error calling index: index of untyped nil");
                case List<?> l -> l.get(checkIndex("index", idx, l.size() - 1));
                case String s -> {
                    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                    yield (long) (bytes[checkIndex("index", idx, bytes.length - 1)] & 0xff);
                }
                case Map<?, ?> m -> {
                    if (!(idx instanceof String key)) {
                        throw error("error calling index: value has type " + typeName(idx) + "; should be string");
                    }
                    yield m.get(key);
                }
                default -> throw error("error calling index: can't index item of type " + typeName(v));
            };
        }
        return v;
    }

    private Object slice(Object item, List<Object> indices) {
        if (indices.size() > 3 || (item instanceof String && indices.size() > 2)) {
            throw error("error calling slice: too many slice indexes: " + indices.size());
        }
        int size = switch (item) {
            case String s -> s.getBytes(StandardCharsets.UTF_8).length;
            case List<?> l -> l.size();
            case null -> throw error("error calling slice: slice of untyped nil");
            default -> throw error("error calling slice: can't slice item of type " + typeName(item));
        };
        int from = indices.isEmpty() ? 0 : checkIndex("slice", indices.get(0), size);
        int to = indices.size() < 2 ? size : checkIndex("slice", indices.get(1), size);
        if (from > to) {
            throw error("error calling slice: invalid slice index: " + from + " > " + to);
        }
        if (item instanceof String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        return new ArrayList<>(((List<?>) item).subList(from, to));
    }

    private int checkIndex(String fn, Object idx, int max) {
        if (!(idx instanceof Long n)) {
            throw error("error calling " + fn + ": cannot index slice/array with type " + typeName(idx));
        }
        if (n < 0 || n > max) {
            throw error("error calling " + fn + ": index out of range: " + n);
        }
        return (int) (long) n;
    }

    private static int kind(Object v) {
        return switch (v) {
            case null -> 0;
            case Boolean b -> 1;
            case Long n -> 2;
            case Double d -> 2;
            case String s -> 3;
            case SafeHtml h -> 3;
            default -> 4;
        };
    }

    private boolean equal(Object a, Object b) {
        int ka = kind(a);
        int kb = kind(b);
        if (ka != kb) {
            if (a == null || b == null) {
                return false;
            }
            throw error("error calling eq: incompatible types for comparison");
        }
        return switch (ka) {
            case 0 -> true;
            case 2 -> compareNumbers(a, b) == 0;
            case 3 -> stringOf(a).equals(stringOf(b));
            case 4 -> throw error("error calling eq: non-comparable type " + typeName(a));
            default -> a.equals(b);
        };
    }

    private int compare(String fn, Object a, Object b) {
        int ka = kind(a);
        if (ka != 2 && ka != 3 || kind(b) != 2 && kind(b) != 3) {
            throw error("error calling " + fn + ": invalid type for comparison");
        }
        if (ka != kind(b)) {
            throw error("error calling " + fn + ": incompatible types for comparison");
        }
        return ka == 2 ? compareNumbers(a, b) : stringOf(a).compareTo(stringOf(b));
    }

    private static int compareNumbers(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return Double.compare(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }

    static boolean truth(Object v) {
        return switch (v) {
            case null -> false;
            case Boolean b -> b;
            case Long n -> n != 0;
            case Double d -> d != 0;
            case String s -> !s.isEmpty();
            case SafeHtml h -> !h.html().isEmpty();
            case List<?> l -> !l.isEmpty();
            case Map<?, ?> m -> !m.isEmpty();
            default -> true;
        };
    }

    // ---- printing values ----

    /** The text of an argument list as Go's template functions see it: one string as is, else fmt.Sprint. */
    private static String argsString(List<Object> args) {
        return args.size() == 1 && args.getFirst() instanceof String s ? s : sprint(args);
    }

    private static String stringOf(Object v) {
        return v instanceof SafeHtml h ? h.html() : v instanceof String s ? s : fmt(v);
    }

    /** Go's fmt.Sprint: a space between operands when neither is a string. */
    static String sprint(List<Object> args) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < args.size(); k++) {
            if (k > 0 && kind(args.get(k)) != 3 && kind(args.get(k - 1)) != 3) {
                sb.append(' ');
            }
            sb.append(fmt(args.get(k)));
        }
        return sb.toString();
    }

    /** A value as Go's {@code %v} prints it. */
    static String fmt(Object v) {
        return GoFmt.format(v, 'v', -1, false);
    }

    static String typeName(Object v) {
        return switch (v) {
            case null -> "<nil>";
            case Boolean b -> "bool";
            case Long n -> "int64";
            case Double d -> "float64";
            case String s -> "string";
            case SafeHtml h -> "template.HTML";
            case List<?> l -> "[]interface {}";
            default -> "map[string]interface {}";
        };
    }

    /** A Go double-quoted string literal (strconv.Quote). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                case 7 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case 11 -> sb.append("\\v");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", c));
                    } else if (Character.isISOControl(c) || !Character.isDefined(c)) {
                        sb.append(String.format(c > 0xffff ? "\\U%08x" : "\\u%04x", c));
                    } else {
                        sb.appendCodePoint(c);
                    }
                }
            }
        });
        return sb.append('"').toString();
    }

    private TemplateException error(String message) {
        String where = at == null ? current : at.source() + ":" + at.line() + ":" + at.col();
        String context = at == null ? "" : " at <" + at.text() + ">";
        return new TemplateException("template: " + where + ": executing \"" + current + "\"" + context + ": "
                + message);
    }

    /** Go's fmt verbs for the value types templates see. */
    static final class GoFmt {
        private GoFmt() {}

        static String sprintf(String f, List<Object> args) {
            StringBuilder sb = new StringBuilder();
            int next = 0;
            int i = 0;
            while (i < f.length()) {
                char c = f.charAt(i++);
                if (c != '%') {
                    sb.append(c);
                    continue;
                }
                String flags = "";
                while (i < f.length() && "+-# 0".indexOf(f.charAt(i)) >= 0) {
                    flags += f.charAt(i++);
                }
                int width = -1;
                int prec = -1;
                int start = i;
                while (i < f.length() && Character.isDigit(f.charAt(i))) {
                    i++;
                }
                if (i > start) {
                    width = Integer.parseInt(f.substring(start, i));
                }
                if (i < f.length() && f.charAt(i) == '.') {
                    start = ++i;
                    while (i < f.length() && Character.isDigit(f.charAt(i))) {
                        i++;
                    }
                    prec = i > start ? Integer.parseInt(f.substring(start, i)) : 0;
                }
                if (i >= f.length()) {
                    sb.append("%!(NOVERB)");
                    break;
                }
                char verb = f.charAt(i++);
                if (verb == '%') {
                    sb.append('%');
                    continue;
                }
                if (next >= args.size()) {
                    sb.append("%!").append(verb).append("(MISSING)");
                    continue;
                }
                Object arg = args.get(next++);
                String s = format(arg, verb, prec, flags.contains("+"));
                if (s.length() < width) {
                    boolean zero = flags.contains("0") && !flags.contains("-") && arg instanceof Number;
                    String padding = (zero ? "0" : " ").repeat(width - s.length());
                    boolean signed = zero && (s.startsWith("-") || s.startsWith("+"));
                    s = flags.contains("-") ? s + padding
                            : signed ? s.charAt(0) + padding + s.substring(1) : padding + s;
                }
                sb.append(s);
            }
            if (next < args.size()) {
                sb.append("%!(EXTRA ");
                for (int k = next; k < args.size(); k++) {
                    Object arg = args.get(k);
                    sb.append(k > next ? ", " : "").append(typeName(arg)).append('=').append(fmt(arg));
                }
                sb.append(')');
            }
            return sb.toString();
        }

        static String format(Object v, char verb, int prec, boolean plus) {
            if (verb == 'T') {
                return typeName(v);
            }
            if (v instanceof List<?> list) {
                List<String> parts = list.stream().map(e -> format(e, verb, prec, plus)).toList();
                return "[" + String.join(" ", parts) + "]";
            }
            if (v instanceof Map<?, ?> map) {
                List<String> parts = new ArrayList<>();
                map.forEach((k, e) -> parts.add(format(k, verb, prec, plus) + ":" + format(e, verb, prec, plus)));
                return "map[" + String.join(" ", parts) + "]";
            }
            String sign = plus && v instanceof Number n && n.doubleValue() >= 0 ? "+" : "";
            return switch (verb) {
                case 'v' -> switch (v) {
                    case null -> "<nil>";
                    case Double d -> sign + floatG(d, prec);
                    case Long n -> sign + n;
                    case SafeHtml h -> h.html();
                    default -> v.toString();
                };
                case 's' -> v instanceof String || v instanceof SafeHtml ? truncate(stringOf(v), prec) : bad(v, verb);
                case 'q' -> v instanceof String || v instanceof SafeHtml ? quote(stringOf(v))
                        : v instanceof Long n ? "'" + Character.toString((int) (long) n) + "'" : bad(v, verb);
                case 'd' -> v instanceof Long || v instanceof Double d && d == Math.rint(d)
                        ? sign + new BigDecimal(((Number) v).doubleValue()).toBigInteger() : bad(v, verb);
                case 'f', 'F' -> v instanceof Number n ? sign + fixed(n, prec < 0 ? 6 : prec) : bad(v, verb);
                case 'e', 'E' -> v instanceof Number n ? sign + exponent(n.doubleValue(), prec < 0 ? 6 : prec, verb)
                        : bad(v, verb);
                case 'g', 'G' -> v instanceof Number n ? sign + floatG(n.doubleValue(), prec) : bad(v, verb);
                case 't' -> v instanceof Boolean ? v.toString() : bad(v, verb);
                case 'c' -> v instanceof Long n ? Character.toString((int) (long) n) : bad(v, verb);
                case 'x', 'X' -> {
                    String hex = switch (v) {
                        case Long n -> (n < 0 ? "-" : "") + Long.toHexString(Math.abs(n));
                        case String s -> hexBytes(s);
                        case SafeHtml h -> hexBytes(h.html());
                        default -> null;
                    };
                    yield hex == null ? bad(v, verb) : verb == 'X' ? hex.toUpperCase() : hex;
                }
                default -> bad(v, verb);
            };
        }

        private static String bad(Object v, char verb) {
            return "%!" + verb + "(" + (v == null ? "<nil>" : typeName(v) + "=" + fmt(v)) + ")";
        }

        private static String truncate(String s, int prec) {
            return prec >= 0 && s.codePointCount(0, s.length()) > prec ? s.substring(0, s.offsetByCodePoints(0, prec))
                    : s;
        }

        private static String hexBytes(String s) {
            StringBuilder sb = new StringBuilder();
            for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
                sb.append(String.format("%02x", b & 0xff));
            }
            return sb.toString();
        }

        private static String fixed(Number n, int prec) {
            if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
                return special(d);
            }
            BigDecimal exact = n instanceof Long l ? BigDecimal.valueOf(l) : new BigDecimal(n.doubleValue());
            String s = exact.setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
            boolean negZero = n instanceof Double d && (d < 0 || 1 / d < 0) && !s.startsWith("-");
            return negZero ? "-" + s : s;
        }

        private static String exponent(double d, int prec, char verb) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return special(d);
            }
            String digits;
            int exp;
            if (d == 0) {
                digits = "0".repeat(prec + 1);
                exp = 0;
            } else {
                BigDecimal r = new BigDecimal(Math.abs(d)).round(new MathContext(prec + 1, RoundingMode.HALF_EVEN));
                digits = r.unscaledValue().toString();
                exp = digits.length() - 1 - r.scale();
                digits = (digits + "0".repeat(prec + 1)).substring(0, prec + 1);
            }
            return (d < 0 || 1 / d < 0 ? "-" : "") + scientific(digits, exp, verb == 'E' ? 'E' : 'e');
        }

        /** Go's %g: shortest digits unless a precision is given, in exponent form for large or small exponents. */
        static String floatG(double d, int prec) {
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return special(d);
            }
            String neg = d < 0 || 1 / d < 0 ? "-" : "";
            if (d == 0) {
                return neg + "0";
            }
            BigDecimal r = prec < 0 ? new BigDecimal(Double.toString(Math.abs(d)))
                    : new BigDecimal(Math.abs(d)).round(new MathContext(Math.max(prec, 1), RoundingMode.HALF_EVEN));
            r = r.stripTrailingZeros();
            String digits = r.unscaledValue().toString();
            int exp = digits.length() - 1 - r.scale();
            int eprec = prec < 0 ? 6 : Math.max(prec, 1);
            if (prec >= 0 && eprec > digits.length() && digits.length() >= exp + 1) {
                eprec = digits.length();
            }
            if (exp < -4 || exp >= eprec) {
                return neg + scientific(digits, exp, 'e');
            }
            return neg + r.toPlainString();
        }

        private static String scientific(String digits, int exp, char e) {
            String mantissa = digits.length() > 1 ? digits.charAt(0) + "." + digits.substring(1) : digits;
            return mantissa + e + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }

        private static String special(double d) {
            return Double.isNaN(d) ? "NaN" : d > 0 ? "+Inf" : "-Inf";
        }
    }
}
