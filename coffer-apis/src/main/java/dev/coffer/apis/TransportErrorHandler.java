package dev.coffer.apis;

import dev.coffer.tools.json.Json;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers of errors the transport meets before a request reaches the API (headers or a URL over the limit, a
 * malformed request line, a body Jetty refuses): PocketBase's JSON error shape with the usual security and CORS
 * headers instead of Jetty's HTML page, so a browser sees a readable failure and not an opaque one.
 */
final class TransportErrorHandler extends ErrorHandler {

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        addUsualHeaders(headers);
        response.write(true, ByteBuffer.wrap(body(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        addUsualHeaders(fields);
        return ByteBuffer.wrap(body(status, reason));
    }

    private static void addUsualHeaders(HttpFields.Mutable headers) {
        headers.put(new HttpField("X-XSS-Protection", "1; mode=block"));
        headers.put(new HttpField("X-Content-Type-Options", "nosniff"));
        headers.put(new HttpField("X-Frame-Options", "SAMEORIGIN"));
        headers.put(new HttpField("Cross-Origin-Opener-Policy", "same-origin"));
        // the request may not even have parsed, so its origin is unknown: the error is readable by any page
        headers.put(new HttpField("Access-Control-Allow-Origin", "*"));
    }

    private static byte[] body(int status, String reason) {
        String text = reason == null || reason.isBlank() || reason.startsWith("java.")
                ? HttpStatus.getMessage(status) : reason;
        return Json.write(new ApiError(status, text, null).toJson()).getBytes(StandardCharsets.UTF_8);
    }
}
