package dev.coffer.tools.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomStringTest {

    @Test
    void recordIdsHaveFifteenLowerAlphanumericCharactersAndDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RandomString.recordId();
            assertThat(id).matches("[a-z0-9]{15}");
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void everyCharacterOfTheAlphabetIsAboutEquallyLikely() {
        // 36 characters, 36,000 draws: each count is binomial(36000, 1/36), mean 1000, sd about 31;
        // 5 sd either side is a failure one run in millions. A byte-modulo bias (256 % 36 = 4) would put the
        // first four characters at about 1125.
        int[] counts = new int[36];
        for (int i = 0; i < 1_000; i++) {
            for (char c : RandomString.of(36, RandomString.LOWER_ALPHANUMERIC).toCharArray()) {
                counts[RandomString.LOWER_ALPHANUMERIC.indexOf(c)]++;
            }
        }
        for (int count : counts) {
            assertThat(count).isBetween(845, 1155);
        }
    }

    @Test
    void alphabetsLongerThanAByteWork() {
        StringBuilder big = new StringBuilder();
        for (char c = 0x100; c < 0x300; c++) {
            big.append(c);
        }
        String s = RandomString.of(200, big.toString());
        assertThat(s).hasSize(200);
        assertThat(s.chars()).allMatch(c -> c >= 0x100 && c < 0x300);
        assertThat(RandomString.of(0, "ab")).isEmpty();
        assertThatThrownBy(() -> RandomString.of(3, "")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentCallersGetDistinctStrings() {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 8).parallel().forEach(t -> {
            for (int i = 0; i < 2_000; i++) {
                seen.add(RandomString.of(20, RandomString.ALPHANUMERIC_UNDERSCORE));
            }
        });
        assertThat(seen).hasSize(16_000);
    }

    @Test
    void patternsGenerateMatchingText() {
        assertThat(PatternGenerator.generate("[a-z0-9]{15}")).matches("[a-z0-9]{15}");
        assertThat(PatternGenerator.generate("usr_[A-F]{4}-\\[x\\]")).matches("usr_[A-F]{4}-\\[x\\]");
        assertThat(PatternGenerator.generate("[a-c_]")).matches("[a-c_]");
        assertThat(PatternGenerator.generate("[a-c_]")).matches("[a-c_]"); // parsed pattern reused
        for (int i = 0; i < 300; i++) { // more patterns than are kept parsed
            assertThat(PatternGenerator.generate("p" + i + "[0-9]{3}")).matches("p" + i + "[0-9]{3}");
        }
    }
}
