package dev.coffer.apis;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code application/x-www-form-urlencoded} body read as PocketBase's Go server reads it: at most
 * {@link #MAX_BYTES} bytes and {@link #MAX_FIELDS} fields, {@code &}-separated (a {@code ;} is an error),
 * {@code +} for a space and {@code %XX} escapes (a malformed one is an error); fields keep their order and a
 * repeated name collects its values. Anything over a limit is refused before it is decoded.
 */
final class UrlEncodedForm {

    /** Go's {@code maxFormSize} for a body that is not multipart. */
    static final int MAX_BYTES = 10 << 20;
    /** Go's limit on the number of fields of a query or form. */
    static final int MAX_FIELDS = 10_000;

    private UrlEncodedForm() {}

    /**
     * The fields of a body.
     *
     * @throws ApiError 400 with {@link RequestBody#LOAD_FAILED} when the body is over a limit or malformed
     */
    static Map<String, List<String>> parse(byte[] body) {
        if (body.length > MAX_BYTES) {
            throw ApiError.badRequest(RequestBody.LOAD_FAILED);
        }
        int separators = 0;
        for (byte b : body) {
            if (b == '&') {
                separators++;
            } else if (b == ';') {
                throw ApiError.badRequest(RequestBody.LOAD_FAILED); // Go refuses semicolon separators
            }
        }
        if (separators + 1 > MAX_FIELDS) {
            throw ApiError.badRequest(RequestBody.LOAD_FAILED);
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int eq = indexOf(body, (byte) '=', start, i);
                    String key = unescape(body, start, eq < 0 ? i : eq);
                    String value = eq < 0 ? "" : unescape(body, eq + 1, i);
                    if (!key.isEmpty()) {
                        out.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                    }
                }
                start = i + 1;
            }
        }
        return out;
    }

    private static int indexOf(byte[] bytes, byte b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(byte[] bytes, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) { // a % needs two hex digits
                    throw ApiError.badRequest(RequestBody.LOAD_FAILED);
                }
                int hi = Character.digit(bytes[i + 1], 16);
                int lo = Character.digit(bytes[i + 2], 16);
                if (hi < 0 || lo < 0) {
                    throw ApiError.badRequest(RequestBody.LOAD_FAILED);
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
