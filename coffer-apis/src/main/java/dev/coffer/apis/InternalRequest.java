package dev.coffer.apis;

import dev.coffer.tools.filesystem.UploadedFile;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * One sub-request of a batch, as submitted: method, URL (path and query), headers, JSON body and uploaded
 * files by field name. {@code onBatchRequest} handlers may change any of them before the batch runs.
 */
public final class InternalRequest {

    private String method;
    private String url;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private ObjectNode body;
    private final Map<String, List<UploadedFile>> files = new LinkedHashMap<>();

    /** Creates a sub-request; a null body reads as an empty object. */
    public InternalRequest(String method, String url, Map<String, String> headers, ObjectNode body) {
        this.method = method == null ? "" : method;
        this.url = url == null ? "" : url;
        if (headers != null) {
            this.headers.putAll(headers);
        }
        this.body = body == null ? dev.coffer.tools.json.Json.object() : body;
    }

    /** The HTTP method as submitted. */
    public String method() {
        return method;
    }

    /** Replaces the method. */
    public void setMethod(String value) {
        method = value;
    }

    /** The URL: path with an optional query string. */
    public String url() {
        return url;
    }

    /** Replaces the URL. */
    public void setUrl(String value) {
        url = value;
    }

    /** The sub-request's own headers (mutable); they override the batch request's, except Authorization. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The JSON body (mutable). */
    public ObjectNode body() {
        return body;
    }

    /** Replaces the body. */
    public void setBody(ObjectNode value) {
        body = value;
    }

    /** The uploaded files by field name, including modifiers such as {@code field+} (mutable). */
    public Map<String, List<UploadedFile>> files() {
        return files;
    }
}
