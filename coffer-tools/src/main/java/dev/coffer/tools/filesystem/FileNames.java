package dev.coffer.tools.filesystem;

import dev.coffer.tools.security.RandomString;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Storage names for uploaded files, as PocketBase makes them:
 * {@code <snake_case base, at most 100 chars>_<10 random [a-z0-9]><.ext>}. The extension is the last one or two
 * dot segments of the client's name (so {@code .tar.gz} survives), stripped of unsafe characters, at most 20
 * characters, and detected from the content when the name has none.
 */
public final class FileNames {

    /** The alphabet of the random parts. */
    static final String RANDOM_ALPHABET = RandomString.LOWER_ALPHANUMERIC;

    private static final int MAX_INPUT_BYTES = 300;
    private static final int MAX_BASE_LENGTH = 100;
    private static final int MIN_BASE_LENGTH = 3;
    private static final int MAX_EXTENSION_LENGTH = 20;
    private static final int RANDOM_LENGTH = 10;
    private static final Pattern EXTENSION_INVALID_CHARS = Pattern.compile("[^\\w.*\\-+=#]+");
    private static final Pattern WORD_SEPARATORS = Pattern.compile("[\\W_]+");

    private FileNames() {}

    /** A fresh, unique name to store a file under, derived from the name the client sent. */
    public static String storageName(String originalName, byte[] content) {
        String name = keepLastBytes(originalName, MAX_INPUT_BYTES);

        String originalExt = extension(name);
        String ext = "." + trimDots(EXTENSION_INVALID_CHARS.matcher(originalExt).replaceAll(""));
        if (ext.equals(".")) {
            ext = MimeTypes.extension(MimeTypes.detect(content, originalName));
        }
        if (ext.length() > MAX_EXTENSION_LENGTH) {
            ext = "." + trimDots(ext.substring(ext.length() - MAX_EXTENSION_LENGTH));
        }

        // a leading dot is dropped too: sync tools treat "hidden" files specially
        String base = snakeCase(trimDots(name.substring(0, name.length() - originalExt.length())));
        if (base.length() < MIN_BASE_LENGTH) {
            base += RandomString.of(RANDOM_LENGTH, RANDOM_ALPHABET);
        } else if (base.length() > MAX_BASE_LENGTH) {
            base = base.substring(0, MAX_BASE_LENGTH);
        }
        return base + "_" + RandomString.of(RANDOM_LENGTH, RANDOM_ALPHABET) + ext;
    }

    /**
     * The extension with its leading dot: from the second-to-last dot when there is one ({@code a.tar.gz} gives
     * {@code .tar.gz}, {@code a.b.png} gives {@code .b.png}), else from the last dot; {@code ""} without a dot.
     */
    static String extension(String name) {
        int last = name.lastIndexOf('.');
        if (last < 0) {
            return "";
        }
        int secondLast = name.lastIndexOf('.', last - 1);
        return name.substring(secondLast >= 0 ? secondLast : last);
    }

    /**
     * Snake case over ASCII words: any run of non-word characters or underscores separates words, and an upper
     * case letter that follows a non-upper-case one starts a new word ({@code myTestDB} gives
     * {@code my_test_db}).
     */
    static String snakeCase(String s) {
        StringBuilder out = new StringBuilder();
        for (String word : WORD_SEPARATORS.split(s)) {
            if (word.isEmpty()) {
                continue;
            }
            if (!out.isEmpty()) {
                out.append('_');
            }
            for (int i = 0; i < word.length(); i++) {
                char c = word.charAt(i);
                if (i > 0 && Character.isUpperCase(c) && !Character.isUpperCase(word.charAt(i - 1))) {
                    out.append('_');
                }
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }

    private static String trimDots(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) == '.') {
            start++;
        }
        while (end > start && s.charAt(end - 1) == '.') {
            end--;
        }
        return s.substring(start, end);
    }

    /**
     * The name cut to its last {@code max} UTF-8 bytes. A character split by the cut decodes to U+FFFD, which
     * later steps drop like any other non-word character.
     */
    private static String keepLastBytes(String s, int max) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= max) {
            return s;
        }
        return new String(Arrays.copyOfRange(bytes, bytes.length - max, bytes.length), StandardCharsets.UTF_8);
    }
}
