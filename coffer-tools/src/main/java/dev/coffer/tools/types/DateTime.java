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

    /** Returns the current time in the layout. */
    public static String now() {
        return format(Instant.now());
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
        return parse(text).map(DateTime::format).orElse("");
    }
}
