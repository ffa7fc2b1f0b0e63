package dev.coffer.tools.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LikePatternTest {

    static Stream<Arguments> patterns() {
        return Stream.of(
                // PocketBase's own expectations (tools/search TestLikeParamsWrapping)
                Arguments.of("abc", "%abc%"),
                Arguments.of("ab%c", "ab%c"),
                Arguments.of("ab\\%c", "%ab\\%c%"),
                Arguments.of("%ab\\%c", "%ab\\%c"),
                Arguments.of("ab\\\\%c", "ab\\\\%c"),
                Arguments.of("ab\\\\\\%c", "%ab\\\\\\%c%"),
                Arguments.of("ab_c", "%ab\\_c%"),
                Arguments.of("ab\\_c", "%ab\\_c%"),
                Arguments.of("%ab_c", "%ab_c"),
                Arguments.of("ab\\c", "%ab\\\\c%"),
                Arguments.of("_ab\\c_", "%\\_ab\\\\c\\_%"),
                Arguments.of("ab\\c%", "ab\\c%"),
                Arguments.of("a\nb\\", "%a\nb\\\\%"),
                // every unescaped special character is escaped, adjacent ones too
                Arguments.of("__", "%\\_\\_%"),
                Arguments.of("\\\\_", "%\\\\\\_%"),
                Arguments.of("", "%%"),
                // non-text values as text
                Arguments.of(5.0, "%5%"),
                Arguments.of(-1.5, "%-1.5%"),
                Arguments.of(1e21, "%1000000000000000000000%"),
                Arguments.of(0.0, "%0%"),
                Arguments.of(-0.0, "%-0%"), // Go's FormatFloat keeps the sign: `total ~ -0` matches no 0
                Arguments.of(-0.0f, "%-0%"),
                Arguments.of(7, "%7%"),
                Arguments.of(new BigDecimal("2.50"), "%2.5%"),
                Arguments.of(true, "%true%"),
                Arguments.of(null, "%%"));
    }

    @ParameterizedTest
    @MethodSource("patterns")
    void wrapsAndEscapes(Object value, String pattern) {
        assertThat(LikePattern.of(value)).isEqualTo(pattern);
    }
}
