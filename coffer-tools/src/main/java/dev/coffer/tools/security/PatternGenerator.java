package dev.coffer.tools.security;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Generates random text from the simple regex subset PocketBase autogenerate patterns use: literals,
 * character classes such as {@code [a-z0-9_]} and fixed repetitions {@code {n}}.
 */
public final class PatternGenerator {

    private static final Pattern TOKEN = Pattern.compile("\\[([^\\]]+)\\](?:\\{(\\d+)\\})?|\\\\(.)|([^\\[\\\\])");

    private PatternGenerator() {}

    /** Returns a random string matching the pattern. */
    public static String generate(String pattern) {
        StringBuilder out = new StringBuilder();
        Matcher m = TOKEN.matcher(pattern);
        while (m.find()) {
            if (m.group(1) != null) {
                String alphabet = expand(m.group(1));
                int n = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
                out.append(RandomString.of(n, alphabet));
            } else if (m.group(3) != null) {
                out.append(m.group(3));
            } else {
                out.append(m.group(4));
            }
        }
        return out.toString();
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
