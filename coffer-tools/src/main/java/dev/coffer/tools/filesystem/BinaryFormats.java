package dev.coffer.tools.filesystem;

import java.nio.charset.StandardCharsets;

/** Recognises binary file formats by their magic numbers and container headers. */
final class BinaryFormats {

    private BinaryFormats() {}

    /** The MIME type of a known binary format, or null. */
    static String detect(byte[] b) {
        if (startsWith(b, 0, 0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C)) {
            return "application/x-7z-compressed";
        }
        if (startsWith(b, "PK\u0003\u0004") || startsWith(b, "PK\u0005\u0006") || startsWith(b, "PK\u0007\u0008")) {
            return zipFlavour(b);
        }
        if (startsWith(b, "%PDF-")) {
            return "application/pdf";
        }
        if (startsWith(b, "OggS")) {
            return oggFlavour(b);
        }
        if (startsWith(b, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return "image/png";
        }
        if (startsWith(b, 0, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(b, "GIF87a") || startsWith(b, "GIF89a")) {
            return "image/gif";
        }
        if (startsWith(b, "RIFF") && b.length >= 12) {
            String kind = ascii(b, 8, 4);
            switch (kind) {
                case "WEBP": return "image/webp";
                case "WAVE": return "audio/wav";
                case "AVI ": return "video/x-msvideo";
                default: break;
            }
        }
        if (startsWith(b, "8BPS")) {
            return "image/vnd.adobe.photoshop";
        }
        if (startsWith(b, "II*\u0000") || startsWith(b, "MM\u0000*")) {
            return "image/tiff";
        }
        if (startsWith(b, "BM") && b.length >= 14) {
            return "image/bmp";
        }
        if (startsWith(b, 0, 0x00, 0x00, 0x01, 0x00) || startsWith(b, 0, 0x00, 0x00, 0x02, 0x00)) {
            return "image/x-icon";
        }
        if (isMp3(b)) {
            return "audio/mpeg";
        }
        if (startsWith(b, "fLaC")) {
            return "audio/flac";
        }
        if (b.length >= 12 && ascii(b, 4, 4).equals("ftyp")) {
            return isoMediaFlavour(ascii(b, 8, 4));
        }
        if (startsWith(b, 0, 0x1A, 0x45, 0xDF, 0xA3)) {
            return contains(b, "webm") ? "video/webm" : "video/x-matroska";
        }
        if (startsWith(b, 0, 0x1F, 0x8B)) {
            return "application/gzip";
        }
        if (b.length > 262 && ascii(b, 257, 5).equals("ustar")) {
            return "application/x-tar";
        }
        if (startsWith(b, "Rar!\u001A\u0007")) {
            return "application/x-rar-compressed";
        }
        if (startsWith(b, "wOFF")) {
            return "font/woff";
        }
        if (startsWith(b, "wOF2")) {
            return "font/woff2";
        }
        if (startsWith(b, "\u0000asm")) {
            return "application/wasm";
        }
        if (startsWith(b, "SQLite format 3\u0000")) {
            return "application/vnd.sqlite3";
        }
        return null;
    }

    /** Office Open XML, OpenDocument, EPUB and JAR archives are ZIP files told apart by their entries. */
    private static String zipFlavour(byte[] b) {
        if (b.length > 38 && ascii(b, 30, 8).equals("mimetype")) {
            int end = 38;
            while (end < b.length && end < 38 + 80 && b[end] >= 0x20 && b[end] < 0x7F && b[end] != 'P') {
                end++;
            }
            String declared = ascii(b, 38, end - 38);
            if (declared.startsWith("application/")) {
                return declared;
            }
        }
        if (contains(b, "[Content_Types].xml") || contains(b, "_rels/.rels")) {
            if (contains(b, "word/")) {
                return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
            }
            if (contains(b, "xl/")) {
                return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
            }
            if (contains(b, "ppt/")) {
                return "application/vnd.openxmlformats-officedocument.presentationml.presentation";
            }
        }
        if (contains(b, "META-INF/MANIFEST.MF")) {
            return "application/jar";
        }
        return "application/zip";
    }

    private static String oggFlavour(byte[] b) {
        if (b.length > 36) {
            String codec = ascii(b, 28, 8);
            if (codec.startsWith("\u007FFLAC") || codec.startsWith("\u0001vorbis") || codec.startsWith("OpusHead")
                    || codec.startsWith("Speex")) {
                return "audio/ogg";
            }
            if (codec.startsWith("\u0080theora")) {
                return "video/ogg";
            }
        }
        return "application/ogg";
    }

    private static String isoMediaFlavour(String brand) {
        return switch (brand) {
            case "avif", "avis" -> "image/avif";
            case "heic", "heix" -> "image/heic";
            case "qt  " -> "video/quicktime";
            case "M4A ", "M4B " -> "audio/x-m4a";
            default -> brand.startsWith("3gp") ? "video/3gpp" : brand.startsWith("3g2") ? "video/3gpp2" : "video/mp4";
        };
    }

    /** An ID3 tag or an MPEG audio layer III frame header. */
    private static boolean isMp3(byte[] b) {
        if (startsWith(b, "ID3")) {
            return true;
        }
        return b.length >= 4 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xE0) == 0xE0 && (b[1] & 0x06) == 0x02
                && (b[1] & 0x18) != 0x08 && (b[2] & 0xF0) != 0xF0;
    }

    private static boolean startsWith(byte[] b, String prefix) {
        return b.length >= prefix.length() && ascii(b, 0, prefix.length()).equals(prefix);
    }

    private static boolean startsWith(byte[] b, int offset, int... expected) {
        if (b.length < offset + expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if ((b[offset + i] & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] b, int offset, int length) {
        return new String(b, offset, Math.min(length, Math.max(0, b.length - offset)), StandardCharsets.ISO_8859_1);
    }

    private static boolean contains(byte[] b, String needle) {
        return new String(b, StandardCharsets.ISO_8859_1).contains(needle);
    }
}
