package dev.coffer.apis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code page} and {@code perPage} read as Go's {@code strconv.Atoi} reads them. */
class ListParamsTest {

    @Test
    void signedAsciiDigitsParse() {
        assertThat(ListParams.parseLong("", 30)).isEqualTo(30);
        assertThat(ListParams.parseLong("7", 30)).isEqualTo(7);
        assertThat(ListParams.parseLong("+7", 30)).isEqualTo(7);
        assertThat(ListParams.parseLong("-7", 30)).isEqualTo(-7);
        assertThat(ListParams.parseLong("007", 30)).isEqualTo(7);
        assertThat(ListParams.parseLong("9223372036854775807", 30)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void anythingElseIsABadRequest() {
        // Java's Long.parseLong takes digits of other scripts (Arabic-Indic one, full-width two); Atoi doesn't
        for (String raw : new String[] {"١", "２", "1١", "++1", "+-1", " 1", "1 ", "1.5", "0x10", "1_000", "abc",
            "9223372036854775808", "+", "-"}) {
            assertThatThrownBy(() -> ListParams.parseLong(raw, 30)).as(raw).isInstanceOfSatisfying(ApiError.class,
                    e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
