package dev.coffer.tools.images;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A thumbnail size as written in {@code ?thumb=}: {@code WxH} (fill and crop from the center), {@code WxHt} (crop
 * from the top), {@code WxHb} (crop from the bottom), {@code WxHf} (fit inside without cropping), {@code 0xH} or
 * {@code Wx0} (scale to one side, keeping the aspect ratio).
 *
 * @param width  target width, 0 for "follow the aspect ratio"
 * @param height target height, 0 for "follow the aspect ratio"
 * @param mode   how the image is placed in the box
 */
public record ThumbSize(int width, int height, Mode mode) {

    /** How an image is placed in the thumbnail box. */
    public enum Mode {
        /** Cover the box and crop from the center. */
        CENTER,
        /** Cover the box and keep the top. */
        TOP,
        /** Cover the box and keep the bottom. */
        BOTTOM,
        /** Shrink to fit inside the box (never enlarges). */
        FIT
    }

    private static final Pattern FORMAT = Pattern.compile("^(\\d{1,5})x(\\d{1,5})([tbf])?$");

    /** Parses a size; empty when malformed or when both sides are 0. */
    public static Optional<ThumbSize> parse(String spec) {
        Matcher m = FORMAT.matcher(spec == null ? "" : spec);
        if (!m.matches()) {
            return Optional.empty();
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        if (w == 0 && h == 0) {
            return Optional.empty();
        }
        Mode mode = switch (m.group(3) == null ? "" : m.group(3)) {
            case "t" -> Mode.TOP;
            case "b" -> Mode.BOTTOM;
            case "f" -> Mode.FIT;
            default -> Mode.CENTER;
        };
        return Optional.of(new ThumbSize(w, h, mode));
    }
}
