package dev.coffer.apis;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One HTTP request and the response being written to it, independent of the transport: the server wraps each
 * connection's request in one ({@link JavalinExchange}), and a batch runs its sub-requests on in-memory ones
 * ({@link MemoryExchange}). {@link RequestEvent} reads and writes only through this interface.
 */
public interface Exchange {

    /** The HTTP method as sent. */
    String method();

    /** The raw request path, without the query string. */
    String path();

    /** The query parameters by name, each with its values in order. */
    Map<String, List<String>> queryParams();

    /** All values of a request header (case-insensitive name), in order; empty when absent. */
    List<String> headers(String name);

    /** The names of the request headers. */
    List<String> headerNames();

    /** The address of the connected peer. */
    String remoteAddr();

    /** The declared body length, or -1 when unknown. */
    long contentLength();

    /** The raw request body. */
    byte[] bodyBytes();

    /** The urlencoded form values of the body by name (empty for other bodies). */
    Map<String, List<String>> formParams();

    /**
     * The multipart form of the body (empty for other bodies), parsed once.
     *
     * @throws ApiError 400 when the body is not valid multipart data
     */
    MultipartForm multipart();

    /** Sets the response status. */
    void status(int status);

    /** The response status set so far (200 until one is set). */
    int status();

    /** Sets a response header, replacing earlier values; a null value removes it. */
    void setHeader(String name, String value);

    /** Adds a response header value, keeping earlier ones. */
    void addHeader(String name, String value);

    /** Sets the whole response body. */
    void result(byte[] body);

    /** Sets the response body to a stream, written (and closed) by the transport. */
    void result(InputStream body);

    /** The first value of a request header, or null. */
    default String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }

    /** The request's {@code Content-Type}, or null. */
    default String contentType() {
        return header("Content-Type");
    }
}
