package dev.coffer.js;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A random string matching a regular expression, for {@code $security.randomStringByRegex}. It reads the Go (RE2)
 * syntax PocketBase accepts and generates the way PocketBase does: {@code .} gives a letter or digit, an unbounded
 * repetition stops below 6, a bounded {@code {n,m}} gives n to m-1 copies (so {@code x?} gives none), and anchors,
 * word boundaries and empty alternatives are errors ("unsupported pattern operator").
 */
final class RegexRandom {

    private static final int MAX_REPEAT = 6;
    private static final int MAX_COUNT = 1000;
    private static final int MAX_RUNE = 0x10FFFF;

    private sealed interface Node permits Lit, Cls, Cat, Alt, Rep, Op {}

    private record Lit(String text) implements Node {}

    /** Sorted, merged inclusive ranges. */
    private record Cls(int[] pairs) implements Node {}

    private record Cat(List<Node> items) implements Node {}

    private record Alt(List<Node> items) implements Node {}

    private record Rep(Node sub, int min, int max) implements Node {}

    /** An operator without output (anchors, boundaries, the empty match), numbered as Go's regexp/syntax does. */
    private record Op(int code) implements Node {}

    private final String src;
    private int pos;
    private boolean foldCase;

    private RegexRandom(String src) {
        this.src = src;
    }

    static String generate(String pattern, Random random) {
        RegexRandom p = new RegexRandom(pattern);
        Node root = p.alternation();
        if (p.pos < pattern.length()) {
            throw p.error("unexpected )", pattern);
        }
        StringBuilder sb = new StringBuilder();
        write(root, sb, random);
        return sb.toString();
    }

    // ------------------------------------------------------------------ generation

    private static void write(Node n, StringBuilder sb, Random random) {
        switch (n) {
            case Lit l -> sb.append(l.text());
            case Cls c -> sb.appendCodePoint(pick(c.pairs(), random));
            case Cat c -> c.items().forEach(i -> write(i, sb, random));
            case Alt a -> write(a.items().get(random.nextInt(a.items().size())), sb, random);
            case Rep r -> {
                int max = r.max() < 0 ? MAX_REPEAT : r.max();
                if (max < r.min()) {
                    max = r.min();
                }
                int count = r.min() + (max == r.min() ? 0 : random.nextInt(max - r.min()));
                for (int i = 0; i < count; i++) {
                    write(r.sub(), sb, random);
                }
            }
            case Op o -> throw new IllegalArgumentException("unsupported pattern operator " + o.code());
        }
    }

    private static int pick(int[] pairs, Random random) {
        long total = 0;
        for (int i = 0; i < pairs.length; i += 2) {
            total += pairs[i + 1] - pairs[i] + 1;
        }
        if (total == 0) {
            throw new IllegalArgumentException("no runes to choose from");
        }
        long n = random.nextLong(total);
        for (int i = 0; i < pairs.length; i += 2) {
            long size = pairs[i + 1] - pairs[i] + 1;
            if (n < size) {
                int cp = (int) (pairs[i] + n);
                return cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp; // a surrogate is no character: Go writes U+FFFD
            }
            n -= size;
        }
        throw new IllegalStateException("unreachable");
    }

    // ------------------------------------------------------------------ parsing

    private IllegalArgumentException error(String code, String arg) {
        return new IllegalArgumentException("error parsing regexp: " + code + ": `" + arg + "`");
    }

    private boolean more() {
        return pos < src.length();
    }

    private int peek() {
        return src.codePointAt(pos);
    }

    private int next() {
        int c = src.codePointAt(pos);
        pos += Character.charCount(c);
        return c;
    }

    private Node alternation() {
        List<Node> alts = new ArrayList<>();
        alts.add(concat());
        while (more() && peek() == '|') {
            pos++;
            alts.add(concat());
        }
        return alts.size() == 1 ? alts.get(0) : new Alt(alts);
    }

    private Node concat() {
        List<Node> items = new ArrayList<>();
        while (more() && peek() != '|' && peek() != ')') {
            int start = pos;
            Node atom = atom();
            if (atom == null) {
                continue; // a flag group such as (?i)
            }
            items.add(repeats(atom, start));
        }
        if (items.isEmpty()) {
            return new Op(2);
        }
        return items.size() == 1 ? items.get(0) : new Cat(items);
    }

    private Node repeats(Node atom, int start) {
        Node n = atom;
        boolean repeated = false;
        while (more()) {
            int c = peek();
            int min;
            int max;
            if (c == '*') {
                pos++;
                min = 0;
                max = -1;
            } else if (c == '+') {
                pos++;
                min = 1;
                max = -1;
            } else if (c == '?') {
                pos++;
                min = 0;
                max = 1;
            } else if (c == '{') {
                int[] range = counts();
                if (range == null) {
                    break; // a literal brace
                }
                min = range[0];
                max = range[1];
            } else {
                break;
            }
            if (more() && peek() == '?') {
                pos++; // non-greedy: the same strings
            }
            if (repeated) {
                throw error("invalid nested repetition operator", src.substring(start, pos));
            }
            repeated = true;
            n = new Rep(n, min, max);
        }
        return n;
    }

    /** {@code {n}}, {@code {n,}} or {@code {n,m}} at pos, or null (pos unchanged) when it is not one. */
    private int[] counts() {
        int save = pos;
        pos++;
        int min = number();
        if (min < 0) {
            pos = save;
            return null;
        }
        int max = min;
        if (more() && peek() == ',') {
            pos++;
            if (more() && peek() == '}') {
                max = -1;
            } else {
                max = number();
                if (max < 0) {
                    pos = save;
                    return null;
                }
            }
        }
        if (!more() || peek() != '}') {
            pos = save;
            return null;
        }
        pos++;
        if (min > MAX_COUNT || max > MAX_COUNT || max >= 0 && max < min) {
            throw error("invalid repeat count", src.substring(save, pos));
        }
        return new int[] {min, max};
    }

    private int number() {
        int start = pos;
        while (more() && peek() >= '0' && peek() <= '9') {
            pos++;
        }
        if (pos == start || pos - start > 8) {
            return -1;
        }
        return Integer.parseInt(src.substring(start, pos));
    }

    private Node atom() {
        int start = pos;
        int c = next();
        switch (c) {
            case '(' -> {
                boolean savedFold = foldCase;
                if (more() && peek() == '?') {
                    pos++;
                    if (more() && (peek() == 'P' || peek() == '<')) {
                        if (peek() == 'P') {
                            pos++;
                        }
                        int end = src.indexOf('>', pos);
                        if (!more() || peek() != '<' || end < 0) {
                            throw error("invalid named capture", src.substring(start));
                        }
                        pos = end + 1;
                    } else {
                        boolean on = true;
                        boolean group = false;
                        while (true) {
                            if (!more()) {
                                throw error("missing closing )", src.substring(start));
                            }
                            int f = next();
                            if (f == ')') {
                                break;
                            } else if (f == ':') {
                                group = true;
                                break;
                            } else if (f == '-') {
                                on = false;
                            } else if (f == 'i') {
                                foldCase = on;
                            } else if (f != 'm' && f != 's' && f != 'U') {
                                throw error("invalid or unsupported Perl syntax", src.substring(start, pos));
                            }
                        }
                        if (!group) {
                            return null; // the flags hold until the enclosing group ends
                        }
                    }
                }
                Node inner = alternation();
                if (!more() || peek() != ')') {
                    throw error("missing closing )", src);
                }
                pos++;
                foldCase = savedFold;
                return inner;
            }
            case ')' -> throw error("unexpected )", src);
            case '[' -> {
                return charClass(start);
            }
            case '.' -> {
                return new Cls(new int[] {'0', '9', 'A', 'Z', 'a', 'z'});
            }
            case '^' -> {
                return new Op(9);
            }
            case '$' -> {
                return new Op(10);
            }
            case '*', '+', '?' -> throw error("missing argument to repetition operator", String.valueOf((char) c));
            case '\\' -> {
                return escape(start, false);
            }
            default -> {
                return literal(c);
            }
        }
    }

    private static Node literal(int c) {
        return new Lit(new String(Character.toChars(c))); // written as given, also under (?i)
    }

    /** After a backslash: a node outside a class; inside one ({@code inClass}) a Cls or a one-rune Lit. */
    private Node escape(int start, boolean inClass) {
        if (!more()) {
            throw error("trailing backslash at end of expression", "");
        }
        int c = next();
        switch (c) {
            case 'd' -> {
                return new Cls(new int[] {'0', '9'});
            }
            case 'D' -> {
                return new Cls(negate(new int[] {'0', '9'}));
            }
            case 's' -> {
                return new Cls(normalize(new int[] {'\t', '\n', '\f', '\r', ' ', ' '}));
            }
            case 'S' -> {
                return new Cls(negate(normalize(new int[] {'\t', '\n', '\f', '\r', ' ', ' '})));
            }
            case 'w' -> {
                return new Cls(new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'});
            }
            case 'W' -> {
                return new Cls(negate(new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'}));
            }
            case 'n' -> {
                return new Lit("\n");
            }
            case 't' -> {
                return new Lit("\t");
            }
            case 'r' -> {
                return new Lit("\r");
            }
            case 'f' -> {
                return new Lit("\f");
            }
            case 'v' -> {
                return new Lit("\u000b");
            }
            case 'a' -> {
                return new Lit("\u0007");
            }
            case 'x' -> {
                return new Lit(new String(Character.toChars(hex(start))));
            }
            case 'A', 'z', 'b', 'B' -> {
                if (inClass) {
                    throw error("invalid escape sequence", src.substring(start, pos));
                }
                return new Op(c == 'A' ? 9 : c == 'z' ? 10 : c == 'b' ? 11 : 12);
            }
            case 'Q' -> {
                if (inClass) {
                    throw error("invalid escape sequence", src.substring(start, pos));
                }
                int end = src.indexOf("\\E", pos);
                String text = end < 0 ? src.substring(pos) : src.substring(pos, end);
                pos = end < 0 ? src.length() : end + 2;
                return text.isEmpty() ? new Cat(List.of()) : new Lit(text);
            }
            default -> {
                if (c < 0x80 && !Character.isLetterOrDigit(c)) {
                    return new Lit(String.valueOf((char) c)); // an escaped punctuation mark
                }
                if (c >= '0' && c <= '7' && (c == '0' || inClass)) {
                    int v = c - '0';
                    for (int i = 0; i < 2 && more() && peek() >= '0' && peek() <= '7'; i++) {
                        v = v * 8 + (next() - '0');
                    }
                    return new Lit(String.valueOf((char) v));
                }
                throw error("invalid escape sequence", src.substring(start, pos));
            }
        }
    }

    private int hex(int start) {
        if (more() && peek() == '{') {
            int end = src.indexOf('}', pos);
            if (end < 0) {
                throw error("invalid escape sequence", src.substring(start));
            }
            String digits = src.substring(pos + 1, end);
            pos = end + 1;
            try {
                int v = Integer.parseInt(digits, 16);
                if (v > MAX_RUNE || digits.isEmpty()) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw error("invalid escape sequence", src.substring(start, pos));
            }
        }
        if (pos + 2 > src.length()) {
            throw error("invalid escape sequence", src.substring(start));
        }
        String digits = src.substring(pos, pos + 2);
        pos += 2;
        try {
            return Integer.parseInt(digits, 16);
        } catch (NumberFormatException e) {
            throw error("invalid escape sequence", src.substring(start, pos));
        }
    }

    private Node charClass(int start) {
        boolean negated = false;
        if (more() && peek() == '^') {
            pos++;
            negated = true;
        }
        List<Integer> ranges = new ArrayList<>();
        boolean first = true;
        while (true) {
            if (!more()) {
                throw error("missing closing ]", src.substring(start));
            }
            int c = peek();
            if (c == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            if (c == '[' && src.startsWith("[:", pos)) {
                int end = src.indexOf(":]", pos + 2);
                if (end > 0) {
                    String name = src.substring(pos + 2, end);
                    int[] posix = posix(name.startsWith("^") ? name.substring(1) : name);
                    if (posix == null) {
                        throw error("invalid character class range", src.substring(pos, end + 2));
                    }
                    pos = end + 2;
                    addAll(ranges, name.startsWith("^") ? negate(posix) : posix);
                    continue;
                }
            }
            int itemStart = pos;
            int lo = classRune(ranges);
            if (lo < 0) {
                continue; // a class escape such as \d, already added
            }
            int hi = lo;
            if (more() && peek() == '-' && pos + 1 < src.length() && src.charAt(pos + 1) != ']') {
                pos++;
                hi = classRune(null);
                if (hi < lo) {
                    throw error("invalid character class range", src.substring(itemStart, pos));
                }
            }
            ranges.add(lo);
            ranges.add(hi);
        }
        int[] pairs = new int[ranges.size()];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = ranges.get(i);
        }
        if (foldCase) {
            pairs = fold(pairs);
        }
        pairs = normalize(pairs);
        if (negated) {
            pairs = negate(pairs);
        }
        return new Cls(pairs);
    }

    /** One rune of a class, or -1 after adding a class escape's ranges to {@code into}. */
    private int classRune(List<Integer> into) {
        int start = pos;
        int c = next();
        if (c != '\\') {
            return c;
        }
        Node n = escape(start, true);
        if (n instanceof Lit l && l.text().codePointCount(0, l.text().length()) == 1) {
            return l.text().codePointAt(0);
        }
        if (n instanceof Cls cls && into != null) {
            addAll(into, cls.pairs());
            return -1;
        }
        throw error("invalid character class range", src.substring(start, pos));
    }

    private static void addAll(List<Integer> into, int[] pairs) {
        for (int p : pairs) {
            into.add(p);
        }
    }

    private static int[] posix(String name) {
        return switch (name) {
            case "alnum" -> new int[] {'0', '9', 'A', 'Z', 'a', 'z'};
            case "alpha" -> new int[] {'A', 'Z', 'a', 'z'};
            case "ascii" -> new int[] {0, 0x7f};
            case "blank" -> new int[] {'\t', '\t', ' ', ' '};
            case "cntrl" -> new int[] {0, 0x1f, 0x7f, 0x7f};
            case "digit" -> new int[] {'0', '9'};
            case "graph", "print" -> new int[] {name.equals("print") ? ' ' : '!', '~'};
            case "lower" -> new int[] {'a', 'z'};
            case "punct" -> new int[] {'!', '/', ':', '@', '[', '`', '{', '~'};
            case "space" -> new int[] {'\t', '\r', ' ', ' '};
            case "upper" -> new int[] {'A', 'Z'};
            case "word" -> new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
            case "xdigit" -> new int[] {'0', '9', 'A', 'F', 'a', 'f'};
            default -> null;
        };
    }

    /** Adds the other case of each ASCII letter range (enough for the patterns this is used with). */
    private static int[] fold(int[] pairs) {
        List<Integer> out = new ArrayList<>();
        addAll(out, pairs);
        for (int i = 0; i < pairs.length; i += 2) {
            int lo = Math.max(pairs[i], 'a');
            int hi = Math.min(pairs[i + 1], 'z');
            if (lo <= hi) {
                out.add(lo - 32);
                out.add(hi - 32);
            }
            lo = Math.max(pairs[i], 'A');
            hi = Math.min(pairs[i + 1], 'Z');
            if (lo <= hi) {
                out.add(lo + 32);
                out.add(hi + 32);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Sorts and merges ranges. */
    private static int[] normalize(int[] pairs) {
        int n = pairs.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(pairs[a * 2], pairs[b * 2]));
        List<Integer> out = new ArrayList<>();
        for (int i : order) {
            int lo = pairs[i * 2];
            int hi = pairs[i * 2 + 1];
            int last = out.size() - 1;
            if (last > 0 && lo <= out.get(last) + 1) {
                out.set(last, Math.max(out.get(last), hi));
            } else {
                out.add(lo);
                out.add(hi);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** All runes but these and the newline (a negated class never matches a newline here). */
    private static int[] negate(int[] sorted) {
        int[] withNl = normalize(concat(sorted, new int[] {'\n', '\n'}));
        List<Integer> out = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < withNl.length; i += 2) {
            if (withNl[i] > next) {
                out.add(next);
                out.add(withNl[i] - 1);
            }
            next = withNl[i + 1] + 1;
        }
        if (next <= MAX_RUNE) {
            out.add(next);
            out.add(MAX_RUNE);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        int[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
