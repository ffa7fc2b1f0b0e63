package dev.coffer.core.field;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The regular expressions of text and password fields, compiled once and matched anywhere in a value. The
 * compiled ones are kept for the most recent few hundred patterns (schemas change at runtime, so the set of
 * patterns is not fixed); past that the cache starts over.
 */
final class Patterns {

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
    private static final Pattern NEVER = Pattern.compile("(?!)");
    private static final int MAX_CACHED = 512;

    private Patterns() {}

    /** Whether the pattern matches somewhere in the value; an invalid pattern matches nothing. */
    static boolean find(String regex, String value) {
        Pattern p = CACHE.get(regex);
        if (p == null) {
            p = compile(regex);
            if (CACHE.size() >= MAX_CACHED) {
                CACHE.clear();
            }
            CACHE.put(regex, p);
        }
        return p.matcher(value).find();
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return NEVER;
        }
    }
}
