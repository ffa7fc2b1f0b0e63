package dev.coffer.tools.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Makes thumbnails the way PocketBase does: one-side sizes keep the aspect ratio, box sizes cover the box and
 * crop (center, top or bottom) or fit inside it without enlarging. Only the first frame of animated images is
 * used; JPEG EXIF orientation is applied. The output keeps the source format, except WebP (and anything else
 * without a writer here), which becomes PNG.
 */
public final class Thumbnails {

    /** The content types thumbnails can be made of. */
    public static final Set<String> SOURCE_TYPES = Set.of("image/png", "image/jpg", "image/jpeg", "image/gif",
            "image/webp");

    /** A generated thumbnail. */
    public record Thumbnail(byte[] bytes, String contentType) {}

    private Thumbnails() {}

    /**
     * Decodes the image, resizes it and encodes the result.
     *
     * @param contentType the source's content type, which picks the output format
     * @throws IOException when the source can't be decoded or the result encoded
     */
    public static Thumbnail create(InputStream source, String contentType, ThumbSize size) throws IOException {
        BufferedImage src = decode(source);
        BufferedImage out = resize(src, size);
        String type = switch (contentType) {
            case "image/jpeg", "image/jpg" -> "image/jpeg";
            case "image/gif" -> "image/gif";
            default -> "image/png";
        };
        return new Thumbnail(encode(out, type), type);
    }

    private static BufferedImage decode(InputStream source) throws IOException {
        try {
            // decoding through Thumbnailator applies the EXIF orientation
            return net.coobird.thumbnailator.Thumbnails.of(source).scale(1.0).asBufferedImage();
        } catch (IllegalArgumentException | IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("cannot decode the image", e);
        }
    }

    /** The image resized to a thumbnail size (exposed for tests of the geometry). */
    static BufferedImage resize(BufferedImage src, ThumbSize size) throws IOException {
        int sw = src.getWidth();
        int sh = src.getHeight();
        int w = size.width();
        int h = size.height();
        if (w == 0 || h == 0) {
            return scale(src, w == 0 ? keepRatio(h, sw, sh) : w, h == 0 ? keepRatio(w, sh, sw) : h);
        }
        if (size.mode() == ThumbSize.Mode.FIT) {
            if (sw <= w && sh <= h) {
                return src;
            }
            double srcRatio = (double) sw / sh;
            if (srcRatio > (double) w / h) {
                return scale(src, w, Math.max(1, (int) (w / srcRatio)));
            }
            return scale(src, Math.max(1, (int) (h * srcRatio)), h);
        }
        BufferedImage covered = (double) sw / sh < (double) w / h
                ? scale(src, w, keepRatio(w, sh, sw))
                : scale(src, keepRatio(h, sw, sh), h);
        int x = (covered.getWidth() - w) / 2;
        int y = switch (size.mode()) {
            case TOP -> 0;
            case BOTTOM -> covered.getHeight() - h;
            default -> (covered.getHeight() - h) / 2;
        };
        return covered.getSubimage(x, y, w, h);
    }

    /** The other side for a given side, keeping the ratio {@code other / given} of the source (at least 1). */
    private static int keepRatio(int given, int sourceOther, int sourceGiven) {
        return (int) Math.max(1, Math.floor((double) given * sourceOther / sourceGiven + 0.5));
    }

    private static BufferedImage scale(BufferedImage src, int w, int h) throws IOException {
        if (src.getWidth() == w && src.getHeight() == h) {
            return src;
        }
        return net.coobird.thumbnailator.Thumbnails.of(src).forceSize(w, h).asBufferedImage();
    }

    private static byte[] encode(BufferedImage img, String contentType) throws IOException {
        String format = contentType.substring("image/".length());
        BufferedImage out = img;
        if (format.equals("jpeg") && img.getColorModel().hasAlpha()) {
            out = new BufferedImage(img.getWidth(), img.getHeight(), BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = out.createGraphics();
            g.drawImage(img, 0, 0, java.awt.Color.WHITE, null);
            g.dispose();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(out, format, bytes)) {
            throw new IOException("no image writer for " + contentType);
        }
        return bytes.toByteArray();
    }
}
