package dev.coffer.tools.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ThumbnailsTest {

    /** A 100x200 PNG: red top half, blue bottom half. */
    private static byte[] tallImage(String format) throws IOException {
        BufferedImage img = new BufferedImage(100, 200, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 100, 100);
        g.setColor(Color.BLUE);
        g.fillRect(0, 100, 100, 100);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, format, out);
        return out.toByteArray();
    }

    private static BufferedImage thumb(String spec) throws IOException {
        Thumbnails.Thumbnail t = Thumbnails.create(new ByteArrayInputStream(tallImage("png")), "image/png",
                ThumbSize.parse(spec).orElseThrow());
        assertThat(t.contentType()).isEqualTo("image/png");
        return ImageIO.read(new ByteArrayInputStream(t.bytes()));
    }

    @Test
    void parsesSizeForms() {
        assertThat(ThumbSize.parse("70x50")).contains(new ThumbSize(70, 50, ThumbSize.Mode.CENTER));
        assertThat(ThumbSize.parse("70x50t")).contains(new ThumbSize(70, 50, ThumbSize.Mode.TOP));
        assertThat(ThumbSize.parse("70x50b")).contains(new ThumbSize(70, 50, ThumbSize.Mode.BOTTOM));
        assertThat(ThumbSize.parse("70x50f")).contains(new ThumbSize(70, 50, ThumbSize.Mode.FIT));
        assertThat(ThumbSize.parse("0x0")).isEmpty();
        assertThat(ThumbSize.parse("70x50x")).isEmpty();
        assertThat(ThumbSize.parse("../x")).isEmpty();
    }

    @Test
    void cropsFromCenterTopAndBottom() throws IOException {
        BufferedImage center = thumb("50x50");
        assertThat(center.getWidth()).isEqualTo(50);
        assertThat(center.getHeight()).isEqualTo(50);
        assertThat(new Color(center.getRGB(25, 5)).getRed()).isGreaterThan(200);
        assertThat(new Color(center.getRGB(25, 45)).getBlue()).isGreaterThan(200);

        BufferedImage top = thumb("50x50t");
        assertThat(new Color(top.getRGB(25, 45)).getRed()).isGreaterThan(200);
        BufferedImage bottom = thumb("50x50b");
        assertThat(new Color(bottom.getRGB(25, 5)).getBlue()).isGreaterThan(200);
    }

    @Test
    void keepsAspectRatioForZeroSidesAndFits() throws IOException {
        BufferedImage zeroWidth = thumb("0x50");
        assertThat(new int[] {zeroWidth.getWidth(), zeroWidth.getHeight()}).containsExactly(25, 50);
        BufferedImage zeroHeight = thumb("70x0");
        assertThat(new int[] {zeroHeight.getWidth(), zeroHeight.getHeight()}).containsExactly(70, 140);
        BufferedImage fit = thumb("70x50f");
        assertThat(new int[] {fit.getWidth(), fit.getHeight()}).containsExactly(25, 50);
        BufferedImage noEnlarge = thumb("500x500f");
        assertThat(new int[] {noEnlarge.getWidth(), noEnlarge.getHeight()}).containsExactly(100, 200);
    }

    @Test
    void keepsJpegAndGifFormats() throws IOException {
        ThumbSize size = ThumbSize.parse("10x10").orElseThrow();
        Thumbnails.Thumbnail jpeg = Thumbnails.create(new ByteArrayInputStream(tallImage("jpeg")), "image/jpeg", size);
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.bytes()).startsWith((byte) 0xFF, (byte) 0xD8);
        Thumbnails.Thumbnail gif = Thumbnails.create(new ByteArrayInputStream(tallImage("gif")), "image/gif", size);
        assertThat(gif.contentType()).isEqualTo("image/gif");
        assertThat(new String(gif.bytes(), 0, 3)).isEqualTo("GIF");
    }

    @Test
    void rejectsNonImages() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Thumbnails.create(
                new ByteArrayInputStream("not an image".getBytes()), "image/png", new ThumbSize(10, 10,
                        ThumbSize.Mode.CENTER))).isInstanceOf(IOException.class);
    }

    /** A PNG whose header declares a huge size (its pixel data is absent): only the header is read. */
    static byte[] pngHeader(int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        java.nio.ByteBuffer ihdr = java.nio.ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 2).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        crc.update(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(type.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        out.write(data);
        out.write(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    @Test
    void refusesImagesOverThePixelLimitFromTheirHeader() throws IOException {
        byte[] huge = pngHeader(46_000, 46_000); // a decode would need 8 GB
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Thumbnails.create(new ByteArrayInputStream(huge),
                "image/png", ThumbSize.parse("100x100").orElseThrow()))
                .isInstanceOf(ImageTooLargeException.class)
                .hasMessageContaining("46000x46000");
    }

    @Test
    void decodesLargeImagesSubsampledToTwiceTheThumbnail() throws IOException {
        assertThat(Thumbnails.subsampling(4000, 3000, ThumbSize.parse("100x100").orElseThrow())).isEqualTo(15);
        assertThat(Thumbnails.subsampling(4000, 3000, ThumbSize.parse("0x50").orElseThrow())).isEqualTo(30);
        assertThat(Thumbnails.subsampling(300, 300, ThumbSize.parse("100x100").orElseThrow())).isEqualTo(1);

        BufferedImage big = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = big.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 4000, 1500);
        g.setColor(Color.BLUE);
        g.fillRect(0, 1500, 4000, 1500);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(big, "png", png);
        Thumbnails.Thumbnail t = Thumbnails.create(new ByteArrayInputStream(png.toByteArray()), "image/png",
                ThumbSize.parse("100x100").orElseThrow());
        BufferedImage out = ImageIO.read(new ByteArrayInputStream(t.bytes()));
        assertThat(out.getWidth()).isEqualTo(100);
        assertThat(out.getHeight()).isEqualTo(100);
        assertThat(new Color(out.getRGB(50, 10))).isEqualTo(Color.RED);
        assertThat(new Color(out.getRGB(50, 90))).isEqualTo(Color.BLUE);
    }
}
