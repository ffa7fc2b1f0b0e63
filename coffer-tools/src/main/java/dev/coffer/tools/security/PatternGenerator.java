package dev.coffer.tools.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates random text from the simple regex subset PocketBase autogenerate patterns use: literals,
 * character classes such as {@code [a-z0-9_]} and fixed repetitions {@code {n}}.
 *
 * <p>A pattern is parsed once into its parts (kept for the few hundred most recent patterns), so generating
 * an id on every create costs only the random draw.
 */
public final class PatternGenerator {

    private static final Pattern TOKEN = Pattern.compile("\\[([^\\]]+)\\](?:\\{(\\d+)\\})?|\\\\(.)|([^\\[\\\\])");
    private static final int MAX_CACHED = 256;
    private static final Map<String, List<Part>> PARSED = new ConcurrentHashMap<>();

    /** A literal ({@code alphabet == null}) or {@code count} characters drawn from an alphabet. */
    private record Part(String literal, String alphabet, int count) {}

    private PatternGenerator() {}

    /** Returns a random string matching the pattern. */
    public static String generate(String pattern) {
        List<Part> parts = PARSED.get(pattern);
        if (parts == null) {
            parts = parse(pattern);
            if (PARSED.size() >= MAX_CACHED) {
                PARSED.clear();
            }
            PARSED.put(pattern, parts);
        }
        if (parts.size() == 1 && parts.get(0).alphabet() != null) {
            return RandomString.of(parts.get(0).count(), parts.get(0).alphabet());
        }
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            out.append(p.alphabet() == null ? p.literal() : RandomString.of(p.count(), p.alphabet()));
        }
        return out.toString();
    }

    private static List<Part> parse(String pattern) {
        List<Part> parts = new ArrayList<>();
        Matcher m = TOKEN.matcher(pattern);
        while (m.find()) {
            if (m.group(1) != null) {
                int n = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                parts.add(new Part(null, expand(m.group(1)), n));
            } else {
                parts.add(new Part(m.group(3) != null ? m.group(3) : m.group(4), null, 0));
            }
        }
        return List.copyOf(parts);
    }

    private static String expand(String cls) {
        StringBuilder alphabet = new StringBuilder();
        for (int i = 0; i < cls.length(); i++) {
            char c = cls.charAt(i);
            if (i + 2 < cls.length() && cls.charAt(i + 1) == '-') {
                char end = cls.charAt(i + 2);
                for (char x = c; x <= end; x++) {
                    alphabet.append(x);
                }
                i += 2;
            } else {
                alphabet.append(c);
            }
        }
        return alphabet.toString();
    }
}
