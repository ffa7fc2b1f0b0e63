package dev.coffer.tools.types;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * PocketBase's datetime text form: UTC with millisecond precision, {@code 2006-01-02 15:04:05.000Z}; the zero
 * value is the empty string.
 */
public final class DateTime {

    /** The layout of every stored and returned datetime. */
    public static final DateTimeFormatter LAYOUT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private static final Pattern NUMERIC = Pattern.compile("-?\\d+");

    private DateTime() {}

    /** The last time {@link #now()} formatted: saves and imports read the clock many times per millisecond. */
    private static volatile Formatted last = new Formatted(Long.MIN_VALUE, "");

    private record Formatted(long millis, String text) {}

    /** Returns the current time in the layout. */
    public static String now() {
        long millis = System.currentTimeMillis();
        Formatted f = last;
        if (f.millis() != millis) {
            f = new Formatted(millis, LAYOUT.format(Instant.ofEpochMilli(millis)));
            last = f;
        }
        return f.text();
    }

    /** Formats an instant in the layout (truncated to milliseconds). */
    public static String format(Instant instant) {
        return LAYOUT.format(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /**
     * Parses the lenient input forms PocketBase accepts: the layout itself, RFC 3339 / ISO 8601 with or
     * without zone, a date alone, or unix seconds.
     *
     * @return the instant, or empty for blank or unparsable input
     */
    public static Optional<Instant> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (NUMERIC.matcher(s).matches()) {
            try {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(s)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        String iso = s.replace(' ', 'T');
        try {
            return Optional.of(OffsetDateTime.parse(iso).toInstant());
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return Optional.of(LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException ignored) {
            return Optional.empty();
        }
    }

    /** Normalises any accepted input to the layout, or to {@code ""} when blank or invalid. */
    public static String normalize(String text) {
        if (inLayout(text)) {
            return text; // what every stored datetime looks like: parsing and formatting it again gives it back
        }
        return parse(text).map(DateTime::format).orElse("");
    }

    /**
     * Whether the text is already a valid datetime in the layout ({@code 2006-01-02 15:04:05.000Z}, year 1 or
     * later): then normalising it is the identity, without a parse and a format (records lists normalise every
     * autodate of every row they read).
     */
    static boolean inLayout(String t) {
        if (t == null || t.length() != 24 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(10) != ' '
                || t.charAt(13) != ':' || t.charAt(16) != ':' || t.charAt(19) != '.' || t.charAt(23) != 'Z') {
            return false;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 7);
        int day = digits(t, 8, 10);
        int hour = digits(t, 11, 13);
        int minute = digits(t, 14, 16);
        int second = digits(t, 17, 19);
        int millis = digits(t, 20, 23);
        if (year < 1 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || millis < 0) {
            return false;
        }
        return day <= 28 || day <= java.time.YearMonth.of(year, month).lengthOfMonth();
    }

    /** The decimal number of {@code t[from, to)}, or -1 when a character there is not an ASCII digit. */
    private static int digits(String t, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
