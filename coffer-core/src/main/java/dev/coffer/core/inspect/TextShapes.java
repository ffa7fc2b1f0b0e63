package dev.coffer.core.inspect;

import dev.coffer.core.field.Field;
import dev.coffer.tools.json.Json;
import dev.coffer.tools.types.DateTime;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Tells what a text value looks like: a number, a boolean word, a date, an email address, a URL, a record id.
 * Emails and URLs are checked by the email and url fields' own validation, so a column proposed as one of them
 * accepts its values.
 */
final class TextShapes {

    /**
     * A decimal number as data files write them: no leading zeros (those are codes, such as zip codes), no
     * thousands separators, at most 15 significant digits (more don't survive a double).
     */
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9]\\d{0,14})(\\.\\d{1,15})?([eE][+-]?\\d{1,3})?");
    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,14})");
    /** A date, optionally with a time and a zone, in ISO 8601 / RFC 3339 form (space or T between them). */
    private static final Pattern DATE = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}([ T]\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?( ?(Z|[+-]\\d{2}:?\\d{2}))?)?");
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,255}");
    private static final Pattern LOWER_ID = Pattern.compile("[a-z0-9]{1,255}");
    private static final Field EMAIL = Field.parse(Json.parse("{\"type\":\"email\",\"name\":\"sample\"}"));
    private static final Field URL = Field.parse(Json.parse("{\"type\":\"url\",\"name\":\"sample\"}"));

    private TextShapes() {}

    /** Whether the text is a plain decimal number (see {@link #NUMBER}). */
    static boolean isNumber(String s) {
        return s.length() <= 40 && NUMBER.matcher(s).matches();
    }

    /** Whether the text is a whole number of at most 15 digits. */
    static boolean isInteger(String s) {
        return s.length() <= 16 && INTEGER.matcher(s).matches();
    }

    /** The boolean a word spells ({@code true/false}, {@code yes/no}, any case), or null for other text. */
    static Boolean bool(String s) {
        return switch (s.strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes" -> Boolean.TRUE;
            case "false", "no" -> Boolean.FALSE;
            default -> null;
        };
    }

    /** The date in PocketBase's layout when the text is an ISO date (with or without time), else null. */
    static String date(String s) {
        String layout = switch (s.length()) {
            case 10 -> s + " 00:00:00.000Z";
            case 19 -> s.replace('T', ' ') + ".000Z";
            case 24 -> s.replace('T', ' ');
            default -> null;
        };
        if (layout != null && layout.charAt(4) == '-' && DateTime.normalize(layout).equals(layout)) {
            return layout; // already PocketBase's layout once completed: no parsing needed
        }
        if (s.length() > 40 || !DATE.matcher(s).matches()) {
            return null;
        }
        String normalized = DateTime.normalize(s.replace(" Z", "Z"));
        return normalized.isEmpty() ? null : normalized;
    }

    /** Whether the email field accepts the text. */
    static boolean isEmail(String s) {
        return s.indexOf('@') > 0 && EMAIL.validateValue(s) == null;
    }

    /** Whether the text is an http(s) URL the url field accepts. */
    static boolean isUrl(String s) {
        String lower = s.length() > 8 ? s.substring(0, 8).toLowerCase(Locale.ROOT) : s.toLowerCase(Locale.ROOT);
        return (lower.startsWith("http://") || lower.startsWith("https://")) && URL.validateValue(s) == null;
    }

    /** Whether the text can be a record id under a custom id pattern (letters, digits, {@code _}, {@code -}). */
    static boolean isId(String s) {
        return ID.matcher(s).matches();
    }

    /** Whether the text matches PocketBase's default id pattern ({@code ^[a-z0-9]+$}). */
    static boolean isLowerId(String s) {
        return LOWER_ID.matcher(s).matches();
    }

    /** A 64-bit hash of a value, for counting distinct values without keeping them. */
    static long hash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
