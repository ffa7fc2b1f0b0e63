package dev.coffer.tools.filesystem;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes the {@code Authorization} header of AWS Signature Version 4 for one request: canonical request, string to
 * sign, derived signing key and HMAC-SHA256 signature. Every header handed in is signed; callers pass exactly the
 * headers they send (lower-case names), including {@code host} and {@code x-amz-date}.
 */
public final class S3Signature {

    /** The date-time format of {@code x-amz-date}. */
    public static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    /** The payload hash of an empty body. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKey;
    private final String secret;
    private final String region;
    private final String service;

    /** A signer for the credentials, region and service (such as {@code s3}). */
    public S3Signature(String accessKey, String secret, String region, String service) {
        this.accessKey = accessKey;
        this.secret = secret;
        this.region = region;
        this.service = service;
    }

    /**
     * The {@code Authorization} header value.
     *
     * @param encodedPath the request path as sent, already URI-encoded (each segment, slashes kept)
     * @param query the decoded query parameters (encoded and sorted here)
     * @param headers the signed headers, lower-case names; values are trimmed here
     * @param payloadHash the hex SHA-256 of the body, or {@code UNSIGNED-PAYLOAD}
     * @param time the request time, the same as the {@code x-amz-date} header
     */
    public String authorization(String method, String encodedPath, Map<String, String> query,
            Map<String, String> headers, String payloadHash, Instant time) {
        SortedMap<String, String> sorted = new TreeMap<>();
        headers.forEach((k, v) -> sorted.put(k.toLowerCase(Locale.ROOT), v.strip().replaceAll(" +", " ")));
        StringBuilder canonicalHeaders = new StringBuilder();
        sorted.forEach((k, v) -> canonicalHeaders.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", sorted.keySet());

        String canonicalRequest = method + "\n" + (encodedPath.isEmpty() ? "/" : encodedPath) + "\n"
                + canonicalQuery(query) + "\n" + canonicalHeaders + "\n" + signedHeaders + "\n" + payloadHash;
        String dateTime = AMZ_DATE.format(time);
        String date = dateTime.substring(0, 8);
        String scope = date + "/" + region + "/" + service + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + dateTime + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));

        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        String signature = HEX.formatHex(hmac(key, stringToSign));
        return ALGORITHM + " Credential=" + accessKey + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + signature;
    }

    /** The query string in canonical form: encoded names and values, sorted by name. */
    public static String canonicalQuery(Map<String, String> query) {
        SortedMap<String, String> sorted = new TreeMap<>();
        query.forEach((k, v) -> sorted.put(encode(k, true), encode(v == null ? "" : v, true)));
        StringBuilder out = new StringBuilder();
        sorted.forEach((k, v) -> out.append(out.isEmpty() ? "" : "&").append(k).append('=').append(v));
        return out.toString();
    }

    /**
     * URI-encodes a value as SigV4 wants it: unreserved characters ({@code A-Z a-z 0-9 - _ . ~}) stay, every other
     * UTF-8 byte becomes {@code %XX}; {@code /} stays unless {@code encodeSlash}.
     */
    public static String encode(String value, boolean encodeSlash) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash)) {
                out.append(c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    /** The lower-case hex SHA-256 of the bytes. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
