package dev.coffer.tools.types;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DateTimeTest {

    /** What normalising means without the shortcut for text already in the layout: parse, then format. */
    private static String parsedAndFormatted(String text) {
        return DateTime.parse(text).map(DateTime::format).orElse("");
    }

    @Test
    void textAlreadyInTheLayoutComesBackAsItIs() {
        for (String t : new String[] {"2026-12-03 07:30:14.301Z", "2024-02-29 23:59:59.999Z", "0001-01-01 00:00:00.000Z",
                "9999-12-31 23:59:59.999Z"}) {
            assertThat(DateTime.inLayout(t)).as(t).isTrue();
            assertThat(DateTime.normalize(t)).isEqualTo(t).isEqualTo(parsedAndFormatted(t));
        }
    }

    @Test
    void impossibleDatesAndOtherFormsTakeTheFullParse() {
        for (String t : new String[] {"2023-02-29 10:00:00.000Z", "2026-13-01 00:00:00.000Z", "2026-04-31 00:00:00.000Z",
                "2026-01-01 24:00:00.000Z", "2026-01-01 00:60:00.000Z", "2026-01-01 00:00:60.000Z",
                "0000-01-01 00:00:00.000Z", "2026-01-01T00:00:00.000Z", "2026-01-01 00:00:00.000z", " 2026-01-01 00:00:00.000Z",
                "2026-01-01 00:00:00.00Z", "2026-0a-01 00:00:00.000Z", "2026-01-01 00:00:00+00:00", "", "1700000000"}) {
            assertThat(DateTime.inLayout(t)).as(t).isFalse();
            assertThat(DateTime.normalize(t)).as(t).isEqualTo(parsedAndFormatted(t));
        }
        assertThat(DateTime.normalize("2026-01-01T00:00:00Z")).isEqualTo("2026-01-01 00:00:00.000Z");
        assertThat(DateTime.normalize("2023-02-29 10:00:00.000Z")).isEmpty();
    }

    @Test
    void theShortcutAgreesWithTheFullParseOnRandomLayoutShapedText() {
        Random random = new Random(11);
        String digitsAndMore = "0123456789012345678901234567890123456789-: .TZz+x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder t = new StringBuilder(String.format("%04d-%02d-%02d %02d:%02d:%02d.%03dZ",
                    random.nextInt(10_000), random.nextInt(14), random.nextInt(33), random.nextInt(26),
                    random.nextInt(62), random.nextInt(62), random.nextInt(1000)));
            if (random.nextInt(4) == 0) {
                t.setCharAt(random.nextInt(t.length()), digitsAndMore.charAt(random.nextInt(digitsAndMore.length())));
            }
            String text = t.toString();
            assertThat(DateTime.normalize(text)).as(text).isEqualTo(parsedAndFormatted(text));
        }
    }
}
