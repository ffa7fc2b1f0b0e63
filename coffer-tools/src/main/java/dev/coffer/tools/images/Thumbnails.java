package dev.coffer.tools.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.ExifUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

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

    /**
     * The most pixels a source may have: larger images (checked from their header, before decoding) get no
     * thumbnail, so one request can't take the memory and time of a huge decode.
     */
    public static final long MAX_PIXELS = 100_000_000L;

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
        BufferedImage src = decode(source, size);
        BufferedImage out = resize(src, size);
        String type = switch (contentType) {
            case "image/jpeg", "image/jpg" -> "image/jpeg";
            case "image/gif" -> "image/gif";
            default -> "image/png";
        };
        return new Thumbnail(encode(out, type), type);
    }

    /**
     * Decodes the first frame with its EXIF orientation applied, reading only every n-th pixel of a source far
     * larger than the thumbnail needs (at least twice the thumbnail's size is kept), so the memory a decode takes
     * follows the thumbnail, not the source.
     *
     * @throws ImageTooLargeException when the source has more than {@link #MAX_PIXELS} pixels, before decoding
     */
    private static BufferedImage decode(InputStream source, ThumbSize size) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(source)) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("cannot decode the image: unknown format");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, false);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new ImageTooLargeException(width, height);
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = subsampling(width, height, size);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                BufferedImage image = reader.read(0, param);
                Orientation orientation = orientation(reader);
                return orientation == null || orientation == Orientation.TOP_LEFT ? image
                        : ExifFilterUtils.getFilterForOrientation(orientation).apply(image);
            } finally {
                reader.dispose();
            }
        } catch (IllegalArgumentException | IllegalStateException | ArrayIndexOutOfBoundsException e) {
            throw new IOException("cannot decode the image", e);
        }
    }

    /** How many source pixels one decoded pixel stands for: the decoded image stays at least twice the thumbnail. */
    static int subsampling(long width, long height, ThumbSize size) {
        long step = Long.MAX_VALUE;
        if (size.width() > 0) {
            step = Math.min(step, width / (2L * size.width()));
        }
        if (size.height() > 0) {
            step = Math.min(step, height / (2L * size.height()));
        }
        return (int) Math.max(1, Math.min(step, Integer.MAX_VALUE));
    }

    private static Orientation orientation(ImageReader reader) {
        try {
            return ExifUtils.getExifOrientation(reader, 0);
        } catch (IOException | RuntimeException e) {
            return null; // no or unreadable EXIF data: as it is
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
