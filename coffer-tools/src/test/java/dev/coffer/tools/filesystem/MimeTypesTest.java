package dev.coffer.tools.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MimeTypesTest {

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("png", bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0), "image/png"),
                Arguments.of("jpeg", bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10), "image/jpeg"),
                Arguments.of("gif", ascii("GIF89a\u0001\u0000"), "image/gif"),
                Arguments.of("webp", ascii("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "), "image/webp"),
                Arguments.of("wav", ascii("RIFF\u0000\u0000\u0000\u0000WAVEfmt "), "audio/wav"),
                Arguments.of("svg", ascii("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>"), "image/svg+xml"),
                Arguments.of("svg with xml header", ascii("<?xml version=\"1.0\"?>\n<svg></svg>"), "image/svg+xml"),
                Arguments.of("xml", ascii("<?xml version=\"1.0\"?><note/>"), "text/xml; charset=utf-8"),
                Arguments.of("pdf", ascii("%PDF-1.7\n"), "application/pdf"),
                Arguments.of("zip", ascii("PK\u0003\u0004\u0014\u0000\u0000\u0000"), "application/zip"),
                Arguments.of("docx", ascii("PK\u0003\u0004\u0014\u0000\u0000\u0000[Content_Types].xml...word/"),
                        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                Arguments.of("gzip", bytes(0x1F, 0x8B, 0x08, 0), "application/gzip"),
                Arguments.of("json object", ascii(" {\"a\": [1, 2, {\"b\": null}]}\n"), "application/json"),
                Arguments.of("json array", ascii("[1,2,3]"), "application/json"),
                Arguments.of("not json", ascii("{\"a\": }"), "text/plain; charset=utf-8"),
                Arguments.of("html", ascii("<!DOCTYPE html><html></html>"), "text/html; charset=utf-8"),
                Arguments.of("html paragraph", ascii("  <p>hi</p>"), "text/html; charset=utf-8"),
                Arguments.of("csv", ascii("a,b,c\n1,2,3\n4,\"5,5\",6\n"), "text/csv"),
                Arguments.of("mp4", concat(bytes(0, 0, 0, 0x20), ascii("ftypisom\u0000\u0000")), "video/mp4"),
                Arguments.of("avif", concat(bytes(0, 0, 0, 0x20), ascii("ftypavif\u0000\u0000")), "image/avif"),
                Arguments.of("webm", concat(bytes(0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x82, 0x84), ascii("webm")),
                        "video/webm"),
                Arguments.of("mp3 id3", ascii("ID3\u0003\u0000\u0000"), "audio/mpeg"),
                Arguments.of("mp3 frame", bytes(0xFF, 0xFB, 0x90, 0x64), "audio/mpeg"),
                Arguments.of("ogg", ascii("OggS\u0000\u0002"), "application/ogg"),
                Arguments.of("ogg vorbis", concat(concat(ascii("OggS"), new byte[24]), ascii("\u0001vorbis\u0000\u0000")),
                        "audio/ogg"),
                Arguments.of("utf-8 text", "test\nżółw".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8"),
                Arguments.of("latin-1 text", bytes('c', 'a', 'f', 0xE9, ' ', 'a'), "text/plain; charset=iso-8859-1"),
                Arguments.of("utf-16 with bom", bytes(0xFF, 0xFE, 'a', 0), "text/plain; charset=utf-16le"),
                Arguments.of("binary", bytes(0, 1, 2, 3, 4), "application/octet-stream"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void detectsFromContent(String name, byte[] content, String expected) {
        assertThat(MimeTypes.detect(content, "whatever.bin")).isEqualTo(expected);
    }

    @Test
    void theFileNameDoesNotDecide() {
        assertThat(MimeTypes.detect(ascii("test"), "test.png")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void onlyTheFirstThreeKilobytesAreSniffed() {
        byte[] longJson = ascii("[" + "1,".repeat(4000) + "1]");
        assertThat(MimeTypes.detect(longJson, "a.json")).isEqualTo("application/json");
        byte[] textThenBinary = concat(ascii("x".repeat(MimeTypes.SNIFF_LIMIT)), bytes(0, 0, 0));
        assertThat(MimeTypes.detect(textThenBinary, "a")).isEqualTo("text/plain; charset=utf-8");
    }

    @Test
    void extensionsOfDetectedTypes() {
        assertThat(MimeTypes.extension("image/jpeg")).isEqualTo(".jpg");
        assertThat(MimeTypes.extension("text/plain; charset=utf-8")).isEqualTo(".txt");
        assertThat(MimeTypes.extension("application/octet-stream")).isEmpty();
    }

    @Test
    void whitelistMatchingIgnoresParametersAndAcceptsAliases() {
        assertThat(MimeTypes.matches("text/plain; charset=utf-8", "text/plain")).isTrue();
        assertThat(MimeTypes.matches("text/plain; charset=utf-8", "text/plain; charset=utf-8")).isTrue();
        assertThat(MimeTypes.matches("image/png", "IMAGE/PNG")).isTrue();
        assertThat(MimeTypes.matches("application/zip", "application/x-zip-compressed")).isTrue();
        assertThat(MimeTypes.matches("application/json", "text/plain")).isFalse();
        assertThat(MimeTypes.matches("image/png", "image/jpeg")).isFalse();
    }
}
