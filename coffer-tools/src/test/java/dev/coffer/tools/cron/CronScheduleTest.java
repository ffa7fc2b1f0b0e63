package dev.coffer.tools.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    private static ZonedDateTime at(int month, int day, int hour, int minute) {
        return ZonedDateTime.of(2026, month, day, hour, minute, 0, 0, ZoneOffset.UTC);
    }

    @Test
    void everyMinuteMatchesAll() {
        CronSchedule s = CronSchedule.parse("* * * * *");
        assertTrue(s.matches(at(1, 1, 0, 0)));
        assertTrue(s.matches(at(12, 31, 23, 59)));
    }

    @Test
    void listsRangesAndSteps() {
        CronSchedule s = CronSchedule.parse("0,30 9-17/2 * * 1-5");
        assertTrue(s.matches(at(11, 23, 9, 0)));   // Monday
        assertTrue(s.matches(at(11, 23, 17, 30)));
        assertFalse(s.matches(at(11, 23, 10, 0))); // 10 is not in 9-17/2
        assertFalse(s.matches(at(11, 23, 9, 15)));
        assertFalse(s.matches(at(11, 22, 9, 0)));  // Sunday
        CronSchedule every6h = CronSchedule.parse("0 */6 * * *");
        assertTrue(every6h.matches(at(5, 5, 18, 0)));
        assertFalse(every6h.matches(at(5, 5, 19, 0)));
    }

    @Test
    void sundayIsZeroAndMonthsAreOneBased() {
        CronSchedule s = CronSchedule.parse("0 0 * 2 0");
        assertTrue(s.matches(at(2, 1, 0, 0)));   // 2026-02-01 is a Sunday
        assertFalse(s.matches(at(3, 1, 0, 0)));  // a Sunday in March
        assertFalse(s.matches(at(2, 2, 0, 0)));
    }

    @Test
    void macros() {
        assertTrue(CronSchedule.parse("@hourly").matches(at(3, 3, 7, 0)));
        assertFalse(CronSchedule.parse("@hourly").matches(at(3, 3, 7, 1)));
        assertTrue(CronSchedule.parse("@daily").matches(at(3, 3, 0, 0)));
        assertTrue(CronSchedule.parse("@midnight").matches(at(3, 3, 0, 0)));
        assertFalse(CronSchedule.parse("@daily").matches(at(3, 3, 1, 0)));
        assertTrue(CronSchedule.parse("@weekly").matches(at(11, 22, 0, 0)));
        assertTrue(CronSchedule.parse("@monthly").matches(at(4, 1, 0, 0)));
        assertFalse(CronSchedule.parse("@monthly").matches(at(4, 2, 0, 0)));
        assertTrue(CronSchedule.parse("@yearly").matches(at(1, 1, 0, 0)));
        assertTrue(CronSchedule.parse("@annually").matches(at(1, 1, 0, 0)));
        assertFalse(CronSchedule.parse("@annually").matches(at(2, 1, 0, 0)));
        assertEquals("@daily", CronSchedule.parse("@daily").expression());
    }

    @Test
    void matchesInUtc() {
        CronSchedule s = CronSchedule.parse("0 12 * * *");
        assertTrue(s.matches(ZonedDateTime.of(2026, 1, 1, 14, 0, 0, 0, ZoneOffset.ofHours(2))));
    }

    @Test
    void invalidExpressionsAreRefusedWithAReason() {
        for (String bad : new String[] {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *",
                "* * * 13 *", "* * * * 7", "*/0 * * * *", "5/2 * * * *", "a * * * *", "5-1 * * * *", "@every",
                "1,,2 * * * *", "*/61 * * * *"}) {
            IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(bad),
                    bad);
            assertTrue(ex.getMessage().startsWith("invalid cron expression"), ex.getMessage());
        }
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("* 25 * * *"))
                .getMessage().contains("hour"));
    }
}
