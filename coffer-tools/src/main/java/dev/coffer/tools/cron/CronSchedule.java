package dev.coffer.tools.cron;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed cron expression that tells whether a minute matches it: five space-separated fields (minute 0-59,
 * hour 0-23, day of month 1-31, month 1-12, day of week 0-6 with Sunday 0) each made of comma-separated
 * {@code *}, values, ranges {@code a-b} and steps {@code x/n}, or one of the macros {@code @yearly},
 * {@code @annually}, {@code @monthly}, {@code @weekly}, {@code @daily}, {@code @midnight} and {@code @hourly}.
 * Day of month and day of week must both match, as in PocketBase.
 */
public final class CronSchedule {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    private static final String[] NAMES = {"minute", "hour", "day of month", "month", "day of week"};
    private static final int[] MIN = {0, 0, 1, 1, 0};
    private static final int[] MAX = {59, 23, 31, 12, 6};

    private final String expression;
    private final BitSet[] fields = new BitSet[5];

    private CronSchedule(String expression) {
        this.expression = expression;
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming the bad field and value when the expression is invalid
     */
    public static CronSchedule parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("invalid cron expression: it is empty");
        }
        String raw = expression.trim();
        String spec = MACROS.getOrDefault(raw.toLowerCase(Locale.ROOT), raw);
        if (spec.startsWith("@")) {
            throw new IllegalArgumentException("invalid cron expression \"" + raw + "\": unknown macro");
        }
        String[] parts = spec.split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException("invalid cron expression \"" + raw
                    + "\": expected 5 space separated fields (minute hour day month weekday), got " + parts.length);
        }
        CronSchedule s = new CronSchedule(raw);
        for (int i = 0; i < 5; i++) {
            s.fields[i] = parseField(raw, i, parts[i]);
        }
        return s;
    }

    private static BitSet parseField(String raw, int index, String field) {
        BitSet set = new BitSet(MAX[index] + 1);
        for (String segment : field.split(",", -1)) {
            int from;
            int to;
            int step = 1;
            String range = segment;
            int slash = segment.indexOf('/');
            if (slash >= 0) {
                step = number(raw, index, segment.substring(slash + 1));
                if (step < 1 || step > MAX[index]) {
                    throw invalid(raw, index, segment, "the step must be between 1 and " + MAX[index]);
                }
                range = segment.substring(0, slash);
            }
            if (range.equals("*")) {
                from = MIN[index];
                to = MAX[index];
            } else {
                int dash = range.indexOf('-');
                if (dash >= 0) {
                    from = number(raw, index, range.substring(0, dash));
                    to = number(raw, index, range.substring(dash + 1));
                } else {
                    if (step != 1) {
                        throw invalid(raw, index, segment, "a step needs * or a range before it");
                    }
                    from = number(raw, index, range);
                    to = from;
                }
            }
            if (from < MIN[index] || to > MAX[index] || from > to) {
                throw invalid(raw, index, segment, "values must be within " + MIN[index] + "-" + MAX[index]);
            }
            for (int v = from; v <= to; v += step) {
                set.set(v);
            }
        }
        return set;
    }

    private static int number(String raw, int index, String text) {
        if (text.isEmpty() || !text.chars().allMatch(Character::isDigit) || text.length() > 4) {
            throw invalid(raw, index, text, "not a number");
        }
        return Integer.parseInt(text);
    }

    private static IllegalArgumentException invalid(String raw, int index, String segment, String why) {
        return new IllegalArgumentException("invalid cron expression \"" + raw + "\": " + NAMES[index]
                + " field \"" + segment + "\": " + why);
    }

    /** The expression as given (a macro stays a macro). */
    public String expression() {
        return expression;
    }

    /** Whether the minute of {@code time} (converted to UTC) matches the schedule. */
    public boolean matches(ZonedDateTime time) {
        ZonedDateTime t = time.withZoneSameInstant(ZoneOffset.UTC);
        return fields[0].get(t.getMinute())
                && fields[1].get(t.getHour())
                && fields[2].get(t.getDayOfMonth())
                && fields[3].get(t.getMonthValue())
                && fields[4].get(t.getDayOfWeek().getValue() % 7);
    }

    @Override
    public String toString() {
        return expression;
    }
}
