package dev.coffer.tools.search;

import dev.coffer.tools.types.DateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Optional;
import java.util.function.Function;

/**
 * The datetime macros of the filter language, each resolved against the current UTC time and bound as a
 * parameter: datetime texts in PocketBase's layout ({@code 2024-05-01 09:08:07.123Z}) or integers.
 */
public enum DateTimeMacro {
    /** The current time. */
    NOW("@now", t -> text(t)),
    /** The current time minus one day. */
    YESTERDAY("@yesterday", t -> text(t.minusDays(1))),
    /** The current time plus one day. */
    TOMORROW("@tomorrow", t -> text(t.plusDays(1))),
    /** Today at 00:00:00.000. */
    TODAY_START("@todayStart", t -> text(t.with(LocalTime.MIN))),
    /** Today at 23:59:59.999. */
    TODAY_END("@todayEnd", t -> text(t.with(LocalTime.MAX))),
    /** The first day of this month at 00:00:00.000. */
    MONTH_START("@monthStart", t -> text(t.withDayOfMonth(1).with(LocalTime.MIN))),
    /** The last day of this month at 23:59:59.999. */
    MONTH_END("@monthEnd", t -> text(t.with(TemporalAdjusters.lastDayOfMonth()).with(LocalTime.MAX))),
    /** January 1st of this year at 00:00:00.000. */
    YEAR_START("@yearStart", t -> text(t.withDayOfYear(1).with(LocalTime.MIN))),
    /** December 31st of this year at 23:59:59.999. */
    YEAR_END("@yearEnd", t -> text(t.with(TemporalAdjusters.lastDayOfYear()).with(LocalTime.MAX))),
    /** The current second, 0-59. */
    SECOND("@second", ZonedDateTime::getSecond),
    /** The current minute, 0-59. */
    MINUTE("@minute", ZonedDateTime::getMinute),
    /** The current hour, 0-23. */
    HOUR("@hour", ZonedDateTime::getHour),
    /** The current day of the month, 1-31. */
    DAY("@day", ZonedDateTime::getDayOfMonth),
    /** The current month, 1-12. */
    MONTH("@month", ZonedDateTime::getMonthValue),
    /** The current day of the week, 0 (Sunday) to 6. */
    WEEKDAY("@weekday", t -> t.getDayOfWeek().getValue() % 7),
    /** The current year. */
    YEAR("@year", ZonedDateTime::getYear);

    private final String identifier;
    private final Function<ZonedDateTime, Object> value;

    DateTimeMacro(String identifier, Function<ZonedDateTime, Object> value) {
        this.identifier = identifier;
        this.value = value;
    }

    /** The identifier as written in a filter, such as {@code @todayStart}. */
    public String identifier() {
        return identifier;
    }

    /** The value at the given UTC time: a datetime text or an {@link Integer}. */
    public Object valueAt(ZonedDateTime utcNow) {
        return value.apply(utcNow);
    }

    /** The macro written as {@code identifier} (case-sensitive), if there is one. */
    public static Optional<DateTimeMacro> of(String identifier) {
        for (DateTimeMacro macro : values()) {
            if (macro.identifier.equals(identifier)) {
                return Optional.of(macro);
            }
        }
        return Optional.empty();
    }

    private static String text(ZonedDateTime t) {
        return DateTime.format(t.toInstant());
    }
}
