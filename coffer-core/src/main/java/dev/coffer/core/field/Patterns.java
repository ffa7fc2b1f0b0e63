package dev.coffer.core.field;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The regular expressions of text and password fields, compiled once and matched anywhere in a value. */
final class Patterns {

    private static final Map<String, Pattern> CACHE = new ConcurrentHashMap<>();
    private static final Pattern NEVER = Pattern.compile("(?!)");

    private Patterns() {}

    /** Whether the pattern matches somewhere in the value; an invalid pattern matches nothing. */
    static boolean find(String regex, String value) {
        return CACHE.computeIfAbsent(regex, Patterns::compile).matcher(value).find();
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            return NEVER;
        }
    }
}
