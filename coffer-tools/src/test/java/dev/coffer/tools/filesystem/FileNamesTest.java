package dev.coffer.tools.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FileNamesTest {

    private static final byte[] TEXT = "abc".getBytes(StandardCharsets.UTF_8);

    /** PocketBase's own name normalisation examples (content "abc", detected as text). */
    static Stream<Arguments> pocketBaseExamples() {
        return Stream.of(
                Arguments.of("", "^[a-z0-9]{10}_[a-z0-9]{10}\\.txt$"),
                Arguments.of(".png", "^[a-z0-9]{10}_[a-z0-9]{10}\\.png$"),
                Arguments.of(".tar.gz", "^[a-z0-9]{10}_[a-z0-9]{10}\\.tar\\.gz$"),
                Arguments.of("a.tar.gz", "^a[a-z0-9]{10}_[a-z0-9]{10}\\.tar\\.gz$"),
                Arguments.of("....abc", "^[a-z0-9]{10}_[a-z0-9]{10}\\.abc$"),
                Arguments.of("a.b.c.?.?.?.2", "^a_b_c_[a-z0-9]{10}\\.2$"),
                Arguments.of("a.b.c.d.tar.gz", "^a_b_c_d_[a-z0-9]{10}\\.tar\\.gz$"),
                Arguments.of("abcd", "^abcd_[a-z0-9]{10}\\.txt$"),
                Arguments.of(".abcd.123.", "^abcd_[a-z0-9]{10}\\.123$"),
                Arguments.of("a  b! c d  . 456", "^a_b_c_d_[a-z0-9]{10}\\.456$"),
                Arguments.of("a".repeat(101) + "." + "b".repeat(21), "^a{100}_[a-z0-9]{10}\\.b{20}$"),
                Arguments.of("abc" + "d".repeat(290) + "." + "b".repeat(9), "^d{100}_[a-z0-9]{10}\\.b{9}$"),
                Arguments.of("image_!@ special", "^image_special_[a-z0-9]{10}\\.txt$"),
                Arguments.of("My Holiday Photo.JPG", "^my_holiday_photo_[a-z0-9]{10}\\.JPG$"),
                Arguments.of("Résumé.pdf", "^r_sum_[a-z0-9]{10}\\.pdf$"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pocketBaseExamples")
    void normalisesLikePocketBase(String original, String pattern) {
        assertThat(FileNames.storageName(original, TEXT)).matches(pattern);
    }

    @Test
    void detectsTheExtensionFromContentWhenTheNameHasNone() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D};
        assertThat(FileNames.storageName("avatar", png)).matches("^avatar_[a-z0-9]{10}\\.png$");
        assertThat(FileNames.storageName("blob", new byte[] {0, 1, 2, 3})).matches("^blob_[a-z0-9]{10}$");
    }

    @Test
    void eachNameGetsItsOwnRandomPart() {
        assertThat(FileNames.storageName("test.txt", TEXT)).isNotEqualTo(FileNames.storageName("test.txt", TEXT));
    }

    @Test
    void extensionTakesTheLastOneOrTwoDotSegments() {
        assertThat(FileNames.extension("test.txt")).isEqualTo(".txt");
        assertThat(FileNames.extension("test.tar.gz")).isEqualTo(".tar.gz");
        assertThat(FileNames.extension("test.a.tar.gz")).isEqualTo(".tar.gz");
        assertThat(FileNames.extension("test")).isEmpty();
    }

    @Test
    void snakeCaseMatchesPocketBase() {
        assertThat(FileNames.snakeCase("")).isEmpty();
        assertThat(FileNames.snakeCase("!@#$%^")).isEmpty();
        assertThat(FileNames.snakeCase("_")).isEmpty();
        assertThat(FileNames.snakeCase("John Doe")).isEqualTo("john_doe");
        assertThat(FileNames.snakeCase("John_Doe")).isEqualTo("john_doe");
        assertThat(FileNames.snakeCase(".a!b@c#d$e%123. ")).isEqualTo("a_b_c_d_e_123");
        assertThat(FileNames.snakeCase("HelloWorld1HelloWorld2")).isEqualTo("hello_world1_hello_world2");
        assertThat(FileNames.snakeCase("TEST")).isEqualTo("test");
        assertThat(FileNames.snakeCase("testABR")).isEqualTo("test_abr");
    }
}
