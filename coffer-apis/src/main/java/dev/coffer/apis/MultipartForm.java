package dev.coffer.apis;

import dev.coffer.tools.filesystem.UploadedFile;
import io.javalin.http.Context;
import jakarta.servlet.http.Part;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parts of a {@code multipart/form-data} body, read once per request and kept on it: plain values by part
 * name, and files by part name as sent ({@code field}, {@code +field}, {@code field+}). A part with an empty
 * file name is a value, as in PocketBase, so a blank file input reads as {@code ""}.
 *
 * @param values the non-file parts, in order, by name
 * @param files the file parts, in order, by name
 */
public record MultipartForm(Map<String, List<String>> values, Map<String, List<UploadedFile>> files) {

    private static final MultipartForm EMPTY = new MultipartForm(Map.of(), Map.of());

    /** Whether the request body is multipart form data. */
    static boolean isMultipart(Context ctx) {
        return isMultipart(ctx.contentType());
    }

    /** Whether a {@code Content-Type} is multipart form data. */
    static boolean isMultipart(String type) {
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /**
     * Parses a request's multipart form (empty for other bodies); {@link JavalinExchange} keeps the result.
     *
     * @throws ApiError 400 when the body is not valid multipart data
     */
    static MultipartForm parse(Context ctx) {
        if (!isMultipart(ctx)) {
            return EMPTY;
        }
        Map<String, List<String>> values = new LinkedHashMap<>();
        Map<String, List<UploadedFile>> files = new LinkedHashMap<>();
        try {
            // Javalin applies its multipart limits and parses the body on the first parts access; the servlet
            // request then keeps the parts. Its own value map also holds file parts, so the parts are split here.
            ctx.uploadedFiles();
            for (Part part : ctx.req().getParts()) {
                byte[] content;
                try (InputStream in = part.getInputStream()) {
                    content = in.readAllBytes();
                }
                String fileName = part.getSubmittedFileName();
                if (fileName == null || fileName.isEmpty()) {
                    values.computeIfAbsent(part.getName(), k -> new ArrayList<>())
                            .add(new String(content, StandardCharsets.UTF_8));
                } else {
                    files.computeIfAbsent(part.getName(), k -> new ArrayList<>())
                            .add(UploadedFile.of(fileName, content));
                }
            }
        } catch (ApiError e) {
            throw e;
        } catch (Exception e) {
            throw ApiError.badRequest("An error occurred while loading the submitted data.");
        }
        values.replaceAll((k, v) -> List.copyOf(v));
        files.replaceAll((k, v) -> List.copyOf(v));
        return new MultipartForm(Collections.unmodifiableMap(values), Collections.unmodifiableMap(files));
    }
}
