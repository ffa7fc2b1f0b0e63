package dev.coffer.core.inspect;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns column names into valid, distinct PocketBase field (or collection) names: runs of characters other than
 * letters, digits and {@code _} become one {@code _}, the ends are trimmed, names longer than 100 characters are
 * cut, names PocketBase reserves ({@code expand}, {@code collectionId}, …, and anything with {@code _via_}) get a
 * suffix, and a name already given (case-insensitively, as PocketBase compares them) gets {@code _2}, {@code _3}, ….
 */
final class FieldNames {

    /** The longest field name PocketBase accepts. */
    static final int MAX_LENGTH = 100;
    private static final Pattern NOT_WORD = Pattern.compile("[^\\w]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Set<String> RESERVED = Set.of("null", "true", "false", "_rowid_", "collectionid",
            "collectionname", "expand", "id");

    private final Set<String> taken = new HashSet<>();

    /** Reserves a name (such as {@code id}, {@code created}) so no column is given it. */
    void reserve(String name) {
        taken.add(name.toLowerCase(Locale.ROOT));
    }

    /** Whether a name is given or reserved. */
    boolean isTaken(String name) {
        return taken.contains(name.toLowerCase(Locale.ROOT));
    }

    /** The field name of a column ({@code fallback} when nothing of it is left), distinct from those given so far. */
    String name(String column, String fallback) {
        String base = clean(column, MAX_LENGTH - 4);
        if (base.isEmpty()) {
            base = fallback;
        }
        if (RESERVED.contains(base.toLowerCase(Locale.ROOT))) {
            base = base + "_field";
        }
        String name = base;
        for (int n = 2; taken.contains(name.toLowerCase(Locale.ROOT)); n++) {
            name = base + "_" + n;
        }
        taken.add(name.toLowerCase(Locale.ROOT));
        return name;
    }

    /** A name reduced to word characters and single underscores, at most {@code max} characters. */
    static String clean(String raw, int max) {
        String s = NOT_WORD.matcher(raw.strip()).replaceAll("_");
        s = s.replaceAll("(?i)_via_", "_via");
        s = trimUnderscores(s);
        if (s.length() > max) {
            s = trimUnderscores(s.substring(0, max));
        }
        return s;
    }

    private static String trimUnderscores(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '_') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '_') {
            end--;
        }
        return s.substring(start, end);
    }
}
